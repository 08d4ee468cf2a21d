// The `user:pass` lines of a mail, read as one list with its own layout (list-layout.ts): a shop
// pastes its stock into its template, with the level noted after each account or in a column
// as in any list (level-suffix.ts, column-roles.ts), a note after it (line-comments.ts).
import { analyseLayout } from '../lists/list-layout.js';
import { splitListLine } from '../lists/column-roles.js';
import { lineNotes } from '../lists/line-notes.js';
import { withoutComment } from '../lists/line-comments.js';
import { withNetworkLogins } from '../lists/network-logins.js';
import { joinedAccounts, joinedItems } from '../lists/joined-items.js';
import { withoutCounters } from '../lists/line-counters.js';
import { withProviderRowCut } from '../tools/rocketmap-columns.js';
import { hasDigit, refuseWordPairs } from '../lists/word-pairs.js';
import { accountCellsReason } from './account-cells.js';
import type { DumpAccount, Rejection, Skipped } from '../types.js';

/** An account found in a mail, with how deeply the line quoting it was quoted (a reply's corrections win). */
export type Found = DumpAccount & { depth: number };

/** A `user:pass` line of a mail; `networkLogin`: its login is a network's name, among accounts (network-logins.ts). */
export interface Embedded {
  s: string;
  line: number;
  depth: number;
  networkLogin?: boolean;
}

export function readEmbedded(embedded: Embedded[], accounts: Found[], rejected: Rejection[], skipped: Skipped[]): void {
  if (embedded.length === 0) return;
  const layout = analyseLayout(embedded.map((e) => e.s));
  const start = accounts.length;
  for (const [i, { s: line, line: at, depth, networkLogin }] of embedded.entries()) {
    // The header names the columns: shown as such, as a list's is (the line is accounted for).
    if (i === layout.headerAt) {
      skipped.push({ line: at, kind: 'header' });
      continue;
    }
    // `user:pass # sold`: the note is read past by the list's rule, as in a plain list (line-comments.ts).
    const { s, level, provider, state, unsure, quoted } = lineNotes(layout.comments ? withoutComment(line, layout.comments) : line);
    // `user:pass (Level 31) sold to misty`: a note whose end is unsure is refused, as in a plain list.
    if (unsure) {
      rejected.push({ line: at, reason: unsure });
      continue;
    }
    // `user1:pass1, user2:pass2`: the stock pasted on one line (joined-items.ts).
    const items = layout.sep === ':' && !layout.roles ? joinedItems(s) : undefined;
    if (items) {
      const joined = joinedAccounts(items);
      if ('reason' in joined) rejected.push({ line: at, reason: joined.reason });
      else for (const r of joined.accounts) accounts.push({ ...r, line: at, depth });
      continue;
    }
    // A CSV-quoted line comes with its fields joined by a tab (quoted-fields.ts), as in a plain list.
    const lineLayout = networkLogin ? withNetworkLogins(layout) : layout;
    const split = splitListLine(s, quoted ? { ...lineLayout, quoted: true } : lineLayout);
    // `ptc,user,pass,30`: a column after the password is never half of it (rocketmap-columns.ts).
    const r = !('reason' in split) && provider ? withProviderRowCut(line, split) : split;
    if (!('reason' in r)) accounts.push({ ...r, ...(r.level === undefined && level !== undefined ? { level } : {}), ...(!r.provider && provider ? { provider } : {}), ...(state ? { state } : {}), line: at, depth });
    // A row the list read as a statistic or a table's row though its cells give a login and a
    // password (`ash02;Pika2!x;30` under `Nr.;Login;Password;Level`): refused, never dropped (account-cells.ts).
    else if (r.kind && (r.kind === 'table' || r.kind === 'stats') && accountCellsReason(line)) rejected.push({ line: at, reason: accountCellsReason(line)! });
    else if (r.kind) skipped.push({ line: at, kind: r.kind });
    else rejected.push({ line: at, reason: r.reason });
  }
  // `user:pass (1)`, `user:pass (2)`: a counter, not levels (line-counters.ts).
  // A level stated with its word on the line (`Level 2`) is no counter; nor, as in a plain list
  // (plain.ts), are the numbers of a column a header names `Level`: a forwarded delivery's
  // `> Username | Password | Level` over 30, 31, 32 lost every level as a counter's run.
  const written = new Map(embedded.map((e) => [e.line, e.s]));
  if (!layout.roles?.includes('level')) withoutCounters(accounts.slice(start), (a) => written.get(a.line));
  // `misty:thanks!` among the mail's `ash01:Pw12345!` lines: a label and its value or a word of
  // the letter, refused by the plain list's own rule (word-pairs.ts), never an account named misty.
  // The mail's labelled accounts above (`Login:` / `Password:`) count with the list when all have a digit.
  const listed = accounts.slice(start);
  refuseWordPairs(listed, rejected, accounts.slice(0, start).every(hasDigit) ? start : 0);
  // One push each, not a spread: a quoted delivery of 200,000 lines overflowed the call stack.
  accounts.length = start;
  for (const a of listed) accounts.push(a);
}
