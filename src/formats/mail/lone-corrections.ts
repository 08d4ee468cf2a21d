// A mail dropped alone that delivers no account but says a password changed (`New password for
// ash_02: X`, `Sorry, the new password is X`, `2. аккаунт: новый пароль X`): the reply to a
// delivery in another file. Read alone, it cannot tell which account, nor that one is there at
// all; the account another file delivered keeps a password that may be stale. So the sentence is
// refused by its line, saying so and how to read the two together (one import of both files, or
// one mbox: mail-batch.ts and mbox.ts apply it there), never read past as "a message without
// accounts". A sentence naming a login and saying its password changed is also offered to the
// import (DumpResult.poolCorrections): certain when the pool holds exactly one login it names.
// The same sentence in a mail that also delivers new accounts is read the same way: both count.
import { unquote } from './email-quotes.js';
import { isCorrectionLine, isPasswordSentence, loginRuns, NAMES_LOGIN, shortValuesSaid, type LoginSet, type ProseLine } from './reply-corrections.js';
import { withoutValues } from './values-blanked.js';
import { withSplitCorrectionsJoined } from './split-corrections.js';
import { isOfferedLogin } from './offered-logins.js';
import { laterCorrections } from './later-corrections.js';
import { arrowLine, givesPassword } from './arrow-corrections.js';
import { lettersLoginOf } from './letters-login.js';
import type { DumpAccount, DumpResult, PoolCorrection } from '../types.js';

export const LONE_CORRECTION =
  'a correction of a password for no account this mail delivers, nor any other mail of this import: the account is in another file (the delivery this mail answers?), whose password may now be stale; import the delivery and this reply together (`accountpool import delivery.eml reply.eml`), or put the messages in one mbox, in the order they arrived, or correct the account by hand';

/** What an arrow line refused here looks like (arrow-corrections.ts). */
const ARROW_CORRECTION = 'an arrow line (`login -> new password` or `old password -> new password`) naming no login or password this mail delivers';

/** At most this many words of one sentence are tried as the login it names (a sentence is short). */
const MAX_RUNS = 24;

/**
 * `result` (a whole mail's) with each such sentence refused. A mail that gives no account and refused
 * nothing: every sentence saying a password changed. A mail that delivers accounts (the next
 * order's mail, with a word on the last order's ash_02): only a sentence that gives a password for
 * a login none of its own accounts has; the rest of its prose stays prose, as it always was.
 * `before`: the accounts delivered before it, or their lower-cased logins' look-up (an mbox's or a
 * chat's collector: message-sequence.ts; no copy of them all for each of 100,000 messages).
 */
