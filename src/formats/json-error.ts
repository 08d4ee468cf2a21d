// Where a text that should be JSON breaks, by line and column, and what is wrong there in words
// that quote nothing of it (JSON.parse's own message quotes the text around the error, which may
// hold a password, and Node 20's gives no position at all for some errors: `Unexpected token ']',
// "..." is not valid JSON` for a trailing comma). Values written one after another (appended
// documents, JSON lines) are scanned in turn, so the place named is inside the value that
// breaks, never "more text after the first document". Run only on a text already refused.
import { JsonBroken, JsonText } from './json-text.js';

export interface JsonBreak {
  /** 1-based. */
  line: number;
  /** 1-based, in characters from the line's start. */
  column: number;
  /** What is wrong there, quoting nothing (json-text.ts words it). */
  what: string;
}

/** The first place `text` breaks as JSON values written one after another, or undefined where it does not. */
export function jsonBreak(text: string): JsonBreak | undefined {
  const s = new JsonText(text);
  try {
    while (!s.done()) {
      s.value();
      s.blank();
      // Values one after another may be separated by a comma (objects pasted out of a list).
      s.take(',');
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonBroken)) return undefined; // a message's detail, never a crash of its own
    return { ...JsonText.where(text, error.at), what: error.what };
  }
}
