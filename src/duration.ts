// Durations as people write them in a config file: 90s, 30m, 12h, 10d (or a bare number of seconds).

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest duration a setting or flag takes: 100 years. Longer is never meant, and a date that far on (now + duration) is past what a Date holds. */
export const MAX_DURATION_DAYS = 36_500;
export const MAX_DURATION_MS = MAX_DURATION_DAYS * 86_400_000;

/** The shortest hold a lease or serve's release_timeout may give (config-file.ts says why): a minute, PGPool's unit. */
export const MIN_HOLD_MS = 60_000;

/** Milliseconds for `text`, or NaN when it is not a duration. */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text * 1000 : NaN;
  // Trimmed first: blanks on both sides of an optional unit (`\s*(ms|...)?\s*$`) were tried in
  // every split of a long run of them, 1.5 s of CPU for 40,000 blanks and a stray letter.
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return NaN;
  return Number(match[1]) * UNITS[match[2] ?? 's']!;
}

export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNITS[unit]!;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
