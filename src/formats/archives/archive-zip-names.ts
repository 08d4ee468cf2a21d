// A zip member's name as its maker meant it. APPNOTE (4.4.4 bit 11, appendix D) says a name is
// UTF-8 when the entry's general purpose bit 11 says so, CP437 otherwise; yauzl follows that, and
// reads Info-ZIP's Unicode Path extra field (0x7075: a UTF-8 name beside the legacy one, with the
// legacy name's CRC-32; 7-Zip writes it since 21.02) first. But the zippers that sellers use do
// not all follow it:
//   - macOS (Archive Utility, `ditto -c -k`, and /usr/bin/zip, Info-ZIP 3.0) and Info-ZIP's zip on
//     Linux store the file system's UTF-8 bytes with bit 11 clear and no 0x7075 field
//     (tanupoo/unzipx README.md "mac 10.14.6 ... filename: UTF-8, but no UTF-8 bit"; checked with
//     Debian's zip 3.0 in test/import/archives.test.ts), macOS's in decomposed form (NFD, `é` as
//     `e` + U+0301). Read as CP437 they come out garbled: `niveau-é/` as `niveau-├⌐/`.
//   - Windows Explorer and 7-Zip before 21.02 store the local ANSI/OEM code page (CP437 in the US,
//     CP850, CP866, Shift_JIS, ...) with bit 11 clear (the same README; clsty/zip-encoding-test).
// So a name without the flag and without a valid 0x7075 field whose bytes are valid UTF-8 and not
// all ASCII is read as UTF-8: a CP437 name almost never is (a UTF-8 sequence is a lead byte
// 0xC2-0xF4 then continuation bytes 0x80-0xBF: in CP437 `┬`-`⌠` then accented letters and box
// drawing, no name anyone types; a Cyrillic name in CP866 may be, so that is tried first: PAGES;
// and half-width katakana's bytes, 0xA1-0xDF, may be too: there UTF-8 must read one script's letters, utf8Name). Every name is put in composed form (NFC), so `é` from a Mac and
// from Windows is one name.
//
// A Windows zipper's name in the code page of a Russian, Japanese or Chinese Windows (its OEM
// page, or the ANSI one some zippers wrote: the bytes carry no mark of which; Info-ZIP's unzip
// asks the user with `-O`) is read in the first code page of PAGES below that reads it as one
// script's words: CP866 and CP1251 as Cyrillic words (each all lower case, all upper case or
// capitalised, two letters at least: `уровень30`, `Аккаунты`), Shift_JIS as kana and kanji (a
// kana, or two kanji), GBK as the 6,763 hanzi of GB2312 (both bytes 0xB0-0xF7 / 0xA1-0xFE,
// where Simplified Chinese names lie), and last CP850, a Western Windows's OEM page (`Não`, `Ações`:
// accented letters where CP437 has box drawing or Greek). The rules leave one another little room: CP866's letters
// are CP1251's symbols and box drawing and the other way round (but for the one range PAGES says),
// a Cyrillic byte is no Shift_JIS lead byte, Shift_JIS's kana rows lie below GB2312's, and a
// CP437 Latin name (`Bestände`, `Größe`) makes no such words in any of them. The host that made
// the zip (version made by, APPNOTE 4.4.2) is not asked: Info-ZIP on Linux copies a Windows
// share's CP1251 bytes as they are, under host Unix. A name none of
// these reads stays CP437, as APPNOTE says. Korean (EUC-KR's Hangul rows are GB2312's hanzi rows,
// byte for byte) and Traditional Chinese (Big5, whose pairs are often GB2312's too) are told from
// GBK by frequency, as chardet's distribution analysis does (zip-names-frequent.ts): a name read in
// the wrong one of them is characters taken at random, few of them among the language's 512 most
// frequent. Measured on 2,000 random names of 2 frequent characters each, Korean, GB2312 and Big5
// misread 23, 13 and 23; of 3, 5, 0 and 11; a zip of several names is judged whole.
import type * as Yauzl from 'yauzl';
import { lazily } from '../../lazy-require.js';
import { COMMON_GB2312, FREQUENT_BIG5, FREQUENT_GB2312, FREQUENT_HANGUL } from './zip-names-frequent.js';

