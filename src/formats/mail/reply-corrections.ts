// A reply's correction written as a sentence that ends with the account: "Sorry, the 2nd one was
// wrong, use this: totodile_j07 Feral1gatr#08", "fixed: ash01:NewPass1", "new one -> ash01 / Pw".
// Read only for a login the mail itself delivers in the text it quotes: the sentence corrects an
// account the reply is about, it never names a new one, so no account is ever made from prose.
import { lineProblem } from '../lists/account-line.js';
import { fieldKind } from '../lists/line-kinds.js';
import { PASS } from './email-labels.js';
import type { Found } from './mail-list.js';
import { PLACE, placesNamed } from '../lists/place-words.js';
import { correctionWords as W } from '../lists/correction-words.js';
import { onFirstUse } from '../on-first-use.js';
import { phrasedValues } from '../lists/correction-phrasings.js';
import { renameSaid, sameSeries } from './rename-sentences.js';
import { arrowLine, arrowNames, givesPassword, isArrowCorrection, type ArrowLine } from './arrow-corrections.js';
import { lettersLoginOf } from './letters-login.js';
import { withoutValues } from './values-blanked.js';
import { counted } from '../../counted-noun.js';

/** Lower-cased logins asked one at a time (a Set, a Map, a reader's index of what it delivered: eml.ts' PartCollector). */
export interface LoginSet {
  has(login: string): boolean;
}

/** A line of the mail read past as prose, with how deeply it is quoted. */
export interface ProseLine {
  s: string;
  line: number;
  depth: number;
  /** A sentence over two lines (split-corrections.ts): the line of its first part. */
  from?: number;
}

const SEPARATORS = [':', ';', '|', ','];
const MARKS = new Set(['/', '|', '-', ':', '->', '=>', '→', '=']);

/**
 * A sentence's last words: a password's word, maybe more, a colon, the new password (`the new
 * password for ash01 is now: X`, `帳號 ash01 的正確密碼是：X`, `ash01的新密码：X`: Chinese and
 * Japanese write no blank around the words, and their full-width colon).
 */
const PASSWORD_LAST = onFirstUse(() => new RegExp(String.raw`(?:${PASS})[^:：]{0,40}?[:：]\s*(\S+)$`, 'i'));
/** A password's word in Chinese, Japanese or Korean, then the full-width colon (`...密碼是：X`) or `is` (`...的密码是X`). */
const CJK_PASSWORD_SAID = /(?:密码|密碼|パスワード|暗証番号|비밀번호|비번|암호)(?:[^\s:：]{0,20}：|是|為|为|は|는|은)\s*\S+$/;

/**
 * `tw6acc02 的正確密碼是：X`: a login, then a sentence saying its password, which splits like a
 * `user pass` line (the password `的正確密碼是：X`). A correction where the reply quotes that
 * login, else no account: no password begins with the words that name it.
 */
export function isPasswordSentence(s: string): boolean {
  return CJK_PASSWORD_SAID.test(s);
}

/**
 * A login inside such a sentence, blanks around it or not. Never ending in a full stop: `for
 * ash_02. The correct one is X` ends a sentence after the login (no PTC username or Gmail
 * address ends with a dot). Never beginning with `@`: `@ash_02` names ash_02, as `#ash_02` does.
 */
const LOGIN_RUN = /[A-Za-z0-9_.+-][A-Za-z0-9_.@+-]{1,62}[A-Za-z0-9_@+-]/g;

/** The runs of `s` a login may be, lower-cased (as logins are compared): the one way every reader of replies finds a login named. */
export function loginRuns(s: string): string[] {
  return (s.match(LOGIN_RUN) ?? []).map((w) => w.toLowerCase());
}

/** The login and password a sentence ends with, when the login is one of `known`; undefined otherwise. */
function endingAccount(s: string, known: Map<string, number>): { username: string; password: string } | undefined {
  const named = PASSWORD_LAST().exec(s);
  if (named) {
    // The one delivered login the sentence names before its password (two: which one is unsure).
    const logins = new Set((s.slice(0, s.length - named[1]!.length).match(LOGIN_RUN) ?? []).filter((w) => known.has(w.toLowerCase())));
    if (logins.size !== 1) return undefined;
    const username = [...logins][0]!;
    // `... changed, here is the new one: ash02:X`: the value is the account written whole, its login first.
    const sep = SEPARATORS.find((c) => named[1]!.toLowerCase().startsWith(`${username.toLowerCase()}${c}`));
    return { username, password: sep === undefined ? named[1]! : named[1]!.slice(username.length + sep.length) };
  }
  // A full-width colon ends a word as a blank does: `...密碼是：X` is never a password `...是：X`.
  const words = s.split(/\s+|(?<=：)/).filter((w) => w !== '');
  const last = words.at(-1)!;
  // `... use this: ash01:NewPass1`: the account is the last word.
  for (const sep of SEPARATORS) {
    const at = last.indexOf(sep);
    if (at > 0 && known.has(last.slice(0, at).toLowerCase())) return { username: last.slice(0, at), password: last.slice(at + 1) };
  }
  // `... use this: ash01 NewPass1`, `... ash01 / NewPass1`.
  const before = words.length >= 3 && MARKS.has(words.at(-2)!) ? words.at(-3)! : words.at(-2);
  const login = before?.replace(/[:,]$/, '');
  return login && known.has(login.toLowerCase()) ? { username: login, password: last } : undefined;
}

