// A list line that labels its password after the login: `cn0acc01 密码：Cn!pass01`,
// `cn0acc02 密碼: Pw`, `eevee_tw9 的正確密碼是：Pw` ("eevee_tw9's correct password is: Pw"),
// `ash01 Password: Pw`. Split at the blank as a `user pass` line, the password was the label and
// all (`密码：Cn!pass01`). The label is read as a label: a password word of the label lists
// (email-labels.ts, foreign-labels.ts) alone before a colon, or a Chinese, Japanese or Korean
// phrase holding one, before a colon or the full-width one (`：`) those scripts write. Where the
// login stands a label too (`アカウント01 パスワード：Pw`: "account 01"), the line has no login:
// refused naming the labels, never an account named after one.
import { PASS } from '../mail/email-labels.js';
import { FOREIGN_USER } from '../mail/foreign-labels.js';
import { lineProblem } from './account-line.js';
import { levelSuffix } from './level-suffix.js';

/**
 * The login, blanks, the label (no colon in it), a colon of either width, the rest. Each run of
 * blanks taken whole (`(?=(x+))\2`, an atomic group): tried split by split, a 20,000-blank line
 * cost its length squared (test/formats/hostile.test.ts).
 */
const LINE = /^([^\s:：]+)(?=([ \t]+))\2([^\s:：][^:：\t]{0,23}?)[ \t]*([:：])(?=([ \t]*))\5(\S.*)?$/u;
/** A password's word in these scripts (the label lists' own, foreign-labels.ts). */
const CJK_PASS = /密码|密碼|パスワード|暗証番号|비밀번호|비번|암호/u;
/** A phrase of these scripts alone, blanks between words allowed (Korean writes them). */
const CJK_PHRASE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー・ 　]+$/u;
const PASS_WORD = new RegExp(String.raw`^(?:${PASS})$`, 'iu');
/** A login that is a label, maybe counted (`アカウント01`, `Логин1`): no login. */
const USER_WORD = new RegExp(String.raw`^(?:${FOREIGN_USER}|login|user(?:[\s_-]?name)?|account)[\s#№._-]*\d{0,4}$`, 'iu');
/** Letters no PTC or Google login holds (Chinese, Japanese, Korean, Cyrillic...): a label's, not a login's. */
const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/** What a checker counts under a password's label (`Wrong password: 3`): an adjective, never a login. */
const COUNT_WORD = /^(?:wrong|invalid|incorrect|bad|failed|expired|changed|reset)$/i;

export type LabelledLine = { username: string; password: string; level?: number } | { reason: string };

/** The account of a line whose password is labelled; undefined when the line labels none. */
export function labelledPassword(s: string): LabelledLine | undefined {
  // Most lines with a blank (`user pass` lists) hold no colon: no pattern tried.
  if (s.indexOf(':') < 0 && s.indexOf('：') < 0) return undefined;
  const m = LINE.exec(s);
  if (!m) return undefined;
  const [, login, , label, colon, blank, rest] = m as unknown as [string, string, string, string, string, string, string | undefined];
  const cjk = CJK_PHRASE.test(label) && CJK_PASS.test(label);
  // A Latin word before an ASCII colon is a label only with a blank after it, as labels are
  // written (`ash01 pass:word1` may be a `user pass` line whose password holds a colon).
  const latin = PASS_WORD.test(label) && (colon === '：' || blank !== '');
  if (!cjk && !latin) return undefined;
  // `Wrong password: 3`, `Invalid password: 12`: a checker's count of failed logins, no login and no password.
  if (latin && COUNT_WORD.test(login) && rest !== undefined && /^\d+(?:[.,]\d+)?%?$/.test(rest)) return { reason: `\`${login} ${label}: ${rest}\`: a checker's count, no account` };
  if (USER_WORD.test(login) || NON_LATIN.test(login)) return { reason: `labelled \`${login}\` and \`${label}\`: a label where the login stands, no login to read` };
  if (rest === undefined) return { reason: `the password's label \`${label}\` and nothing after it: missing password` };
  // `Pw (30)`, `Pw [Lv.30]`, `Pw (30级)`: the level stated after it (level-suffix.ts), never the password's.
  const noted = levelSuffix(rest, true);
  const password = noted ? noted.line : rest;
  // `Pw sold`, `Pw (99)`: words after the labelled password; where it ends is unsure.
  if (/\s/.test(password)) return { reason: `words after the password labelled \`${label}\`: where the password ends is unsure` };
  const problem = lineProblem(login, password);
  return problem ? { reason: problem } : noted ? { username: login, password, level: noted.level } : { username: login, password };
}

/** A login and its labelled password, read whole (what a list reader takes from the line). */
export function isLabelledAccount(s: string): boolean {
  const r = labelledPassword(s);
  return r !== undefined && 'username' in r;
}
