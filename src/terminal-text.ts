// What reaches a terminal. File names, usernames, instance names and system ids come from
// outside (a dropped file, a dump, an HTTP request); printed raw, an ESC sequence in one of them
// rewrites the operator's screen, a BEL rings, a CR or newline fakes a line of output, and a
// bidirectional override shows text backwards. Every line any command prints goes through
// `println`, which escapes them all, so no caller has to remember to.

/**
 * C0 controls (newline and tab included: one call prints one line), DEL, C1 controls (0x9b is a
 * CSI on 8-bit terminals), the Unicode line and paragraph separators, and the bidirectional
 * embedding, override and isolate marks and the three implicit direction marks (left-to-right,
 * right-to-left, and the Arabic letter mark U+061C, which reorders text as U+200F does).
 */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text as one printable line: every unsafe character as a visible `\x1b` / `\u202e` escape. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/**
 * A value as one line of JSON that shows no unsafe character either: each one as JSON's own
 * `\u0085` escape, which reads back as the same character. escapeControls over JSON text wrote
 * `\x85` for a C1 control (JSON.stringify leaves C1, DEL and the direction marks raw), and no JSON
 * reader takes `\x`: `status --json` with such a name in it could not be read at all.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
