// What the pool's history says, one event per line of `history/YYYY-MM.txt`:
//
//   2026-11-24T13:00:00.000Z import {"source":"order-1234.eml","added":120,"by_level":{"30":120}}
//   2026-11-24T14:00:00.000Z allocate {"instance":"monocle-east","levels":"30-31","count":400,"by_level":{"30":380,"31":20}}
//   2026-11-24T14:00:00.000Z verdict {"username":"ash","verdict":"blind","level":30,"source":"order-1234.eml","days_since_import":0.04,"days_since_allocation":null}
//   2026-11-24T15:00:00.000Z release {"instance":"monocle-east","count":400}
//   2026-11-24T16:00:00.000Z expired {"instance":"east","count":3}
//   2026-11-24T16:00:00.000Z alert {"rule":"30-31 available < 50","levels":"30-31","available":42,"below":50}
//   2026-11-25T09:00:00.000Z recovered {"rule":"30-31 available < 50","levels":"30-31","available":380,"below":50}
//
// The time first (so `sort` and a merge order lines by time), a word, then the details as JSON:
// readable by a person, and every value escaped (usernames, instance and file names come from
// outside). Never a password: no event has a field for one. Lines that do not read as an event
// (edited by hand, cut off) are skipped by readers, never fatal.

/** Accounts by level: `{"30": 380, "31": 20}`. */
export type ByLevel = Record<string, number>;

export type HistoryEvent =
  | { at: string; kind: 'import'; source: string; added: number; by_level: ByLevel }
  | { at: string; kind: 'allocate'; instance: string; levels: string; count: number; by_level: ByLevel }
  | {
      at: string;
      kind: 'verdict';
      username: string;
      verdict: string;
      level: number;
      source: string | null;
      days_since_import: number | null;
      days_since_allocation: number | null;
    }
  | { at: string; kind: 'release' | 'expired'; instance: string; count: number }
  | { at: string; kind: 'alert' | 'recovered'; rule: string; levels: string; [measure: string]: string | number | null };

export type EventKind = HistoryEvent['kind'];

/** Distributes over the union: an event of one kind without its `at` and `kind`. */
type Details<E> = E extends unknown ? Omit<E, 'at' | 'kind'> : never;

export function formatEvent(event: HistoryEvent): string {
  const { at, kind, ...details } = event;
  return `${at} ${kind} ${JSON.stringify(details)}`;
}

const LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ([a-z]+) (\{.*\})$/;

const isText = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isByLevel = (v: unknown): v is ByLevel => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isCount);
const isDays = (v: unknown) => v === null || typeof v === 'number';

/** Each kind's required fields and their checks: a line that fails one is not an event. */
const SHAPES: Record<EventKind, Record<string, (v: unknown) => boolean>> = {
  import: { source: isText, added: isCount, by_level: isByLevel },
  allocate: { instance: isText, levels: isText, count: isCount, by_level: isByLevel },
  verdict: { username: isText, verdict: isText, level: isCount, source: (v) => v === null || isText(v), days_since_import: isDays, days_since_allocation: isDays },
  release: { instance: isText, count: isCount },
  expired: { instance: isText, count: isCount },
  alert: { rule: isText, levels: isText },
  recovered: { rule: isText, levels: isText },
};

/** The event a line holds, or undefined when it holds none. */
export function parseEvent(line: string): HistoryEvent | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const kind = match[2] as EventKind;
  const shape = SHAPES[kind];
  if (!shape) return undefined;
  let details: unknown;
  try {
    details = JSON.parse(match[3]!);
  } catch {
    return undefined;
  }
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  const record = details as Record<string, unknown>;
  for (const [field, check] of Object.entries(shape)) if (!check(record[field])) return undefined;
  return { ...(record as Details<HistoryEvent>), at: match[1]!, kind } as HistoryEvent;
}

/** Whole days from `from` to `to` (ISO times), to two decimals; null without a start. */
export function daysBetween(from: string | undefined, to: string): number | null {
  if (from === undefined) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.round(ms / 864_000) / 100 : null;
}