const zlib = lazily<typeof import('node:zlib')>('node:zlib');
const UTF8_FLAG = 0x800;
const UNICODE_PATH = 0x7075;

/** Whether yauzl took the name from a valid Info-ZIP Unicode Path field (its own test: version 1, the CRC of the legacy name). */
function hasUnicodePath(entry: Yauzl.Entry): boolean {
  return entry.extraFields.some((f) => f.id === UNICODE_PATH && f.data.length >= 6 && f.data[0] === 1 && f.data.readUInt32LE(1) === zlib().crc32(entry.fileNameRaw));
}

/** Whether the name of `entry` is in a code page its zip does not name: no UTF-8 flag, no Unicode Path field, a byte outside ASCII. */
function unmarked(entry: Yauzl.Entry): boolean {
  return (entry.generalPurposeBitFlag & UTF8_FLAG) === 0 && entry.fileNameRaw.some((b) => b >= 0x80) && !hasUnicodePath(entry);
}

/**
 * The names of a zip's entries (yauzl's, decoded with decodeStrings), read as their maker wrote them.
 * One zipper on one machine wrote all of a zip's unmarked names, in one code page: the first page
 * that reads them all, together, is theirs (a lone kanji, `表`, is Shift_JIS beside `アカウント`,
 * where alone it reads as nothing). Names no one page reads are each read alone. Each entry is
 * listed first (list), then the page decided, then each name asked for (of).
 */
export class ZipNames {
  private readonly raws: Buffer[] = [];
  private page: CodePage | undefined;

  list(entry: Yauzl.Entry): void {
    if (unmarked(entry)) this.raws.push(Buffer.from(entry.fileNameRaw));
  }

  decide(): void {
    this.page = this.raws.length > 1 ? commonPage(this.raws) : undefined;
    this.raws.length = 0;
  }

  /**
   * The entry's path, and how much of it is in an unsure code page: none where a page read it or
   * CP437 reads it as Latin words (cp437Words). Such a name is shown as read, but states no level
   * or verdict (NameUnsure).
   */
  of(entry: Yauzl.Entry): { path: string; unsure: NameUnsure | undefined } {
    if (!unmarked(entry)) return { path: entry.fileName.normalize('NFC'), unsure: undefined };
    const raw = entry.fileNameRaw;
    const read = (this.page ? decoded(this.page, raw) : undefined) ?? legacyName(raw);
    // As yauzl does with strictFileNames off: a Windows zipper's backslashes are folders (replaced
    // once decoded: 0x5C is a Shift_JIS trail byte, `ソ` is 0x83 0x5C).
    const path = (read ?? entry.fileName).replace(/\\/g, '/').normalize('NFC');
    if (read !== undefined || cp437Words(raw, entry.fileName)) return { path, unsure: undefined };
    // `/` (0x2F) is no trail byte of any page: the own name after the last one, all ASCII and no
    // backslash (0x5C is one: Shift_JIS's `ソ`), is what it says (`①ネ/banned.txt`).
    const own = raw.subarray(raw.lastIndexOf(0x2f) + 1);
    return { path, unsure: own.every((b) => b < 0x80 && b !== 0x5c) ? 'folders' : 'path' };
  }
}

/**
 * A name in no code page read with confidence: `folders` where only its folders are (its own name
 * is ASCII), `path` where its own name is too. Neither states a level by its folders; `path`
 * states no level or verdict by its own name either.
 */
export type NameUnsure = 'folders' | 'path';

