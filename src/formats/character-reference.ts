// A character reference of HTML or XML: numeric (`&#233;`, `&#xE9;`), as the exports of MySQL
// (`mysql -X`) and Telegram Desktop write them, or named (`&amp;`, `&laquo;`), as the chat exports'
// HTML pages (telegram-html.ts, discord-page-markdown.ts) hold them. A number past Unicode (a crafted
// file's `&#99999999;`) names no character: String.fromCodePoint throws a RangeError for it, which
// refused the whole file naming no line. Such a reference is left as written.

/** The character `digits` (decimal, or hexadecimal when `hex`) names; undefined past U+10FFFF. */
export function referencedChar(digits: string, hex: boolean): string | undefined {
  const code = Number.parseInt(digits, hex ? 16 : 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

// The names the exporters write for `& " ' < >` and a no-break space, and the quotation marks a
// hand-edited page may hold (a browser shows `&laquo;` as «, so the seller saw one). One table for
// every page: Telegram's and Discord's read the same text. Any other name is left as written.
const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0', laquo: '\u00ab', raquo: '\u00bb' };

/** HTML text with its character references decoded in one pass (`&amp;lt;` is `&lt;`, not `<`). */
export function decodedReferences(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const hex = name[1] === 'x' || name[1] === 'X';
    return referencedChar(name.slice(hex ? 2 : 1), hex) ?? whole;
  });
}
