// Building HTML safely: every piece of text that reaches the page goes through `text` (usernames,
// instance names, sources and file names come from outside and may hold markup). Templates only
// ever join strings made here, so nothing is written into the page unescaped by accident.

/** HTML that is safe to put in a page: made only by the functions of this file. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The direction marks, embeddings, overrides and isolates: escaped HTML still shows them working,
 * so an inbox file named `invoice<U+202E>txt.exe` read as `invoiceexe.txt` on the page. Shown as
 * the visible `\u202e` the terminal shows (terminal-text.ts).
 */
const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text as HTML: markup characters escaped (in element content and in quoted attributes alike), direction marks made visible. */
export function text(value: unknown): Html {
  return new Html(String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!).replace(DIRECTION, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** A template tag: literal parts as written, every `${value}` escaped unless it is already Html. */
export function html(parts: TemplateStringsArray, ...values: unknown[]): Html {
  let out = parts[0]!;
  values.forEach((value, i) => {
    out += join(Array.isArray(value) ? value : [value]).value + parts[i + 1]!;
  });
  return new Html(out);
}

/** Pieces of HTML (or text, escaped) one after another. */
export function join(pieces: readonly unknown[]): Html {
  return new Html(pieces.map((p) => (p instanceof Html ? p.value : p === undefined || p === null || p === false ? '' : text(p).value)).join(''));
}

/** A number for attributes and SVG coordinates: finite, short. */
export function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}