/** An ASCII byte that is a Shift_JIS or Big5 trail byte and no part of a typed Latin name: `@[\]^`{|}~`. */
const TRAIL_SYMBOL = /[@[\]^`{|}~]/;

/**
 * Whether CP437's reading `text` of `raw` is Latin words, as a US or Western DOS/Windows zipper
 * wrote them (`Größe`, `Contraseñas`, `café`): every byte outside ASCII a CP437 Latin letter, none
 * beside a symbol that is a trail byte (Shift_JIS's `①ネ30`, 0x87 0x40 0x83 0x6C, is `ç@âl30`),
 * and in each word no more accented letters than plain ones (a Shift_JIS lead byte 0x81-0x9F is
 * CP437's `ü`-`ƒ`: full-width `Ｌｖ` is `ékéû`). Anything else is a page none of PAGES reads:
 * box drawing, Greek and symbols (`╨░╨║`), or a Japanese or Greek name whose bytes fall on letters.
 */
function cp437Words(raw: Buffer, text: string): boolean {
  if (!raw.every((b) => b < 0x80 || cp437Latin(b))) return false;
  const chars = [...text];
  if (chars.some((c, i) => c >= '\x80' && (TRAIL_SYMBOL.test(chars[i - 1] ?? '') || TRAIL_SYMBOL.test(chars[i + 1] ?? '')))) return false;
  return (text.match(/[A-Za-z\u0080-\uffff]+/g) ?? []).every((word) => {
    const accented = [...word].filter((c) => c >= '\x80').length;
    return accented * 2 <= [...word].length;
  });
}

/** No Russian word opens with `ъ`, `ь` or `ы`: CP1251 reads half-width katakana's `ﾚﾍﾞﾙ` (0xDA 0xCD 0xDE 0xD9) as `ЪНЮЩ`. */
const CYRILLIC_WORD = /^(?![ЪЬЫъьы])(?:[а-яё]+|[А-ЯЁ][а-яё]*|[А-ЯЁ]+)$/;
/** A Russian word of three letters or more has a vowel; GBK's `资料` in CP1251 (`ЧКБП`) has none. */
const CYRILLIC_VOWEL = /[аеёиоуыэюяАЕЁИОУЫЭЮЯ]/;
/** Hiragana, katakana (and its long-vowel mark), CJK ideographs, and the ideographic space, comma, full stop and brackets. */
const JAPANESE = /^[\u3000-\u3002\u300c-\u300f\u3041-\u3096\u309b-\u309e\u30a1-\u30fe\u4e00-\u9fff]$/u;

interface CodePage {
  decoder: { decode(bytes: Buffer): string };
  /** Whether `bytes`, decoded as `text`, read as this code page's names would. */
  reads(bytes: Buffer, text: string): boolean;
}

/**
 * Every run of letters outside ASCII, with the ASCII letters around it, is a Cyrillic word (with a
 * vowel, from three letters); two letters at least; none beside `@`, `^`, `` ` ``, `|` or `~`, Shift_JIS trail bytes no typed name
 * puts against a letter (`①ソbanned.txt`, 0x87 0x40 0x83 0x5C ..., is CP866's `З@Г\banned.txt`).
 */
function cyrillicWords(_bytes: Buffer, text: string): boolean {
  if (/[^\x00-\x7f][@^`|~]|[@^`|~][^\x00-\x7f]/.test(text)) return false;
  const words = text.match(/[^\x00-\x40\x5b-\x60\x7b-\x7f]+/g) ?? [];
  return words.every((w) => !/[^\x00-\x7f]/.test(w) || (CYRILLIC_WORD.test(w) && (w.length < 3 || CYRILLIC_VOWEL.test(w)))) && text.replace(/[\x00-\x7f]/g, '').length >= 2;
}

/**
 * CP866, unless every byte outside ASCII is 0xE0-0xF7: CP1251's `а`-`ч`, which CP866 reads as
 * `р`-`я` and `Ёё`-`Ўў` (`заказ` as `чрърч`), letters enough to make words of.
 */
function cp866Words(bytes: Buffer, text: string): boolean {
  return cyrillicWords(bytes, text) && bytes.some((b) => b >= 0x80 && (b < 0xe0 || b > 0xf7));
}

/**
 * Shift_JIS: every character outside ASCII a kana, a kanji or Japanese punctuation (no half-width
 * kana), and a kana among them or two kanji: one kanji alone is what two CP437 Latin letters
 * often make (`ö` `ß` of `Größe` is the pair 0x94E1, 批); none with a Latin letter on both sides.
 */
function japanese(_bytes: Buffer, text: string): boolean {
  // Not inside a Latin word: CP437's `ö` `ß` of `Größe` are 批 between `r` and `e`.
  if (/[A-Za-z][^\x00-\x7f]+[A-Za-z]/.test(text)) return false;
  const wide = [...text].filter((c) => c >= '\x80');
  return wide.every((c) => JAPANESE.test(c)) && (wide.some((c) => /[\u3041-\u30fe]/u.test(c)) || wide.length >= 2);
}

/** GBK: every byte outside ASCII in a GB2312 hanzi pair (lead 0xB0-0xF7, or below `leadsBelow`; trail 0xA1-0xFE). */
function gb2312Hanzi(bytes: Buffer, _text = '', leadsBelow = 0xf8): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    const lead = bytes[i]!;
    const trail = bytes[++i] ?? 0;
    if (lead < 0xb0 || lead >= leadsBelow || trail < 0xa1 || trail > 0xfe) return false;
  }
  return true;
}

