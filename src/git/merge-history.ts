// A history file (`history/YYYY-MM.txt`) changed on two hosts: both only appended to it, so the
// merge keeps every line either side has — the common lines once, each side's new lines — in time
// order (each line starts with its ISO time; ties by the line's text, so both hosts that merge the
// same versions write the same bytes). Counted as a multiset: two identical events appended on
// both sides are two events. A line removed on one side is kept: history is never lost in a merge.
// Never a conflict marker.
import type { ShardVersions } from './merge-shard.js';

function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

function counts(lines: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of lines) map.set(line, (map.get(line) ?? 0) + 1);
  return map;
}

/** The lines of `side` that `base` does not have (as many times as side has more of them). */
function added(side: readonly string[], base: ReadonlyMap<string, number>): string[] {
  const left = new Map(base);
  const out: string[] = [];
  for (const line of side) {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    else out.push(line);
  }
  return out;
}

/** The time a line starts with, or '' (sorted first) when it has none. */
function timeOf(line: string): string {
  const space = line.indexOf(' ');
  return space > 0 ? line.slice(0, space) : '';
}

export function mergeHistoryTexts(texts: ShardVersions): string {
  const base = linesOf(texts.base);
  const baseCounts = counts(base);
  const all = [...base, ...added(linesOf(texts.ours), baseCounts), ...added(linesOf(texts.theirs), baseCounts)];
  all.sort((a, b) => {
    const ta = timeOf(a);
    const tb = timeOf(b);
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return all.map((line) => `${line}\n`).join('');
}

/** Whether git's path names a history file (merged by this file's rule, not as a shard). */
export function isHistoryPath(path: string | undefined): boolean {
  return path !== undefined && /(?:^|[\\/])history[\\/][^\\/]+\.txt$/.test(path);
}
