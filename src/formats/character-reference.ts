// A numeric character reference of HTML or XML (`&#233;`, `&#xE9;`), as the exports of MySQL
// (`mysql -X`) and Telegram Desktop write them. A number past Unicode (a crafted file's
// `&#99999999;`) names no character: String.fromCodePoint throws a RangeError for it, which
// refused the whole file naming no line. Such a reference is left as written.

/** The character `digits` (decimal, or hexadecimal when `hex`) names; undefined past U+10FFFF. */
export function referencedChar(digits: string, hex: boolean): string | undefined {
  const code = Number.parseInt(digits, hex ? 16 : 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