/**
 * Shift_JIS's half-width katakana (one byte each, 0xA1-0xDF: `ﾚﾍﾞﾙ30`, `ｱｶｳﾝﾄ`), as an older
 * Japanese Windows or a Japanese user's IME left them. Those bytes are CP437's accented letters and
 * box drawing and GB2312's and EUC-KR's pairs, so: every character outside ASCII a half-width kana;
 * each run of them two at least and not inside a lower-case Latin word (CP437's `ñ` of
 * `Contraseñas` is `ﾄ`); no run opening with a voicing or long-vowel mark or a small kana; the bytes
 * not UTF-8; and not all GB2312 hanzi of its first level (a run of odd length is no pairs, and
 * `ﾘ`-`ﾟ`, frequent in katakana, are the leads of GB2312's rare second level).
 */
function halfwidthKana(bytes: Buffer, text: string): boolean {
  if (!/^[\x00-\x7f\uff61-\uff9f]*$/u.test(text)) return false;
  const runs = text.match(/[\uff61-\uff9f]+/gu) ?? [];
  if (runs.length === 0 || runs.some((run) => run.length < 2 || /^[\uff61\uff63-\uff65\uff67-\uff70\uff9e\uff9f]/u.test(run))) return false;
  // Not beside an ASCII letter or a symbol 0x40-0x7E but `_`: CP437's `Contraseñas`, Big5's trail bytes.
  if (/[@-^`-~][\uff61-\uff9f]|[\uff61-\uff9f][@-^`-~]/u.test(text)) return false;
  // A voicing mark only after a kana it voices (`ｶﾞ`, `ﾊﾟ`, `ｳﾞ`).
  if (/(?<![\uff73\uff76-\uff84\uff8a-\uff8e])\uff9e|(?<![\uff8a-\uff8e])\uff9f/u.test(text)) return false;
  if (utf8Letters(decoded(codePage('utf-8'), bytes))) return false;
  if (!runs.every(kanaSpelling)) return false;
  // Pairs of GB2312's first level: kana where the GBK reading is hanzi taken at random, fewer than
  // half of them among Chinese's 1,024 most frequent (as korean() tells Hangul from hanzi): a
  // Chinese name's characters are frequent ones most of the time (`资料`, `已用`), a kana name's
  // pairs seldom (`ｱｲﾃﾑ` is `辈醚`, `ﾊﾝﾀｰ` `瘦腊`). The 512 most frequent told them no better than
  // before (as many Chinese names lost as kana won), 2,048 lost kana; measured in docs/scale-log.md (stop 41).
  if (/[\uff9e\uff9f]/u.test(text) || !gb2312Hanzi(bytes, '', 0xd8)) return true;
  // Big5's pairs are GB2312's too (`舊號` is `ﾂﾂｸｹ`): frequent Traditional hanzi stay Big5's.
  return frequentShare(decoded(codePage('gbk'), bytes), COMMON_GB2312) < 0.5 && frequentShare(decoded(codePage('big5'), bytes), FREQUENT_BIG5) < 0.5;
}

/** A half-width kana of full size (`ｦ`, `ｱ`-`ﾝ`): not a small one, a mark or punctuation. */
const isKana = (c: number) => c === 0xff66 || (c >= 0xff71 && c <= 0xff9d);
/** The i column (`ｲ`, `ｷ`, `ｼ`, `ﾁ`, `ﾆ`, `ﾋ`, `ﾐ`, `ﾘ`) and `ﾃ`, `ﾌ` (`ﾃｭ`, `ﾌｭ`), which a small `ｬ`, `ｭ`, `ｮ` follows. */
const BEFORE_SMALL_Y = new Set([0xff72, 0xff77, 0xff7c, 0xff81, 0xff83, 0xff86, 0xff8b, 0xff8c, 0xff90, 0xff98]);
const VOICING = (c: number) => c === 0xff9e || c === 0xff9f;

