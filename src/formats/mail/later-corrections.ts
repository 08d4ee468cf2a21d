// An mbox's messages are in the order they arrived: a later message that names a delivered
// account's new password in a sentence quoting nothing (`New password for ash_01: X`, `пароль
// от ash_01 изменён: X`) is about that account. Applied only when certain (the sentence names the
// login and says the password changed or is new, correction-words.ts' 14 languages); otherwise
// the account and the sentence are refused, each naming the other's line: never the old
// password kept silently, never prose made into an account.
import { unquote } from './email-quotes.js';
import { followUpValues, isCorrectionLine, loginRuns, saysPasswordWrong, sentenceCorrections, type ProseLine } from './reply-corrections.js';
import { withSplitCorrectionsJoined } from './split-corrections.js';
import type { Found } from './mail-list.js';
import { arrowLine, arrowNames } from './arrow-corrections.js';
import { LEAD_IN_UNSURE } from '../lists/lead-in-account.js';
import { mightBeCorrection } from './might-be-correction.js';
import type { DumpAccount, DumpResult, Rejection } from '../types.js';

/** What a later message says of the accounts read before it. */
export interface LaterCorrections {
  /** Certain new passwords: the account as the later message gives it (its line the sentence's). */
  applied: DumpAccount[];
  /** Accounts read before whose password may now be stale, by the earlier account's object. */
  stale: { account: DumpAccount; reason: string }[];
  /** The later message's sentences refused, and those applied (no longer prose). */
  rejected: Rejection[];
  used: number[];
}

/**
 * The later message's unquoted prose lines (as its reader skipped them, by file line; the text
 * is the line as its reader read it, decoded from a quoted-printable, base64 or HTML part), against
 * the accounts `earlier` messages delivered. `answered`: `earlier` are the accounts of the message
 * the later one answers (mail-thread.ts), so a sentence naming its account by its place, or none
 * when it delivered one, is about that account as surely as one naming its login. `who` and
 * `delivered` name the two in the reasons (a mail's body and its attached files: eml.ts).
 * `holds`: whether a lower-cased login is among `earlier`'s (a look-up; true for more is fine): a
 * message none of whose sentences can be a correction is then answered before `earlier` is copied.
 */
export function laterCorrections(later: DumpResult, fileLines: string[], earlier: DumpAccount[], answered = false, who = 'a later message', delivered = 'delivered before', holds?: (login: string) => boolean): LaterCorrections {
  const out: LaterCorrections = { applied: [], stale: [], rejected: [], used: [] };
  if (earlier.length === 0) return out;
  // Its prose as its reader skipped it (the text as read, decoded from a quoted-printable, base64 or
  // HTML part, else the file's line), and `Sorry, use this: ash_02:New!Pw`: a sentence glued before
  // an account its reader could not confirm, refused by its line, not read past (lead-in-account.ts);
  // after a delivery it may be a correction all the same (withLaterSaid drops that refusal if so).
  const candidates: { line: number; text?: string }[] = [];
  for (const k of later.skipped ?? []) if (k.kind === 'prose' && !k.read) candidates.push(k);
  for (const r of later.rejected) if (r.reason === LEAD_IN_UNSURE) candidates.push({ line: r.line });
  const prose: ProseLine[] = [];
  for (const { line, text } of candidates) {
    const { s, depth } = unquote((text ?? fileLines[line - 1] ?? '').replace(/\r$/, ''));
    // A line the later message quotes is an earlier one's text, not what it says now.
    if (depth === 0 && s !== '') prose.push({ s, line, depth: 1 });
  }
  if (prose.length === 0) return out;
  // `ok thanks` in a chat of 100,000 messages: no copy of every account delivered for it (might-be-correction.ts).
  if (holds && !mightBeCorrection(prose, holds)) return out;
  prose.sort((a, b) => a.line - b.line);
  // A correction spread over two sentences, the login in the first: read as one (split-corrections.ts).
  const sentences = withSplitCorrectionsJoined(prose, [...earlier, ...later.accounts].map((a) => a.username.toLowerCase()));
  // The earlier messages' accounts stand as if quoted one level deeper than the later message's words.
  // Its own accounts stand beside its words (`new password below:` above its own Username/Password lines).
  const found: Found[] = earlier.map((a) => ({ ...a, depth: 2 }));
  const own: Found[] = later.accounts.map((a) => ({ ...a, depth: 1 }));
  const byFound = new Map(found.map((f, i) => [f, earlier[i]!]));
  const { fixes, unsure } = sentenceCorrections(sentences, [...found, ...own]);
  for (const fix of fixes) {
    const key = fix.username.toLowerCase();
    const before = earlier.filter((a) => a.username.toLowerCase() === key);
    if (before.every((a) => a.password === fix.password)) continue;
    // A base64 line decodes to several lines, all at its file line: the sentence is the one naming the login, if any.
    const at = sentences.filter((p) => p.line === fix.line);
    const s = (at.find((p) => loginRuns(p.s).includes(key)) ?? at[0]!).s;
    const named = loginRuns(s).includes(key);
    out.used.push(fix.line);
    // Told by its login; or the one account, or the one at the place it names, of the message answered
    // (sentenceCorrections finds no account when the place or the login is unsure); or the one account delivered at all.
    const told = named || answered || new Set(earlier.map((a) => a.username.toLowerCase())).size === 1;
    // `gmacc2 -> X`, `Old!Pass22 → X`: an arrow whose left names the account, by its login or its old password.
    const arrow = arrowLine(s);
    const byArrow = arrow !== undefined && Object.values(arrowNames(arrow, before)).some((named) => named.length > 0);
    if ((told && isCorrectionLine(s)) || byArrow) {
      // The later message's own word: no quoted copy, whatever the account it corrects was.
      const { quoted: _copy, ...account } = before[0]!;
      out.applied.push({ ...account, password: fix.password, line: fix.line });
      continue;
    }
    const lines = `lines ${before.map((a) => a.line).join(', ')} and ${fix.line}`;
    const why = named ? 'without saying it changed' : 'naming it only by its place or not at all';
    out.rejected.push({ line: fix.line, reason: `${who} gives an account ${delivered} another password ${why} (${lines}): which password is right is unsure` });
    for (const account of before) out.stale.push({ account, reason: `its password may be stale: ${who} gives it another one ${why} (${lines})` });
  }
  for (const u of unsure) {
    out.used.push(u.line);
    const accounts = u.accounts.map((f) => byFound.get(f)!).filter((a) => a !== undefined);
    const lines = `lines ${[...accounts.map((a) => a.line), u.line].join(', ')}`;
    out.rejected.push({ line: u.line, reason: `${who}: ${u.reason} (${lines})` });
    for (const account of accounts) out.stale.push({ account, reason: `its password may be stale: the correction at line ${u.line} is unsure (${lines})` });
  }
  staleByWording(sentences, earlier, out, who, delivered);
  return out;
}