/** A word as logins are and prose's words are not: letters with a digit, `_` or `@` in them. */
export const NAMES_LOGIN = /[A-Za-z][A-Za-z0-9_.@+-]*[0-9_@]|[0-9_@][A-Za-z0-9_.@+-]*[A-Za-z]/;

/** A word naming a password (`password`, `pw`, `пароль`, `密码`), standing apart from other letters. */
/**
 * A word naming a password, as a word of its own: never the `Pass` inside a password `Fresh!Pass42`.
 * Turkish's with its possessive ending (`hesabın şifresi`: the account's password).
 * A Chinese, Japanese or Korean one may have its sentence's next word glued on (`密码是X`, `パスワードは`, `비밀번호는`).
 */
const PASS_ALONE = String.raw`(?<![^\s"'(“‘«\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])(?:${PASS})(?:s|'s|’s|(?<=[şs]ifre)(?:si|sini|niz|nizi|n|m|yi))?(?:(?![\p{L}\p{N}_!#$%&*+=?@^~-])|(?<=[\p{Script=Han}\p{Script=Katakana}\p{Script=Hangul}])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Hangul}]))`;
const PASS_WORD = onFirstUse(() => new RegExp(PASS_ALONE, 'iu'));
/**
 * `is` and `now` in the languages a reply's password word may be (`la contraseña de la cuenta 2 es
 * X`, `le mot de passe est X`, `das Passwort ist jetzt X`, `пароль теперь X`, `密码是X`): the
 * `value` rows of correction-phrasings.ts, bounded by letters of any script; and the dash a
 * Russian sentence puts for it (`пароль от второго аккаунта — X`).
 */
const COPULAS = () => String.raw`${W().VALUE_WORDS}|\s[—–]`;
/**
 * Where a sentence about a password gives its value: after a colon (`new pass: X`), after `new`
 * standing alone (`mật khẩu mới X`, never the `Nueva` opening a value `Nueva!Clave9`), after `is`,
 * `to`, `now`, `use`, `try` (the English `value` rows of correction-phrasings.ts) or the password's word itself (`the new password is X, sorry`, `I changed it to X`), or before
 * `is the (new) password` (`X is the new password`). Every such word is a candidate; only those
 * shaped like a password are (passwordShaped): `the password is below` gives none.
 */
const VALUE_AFTER = onFirstUse(() => new RegExp(String.raw`(?:[:：=]|${W().EN.value}|${COPULAS()}|${PASS_ALONE}|${W().TAKE_BACK}|(?:${W().NEW_WORDS})(?=\s))(?=[:：]?\s*["'“‘\x60]?([^\s"'”’\x60\p{Script=Han}\p{Script=Hiragana}\p{Script=Hangul}][^\s"'”’\x60]*))`, 'giu'));
const VALUE_BEFORE = onFirstUse(() => new RegExp(String.raw`(?:^|\s)["'“‘\x60]?([^\s"'”’\x60]+?)["'”’\x60]?\s+(?:is|was)\s+(?:the\s+|your\s+|its\s+|their\s+)?(?:(?:${W().EN.new})\s+)?${PASS_ALONE}`, 'iu'));
/**
 * A sentence's words up to its end: a full stop, `!` or `?` ends it only where no letter or digit
 * follows (`ash@gmail.com`, a Google login named in the sentence, holds one inside).
 */
const IN = String.raw`(?:[^.!?]|[.!?](?=[A-Za-z0-9]))`;
const IN_CJK = String.raw`(?:[^.!?。！？]|[.!?](?=[A-Za-z0-9]))`;

/**
 * A sentence that says a password changed or what the right one is (`the new password is ...`,
 * `the correct pw:`, `changed it to`, `the password of the account you bought is now X`: `now` with a
 * value holding a digit or a sign after it, never `your password is now active`; `the password of
 * X is Y now`, `now` after such a value): when no value shaped like a password can be read from it,
 * the account it is about may hold a stale password, and is refused rather than kept.
 */
const SAYS_CHANGED = onFirstUse(() => new RegExp(String.raw`(?:${W().EN.new}|${W().EN.changed})${IN}{0,40}?${PASS_ALONE}${IN}{0,30}?(?:[:：=]|\b(?:is|was|are|to|now)\b)|${PASS_ALONE}${IN}{0,30}?(?:${W().EN.changed})\s*(?:\s+to\b|[:：])|${PASS_ALONE}${IN}{0,40}?\b(?:is|are)\s+now\s*[:：]?\s*["'“‘\x60]?(?=[^\s"'”’\x60]*[\d!#$%&*@^_~+=?-])|${PASS_ALONE}${IN}{0,40}?\b(?:is|are)\s+["'“‘\x60]?[^\s"'”’\x60]*[\d!#$%&*@^_~+=?-][^\s"'”’\x60]*["'”’\x60]?,?\s+now\b|(?:${W().EN.changed})\s+(?:it|them)\s+to\b`, 'iu'));
/**
 * The same in the other languages (correction-words.ts): a password's word and a change reported
 * (`la contraseña cambió`, `пароль изменён`, `密码已更改`), or `new`/`correct` beside it before `is`
 * or a colon (`la nueva contraseña es`, `das neue Passwort:`, `新密码是`).
 */
