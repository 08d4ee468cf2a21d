// A console kept with its colours: `python checker.py | tee out.txt` under a library that colours
// anyway, `script`'s typescript, a terminal's "save output" (`\x1b[32m[HIT]\x1b[0m user:pass`,
// colorama's `Fore.GREEN` and termcolor's `colored()` written to a terminal). The escapes are the
// terminal's instructions, never the text it showed: read with them, `\x1b[32m` would be a login's
// first characters and the line refused as holding control characters. Only sequences an ESC
// opens are taken out: a `[32m` typed in a password, with no ESC before it, stays; so does an
// escape inside a word (withoutTerminalEscapes).

/**
 * The ECMA-48 sequences a console's look is made of, and only those: CSI (`ESC [`, parameters
 * 0x30-0x3F, intermediates 0x20-0x2F) ending in SGR's `m` (colours), erase-in-line `K`, or a
 * cursor move on or between lines (`A` `B` `C` `D` `E` `F` `G`: a progress bar redrawn); OSC (`ESC ]`
 * up to BEL or `ESC \`) setting a window title (0, 1, 2: a shell prompt's in `script`'s record),
 * the working folder (7) or a link (8); the two keypad modes (`ESC =`, `ESC >`). Anything else an
 * ESC opens is no console's colour: OSC 52 writes the clipboard of the terminal that shows it,
 * `ESC [2J` clears the screen. Those stay, and their line is refused as holding control
 * characters (store rule, test/security/terminal-escapes.test.ts). ISO-2022's designations
 * (`ESC $ B`, `ESC ( B`) are a charset's, decoded in decode.ts, never taken.
 */
const ONE_ESCAPE = String.raw`\x1b\[[0-?]*[ -/]*[mKA-G]|\x1b\](?:[0-278]|[0-278];[^\x07\x1b\n]*)(?:\x07|\x1b\\)|\x1b[=>]`;
/** A run of escapes one after another, as a colour's reset and the next colour are written. */
const TERMINAL_ESCAPES = new RegExp(`(?:${ONE_ESCAPE})+`, 'g');
/** A letter or digit: an escape between two of them is inside a word. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The text without its terminal escapes; the text itself when it holds none. No line is joined or split. */
export function withoutTerminalEscapes(text: string): string {
  if (!text.includes('\x1b')) return text;
  // A terminal's colours and moves stand between words (`\x1b[32m[HIT]\x1b[0m user:pass`,
  // `user:\x1b[1mpass`). A run of escapes with a letter or digit on both sides (`bo\x1b[2Jb`) is
  // inside a login or a password: no console colours half a word, and what the owner typed there
  // is unsure, so it stays and its line is refused as holding control characters (store rule).
  return text.replace(TERMINAL_ESCAPES, (run, at: number) => (WORD_CHAR.test(text[at - 1] ?? '') && WORD_CHAR.test(text[at + run.length] ?? '') ? run : ''));
}