/**
 * A later message's sentence naming a delivered login beside a word shaped like a password, that
 * the sentence readers could not read as its new password (`Please use X for ash_02, sorry`, `I
 * gave the wrong password for ash_02. The correct one is X`): the account may hold a stale
 * password. Refused, the account and the sentence naming each other's line: never the old password
 * kept silently. A sentence naming a login with no such word (`ash_02 works, thanks`) says nothing.
 */
function staleByWording(prose: ProseLine[], earlier: DumpAccount[], out: LaterCorrections, who: string, delivered: string): void {
  const used = new Set(out.used);
  const logins = new Map(earlier.map((a) => [a.username.toLowerCase(), 0]));
  for (const p of prose) {
    // `gmacc2 is on order ORD-7x9Kq2`: a login beside other tokens is no word on its password.
    if (used.has(p.line) || !saysPasswordWrong(p.s)) continue;
    const named = [...new Set(loginRuns(p.s))].filter((run) => logins.has(run));
    if (named.length === 0) continue;
    const before = earlier.filter((a) => named.includes(a.username.toLowerCase()));
    const values = followUpValues(p.s, before[0]!.username, logins).filter((v) => !before.some((a) => a.password === v));
    if (values.length === 0) continue;
    used.add(p.line);
    out.used.push(p.line);
    const lines = `lines ${[...before.map((a) => a.line), p.line].join(', ')}`;
    out.rejected.push({ line: p.line, reason: `${who} names an account ${delivered} beside a word shaped like a password, without saying plainly it is its new password (${lines}): which password is right is unsure` });
    for (const account of before) out.stale.push({ account, reason: `its password may be stale: ${who} names it beside another password-shaped word (${lines})` });
  }
}

/** A lead-in refused as unconfirmed (lead-in-account.ts) that a correction used: the correction's now, applied or refused. */
export function isSaidLeadIn(r: Rejection, used: ReadonlySet<number>): boolean {
  return r.reason === LEAD_IN_UNSURE && used.has(r.line);
}

/**
 * `result` (a later message as its reader read it) with what `later` said of the accounts before
 * it: its applied corrections added, its refusals added, the sentences it used no longer prose nor
 * refused as an unconfirmed lead-in (one of them is now the correction's, applied or refused).
 */
export function withLaterSaid(result: DumpResult, later: LaterCorrections): DumpResult {
  const used = new Set(later.used);
  return {
    ...result,
    accounts: [...result.accounts, ...later.applied],
    rejected: [...result.rejected.filter((r) => !isSaidLeadIn(r, used)), ...later.rejected],
    skipped: result.skipped?.filter((k) => !used.has(k.line)),
  };
}