const SAYS_CHANGED_ABROAD = onFirstUse(() => new RegExp(
  String.raw`${PASS_ALONE}${IN_CJK}{0,40}?(?:${W().CHANGED})|(?:${W().CHANGED})${IN_CJK}{0,40}?${PASS_ALONE}|(?:${W().NEW_WORDS})\s*(?:的|の)?\s*${PASS_ALONE}${IN_CJK}{0,30}?(?:[:：=]|${COPULAS()})|${PASS_ALONE}\s*(?:${W().NEW_WORDS})${IN_CJK}{0,30}?(?:[:：=]|${COPULAS()})`,
  'iu',
));

/**
 * `2. аккаунт: новый пароль X`, `Account 2: new password X`, `2. tài khoản: mật khẩu mới X`: a
 * numbered item's `new password` and the value closing the line, no colon or `is` between them.
 */
const NEW_THEN_VALUE = onFirstUse(() => new RegExp(
  String.raw`(?:${W().EN.new}|${W().NEW_WORDS})\s*(?:的|の)?\s*${PASS_ALONE}\s*(?:[:：=—–-]\s*)?["'“‘\x60]?[^\s"'”’\x60]+["'”’\x60]?\s*$|${PASS_ALONE}\s*(?:${W().NEW_WORDS})\s*(?:[:：=—–-]\s*)?["'“‘\x60]?[^\s"'”’\x60]+["'”’\x60]?\s*$`,
  'iu',
));

/**
 * `the new one for gmacc1 and gmacc2 is X`, `the correct ones are: X`: `one` standing for the
 * password a sentence corrects, with `is`, `are` or a colon before its value (a login, never `one`
 * alone: `the new one works` says nothing of a password).
 */
const NEW_ONE = onFirstUse(() => new RegExp(String.raw`(?:${W().EN.new})\s+ones?\b(?=${IN}{0,40}?(?:[:：=]|\b(?:is|are)\b))`, 'iu'));

/** Whether a line names a password at all (its word, or `changed it to`): a label's line read past may still be a correction. */
export function mentionsPassword(s: string): boolean {
  return PASS_WORD().test(s) || CHANGED_IT().test(s) || NEW_ONE().test(s);
}

/**
 * A line saying a password changed, in any language the reply may be in (`пароль изменён`,
 * `密码已更改`, `la contraseña cambió`), or a Chinese, Japanese or Korean line taking a correction
 * back (`抱歉，其实是Y`): read as the reply's prose, for the accounts it quotes, though no blank
 * or Latin word gives it the shape of a sentence.
 */
export function isCorrectionLine(s: string): boolean {
  if (CJK.test(s) && !PASS_WORD().test(s)) return STRONG_AGAIN().test(s) || WEAK_CJK().test(s);
  if (PASS_WORD().test(s) && (SAYS_CHANGED().test(s) || SAYS_CHANGED_ABROAD().test(s) || NEW_THEN_VALUE().test(s) || phrasedPassword(s))) return true;
  // The other wordings the readers of replies take (sentenceCorrections): the same rule for each, wherever the sentence stands.
  // `gmacc2: Old!Pass22 -> X`, `Old!Pass22 → X`, `gmacc2 ⟶ X`: an arrow no account line is (arrow-corrections.ts).
  return NEW_ONE().test(s) || CHANGED_IT().test(s) || VALUE_BEFORE_NEW().test(s) || (FIX_WORDS().test(s) && ENDS_WITH_ACCOUNT.test(s)) || isArrowCorrection(s);
}

/** A phrasing of correction-phrasings.ts (`alterada para X`, `auf X geändert`, `Xに変更`) with a value shaped like a password at its place. */
function phrasedPassword(s: string): boolean {
  return phrasedValues(s).some((v) => passwordShaped('x', cleanValue(v)));
}

/** `X is the new password`: VALUE_BEFORE with a word saying the password is new or right. */
const VALUE_BEFORE_NEW = onFirstUse(() => new RegExp(String.raw`\S\s+(?:is|was)\s+(?:the\s+|your\s+|its\s+|their\s+)?(?:${W().EN.new})\s+${PASS_ALONE}`, 'iu'));
/** `fixed: ash01:Pw`, `Sorry, the 2nd one was wrong, use this: ash01 Pw` (`Sorry, use this: ash01:Pw` alone says nothing changed), `new one -> ash01 / Pw`: a correction's word, then the account ending the line (endingAccount). */
const FIX_WORDS = onFirstUse(() => new RegExp(String.raw`${W().EN.changed}|(?:${W().EN.new})\s+one\b|${W().EN.takeBack}|${W().EN.wrong}`, 'iu'));
const ENDS_WITH_ACCOUNT = /(?:[:：]|->|=>|→)\s*[A-Za-z0-9_.@+-]{3,64}(?:[:;|,][^\s:;|,]+|\s+(?:(?:[/|-]|->|=>|→)\s+)?\S+)$/;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** `抱歉，是Y`, `すみません、Y`: a Chinese, Japanese or Korean line taking a correction back, no blank nor Latin word making it a sentence. */
const WEAK_CJK = onFirstUse(() => new RegExp(W().WEAK, 'u'));

/** A sentence whose password follows it (`corrected password below:`, `the new password is attached`). */
const POINTS_ONWARD = /[:：]\s*$|\b(?:below|following|underneath|attached|here)\b/i;

/** `set it to`, beside the change words: `set` alone is no change reported (`set your password to ...` asks for one). */
const CHANGED_IT = onFirstUse(() => new RegExp(String.raw`(?:${W().EN.changed}|\bset)\s+(?:it|them)\s+to\b`, 'iu'));

