// An account's times, as the store compares them: as strings. Every reader of holds and rests
// (allocate's circle, serve's selection, status's counts, the merge driver) asks `held_until > now`
// of ISO-8601 UTC text, which orders as the dates do only in the one shape `toISOString` writes.
// Any other text Date.parse takes was taken too, and misread: `held_until: Jan 1 2000` sorts after
// every `2026-...` (`J` > `2`), so a peer's one line held its account for good, counted held by
// `status`, while `verify` saw nothing; `2026-12-05T10:00:00+09:00` ended nine hours late.
// So a time is that shape or nothing, and an end lies within the longest duration a setting
// can give (100 years) of the account's own latest time: a hold or rest that would outlast any
// setting (`held_until: 2999-...` beside an allocation of today) is no record this version, or
// an older one, ever wrote.
//
// Checked on every account of every shard read that is not known to be our own output, so by
// the text alone: Date.parse and toISOString cost ~1 and ~3 µs a time (x4 x 1M accounts).

/** `2026-12-05T10:00:00.000Z`, the seconds' fraction optional (hand-written times leave it out). */
const ISO_UTC = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?Z$/;
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const TIME_FIELDS = ['state_at', 'available_at', 'allocated_at', 'held_until'] as const;
/** The times an end is bounded by: when the account was added, last allocated, last judged. */
const STARTS = ['added_at', 'allocated_at', 'state_at'] as const;
/** The longest duration a setting takes (duration.ts: 36,500 days), in whole calendar years. */
const MAX_YEARS = 100;

/** Whether `value` is a time in the shape the store writes and orders by (a day the month has). */
export function isStoreTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_UTC.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (day <= MONTH_DAYS[month - 1]!) return month !== 2 || day < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  return false;
}

/** Why the record's times cannot be used, or null. Checked where a record is read from a shard or written. */
export function timesProblem(record: Record<string, unknown>): string | null {
  // Indexed loops, not for-of: this runs for every account a transaction puts (800 in an
  // allocation), mostly before V8 optimises it, where each for-of step is an iterator call.
  for (let f = 0; f < TIME_FIELDS.length; f++) {
    const field = TIME_FIELDS[f]!;
    const value = record[field];
    if (value !== undefined && !isStoreTime(value)) return `${field} must be a UTC time as accountpool writes it (2026-12-05T10:00:00.000Z), compared as text: any other shape orders wrongly`;
  }
  // Only an end (a hold, a rest) is bounded: an account with neither has nothing to check below.
  const held = record.held_until as string | undefined;
  const resting = record.available_at as string | undefined;
  if (held === undefined && resting === undefined) return null;
  // In this shape the latest time is the greatest text, and 100 years on is the same text with the year moved.
  let latest: string | undefined;
  for (let f = 0; f < STARTS.length; f++) {
    const field = STARTS[f]!;
    const value = record[field];
    if (typeof value === 'string' && (latest === undefined || value > latest) && (field !== 'added_at' || isStoreTime(value))) latest = value;
  }
  if (latest === undefined) return null;
  const year = Number(latest.slice(0, 4)) + MAX_YEARS;
  const limit = year > 9999 ? '9999-12-31T23:59:59' : `${String(year).padStart(4, '0')}${latest.slice(4, 19)}`;
  if (held !== undefined && held.slice(0, 19) > limit) return farEnd('held_until', held);
  if (resting !== undefined && resting.slice(0, 19) > limit) return farEnd('available_at', resting);
  return null;
}

function farEnd(field: string, value: string): string {
  return `${field} ${value} is more than ${MAX_YEARS} years after the account's latest time (added, allocated or judged): no lease or cool-down a setting can give lasts so long`;
}

/** The one length `toISOString` writes (`2026-12-05T10:00:00.000Z`): among times of it, text order is time order. */
const WRITTEN_LENGTH = 24;
/** The times a record is ordered by: its ends and starts, `added_at` where it is a time. */
const ORDERED = [...TIME_FIELDS, 'added_at'] as const;

/**
 * Whether every time of the record is in toISOString's very shape. The store compares times as
 * text, and a time without its fraction (`10:00:00Z`, as a hand or a peer writes it) sorts after
 * `10:00:00.500Z` (`Z` > `.`), `10:00:00.5Z` after `10:00:00.500Z`: an account used half a second
 * later went first in LRU order, a hold ending at `.5Z` outlasted one ending at `.900Z`.
 */
export function hasWrittenTimes(record: Record<string, unknown>): boolean {
  for (let f = 0; f < ORDERED.length; f++) {
    const value = record[ORDERED[f]!];
    if (typeof value === 'string' && value.length !== WRITTEN_LENGTH) return false;
  }
  return true;
}

/** Puts each time of a record whose times passed timesProblem in toISOString's shape, the instant kept (to the millisecond a Date holds). */
export function writeTimesAsStored(record: Record<string, unknown>): void {
  for (const field of ORDERED) {
    const value = record[field];
    if (typeof value === 'string' && value.length !== WRITTEN_LENGTH && isStoreTime(value)) record[field] = storedTime(value);
  }
}

/** `2026-12-05T10:00:00Z`, `...00.5Z`, `...00.123456Z` as `2026-12-05T10:00:00.000Z`, `.500Z`, `.123Z` (a fraction cut, never rounded up past its second). */
function storedTime(value: string): string {
  const dot = value.indexOf('.', 19);
  const fraction = dot === -1 ? '' : value.slice(dot + 1, -1);
  return `${value.slice(0, 19)}.${(fraction + '000').slice(0, 3)}Z`;
}