/**
 * Whether a run of half-width kana is spelled as katakana is (the Japanese orthography of
 * loanwords, as the Cabinet's 外来語の表記 sets it out): a small `ｧ`-`ｫ` after a kana; a small
 * `ｬ`, `ｭ`, `ｮ` after one of the i column (`ｷｬ`, `ｼｮ`) or `ﾃ`, `ﾌ`, voiced or not; the small `ｯ`
 * after a kana and before a consonant's (`ﾁｪｯｸ`, `ﾄｯﾌﾟ`); the long-vowel mark `ｰ` after a kana or
 * a small one (`ﾃﾞｰﾀ`, `ｼｮｰ`), never doubled; the middle dot `･` between two kana. Bytes that
 * read as kana by chance break these often: Big5's `等級` is `ｵ･ｯﾅ`, `檔案` `ﾀﾉｮﾗ`.
 */
function kanaSpelling(run: string): boolean {
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    const prev = i > 0 ? run.charCodeAt(i - 1) : 0;
    const next = i + 1 < run.length ? run.charCodeAt(i + 1) : 0;
    let ok = true;
    if (c >= 0xff67 && c <= 0xff6b) ok = isKana(prev) || prev === 0xff9e;
    else if (c >= 0xff6c && c <= 0xff6e) ok = BEFORE_SMALL_Y.has(VOICING(prev) && i > 1 ? run.charCodeAt(i - 2) : prev);
    else if (c === 0xff6f) ok = (isKana(prev) || (prev >= 0xff67 && prev <= 0xff6e) || prev === 0xff70 || VOICING(prev)) && prev !== 0xff9d && ((next >= 0xff76 && next <= 0xff84) || (next >= 0xff8a && next <= 0xff8e));
    else if (c === 0xff70) ok = prev !== 0xff70 && prev !== 0xff6f && ((prev >= 0xff66 && prev <= 0xff6e) || (prev >= 0xff71 && prev <= 0xff9f));
    else if (c === 0xff65) ok = (isKana(prev) || prev === 0xff70 || VOICING(prev)) && isKana(next);
    if (!ok) return false;
  }
  return true;
}

/**
 * Whether `text` (UTF-8's reading) is Western Europe's accented letters (`café`, `niveau-é`: 0xC3
 * 0xA9 is `ﾃｩ` in Shift_JIS), or two letters or more outside ASCII, all of one script: a Mac's
 * `база` (0xD0 0xB1 ...: `ﾐｱﾐｰ...`). Another letter alone (`μ`, `ż`: `ﾎｼ`, `ﾅｼ`) or letters of
 * several scripts and marks (`мֳ`: `ﾐｼﾖｳ`) are what half-width katakana's bytes make in UTF-8 by chance.
 */
function utf8Letters(text: string | undefined): boolean {
  if (text === undefined) return false;
  const wide = [...text].filter((c) => c >= '\x80');
  if (wide.length === 0 || !wide.every((c) => /\p{L}/u.test(c))) return false;
  if (wide.every((c) => c >= '\u00c0' && c <= '\u00ff')) return true;
  if (wide.length < 2) return false;
  return SCRIPTS.some((script) => wide.every((c) => script.test(c)));
}
const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Greek}/u, /\p{Script=Cyrillic}/u, /\p{Script=Armenian}/u, /\p{Script=Hebrew}/u, /\p{Script=Arabic}/u];

/**
 * UTF-8, unless its bytes are all half-width katakana's as well (0xA1-0xDF) and its letters not
 * one script's (utf8Letters): those are left to the pages after, Korean, katakana and GBK, and read
 * as UTF-8 last where none of them reads them (PAGES).
 */
function utf8Name(bytes: Buffer, text: string): boolean {
  return !bytes.every((b) => b < 0x80 || (b >= 0xa1 && b <= 0xdf)) || utf8Letters(text);
}

/**
 * Every Cyrillic word four letters or more, a third of them vowels or more, and no hard or soft
 * sign or `ы` after a vowel, no hard sign but before `е`, `ё`, `ю`, `я` (Russian spelling): kana
 * read in CP1251 seldom are (`ﾌﾚﾝﾄﾞ` is `МЪЭДЮ`).
 */
