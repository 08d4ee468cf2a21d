// Level ranges as people write them: `30` (one level), `30-31`, `30+` (no upper limit). One
// spelling for allocate's --min-level/--max-level, serve's min_level/max_level, the history, the
// stats and the alerts in the config, so the same range is always the same label.
import type { LevelRange } from './allocate/select.js';

/** Above this a range has no upper limit (serve's requests without max_level). */
const UNLIMITED = 1000;

export function rangeLabel(range: LevelRange): string {
  if (range.max >= UNLIMITED) return `${range.min}+`;
  return range.min === range.max ? `${range.min}` : `${range.min}-${range.max}`;
}

/** The range a label names, or undefined when it is not one. */
export function parseRange(label: string): LevelRange | undefined {
  // Trimmed first, for the reason parseDuration is: `\s*(...)?\s*$` split a run of blanks every way.
  const match = /^(\d{1,4})\s*(?:(\+)|-\s*(\d{1,4}))?$/.exec(label.trim());
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] ? Number.MAX_SAFE_INTEGER : match[3] !== undefined ? Number(match[3]) : min;
  return min <= max ? { min, max } : undefined;
}

export function inRange(level: number, range: LevelRange): boolean {
  return level >= range.min && level <= range.max;
}
