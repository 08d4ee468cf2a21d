// The pool's history as events, for stats, alerts and the dashboard: every month file from
// `from` on plus what is still in the change log (Pool.readHistory), each line read as an event.
// Lines that are not events (edited by hand, a merge gone wrong) are counted, never fatal.
import type { Pool } from '../store/pool.js';
import { parseEvent, type HistoryEvent } from './events.js';

export interface LoadedHistory {
  /** Oldest first, as the lines stand (a merge from another host may interleave times). */
  events: HistoryEvent[];
  /** Lines that did not read as an event. */
  unreadable: number;
}

export function parseHistory(lines: readonly string[]): LoadedHistory {
  const events: HistoryEvent[] = [];
  let unreadable = 0;
  for (const line of lines) {
    const event = parseEvent(line);
    if (event) events.push(event);
    else unreadable++;
  }
  return { events, unreadable };
}

/** The time of the earliest event (lines merged from another host may come out of order), or undefined. */
export function firstEventAt(events: readonly HistoryEvent[]): string | undefined {
  return events.reduce<string | undefined>((min, e) => (min === undefined || e.at < min ? e.at : min), undefined);
}

/** Every event since the start of month `from` (`2026-11`; default: all of it). */
export async function loadHistory(pool: Pool, from = ''): Promise<LoadedHistory> {
  return parseHistory(await pool.readHistory(from));
}
