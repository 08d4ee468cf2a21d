// Per level range: accounts handed out and lost per day (last 7 and 30 days), and a forecast of
// when the range runs dry at that rate.
//
//   handed out  the accounts of allocation events whose level is in the range (what scanners took)
//   lost        verdicts other than ok on accounts in the range (banned, blind, warned, invalid)
//   usable      accounts in the range available now or held by a scanner (not cooling, not retired)
//   dry in      usable / lost per day over the last 7 days; null when nothing was lost
// A rate is over the window or over the history's whole span when that is shorter (at least a
// day), so a pool with two days of history does not look seven times better than it is. The
// forecast errs early: an account banned for 10 days counts as lost even though it comes back.
import type { Account } from '../model.js';
import type { Config } from '../config.js';
import type { LevelRange } from '../allocate/select.js';
import type { HistoryEvent } from '../history/events.js';
import { availabilityOf } from '../availability.js';
import { inRange, parseRange, rangeLabel } from '../level-range.js';

const DAY = 86_400_000;

export interface DayCount {
  /** `2026-11-24` (UTC) */
  day: string;
  handed_out: number;
  lost: number;
}

export interface RangeRow {
  levels: string;
  available: number;
  usable: number;
  handed_out_per_day: { d7: number; d30: number };
  lost_per_day: { d7: number; d30: number };
  days_until_dry: number | null;
  /** The last 30 days, oldest first (today last): for the dashboard's chart. */
  daily: DayCount[];
}

/** The ranges worth a row: what scanners asked for in the last 30 days and what alerts watch; else every level. */
export function rangesOf(events: readonly HistoryEvent[], accounts: readonly Account[], config: Config, now: Date): LevelRange[] {
  const since = new Date(now.getTime() - 30 * DAY).toISOString();
  const labels = new Set<string>();
  for (const event of events) if (event.kind === 'allocate' && event.at >= since && parseRange(event.levels)) labels.add(rangeLabel(parseRange(event.levels)!));
  for (const rule of config.alerts) labels.add(rule.levels);
  if (labels.size === 0 && accounts.length > 0) {
    const levels = accounts.map((a) => a.level);
    labels.add(rangeLabel({ min: Math.min(...levels), max: Math.max(...levels) }));
  }
  return [...labels].map((label) => parseRange(label)!).sort((a, b) => a.min - b.min || a.max - b.max);
}

function sumLevels(byLevel: Record<string, number>, range: LevelRange): number {
  let n = 0;
  for (const [level, count] of Object.entries(byLevel)) if (inRange(Number(level), range)) n += count;
  return n;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** `since`: the history's first event (the span rates are measured over when shorter than a window). */
export function rangeStats(accounts: readonly Account[], events: readonly HistoryEvent[], ranges: readonly LevelRange[], now: Date, config: Config, since: string | undefined): RangeRow[] {
  const nowIso = now.toISOString();
  const spanDays = since ? Math.max(1, (now.getTime() - Date.parse(since)) / DAY) : 1;
  const today = Date.parse(`${nowIso.slice(0, 10)}T00:00:00.000Z`);
  const days = Array.from({ length: 30 }, (_, i) => new Date(today - (29 - i) * DAY).toISOString().slice(0, 10));
  return ranges.map((range) => {
    let available = 0;
    let usable = 0;
    for (const account of accounts) {
      if (!inRange(account.level, range)) continue;
      const availability = availabilityOf(account, nowIso, config);
      if (availability === 'available') available++;
      if (availability === 'available' || availability === 'held') usable++;
    }
    const daily = new Map(days.map((day) => [day, { day, handed_out: 0, lost: 0 }]));
    const totals = { out7: 0, out30: 0, lost7: 0, lost30: 0 };
    for (const event of events) {
      const age = now.getTime() - Date.parse(event.at);
      if (age < 0 || age > 30 * DAY) continue;
      let out = 0;
      let lost = 0;
      if (event.kind === 'allocate') out = sumLevels(event.by_level, range);
      else if (event.kind === 'verdict' && event.verdict !== 'ok' && inRange(event.level, range)) lost = 1;
      else continue;
      totals.out30 += out;
      totals.lost30 += lost;
      if (age <= 7 * DAY) {
        totals.out7 += out;
        totals.lost7 += lost;
      }
      const day = daily.get(event.at.slice(0, 10));
      if (day) {
        day.handed_out += out;
        day.lost += lost;
      }
    }
    const per = (n: number, window: number) => round1(n / Math.min(window, spanDays));
    const lost7 = per(totals.lost7, 7);
    return {
      levels: rangeLabel(range),
      available,
      usable,
      handed_out_per_day: { d7: per(totals.out7, 7), d30: per(totals.out30, 30) },
      lost_per_day: { d7: lost7, d30: per(totals.lost30, 30) },
      days_until_dry: totals.lost7 > 0 ? round1(usable / (totals.lost7 / Math.min(7, spanDays))) : null,
      daily: [...daily.values()],
    };
  });
}