/** A day or a place counted in digits (`14th`, `2nd`): no login. */
const ORDINAL = /\b\d{1,4}(?:st|nd|rd|th)\b/gi;

/** A word of the sentence without quotes around it, a comma or semicolon after it, or a full stop ending it. */
function cleanValue(word: string): string {
  // `はFresh!Pass42です`, `Fresh!Pass42입니다`: the sentence's polite `is` glued to the value's end.
  return withoutFullStop(word.replace(/[,;]+$/, '').replace(/(?<=[\x21-\x7e])(?:です|でした|입니다|이에요|예요)[。.!！]?$/u, ''));
}

/**
 * Where a sentence first speaks of a password, by the words passwordSaid needs before it reads a
 * value: a password's word, `changed it to`, `the new one is`, or a password's word and a colon
 * closing the sentence (`colon`: that last one's match, asked by the caller). Null when none.
 */
function passwordNamed(s: string, colon?: RegExpExecArray | null): RegExpExecArray | null {
  // (The colon's pattern last, and only when not asked already: a prefilter asks it of many lines.)
  return PASS_WORD().exec(s) ?? CHANGED_IT().exec(s) ?? NEW_ONE().exec(s) ?? (colon === undefined ? PASSWORD_LAST().exec(s) : colon);
}

/**
 * Whether passwordSaid can say anything of `s`: the words it needs before it reads a value, for
 * any login (a prefilter's question: might-be-correction.ts).
 */
export function mayNamePassword(s: string): boolean {
  return passwordNamed(s) !== null;
}

/**
 * What a sentence naming a password says: the values shaped like a password it gives (one: the
 * new password; more: unsure which), or `changed` alone when it says the password changed and
 * gives none that can be read. Undefined when it says nothing of a password.
 */
export function passwordSaid(s: string, login: string): { values: string[]; changed: boolean } | undefined {
  // `I changed it to X`: the reply is about a password even where the sentence does not say the word.
  // `新密码：X`, `new pass: X`: a password's word, a colon and the value closing the sentence.
  const colon = PASSWORD_LAST().exec(s);
  const named = passwordNamed(s, colon);
  if (!named) return undefined;
  const values = new Set<string>();
  if (colon && passwordShaped(login, cleanValue(colon[1]!))) values.add(cleanValue(colon[1]!));
  // A value after the password's word (`the new password is X`, `password for #3: X`).
  for (const m of s.slice(named.index).matchAll(VALUE_AFTER())) {
    const value = cleanValue(m[1]!);
    if (passwordShaped(login, value)) values.add(value);
  }
  const before = VALUE_BEFORE().exec(s);
  if (before) {
    const value = cleanValue(before[1]!);
    if (passwordShaped(login, value)) values.add(value);
  }
  // The phrasings table's rows: the value where the row puts it (`auf X geändert`, `Xに変更しました`).
  let phrased = false;
  for (const raw of phrasedValues(s)) {
    const value = cleanValue(raw);
    if (!passwordShaped(login, value)) continue;
    values.add(value);
    phrased = true;
  }
  // `new password [gmacc2] = X`, `new password "gmacc2": X`: the word in marks before `=` or a colon is the login named, not a value.
  if (values.size > 1) for (const v of values) if (namedBeforeValue(s, v)) values.delete(v);
  const changed = phrased || SAYS_CHANGED().test(s) || SAYS_CHANGED_ABROAD().test(s) || NEW_THEN_VALUE().test(s) || NEW_ONE().test(s);
  return values.size > 0 || changed ? { values: [...values], changed } : undefined;
}

/**
 * The values a sentence gives where passwordSaid reads one that are shaped as a password but for
 * their length (`the password for ash01 is now Xyz9!`: five characters). PTC refused a password of
 * fewer than 6 (jepayne1138/PTCAccount ptcaccount/accountcreator.py `_validate_password`), so such
 * a word is no new password; its refusal says so, where it was read as a login the sentence names.
 */
export function shortValuesSaid(s: string, login: string): string[] {
  const named = passwordNamed(s);
  if (!named) return [];
  const short = new Set<string>();
  for (const m of s.slice(named.index).matchAll(VALUE_AFTER())) {
    const value = cleanValue(m[1]!);
    if (value.length < 6 && passwordShaped(login, `${value}${'x'.repeat(6 - value.length)}`)) short.add(value);
  }
  return [...short];
}

/** What a refusal says of a short value (never the value: a password is never in an error). */
export const SHORT_VALUE = (n: number) =>
  `new password is ${counted(n, 'character')}, fewer than the 6 PTC takes: unsure it is the password (a word of it cut off?); nothing applied, write the account as login:password`;

/** Marks a seller puts around a login it names, or before it (`[gmacc2]`, `(gmacc2)`, `"gmacc2"`, `«gmacc2»`, `#gmacc2`, `@gmacc2`). */
const OPENS = String.raw`[\[(<{«"'“‘\x60#@]`;
const CLOSES = String.raw`[\])>}»"'”’\x60]`;
/**
 * Whether `value` stands in `s` as a login the sentence names before its value: a run of login
 * characters, in marks or not, then `=`, a colon or an arrow (`new password [gmacc2] = X`).
 */
function namedBeforeValue(s: string, value: string): boolean {
  const core = value.replace(/[:：]$/, '').replace(new RegExp(`^${OPENS}+`), '').replace(new RegExp(`${CLOSES}+$`), '');
  if (!/^[A-Za-z0-9_.@+-]+$/.test(core)) return false;
  const escaped = core.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(String.raw`(?:^|[\s:：]|${OPENS})${escaped}${CLOSES}*\s*(?:[:：=]|->|=>|→)\s*\S`).test(s);
}

