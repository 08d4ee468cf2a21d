// Counted runs of one delivery: a seller heads each block of accounts with how many it holds and
// their level (`5x Level 30`, its five accounts, `3x Level 2`, its three), as an order's lines
// count the products bought. Each heading gives its own block its level (level-headings.ts); the
// count says where the block ends. Where two runs or more stand in one file and a block holds
// another number of accounts than its heading counts, which account belongs to which run is
// unsure: that block's accounts are refused, each naming its line and the heading, and the other
// blocks import. Counted headings with nothing under one of them (`2x Level 30` / `1x Level 35`
// above all the accounts) are an order's summary: they give no account a level
// (product-sections.ts says the same of product lines).
import type { DumpAccount, Rejection } from '../types.js';

/**
 * The headings to read levels from, and the accounts refused: `headings` [line, level] in order,
 * `counts` the number each counted heading states by its line, `accounts` every account read.
 */
export function countedRuns(headings: readonly [number, number][], counts: ReadonlyMap<number, number>, accounts: readonly DumpAccount[]): { headings: [number, number][]; refused: Rejection[] } {
  if (counts.size === 0) return { headings: [...headings], refused: [] };
  const under = new Map<number, DumpAccount[]>();
  for (const a of accounts) {
    let at: number | undefined;
    for (const [line] of headings) {
      if (line >= a.line) break;
      at = line;
    }
    if (at === undefined) continue;
    const list = under.get(at) ?? [];
    list.push(a);
    under.set(at, list);
  }
  // A counted heading with no account under it: the runs are an order's summary, no block's heading.
  if ([...counts.keys()].some((at) => !under.has(at))) return { headings: headings.filter(([at]) => !counts.has(at)), refused: [] };
  const refused: Rejection[] = [];
  if (counts.size >= 2) {
    for (const [at, level] of headings) {
      const count = counts.get(at);
      const block = under.get(at) ?? [];
      if (count === undefined || count === block.length) continue;
      for (const a of block) {
        refused.push({ line: a.line, reason: `the run heading it (line ${at}: ${count}x level ${level}) counts ${count} accounts, but ${block.length} follow it: which run each belongs to is unsure` });
      }
    }
  }
  return { headings: [...headings], refused };
}
