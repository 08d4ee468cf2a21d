// The words a seller's reply names an account's place in the delivery it quotes with, in the
// languages accounts were sold in (the same as level-words.ts and foreign-labels.ts): `the 2nd
// account`, `account #3`, `the last one`, Russian `пароль от второго аккаунта`, `аккаунт №2`,
// Spanish `la segunda cuenta`, `la cuenta 2`, Portuguese `a segunda conta`, German `das zweite
// Konto`, `Konto Nr. 2`, French `le deuxième compte`, Italian `il secondo account`, Polish `drugie
// konto`, Turkish `ikinci hesap`, Vietnamese `tài khoản thứ hai`, Chinese `第二个账号`, Japanese
// `2番目のアカウント`, `2つ目のアカウント`, Korean `두 번째 계정`, `2번 계정`. Turkish glues its case endings to
// the noun and softens it (`hesap`, `2. hesabın`: the 2nd account's), Korean and Japanese put a
// particle after it (`계정의`, `アカウントの`): the noun's stem is matched, its endings allowed. One list, so that every reader of replies knows the same
// words. An ordinal counts only beside an account's noun (`first of all`, `segundo intento`, `on
// the 14th`, Vietnamese `thứ hai` (Monday) name no account), except the Chinese `第二个`, which
// counts a thing in itself.
import { onFirstUse } from '../on-first-use.js';


/** Ordinal words by the place they name (1-based; 0: the last one). Stems take a language's endings. */
const ORDINALS: [number, string][] = [
  [1, String.raw`first|erste[nrms]?|primer[oa]?|primeir[oa]|premi(?:er|ère)|prim[oa]|pierwsz\p{L}*|перв\p{L}*|[iİ]lk|birinci|thứ\s+nhất|一番目|一つ目|ひとつ目|첫\s*번째|첫째`],
  [2, String.raw`second[eao]?|zweite[nrms]?|segund[oa]|deuxième|drugi\p{L}*|втор\p{L}*|[iİ]kinci|thứ\s+hai|二番目|二つ目|두\s*번째|둘째`],
  [3, String.raw`third|dritte[nrms]?|tercer[oa]?|terceir[oa]|troisième|terz[oa]|trzeci\p{L}*|трет\p{L}*|üçüncü|thứ\s+ba|三番目|三つ目|세\s*번째|셋째`],
  [4, String.raw`fourth|vierte[nrms]?|cuart[oa]|quart[oa]|quatrième|czwart\p{L}*|четв[её]рт\p{L}*|dördüncü|thứ\s+tư|四番目|四つ目|네\s*번째`],
  [5, String.raw`fifth|fünfte[nrms]?|quint[oa]|cinquième|piąt\p{L}*|пят\p{L}*|beşinci|thứ\s+năm|五番目|五つ目|다섯\s*번째`],
  [6, String.raw`sixth|sechste[nrms]?|sext[oa]|sixième|szóst\p{L}*|шест\p{L}*|altıncı|thứ\s+sáu`],
  [7, String.raw`seventh|siebte[nrms]?|s[ée]ptim[oa]|septième|siódm\p{L}*|седьм\p{L}*|yedinci|thứ\s+bảy`],
  [8, String.raw`eighth|achte[nrms]?|octav[oa]|oitav[oa]|huitième|ósm\p{L}*|восьм\p{L}*|sekizinci|thứ\s+tám`],
  [9, String.raw`ninth|neunte[nrms]?|noven[oa]|non[oa]|neuvième|dziewiąt\p{L}*|девят\p{L}*|dokuzuncu|thứ\s+chín`],
  [10, String.raw`tenth|zehnte[nrms]?|d[ée]cim[oa]|dixième|dziesiąt\p{L}*|десят\p{L}*|onuncu|thứ\s+mười`],
  [0, String.raw`last|letzte[nrms]?|[úu]ltim[oa]|derni(?:er|ère)|ostatni\p{L}*|последн\p{L}*|sonuncu|son(?=\s+hesa[pb])|cuối(?:\s+cùng)?|最後の|마지막`],
];

/** A place in digits: English `2nd`, German and Turkish `2.`, a numbered item `2)`, Spanish and Portuguese `2º`/`2ª`, French `2e`/`2ème`, Russian `2-й`/`2-го`, Japanese `2番目`/`2つ目`, Korean `2번째` and `2번` (number 2), Turkish `2 numaralı`. */
const DIGIT_ORDINAL = String.raw`(\d{1,3})(?:st|nd|rd|th|\.|\)|[ºª°]|e|ème|er|ère|-?(?:й|го|ой|ый|ому|м)|\s*番目|\s*つ目|\s*번(?:\s*째)?|\s+numaral[ıi])`;

