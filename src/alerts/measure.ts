// Where each alert condition stands now, and where it stood at its last crossing.
//
// The state of a crossing is kept in the pool's history, not in a file of its own: each crossing
// is an `alert` event (the condition went below its threshold; the command ran) and each return
// above it a `recovered` event. So the state is as crash-safe as the history (recorded in the same
// kind of transaction), shared by every process and, through git, by every host; and the history
// tells a person when the pool ran low. The last such event per condition within the window read
// (this month and the last) is its state: a condition still below after a quiet month is
// announced again, as a reminder.
import type { Account } from '../model.js';
import type { Config } from '../config.js';
import type { HistoryEvent } from '../history/events.js';
import { rangeStats, type RangeRow } from '../stats/ranges.js';
import type { Condition } from './rules.js';

export interface Reading {
  condition: Condition;
  /** Accounts available, or days until dry (null: nothing lost lately, so never). */
  value: number | null;
  below: boolean;
  /** The range's numbers, for the alert's message. */
  range: RangeRow;
}

/** Whether each condition was last seen below (by id), from the history's alert events. */
export function lastCrossings(events: readonly HistoryEvent[]): Map<string, { below: boolean; at: string }> {
  const state = new Map<string, { below: boolean; at: string }>();
  for (const event of events) {
    if (event.kind !== 'alert' && event.kind !== 'recovered') continue;
    const known = state.get(event.rule);
    if (!known || event.at >= known.at) state.set(event.rule, { below: event.kind === 'alert', at: event.at });
  }
  return state;
}

export function readConditions(conditions: readonly Condition[], accounts: readonly Account[], events: readonly HistoryEvent[], now: Date, config: Config, since: string | undefined): Reading[] {
  const ranges = rangeStats(accounts, events, conditions.map((c) => c.range), now, config, since);
  return conditions.map((condition, i) => {
    const range = ranges[i]!;
    const value = condition.measure === 'available' ? range.available : range.days_until_dry;
    return { condition, value, below: value !== null && value < condition.below, range };
  });
}

/** The readings whose side of the threshold differs from their last recorded crossing. */
export function changed(readings: readonly Reading[], crossings: ReadonlyMap<string, { below: boolean }>): Reading[] {
  return readings.filter((r) => r.below !== (crossings.get(r.condition.id)?.below ?? false));
}
