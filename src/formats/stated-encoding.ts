// `import --encoding NAME` (and the inbox's `encoding-NAME/` folder): the operator names the
// charset of a file that is not UTF-8 and whose bytes do not show which 8-bit charset it is in
// (legacy-charset.ts), so that its lines holding such bytes are read, not refused. The names are
// the WHATWG Encoding Standard's labels, the ones iconv and browsers use (`windows-1250`,
// `cp1251`, `koi8-r`, `shift_jis`, `gbk`, `iso-8859-2`, `macintosh`, `utf-16le`): Node's own
// TextDecoder (full ICU) decodes them, so no table is kept here.

/** The option's name, one source for `import --help` and the messages that point to it. */
export const ENCODING_FLAG = '--encoding';

/**
 * The charsets named in a message listing the choices: the Encoding Standard's names (any of its
 * labels is taken too: `cp1251`, `latin2`, `sjis`). ISO-2022-KR and the like decode to nothing and
 * are not offered (TextDecoder refuses their labels).
 */
const NAMES = [
  'utf-8', 'utf-16le', 'utf-16be',
  'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'windows-874',
  'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16',
  'koi8-r', 'koi8-u', 'ibm866', 'macintosh', 'x-mac-cyrillic',
  'shift_jis', 'euc-jp', 'iso-2022-jp', 'gbk', 'gb18030', 'big5', 'euc-kr',
];

/** The charset `name` names, as TextDecoder calls it (`cp1251` is `windows-1251`), or why it names none. */
export function statedEncoding(name: string): { encoding: string } | { problem: string } {
  const label = name.trim();
  try {
    if (label !== '') return { encoding: new TextDecoder(label).encoding };
  } catch {
    // RangeError: a label the Encoding Standard does not know.
  }
  return { problem: `${ENCODING_FLAG}: "${name}" names no charset; use one of ${NAMES.join(', ')} (or another label of theirs: cp1251, latin2, sjis, ...)` };
}

/** The text of a file the operator said is in `encoding`, or that text with `badAt`, the offset of its first byte that is no text in it. */
export function decodedAs(bytes: Buffer, encoding: string): { text: string; badAt?: number } {
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder(encoding).decode(bytes);
    return { text, badAt: text.indexOf('\uFFFD') };
  }
}