/** The nouns an account goes by, in those languages (a case's ending taken by the stem). */
const FOREIGN_NOUNS = String.raw`аккаунт\p{L}*|акк\p{L}*|учётк\p{L}*|учетк\p{L}*|логин\p{L}*|акаунт\p{L}*|cuentas?|contas?|konto|kontos|kont[ao]|compte|comptes|hesa[pb]\p{L}*|tài\s+khoản|账号|帐号|賬號|帳號|账户|帳戶|アカウント|계정|아이디`;
const NOUNS = String.raw`account|acc|one|login|line|pair|${FOREIGN_NOUNS}`;

/** A noun, then its number: `account 3`, `account #3`, `No. 3`, `аккаунт №2`, `cuenta nº 2`, `Konto Nr. 2`, `tài khoản số 2`, `账号2`. */
const NUMBERED = String.raw`(?:account|acc|${FOREIGN_NOUNS})\s*(?:#|№|n[º°o]\.?|nr\.?|número|numéro|numero|номер|số)?\s*#?\s*(\d{1,3})|(?:no\.|number|nr\.?|№|número|numéro|номер)\s*#?\s*(\d{1,3})`;

/** Before a Latin or Cyrillic word: no letter or digit glued to it (CJK words stand without blanks). */
const START = String.raw`(?<![\p{Script=Latin}\p{Script=Cyrillic}\d_])`;
const END = String.raw`(?![\p{Script=Latin}\p{Script=Cyrillic}\d])`;

/**
 * Any place named, `g` and `iu`: group 1 an ordinal's word, 2 a digit ordinal, 3 a Vietnamese
 * ordinal after its noun, 4 and 5 a noun's number, 6 `#N`, 7 the Chinese `第N`. Also meant for taking the place out of a sentence (its
 * number is no password). Made on first use (on-first-use.ts): a getter, each caller's
 * `replace` and `matchAll` start it over (`lastIndex`) as they did with the constant.
 */
export const PLACE = onFirstUse(() => new RegExp(
  [
    // An ordinal, then the noun: `second account`, `второго аккаунта`, `2番目のアカウント`, `두 번째 계정`.
    String.raw`${START}(${ORDINALS.map(([, w]) => w).join('|')})\s*(?:の|个|個)?\s*(?:${NOUNS})${END}`,
    String.raw`${START}${DIGIT_ORDINAL}\s*(?:の|个|個)?\s*(?:${NOUNS})${END}`,
    // The noun, then the ordinal (Vietnamese `tài khoản thứ hai`).
    String.raw`${START}(?:${NOUNS})\s+(thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|cuối(?:\s+cùng)?)${END}`,
    String.raw`${START}(?:${NUMBERED})${END}`,
    String.raw`#\s?(\d{1,3})\b`,
    // Chinese `第二个`, `第2个账号`, `最后一个`: a counted thing.
    String.raw`第\s*([一二三四五六七八九十]|\d{1,3})\s*(?:个|個|号|號)?|最[后後]一?[个個]`,
  ].join('|'),
  'giu',
));

const HAN_DIGITS = '一二三四五六七八九十';
const VIET = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];
const ORDINAL_RES = onFirstUse(() => ORDINALS.map(([n, w]) => [n, new RegExp(String.raw`^(?:${w})$`, 'iu')] as const));

/** The place an ordinal's word names (0: the last one). */
function ordinalPlace(word: string): number | undefined {
  const w = word.replace(/\s+/g, ' ');
  const viet = /^thứ (\p{L}+)$/iu.exec(w);
  if (viet) return VIET.indexOf(viet[1]!.toLowerCase()) + 1 || undefined;
  if (/^cuối/i.test(w)) return 0;
  // Turkish `son` (last), counted only before `hesap` (PLACE): Spanish `son` is "they are".
  if (/^son$/i.test(w)) return 0;
  return ORDINAL_RES().find(([, re]) => re.test(w))?.[0];
}

/** The places `s` names (1-based; 0 for the last one), each once. */
export function placesNamed(s: string): number[] {
  const out: number[] = [];
  for (const m of s.matchAll(PLACE())) {
    const word = m[1] ?? m[3];
    const han = m[7];
    const n =
      word !== undefined ? ordinalPlace(word) :
      han !== undefined ? (/\d/.test(han) ? Number(han) : HAN_DIGITS.indexOf(han) + 1) :
      m[0].startsWith('最') ? 0 :
      Number(m[2] ?? m[4] ?? m[5] ?? m[6]);
    if (n !== undefined) out.push(n);
  }
  return [...new Set(out)];
}

const PLACE_AT_START = onFirstUse(() => new RegExp(PLACE().source, 'iuy'));

/**
 * Whether `s` opens with an account's place (`2. hesabın şifresi X`, `2. Konto`, `2nd account`):
 * the number is the sentence's, naming the account, never a list's numbering to drop.
 */
export function opensWithPlace(s: string): boolean {
  const re = PLACE_AT_START();
  re.lastIndex = 0;
  return re.test(s);
}