/** A full stop after a letter or digit ends the sentence, not the password (`!` is a password's: `Pass1!`). */
function withoutFullStop(password: string): string {
  return /[A-Za-z0-9]\.$/.test(password) ? password.slice(0, -1) : password;
}

/** A password as sold ones are (six characters or more, a digit and something else), and no date, time or other value. */
function passwordShaped(username: string, password: string): boolean {
  return !lineProblem(username, password) && password.length >= 6 && /\d/.test(password) && /\D/.test(password) && !fieldKind(username, password);
}

/**
 * A line taking back the correction just made, without a password's word: `sorry, use Y
 * instead`, `make that Y`, `I meant Y`, `typo, it should be Y`, `oops: Y`. With a value shaped
 * like a password it replaces the one before; STRONG_AGAIN alone (`make that the other one`)
 * says the value before was wrong though none can be read, and the account is refused.
 */
const STRONG_AGAIN = onFirstUse(() => new RegExp(String.raw`${W().EN.takeBack}|${W().TAKE_BACK}`, 'iu'));
/**
 * Words saying a delivered password is wrong, changed or to be replaced, without a value a reader
 * can take (`Please use X for gmacc2, sorry`, `the wrong password for gmacc2. The correct one is X`):
 * a password's word, a change, a take-back, `use`/`try`, `wrong`, `new`. A sentence naming a login
 * beside an order id, a date, a level or a price says none of them (`gmacc2 is on order ORD-7x9Kq2`).
 */
const SAYS_WRONG = onFirstUse(() => new RegExp(String.raw`${PASS_ALONE}|${W().EN.use}|${W().EN.wrong}|${W().EN.new}|${W().EN.changed}|${STRONG_AGAIN().source}|${W().CHANGED}`, 'iu'));

/** Whether a sentence naming a delivered login beside a password-shaped word says that login's password may be wrong (later-corrections.ts). */
export function saysPasswordWrong(s: string): boolean {
  return SAYS_WRONG().test(s) || CHANGED_IT().test(s) || NEW_ONE().test(s);
}

/**
 * A sentence with a password's word that says it replaces a correction made before it: the
 * words of STRONG_AGAIN, or `actually`, `wrong`, `mistake`, `oops`, `ignore` (`sorry, the password
 * is actually Y`, `ignore the password above, it is Y`). A plain `sorry` apologises for anything.
 */
const TAKES_BACK = onFirstUse(() => new RegExp(String.raw`${STRONG_AGAIN().source}|${W().EN.wrong}|${W().EN.again}`, 'iu'));
/**
 * Weak words (`sorry`, `use`, `actually`) take a correction back only when the line holds nothing
 * else but its value: `sorry, use Y`, `actually: Y`, never `Use code SAVE2024 next time`.
 */
const WEAK_AGAIN = onFirstUse(() => new RegExp(String.raw`${W().EN.weak}|${W().WEAK}`, 'giu'));
/** A line taking a correction back follows it closely: the next line, or the one after a blank. */
const AGAIN_WITHIN = 2;

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/gu;

