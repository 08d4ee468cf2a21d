// A shop's or a forum post's divider around or between the accounts: `----------`, `==========`,
// `~~~~~~`, `***`, `* * *` (Markdown's thematic break, CommonMark spec 4.1: three `-`, `*` or `_`,
// blanks between them allowed; a list bullet's `* ` already taken off leaves `* *`), a heading framed by such runs (`=== ACCOUNTS ===`, `-----END-----`), and a
// mail's signature delimiter `-- ` (RFC 3676 section 4.3, which mail clients put above the sender's
// name). No letter or digit outside a frame's words, no list separator: no account can be one, so
// it is layout read past, never a "missing password" (the line where a `user:pass` would stand).

/** A run of one mark, three or more, alone; or words framed by such runs; or `--` alone. */
const DIVIDER = /^(?:--[ \t]*|([-=_~*#+.])\1{2,}(?:[ \t]*[\p{L}\p{N}][\p{L}\p{N} \t]{0,30}?[ \t]*\1{3,})?|([-*_])(?:[ \t]+\2)+)$/u;
/** The marks a divider opens with: a cheap look, for the 100,000 account lines that open with none. */
const OPENERS = new Set([...'-=_~*#+.'].map((c) => c.charCodeAt(0)));

export function isDividerLine(s: string): boolean {
  return OPENERS.has(s.charCodeAt(0)) && s.length <= 80 && DIVIDER.test(s);
}
