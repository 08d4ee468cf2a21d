// A reply's correction written as a sentence that ends with the account: "Sorry, the 2nd one was
// wrong, use this: totodile_j07 Feral1gatr#08", "fixed: ash01:NewPass1", "new one -> ash01 / Pw".
// Read only for a login the mail itself delivers in the text it quotes: the sentence corrects an
// account the reply is about, it never names a new one, so no account is ever made from prose.
import { lineProblem } from '../lists/account-line.js';
import { fieldKind } from '../lists/line-kinds.js';
import type { Found } from './mail-list.js';

/** A line of the mail read past as prose, with how deeply it is quoted. */
export interface ProseLine {
  s: string;
  line: number;
  depth: number;
}

const SEPARATORS = [':', ';', '|', ','];
const MARKS = new Set(['/', '|', '-', ':', '->', '=>', '→', '=']);

/** The login and password a sentence ends with, when the login is one of `known`; undefined otherwise. */
function endingAccount(s: string, known: Map<string, number>): { username: string; password: string } | undefined {
  const words = s.split(/\s+/);
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

/** The corrections among `prose`: each at its own line and depth, for a login `found` holds more deeply quoted. */
export function sentenceCorrections(prose: ProseLine[], found: Found[]): Found[] {
  if (prose.length === 0 || found.length === 0) return [];
  const deepest = new Map<string, number>();
  for (const a of found) {
    const key = a.username.toLowerCase();
    deepest.set(key, Math.max(deepest.get(key) ?? 0, a.depth));
  }
  const out: Found[] = [];
  for (const p of prose) {
    const account = endingAccount(p.s, deepest);
    if (!account || deepest.get(account.username.toLowerCase())! <= p.depth) continue;
    // A full stop after a letter or digit ends the sentence, not the password (`!` is a password's: `Pass1!`).
    const password = /[A-Za-z0-9]\.$/.test(account.password) ? account.password.slice(0, -1) : account.password;
    // A password as sold ones are (six characters or more, a digit and something else), and no
    // date, time or other value: "I replaced ash01 yesterday" or "... ash01 on 2017-11-14" is no correction.
    if (lineProblem(account.username, password) || password.length < 6 || !/\d/.test(password) || !/\D/.test(password) || fieldKind(account.username, password)) continue;
    const delivered = found.find((a) => a.username.toLowerCase() === account.username.toLowerCase())!;
    out.push({ ...delivered, password, line: p.line, depth: p.depth });
  }
  return out;
}