/** The words of a line shaped like a password, never a login the reply quotes nor an account's place (a follow-up line; a later message's sentence naming a delivered login: later-corrections.ts). */
export function followUpValues(s: string, login: string, known: LoginSet): string[] {
  // Chinese, Japanese and Korean words and their full-width marks stand glued to a value (`抱歉，是Y`): a gap.
  const words = s.replace(PLACE(), ' ').replace(ORDINAL, ' ').replace(CJK_RUN, ' ').split(/\s+/).map((w) => cleanValue(w.replace(/^["'“‘\x60]+|["'”’\x60]+$/g, '').replace(/^[:：]+/, '')));
  return [...new Set(words.filter((w) => w !== '' && !known.has(w.toLowerCase()) && passwordShaped(login, w)))];
}

/**
 * What an arrow line says of the `quoted` accounts (arrow-corrections.ts): the account its left
 * names and the one value on its right; or why that is unsure (two logins named, an old password
 * several accounts had, a login and another account's password, a right side that is no single
 * password); undefined when its left names none of them.
 */
function arrowSaid(a: ArrowLine, quoted: Found[], deepest: Map<string, number>): { account: Found; password: string } | { reason: string; accounts: Found[] } | undefined {
  const { byLogin, byPassword } = arrowNames(a, quoted);
  const logins = new Set(byLogin.map((f) => f.username.toLowerCase()));
  const owners = new Set(byPassword.map((f) => f.username.toLowerCase()));
  if (logins.size === 0 && owners.size === 0) return undefined;
  const named = [...new Set([...logins, ...owners])];
  if (logins.size > 1 || (logins.size === 0 && owners.size > 1) || (logins.size === 1 && [...owners].some((o) => !logins.has(o)))) {
    const what = logins.size > 1 ? `${logins.size} logins` : logins.size === 0 ? `the old password of ${counted(owners.size, 'account')}` : "a login and another account's password";
    return { reason: `an arrow correction (\`old -> new\`) naming ${what} it delivers or quotes: which account it corrects is unsure`, accounts: quoted.filter((f) => named.includes(f.username.toLowerCase())) };
  }
  const login = named[0]!;
  const account = quoted.find((f) => f.username.toLowerCase() === login && f.depth === deepest.get(login)) ?? quoted.find((f) => f.username.toLowerCase() === login)!;
  // The right side less the login it repeats (`gmacc2:X`, `gmacc2 X`, `gmacc2 / X`) and a mark between.
  const values = a.right.flatMap((w) => {
    const at = w.search(/[:;|,]/);
    return at > 0 && w.slice(0, at).toLowerCase() === login ? [w.slice(at + 1)] : [w];
  }).filter((w) => w.toLowerCase() !== login && !/^[-–—/|:=]+$/.test(w)).map(cleanValue);
  // `Old!Pass11 -> gmacc2:X`: the right side names another account: which one changed is unsure.
  const other = values.find((v) => quoted.some((f) => f.username.toLowerCase() !== login && (v.toLowerCase() === f.username.toLowerCase() || v.toLowerCase().startsWith(`${f.username.toLowerCase()}:`))));
  // `ash01 -> ash02`, the right another delivered login alone: no password changed (a rename or a
  // replacement); ash01's may be stale, ash02's own line stands (stop 64 L: both were refused).
  if (other !== undefined && values.length === 1 && quoted.some((f) => f.username.toLowerCase() === other.toLowerCase())) {
    return { reason: renamedBy(account.username, `another login it delivers (${other})`), accounts: quoted.filter((f) => f.username.toLowerCase() === login) };
  }
  // `ash_k01 -> ash_k09`: a login of the delivered ones' series (their letters, other digits), no password.
  const series = values.length === 1 && other === undefined ? quoted.find((f) => sameSeries(f.username, values[0]!)) : undefined;
  if (series) {
    return { reason: renamedBy(account.username, `${values[0]!}, a login of the same series as the ones it delivers`), accounts: quoted.filter((f) => f.username.toLowerCase() === login) };
  }
  if (other !== undefined) return { reason: `an arrow correction whose left names ${account.username} and whose right names another login it delivers or quotes: which account it corrects is unsure`, accounts: quoted.filter((f) => f.username.toLowerCase() === login || other.toLowerCase().startsWith(f.username.toLowerCase())) };
  if (values.length === 1 && passwordShaped(account.username, values[0]!)) return { account, password: values[0]! };
  return { reason: `an arrow correction of ${account.username} whose new password is unreadable (${values.length === 1 ? 'no word of it is shaped like a password' : `${values.length} words after the arrow`}): write it as login:password`, accounts: quoted.filter((f) => f.username.toLowerCase() === login) };
}

/** Why an arrow from `from` to a login (`to`: what the reason calls it) applies nothing: a rename or a replacement. */
const renamedBy = (from: string, to: string) => `an arrow from ${from} to ${to}: a rename or a replacement is no password change, and whether ${from} still works is unsure; nothing applied, write the account as login:password`;

/** A correction the reply's quoted accounts cannot take: which one it corrects, or its new password, is unsure. */
export interface UnsureCorrection {
  line: number;
  /** Why: the text of the sentence's rejection. */
  reason: string;
  /** The quoted accounts it may correct: none is imported with a password that may be stale. */
  accounts: Found[];
}

/** The logins `s` names that the reply quotes more deeply than `depth`, the value left out. */
function loginsNamed(s: string, deepest: Map<string, number>, depth: number): string[] {
  const out = new Set<string>();
  for (const key of loginRuns(s)) if ((deepest.get(key) ?? -1) > depth) out.add(key);
  return [...out];
}

/**
 * The corrections among `prose`: each at its own line and depth, for a login `found` holds more
 * deeply quoted. A sentence names the account it corrects by its login, by its place in the
 * quoted delivery (`the 2nd account's password is X`, `password for account #3: X`), or names
 * none while the reply quotes one account; its value may stand anywhere in it (`the new password
 * is X, sorry`, `X is the new password`). Whatever it leaves unsure (which account, which of two
 * values, a value no password is shaped like: `the new password is below`) is `unsure`, and the
 * caller refuses those accounts rather than keep a stale password or read prose as one.
 */
export function sentenceCorrections(prose: ProseLine[], found: Found[]): { fixes: Found[]; unsure: UnsureCorrection[]; takenBack: number[] } {
  const out: Found[] = [];
  const unsure: UnsureCorrection[] = [];
  /** The lines of corrections a later line replaced (`sorry, use Y instead`): read, not left over. */
  const takenBack: number[] = [];
  if (prose.length === 0 || found.length === 0) return { fixes: out, unsure, takenBack };
  const deepest = new Map<string, number>();
  for (const a of found) {
    const key = a.username.toLowerCase();
    deepest.set(key, Math.max(deepest.get(key) ?? 0, a.depth));
  }
  // The last correction read at each depth: a line after it may take its value back (STRONG_AGAIN).
  const lastFix = new Map<number, Found>();
  /**
   * A correction of an account the reply corrected already, in the same voice (depth): the later
   * one wins only when it says it takes the earlier back (`sorry, the password is actually Y`);
   * else two values are passed on for one account and which is new is unsure: both lines and the
   * account are refused, each naming the other line.
   */
  const fix = (next: Found, sentence: string) => {
    const key = next.username.toLowerCase();
    const earlier = out.find((f) => f.depth === next.depth && f.username.toLowerCase() === key);
    if (earlier && earlier.password !== next.password && !TAKES_BACK().test(sentence)) {
      out.splice(out.indexOf(earlier), 1);
      lastFix.delete(next.depth);
      const both = `lines ${earlier.line} and ${next.line}`;
      unsure.push({ line: earlier.line, reason: `2 corrections give this account different passwords (${both}), neither taking the other back: which one is new is unsure`, accounts: found.filter((a) => a.username.toLowerCase() === key && a.depth > next.depth) });
      unsure.push({ line: next.line, reason: `2 corrections give this account different passwords (${both}), neither taking the other back: which one is new is unsure`, accounts: [] });
      return;
    }
    if (earlier) {
      out.splice(out.indexOf(earlier), 1);
      takenBack.push(earlier.line);
    }
    // Once refused as unsure, a third correction decides nothing either.
    if (unsure.some((u) => u.reason.startsWith('2 corrections') && u.accounts.some((a) => a.username.toLowerCase() === key))) return;
    out.push(next);
    lastFix.set(next.depth, next);
  };
  for (const p of prose) {
    // `gmacc2 -> X`, `Old!Pass22 → X`: the arrow's left names the account (its login or its old password).
    const arrow = arrowLine(p.s);
    const byArrow = arrow ? arrowSaid(arrow, found.filter((a) => a.depth > p.depth), deepest) : undefined;
    if (byArrow && 'password' in byArrow) {
      fix({ ...byArrow.account, password: byArrow.password, line: p.line, depth: p.depth }, p.s);
      continue;
    }
    if (byArrow) {
      unsure.push({ line: p.line, reason: byArrow.reason, accounts: byArrow.accounts });
      continue;
    }
    // An arrow naming none of them corrects none: no other wording is read into it (`password: Old -> X`),
    // unless its right side gives a delivered login its password (`new one -> gmacc2 / X`: endingAccount).
    if (arrow && givesPassword(arrow) && !arrow.right.some((w) => deepest.has(w.toLowerCase()) || deepest.has(w.split(/[:;|,]/)[0]!.toLowerCase()))) continue;
    const account = endingAccount(p.s, deepest);
    if (account) {
      if (deepest.get(account.username.toLowerCase())! <= p.depth) continue;
      const password = withoutFullStop(account.password);
      // "I replaced ash01 yesterday" or "... ash01 on 2017-11-14" is no correction.
      if (!passwordShaped(account.username, password)) continue;
      // `the new password for ash01 is X and for ash02 Y`: the sentence's end gives ash02 its value, but it
      // names another delivered account too, whose value is elsewhere in it: which is whose is unsure (stop 63 L).
      const head = p.s.slice(0, p.s.lastIndexOf(account.password)).split(account.username).join(' ');
      const alsoNamed = loginsNamed(head, deepest, p.depth).filter((l) => l !== account.username.toLowerCase());
      if (alsoNamed.length > 0) {
        const named = [account.username.toLowerCase(), ...alsoNamed];
        unsure.push({ line: p.line, reason: `a correction naming ${named.length} logins the mail delivers, its last value after the last of them: which password is whose is unsure; nothing applied, write each account as login:password`, accounts: found.filter((a) => named.includes(a.username.toLowerCase()) && a.depth > p.depth) });
        continue;
      }
      const delivered = found.find((a) => a.username.toLowerCase() === account.username.toLowerCase())!;
      fix({ ...delivered, password, line: p.line, depth: p.depth }, p.s);
      continue;
    }
    const before = lastFix.get(p.depth);
    // A line with a password's word is a correction of its own, read below.
    const follows = before !== undefined && p.line - before.line <= AGAIN_WITHIN && !PASS_WORD().test(p.s) && !CHANGED_IT().test(p.s);
    // `not X but Y`: the value being taken back is no candidate.
    const values = follows ? followUpValues(p.s, before.username, deepest).filter((v) => v !== before.password) : [];
    const weakOnly = values.length === 1 && withoutValues(p.s, [values[0]!]).replace(WEAK_AGAIN(), ' ').replace(/[\s,.:;!?()"'“”‘’\x60\u3000-\u303f\uff01-\uff0f\uff1a-\uff20-]+/gu, '') === '';
    if (follows && (STRONG_AGAIN().test(p.s) || weakOnly)) {
      if (values.length === 1) {
        // `sorry, use Y instead` after `the new password is X`: the later value is the correction.
        const fix = { ...before, password: values[0]!, line: p.line };
        takenBack.push(before.line);
        out.splice(out.indexOf(before), 1, fix);
        lastFix.set(p.depth, fix);
        continue;
      }
      if (values.length > 1 || STRONG_AGAIN().test(p.s)) {
        out.splice(out.indexOf(before), 1);
        lastFix.delete(p.depth);
        const reason = `a line taking back the correction at line ${before.line} ${values.length > 1 ? `with ${values.length} values shaped like a password` : 'with no value shaped like a password'}: which password is new is unsure`;
        unsure.push({ line: before.line, reason: `a correction taken back at line ${p.line}: which password is new is unsure`, accounts: found.filter((a) => a.username.toLowerCase() === before.username.toLowerCase() && a.depth > p.depth) });
        unsure.push({ line: p.line, reason, accounts: [] });
        continue;
      }
    }
    // The accounts the sentence may be about, in the order the quoted delivery gives them.
    const quoted = found.filter((a) => a.depth > p.depth).sort((a, b) => a.line - b.line);
    const order = [...new Set(quoted.map((a) => a.username.toLowerCase()))];
    if (order.length === 0) continue;
    const said = passwordSaid(p.s, quoted[0]!.username);
    // `ash_k01 was renamed to ash_k09`: no password said, and which login works now is unsure (rename-sentences.ts, stop 64 L).
    const renamed = said ? undefined : renameSaid(p.s, loginsNamed(p.s, deepest, p.depth), order);
    if (renamed) {
      const from = quoted.find((a) => a.username.toLowerCase() === renamed.from)!.username;
      unsure.push({ line: p.line, reason: `a rename of ${from} to ${renamed.to}: no password is said, and which login works now is unsure; nothing applied, write the account as login:password`, accounts: quoted.filter((a) => a.username.toLowerCase() === renamed.from) });
      continue;
    }
    if (!said) continue;
    // `corrected password below:` above the reply's own `Username:` / `Password:` lines: those lines are the correction.
    if (said.values.length === 0 && POINTS_ONWARD.test(p.s) && found.some((a) => a.depth <= p.depth && a.line > p.line)) continue;
    // `... is now Xyz9!`: a value too short to be a password is no login-shaped word the sentence names (its refusal says what it is).
    const short = said.values.length === 0 ? shortValuesSaid(p.s, quoted[0]!.username) : [];
    // `the password for ash01 is now ash02`: the value is another account the mail delivers, a login and
    // no password (a rename, a replacement, a slip?): nothing applied, the account it names refused (stop 63 L).
    const asValue = [...said.values, ...short].filter((v) => (deepest.get(v.toLowerCase()) ?? -1) > p.depth);
    if (asValue.length > 0) {
      const rest = withoutValues(p.s, asValue);
      const named = loginsNamed(rest, deepest, p.depth);
      unsure.push({ line: p.line, reason: 'a correction whose new password is another login the mail delivers: a rename or a replacement is no password change, and which account it means is unsure; nothing applied, write the account as login:password', accounts: quoted.filter((a) => named.includes(a.username.toLowerCase())) });
      continue;
    }
    const rest = withoutValues(p.s, [...said.values, ...short]);
    const logins = loginsNamed(rest, deepest, p.depth);
    // A login-like word the reply does not quote (`the password for misty99 is X`): about another account.
    if (logins.length === 0 && NAMES_LOGIN.test(rest.replace(PLACE(), ' ').replace(ORDINAL, ' '))) continue;
    // A login of letters alone where the wording puts the login (`the new password for ashketchum is X`): the same (letters-login.ts).
    if (logins.length === 0 && lettersLoginOf(p.s, said.values) !== undefined) continue;
    // `the new password for gmacc2 and gmacc9 is X` where only gmacc2 was delivered: gmacc9's may be
    // another file's, and which accounts the value is for is unsure: refused, never half applied.
    const others = logins.length > 0 && NAMES_LOGIN.test(rest.replace(LOGIN_RUN, (w) => (logins.includes(w.toLowerCase()) ? ' ' : w)).replace(PLACE(), ' ').replace(ORDINAL, ' '));
    if (others) {
      unsure.push({ line: p.line, reason: `a correction naming ${logins.length === 1 ? 'a login' : 'logins'} the mail delivers beside a login-shaped word it does not deliver: which accounts it corrects is unsure`, accounts: quoted.filter((a) => logins.includes(a.username.toLowerCase())) });
      continue;
    }
    // `the new one for gmacc1 and gmacc2 is X`, `passwords for gmacc1, gmacc2 are now X`: one new
    // password for each login it names, when it says the password changed and gives one value.
    if (logins.length > 1 && said.values.length === 1 && said.changed && placesNamed(rest).length === 0) {
      for (const login of logins) {
        const delivered = quoted.find((a) => a.username.toLowerCase() === login && a.depth === deepest.get(login))!;
        fix({ ...delivered, password: said.values[0]!, line: p.line, depth: p.depth }, p.s);
      }
      continue;
    }
    const places = placesNamed(rest).map((n) => (n === 0 ? order.length : n));
    const byPlace = places.length === 1 && places[0]! >= 1 && places[0]! <= order.length ? order[places[0]! - 1] : undefined;
    const target =
      logins.length > 1 || places.length > 1 || (places.length === 1 && !byPlace) ? undefined :
      logins.length === 1 ? (byPlace === undefined || byPlace === logins[0] ? logins[0] : undefined) :
      byPlace ?? (order.length === 1 ? order[0] : undefined);
    const targets = target === undefined ? quoted : quoted.filter((a) => a.username.toLowerCase() === target);
    if (target !== undefined && said.values.length === 1) {
      const delivered = targets.find((a) => a.depth === deepest.get(target))!;
      fix({ ...delivered, password: said.values[0]!, line: p.line, depth: p.depth }, p.s);
      continue;
    }
    const reason =
      target === undefined ?
        places.length === 1 && !byPlace && logins.length === 0 ?
          `a correction naming account ${places[0]} while the reply quotes ${order.length}: which one it corrects is unsure` :
          `a correction giving a password for no named login while the reply quotes ${counted(order.length, 'account')}: which one it corrects is unsure` :
      said.values.length > 1 ? `a correction giving ${said.values.length} passwords: which one is new is unsure` :
      short.length === 1 ? `a correction whose ${SHORT_VALUE(short[0]!.length)}` :
      'a correction saying the password changed, its new password unreadable (no word of it is shaped like a password): write it as login:password';
    unsure.push({ line: p.line, reason, accounts: targets });
  }
  return { fixes: out, unsure, takenBack };
}
