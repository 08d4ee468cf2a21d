// A reply's correction written as a sentence that ends with the account: "Sorry, the 2nd one was
// wrong, use this: totodile_j07 Feral1gatr#08", "fixed: ash01:NewPass1", "new one -> ash01 / Pw".
// Read only for a login the mail itself delivers in the text it quotes: the sentence corrects an
// account the reply is about, it never names a new one, so no account is ever made from prose.
import { lineProblem } from '../lists/account-line.js';
import { fieldKind } from '../lists/line-kinds.js';
import { PASS } from './email-labels.js';
import type { Found } from './mail-list.js';

/** A line of the mail read past as prose, with how deeply it is quoted. */
export interface ProseLine {
  s: string;
  line: number;
  depth: number;
}

const SEPARATORS = [':', ';', '|', ','];
const MARKS = new Set(['/', '|', '-', ':', '->', '=>', '→', '=']);

/**
 * A sentence's last words: a password's word, maybe more, a colon, the new password (`the new
 * password for ash01 is now: X`, `帳號 ash01 的正確密碼是：X`, `ash01的新密码：X`: Chinese and
 * Japanese write no blank around the words, and their full-width colon).
 */
const PASSWORD_LAST = new RegExp(String.raw`(?:${PASS})[^:：]{0,40}?[:：]\s*(\S+)$`, 'i');
/** A password's word in Chinese, Japanese or Korean, then the full-width colon (`...密碼是：X`). */
const CJK_PASSWORD_SAID = /(?:密码|密碼|パスワード|暗証番号|비밀번호|비번|암호)[^\s:：]{0,20}：\s*\S+$/;

/**
 * `tw6acc02 的正確密碼是：X`: a login, then a sentence saying its password, which splits like a
 * `user pass` line (the password `的正確密碼是：X`). A correction where the reply quotes that
 * login, else no account: no password begins with the words that name it.
 */
export function isPasswordSentence(s: string): boolean {
  return CJK_PASSWORD_SAID.test(s);
}

/** A login inside such a sentence, blanks around it or not. */
const LOGIN_RUN = /[A-Za-z0-9_.@+-]{3,64}/g;

/** The login and password a sentence ends with, when the login is one of `known`; undefined otherwise. */
function endingAccount(s: string, known: Map<string, number>): { username: string; password: string } | undefined {
  const named = PASSWORD_LAST.exec(s);
  if (named) {
    // The one delivered login the sentence names before its password (two: which one is unsure).
    const logins = new Set((s.slice(0, s.length - named[1]!.length).match(LOGIN_RUN) ?? []).filter((w) => known.has(w.toLowerCase())));
    return logins.size === 1 ? { username: [...logins][0]!, password: named[1]! } : undefined;
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

/**
 * A sentence giving a password and naming no login: `new pass: X`, `Sorry, the password is now X`,
 * `the pw was changed to X` (PASSWORD_LAST's colon forms, or the words `is`, `to`, `now` before it).
 */
const PASSWORD_IS = new RegExp(String.raw`(?:^|[^\p{L}])(?:${PASS})s?\s[^:：]{0,30}?\b(?:is|to|now)\s+(\S+)$`, 'iu');

/** A word as logins are and prose's words are not: letters with a digit, `_` or `@` in them. */
const NAMES_LOGIN = /[A-Za-z][A-Za-z0-9_.@+-]*[0-9_@]|[0-9_@][A-Za-z0-9_.@+-]*[A-Za-z]/;

/** The password a sentence that names no login gives, or undefined. */
function loginlessPassword(s: string): string | undefined {
  const m = PASSWORD_LAST.exec(s) ?? PASSWORD_IS.exec(s);
  if (!m) return undefined;
  // A login it names (`eevee_tw9 的正確密碼是：X`), delivered or not, makes it about that login, not this one.
  return NAMES_LOGIN.test(s.slice(0, m.index)) ? undefined : m[1];
}

/** A full stop after a letter or digit ends the sentence, not the password (`!` is a password's: `Pass1!`). */
function withoutFullStop(password: string): string {
  return /[A-Za-z0-9]\.$/.test(password) ? password.slice(0, -1) : password;
}

/** A password as sold ones are (six characters or more, a digit and something else), and no date, time or other value. */
function passwordShaped(username: string, password: string): boolean {
  return !lineProblem(username, password) && password.length >= 6 && /\d/.test(password) && /\D/.test(password) && !fieldKind(username, password);
}

/** A correction naming no login while the reply quotes several accounts: which one it corrects is unsure. */
export interface UnsureCorrection {
  line: number;
  /** The quoted accounts it may correct: none is imported with a password that may be stale. */
  accounts: Found[];
}

/**
 * The corrections among `prose`: each at its own line and depth, for a login `found` holds more
 * deeply quoted. A sentence naming no login corrects the one account the reply quotes; with
 * several quoted it is `unsure`, and the caller refuses them rather than keep a stale password.
 */
export function sentenceCorrections(prose: ProseLine[], found: Found[]): { fixes: Found[]; unsure: UnsureCorrection[] } {
  const out: Found[] = [];
  const unsure: UnsureCorrection[] = [];
  if (prose.length === 0 || found.length === 0) return { fixes: out, unsure };
  const deepest = new Map<string, number>();
  for (const a of found) {
    const key = a.username.toLowerCase();
    deepest.set(key, Math.max(deepest.get(key) ?? 0, a.depth));
  }
  for (const p of prose) {
    const account = endingAccount(p.s, deepest);
    if (!account) {
      const said = loginlessPassword(p.s);
      if (said === undefined) continue;
      const quoted = found.filter((a) => a.depth > p.depth);
      const logins = new Set(quoted.map((a) => a.username.toLowerCase()));
      const password = withoutFullStop(said);
      if (logins.size === 0 || !passwordShaped(quoted[0]!.username, password)) continue;
      if (logins.size === 1) out.push({ ...quoted[0]!, password, line: p.line, depth: p.depth });
      else unsure.push({ line: p.line, accounts: quoted });
      continue;
    }
    if (deepest.get(account.username.toLowerCase())! <= p.depth) continue;
    const password = withoutFullStop(account.password);
    // "I replaced ash01 yesterday" or "... ash01 on 2017-11-14" is no correction.
    if (!passwordShaped(account.username, password)) continue;
    const delivered = found.find((a) => a.username.toLowerCase() === account.username.toLowerCase())!;
    out.push({ ...delivered, password, line: p.line, depth: p.depth });
  }
  return { fixes: out, unsure };
}