function russianSpelling(text: string): boolean {
  const words = text.match(/[А-ЯЁа-яё]+/g) ?? [];
  return words.length > 0 && words.every((w) => w.length >= 4 && (w.match(/[аеёиоуыэюяАЕЁИОУЫЭЮЯ]/g) ?? []).length * 3 >= w.length && !/[аеёиоуыэюяАЕЁИОУЫЭЮЯ][ъьыЪЬЫ]|[ъЪ][^еёюяЕЁЮЯ]/.test(w));
}

/** Whether `bytes` read as half-width katakana with a voicing mark (`ﾊﾞﾝ`, `ﾚﾍﾞﾙ`). */
function voicedKana(bytes: Buffer): boolean {
  const text = decoded(codePage('shift_jis'), bytes);
  return text !== undefined && /[\uff9e\uff9f]/u.test(text) && halfwidthKana(bytes, text);
}

/** The share of `text`'s characters outside ASCII that are in `frequent`. */
function frequentShare(text: string | undefined, frequent: Set<string>): number {
  const wide = [...(text ?? '')].filter((c) => c >= '\x80');
  return wide.length === 0 ? 0 : wide.filter((c) => frequent.has(c)).length / wide.length;
}

/**
 * EUC-KR (Windows's CP949), a Korean Windows's page: every character outside ASCII a Hangul
 * syllable of KS X 1001 (lead 0xB0-0xC8, trail 0xA1-0xFE), three in four of them among Korean's
 * 512 most frequent, and more of them than GBK's reading of the same bytes finds among Chinese's.
 * Those bytes are GB2312 hanzi too; a Chinese name read as Hangul is syllables taken at random from
 * 2,350, a fifth of them frequent (chardet's distribution analysis, zip-names-frequent.ts).
 */
function korean(bytes: Buffer, text: string): boolean {
  if (!/^[\x00-\x7f\uac00-\ud7a3]*$/u.test(text)) return false;
  const share = frequentShare(text, FREQUENT_HANGUL);
  return share >= 0.75 && share > frequentShare(decoded(codePage('gbk'), bytes), FREQUENT_GB2312);
}

/**
 * Big5, a Taiwanese or Hong Kong Windows's page (`帳號`, `等級30`): every character outside ASCII a
 * hanzi, and the bytes no GB2312 hanzi or fewer of GBK's reading frequent in Chinese than of Big5's
 * in Traditional Chinese (a trail byte 0x40-0x7E is Big5's alone; one of 0xA1-0xFE both's).
 */
function traditionalChinese(bytes: Buffer, text: string): boolean {
  if (!/^[\x00-\x7f\u4e00-\u9fff]*$/u.test(text) || !big5Pairs(bytes)) return false;
  return !gb2312Hanzi(bytes) || frequentShare(text, FREQUENT_BIG5) > frequentShare(decoded(codePage('gbk'), bytes), FREQUENT_GB2312);
}

/**
 * Every byte outside ASCII in a pair of Big5 proper (lead 0xA1-0xF9; trail 0x40-0x7E or 0xA1-0xFE,
 * not past WHATWG's Hong Kong additions below 0xA1), and no trail an ASCII letter right after one:
 * CP437's `ñ` and `Ñ` (0xA4, 0xA5) are Big5 leads, so `Contraseñas` and `ESPAÑA` would read `兀`, `丕`.
 */
function big5Pairs(bytes: Buffer): boolean {
  const letter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
  let afterLetter = false;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      afterLetter = letter(lead);
      continue;
    }
    const trail = bytes[++i] ?? 0;
    if (lead < 0xa1 || lead > 0xf9 || !((trail >= 0x40 && trail <= 0x7e) || (trail >= 0xa1 && trail <= 0xfe))) return false;
    if (afterLetter && letter(trail)) return false;
    afterLetter = false;
  }
  return true;
}

/**
 * CP850, Western Europe's OEM code page (a Spanish, Portuguese, French or German Windows's zip):
 * bytes 0x80-0xFF as Python's encodings/cp850.py maps them (Unicode's VENDORS/MICSFT/PC/CP850.TXT).
 * WHATWG's TextDecoder has no ibm850.
 */
