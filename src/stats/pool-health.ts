// Everything `accountpool stats` (and the dashboard) says about the pool's health, computed once
// from the accounts as they are and the history of how they got there.
import type { Account } from '../model.js';
import type { Config } from '../config.js';
import { firstEventAt, type LoadedHistory } from '../history/read.js';
import { sourceStats, type SourceRow } from './sources.js';
import { rangeStats, rangesOf, type RangeRow } from './ranges.js';

export interface PoolHealth {
  /** When this was computed (the pool's clock). */
  at: string;
  /** The first event of the history (undefined: no history yet). */
  history_since: string | undefined;
  /** History lines that did not read as events (edited by hand): not counted anywhere. */
  unreadable_lines: number;
  sources: SourceRow[];
  ranges: RangeRow[];
}

export function poolHealth(accounts: Iterable<Account>, history: LoadedHistory, now: Date, config: Config): PoolHealth {
  const list = [...accounts];
  const { events } = history;
  const first = firstEventAt(events);
  return {
    at: now.toISOString(),
    history_since: first,
    unreadable_lines: history.unreadable,
    sources: sourceStats(list, events),
    ranges: rangeStats(list, events, rangesOf(events, list, config, now), now, config, first),
  };
}
