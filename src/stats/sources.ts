// Seller quality: per source (the file an account first came from, or `import --source LABEL`),
// how many accounts the pool has from it, how many are still healthy, how many were ever banned,
// blind or invalid, and how long its accounts lasted before their first ban.
//
// "Ever" reads the history's verdict events and the accounts' current states together, so a pool
// older than its history (or with history turned off) still shows its current bans.
import { keyOf, type Account } from '../model.js';
import type { HistoryEvent } from '../history/events.js';

export interface SourceRow {
  source: string;
  /** Accounts in the pool from this source. */
  bought: number;
  /** Of those, in state ok now. */
  healthy: number;
  /** Ever temp- or perm-banned, ever blind, ever invalid (wrong password). */
  banned: number;
  blind: number;
  invalid: number;
  /** Median days from import to the first ban, over the accounts ever banned; null when none was. */
  median_days_to_first_ban: number | null;
}

export const UNKNOWN_SOURCE = '(unknown)';
const BANS = new Set(['temp_banned', 'perm_banned']);

interface Seen {
  kinds: Set<string>;
  /** Days from import to the first ban, as the first ban's event said. */
  firstBan?: { at: string; days: number | null };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

/** What the verdict events say about each account (by key). */
function verdictsByAccount(events: readonly HistoryEvent[]): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  for (const event of events) {
    if (event.kind !== 'verdict') continue;
    const key = keyOf(event.username);
    let entry = seen.get(key);
    if (!entry) seen.set(key, (entry = { kinds: new Set() }));
    entry.kinds.add(event.verdict);
    if (BANS.has(event.verdict) && (!entry.firstBan || event.at < entry.firstBan.at)) entry.firstBan = { at: event.at, days: event.days_since_import };
  }
  return seen;
}

export function sourceStats(accounts: Iterable<Account>, events: readonly HistoryEvent[]): SourceRow[] {
  const verdicts = verdictsByAccount(events);
  const rows = new Map<string, SourceRow & { banDays: number[] }>();
  for (const account of accounts) {
    const source = account.source ?? UNKNOWN_SOURCE;
    let row = rows.get(source);
    if (!row) rows.set(source, (row = { source, bought: 0, healthy: 0, banned: 0, blind: 0, invalid: 0, median_days_to_first_ban: null, banDays: [] }));
    row.bought++;
    if (account.state === 'ok') row.healthy++;
    const seen = verdicts.get(keyOf(account.username));
    const ever = (state: string) => account.state === state || Boolean(seen?.kinds.has(state));
    const banned = ever('temp_banned') || ever('perm_banned');
    if (banned) {
      row.banned++;
      // The first ban's own word on its age; else (before the history began) the current ban's date.
      const days = seen?.firstBan ? seen.firstBan.days : account.state_at ? (Date.parse(account.state_at) - Date.parse(account.added_at)) / 86_400_000 : null;
      if (days !== null && Number.isFinite(days)) row.banDays.push(Math.max(0, days));
    }
    if (ever('blind')) row.blind++;
    if (ever('invalid')) row.invalid++;
  }
  return [...rows.values()]
    .map(({ banDays, ...row }) => ({ ...row, median_days_to_first_ban: median(banDays) }))
    .sort((a, b) => b.bought - a.bought || (a.source < b.source ? -1 : 1));
}
