// A console kept with its colours: `python checker.py | tee out.txt` under a library that colours
// anyway, `script`'s typescript, a terminal's "save output" (`\x1b[32m[HIT]\x1b[0m user:pass`,
// colorama's `Fore.GREEN` and termcolor's `colored()` written to a terminal). The escapes are the
// terminal's instructions, never the text it showed: read with them, `\x1b[32m` would be a login's
// first characters and the line refused as holding control characters. Only sequences an ESC
// opens are taken out: a `[32m` typed in a password, with no ESC before it, stays.

/**
 * ECMA-48 control sequences: CSI (`ESC [`, parameters 0x30-0x3F, intermediates 0x20-0x2F, one
 * final byte 0x40-0x7E: SGR colours, cursor moves, erase-line), OSC (`ESC ]` up to BEL or `ESC \`:
 * the window title a shell's prompt sets in `script`'s record), and the two keypad modes (`ESC =`,
 * `ESC >`). ISO-2022's designations (`ESC $ B`, `ESC ( B`) are a charset's, decoded in decode.ts, never taken.
 */
const TERMINAL_ESCAPE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x1b[=>]/g;

/** The text without its terminal escapes; the text itself when it holds none. No line is joined or split. */
export function withoutTerminalEscapes(text: string): string {
  return text.includes('\x1b') ? text.replace(TERMINAL_ESCAPE, '') : text;
}