export function lonePasswordCorrections(result: DumpResult, fileLines: string[] = [], before: DumpAccount[] | LoginSet = []): DumpResult {
  const delivers = result.accounts.length > 0;
  if (!result.skipped || (!delivers && result.rejected.length > 0)) return result;
  // A sentence naming one of this mail's own accounts is about that account: its reader's business
  // (reply-corrections.ts); one naming an account `before` it (an mbox's earlier message), the conversation's.
  const mine = new Set(result.accounts.map((a) => a.username.toLowerCase()));
  const earlier: LoginSet = Array.isArray(before) ? new Set(before.map((a) => a.username.toLowerCase())) : before;
  const own: LoginSet = { has: (login) => mine.has(login) || earlier.has(login) };
  const prose: ProseLine[] = [];
  for (const k of result.skipped) {
    // As the reader read it (a decoded line), else the file's line (a mail of a conversation: mail-batch.ts).
    const text = k.text ?? fileLines[k.line - 1]?.replace(/\r$/, '');
    if (k.kind !== 'prose' || k.read || text === undefined) continue;
    const { s, depth } = unquote(text);
    // A sentence the mail quotes is the conversation's past, not what it says now.
    if (depth === 0 && s !== '') prose.push({ s, line: k.line, depth });
  }
  const lines = new Map<number, string>();
  /** A sentence over two lines (`... wrong password for gmacc9.` / `The correct one is X`): its first line, by its second's. */
  const from = new Map<number, number>();
  /** Arrow lines the mail's reader read as corrections (`gmacc9 -> X` below `gmacc1:Pw`, `Old!Pass99 → X`): never left as prose. */
  const arrows = new Set<number>();
  for (const p of withSplitCorrectionsJoined(prose, own)) {
    const arrow = arrowLine(p.s);
    if (arrow && givesPassword(arrow)) arrows.add(p.line);
    // `gmacc2的密码是：X` (isPasswordSentence) gives a login a password, whether or not it says it changed.
    if (!(isCorrectionLine(p.s) || isPasswordSentence(p.s) || arrows.has(p.line)) || loginRuns(p.s).some((run) => own.has(run))) continue;
    lines.set(p.line, p.s);
    if (p.from !== undefined) from.set(p.line, p.from);
  }
  if (lines.size === 0) return result;
  const poolCorrections: PoolCorrection[] = [];
  /** Lines that correct a login-shaped word of theirs, certainly or not (`the new one for gmacc8 and gmacc9 is X`). */
  const aboutLogin = new Set<number>();
  /** Lines whose sentence a word of theirs took as its login's correction, offered or not. */
  const applied = new Set<number>();
  /** The passwords a line's sentence gives, as the words tried read it (never named: letters-login.ts takes them out). */
  const given = new Map<number, string[]>();
  for (const [line, s] of lines) {
    // Each word of the sentence as if it were a delivered login: later-corrections.ts applies a fix
    // only when the sentence names that login and says it changed; the pool decides which word is one.
    // `the password is now Xyz9!`: a value too short to be a password is no login the sentence names either.
    const short = new Set(shortValuesSaid(s, '').flatMap(loginRuns));
    for (const run of new Set(loginRuns(s).slice(0, MAX_RUNS))) {
      if (short.has(run)) continue;
      const said = laterCorrections({ ...result, accounts: [], skipped: [{ line, kind: 'prose', text: s }] }, fileLines, [{ username: run, password: '', line: 0 }]);
      // A piece of the new password (`Fresh!Pass42`: `pass42`) is no login it names; a login named
      // outside it is, even when the password holds it too (`gmacc9` changed to `gmacc9Pw7`).
      // Only a word shaped as a login is offered (offered-logins.ts: never `the`, `para`, `ist`); the
      // line is refused all the same.
      for (const a of said.applied) {
        given.set(line, [...(given.get(line) ?? []), a.password]);
        if (!loginRuns(withoutValues(s, [a.password])).includes(run)) continue;
        applied.add(line);
        if (isOfferedLogin(run)) poolCorrections.push({ line, username: a.username, password: a.password });
      }
      if (said.used.length > 0 && NAMES_LOGIN.test(run)) aboutLogin.add(line);
    }
  }
  // In a mail that delivers, a sentence about a login it does not deliver is refused however it is
  // worded (one rule: own-corrections.ts); its other prose stays prose.
  const refused = new Set(delivers ? [...applied, ...aboutLogin, ...[...arrows].filter((line) => lines.has(line))] : lines.keys());
  if (refused.size === 0) return result;
  const offered = new Set(poolCorrections.map((c) => c.line));
  /** A login of letters alone the sentence seems to give (`ashketchum`): named, never offered (letters-login.ts). */
  const lettersLogin = (line: number): string => {
    const login = offered.has(line) ? undefined : lettersLoginOf(lines.get(line) ?? '', given.get(line) ?? []);
    return login ? ` (the sentence seems to give it for the login \`${login}\`, a word of letters alone: never offered to the pool, correct that account by hand if it is one)` : '';
  };
  const reason = (line: number): string =>
    (from.has(line) ? `${LONE_CORRECTION} (the sentence runs over lines ${from.get(line)} and ${line}: the login in the first, the password in the second)` : arrows.has(line) ? `${ARROW_CORRECTION}: ${LONE_CORRECTION}` : LONE_CORRECTION) + lettersLogin(line);
  return {
    ...result,
    rejected: [...result.rejected, ...[...refused].map((line) => ({ line, reason: reason(line) }))],
    skipped: result.skipped.filter((k) => !refused.has(k.line)),
    ...(poolCorrections.length > 0 ? { poolCorrections } : {}),
  };
}
