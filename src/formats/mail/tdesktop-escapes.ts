// Telegram Desktop writes a control character other than a line break or a tab inside a JSON
// string as `\x0B` (telegramdesktop/tdesktop Telegram/SourceFiles/export/output/export_output_json.cpp,
// `SerializeString`: `\x`, then `'0' + (ch >> 4)` and the low digit in upper-case hex), an escape
// JSON does not know, so a chat whose message holds one (Word's manual line break is U+000B; a
// bell, an escape pasted from a terminal) is no JSON at all. Here those escapes are rewritten as
// the `\u000B` JSON does know, in place: no line moves, so every line named stays the file's.
// A `\x` after an escaped backslash (`\\x0B`, the text `\x0B` itself) is left as written.
const TDESKTOP_ESCAPE = /(?<!\\)((?:\\\\)*)\\x([01][0-9A-F])/g;

/** Whether the text holds an escape only Telegram Desktop writes. */
export const hasTdesktopEscapes = (text: string): boolean => {
  TDESKTOP_ESCAPE.lastIndex = 0;
  return TDESKTOP_ESCAPE.test(text);
};

/** The text with each of Telegram Desktop's `\xHH` written as JSON's `\u00HH`. */
export const withJsonEscapes = (text: string): string => text.replace(TDESKTOP_ESCAPE, '$1\\u00$2');