const CP850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const cp850 = { decode: (bytes: Buffer) => Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : CP850_HIGH[b - 0x80]!)).join('') };
/** CP437's bytes that are Latin letters (`Ç`-`Ü`, `á`-`Ñ`, `ß`): a name of only these reads the same in CP437. */
const cp437Latin = (b: number) => (b >= 0x80 && b <= 0x9a) || (b >= 0xa0 && b <= 0xa5) || b === 0xe1;
/**
 * CP850 where it reads every character outside ASCII as an accented Latin letter and CP437 does
 * not (`Não`: CP850's `ã` 0xC6 is CP437's `╞`; `Ações`: `õ` 0xE4 is `Σ`). Where both read letters
 * (`Contraseñas`, `Größe`) the two pages agree and CP437 stands.
 */
function westernLetters(bytes: Buffer, text: string): boolean {
  return /^[\x00-\x7f\u00c0-\u00ff\u0131]*$/.test(text) && !/[×÷]/.test(text) && bytes.some((b) => b >= 0x80 && !cp437Latin(b));
}

/**
 * In this order. Cyrillic and Japanese before UTF-8: CP866's `р`-`я` are UTF-8 lead bytes and
 * `а`-`п` its continuation bytes (`список` is valid UTF-8, `ᯨ᮪`), and a Mac's UTF-8 name makes no
 * Cyrillic words in CP866 or CP1251 (its bytes 0x80-0xBF are their box drawing, symbols or a
 * second capital). Korean, Big5 and GBK after UTF-8: a Mac's `é` (0xC3 0xA9) is a GB2312 pair;
 * Korean and Big5 before GBK, each only where its frequent characters say so. CP866 last again
 * for the words CP1251 did not read.
 */
const PAGES: [string, CodePage['reads']][] = [
  ['ibm866', cp866Words],
  // CP1251's capitals are half-width katakana's bytes: `ﾊﾞﾝ` (banned) is `КЮЭ`; voiced, it is kana,
  // unless its words are Russian ones of four letters or more (`СЕГОДНЯ` is `ﾑﾅﾃﾎﾄﾍﾟ`).
  ['windows-1251', (bytes, text) => cyrillicWords(bytes, text) && (!voicedKana(bytes) || russianSpelling(text))],
  ['shift_jis', japanese],
  ['utf-8', utf8Name],
  ['euc-kr', korean],
  ['shift_jis', halfwidthKana],
  ['big5', traditionalChinese],
  ['gbk', gb2312Hanzi],
  ['ibm866', cyrillicWords],
  ['utf-8', () => true],
  ['cp850', westernLetters],
];
let pages: CodePage[] | undefined;
const decoders = new Map<string, CodePage['decoder']>();

/** The decoder of `label`, made once. */
function codePage(label: string): Pick<CodePage, 'decoder'> {
  let decoder = decoders.get(label);
  if (!decoder) decoders.set(label, (decoder = label === 'cp850' ? cp850 : new TextDecoder(label, { fatal: true })));
  return { decoder };
}

function codePages(): CodePage[] {
  return (pages ??= PAGES.map(([label, reads]) => ({ ...codePage(label), reads })));
}

/** `raw` in `page`, or undefined where its bytes are no text of it (or control characters). */
function decoded(page: Pick<CodePage, 'decoder'>, raw: Buffer): string | undefined {
  try {
    const text = page.decoder.decode(raw);
    return /[\x00-\x1f\x7f-\x9f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The name the bytes `raw` (not ASCII) spell in a Windows code page or UTF-8, or undefined (CP437). */
function legacyName(raw: Buffer): string | undefined {
  for (const page of codePages()) {
    const text = decoded(page, raw);
    if (text !== undefined && page.reads(raw, text)) return text;
  }
  return undefined;
}

const SLASH = Buffer.from('/');

/** The first page in which every one of `raws` is text and all of them, joined by `/`, read as its names would. */
function commonPage(raws: Buffer[]): CodePage | undefined {
  const joined = Buffer.concat(raws.flatMap((raw) => [raw, SLASH]));
  for (const page of codePages()) {
    const texts = raws.map((raw) => decoded(page, raw));
    if (texts.every((t) => t !== undefined) && page.reads(joined, texts.join('/'))) return page;
  }
  return undefined;
}
