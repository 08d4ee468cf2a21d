// How much a `git.commit: true` pool's history grows per allocation (issue 16: "kilobytes per
// allocation, not megabytes"). A git pool writes and commits the shards a transaction touched
// (docs/design-scale.md §3.10), and git keeps each touched shard as a whole new zlib'd blob until
// `git gc` deltas them: the growth is the touched shards' count times their compressed size. The
// pool is made as the bench's others (make-pool.ts: accounts in the shards as one import numbered
// them), `init --git`, its shards committed; then allocations of 400 for one instance in a row
// (each gives the instance's previous 400 back, as a scanner host's cron does), the first not
// counted (it builds the circle indexes and the record of sightings, as a clone's first does).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makePool } from './make-pool.js';
import { runOnce } from './measure.js';

export interface GitGrowth {
  /** Bytes added to .git/objects by each counted allocation. */
  bytes: number[];
  /** Shard files each counted allocation's commit changed. */
  touched: number[];
  shards: number;
}

/** The bytes of every file under `dir` (what `du -sb` counts, folders aside). */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return total;
}

export async function gitGrowth(base: string, size: number, shards: number, counted = 3): Promise<GitGrowth> {
  const pool = join(base, 'git-pool');
  await makePool(pool, size, ['--git', '--shards', String(shards)]);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: pool, encoding: 'utf8' });
  git('add', '-A');
  git('commit', '-q', '-m', 'the bench accounts');
  const objects = join(pool, '.git', 'objects');
  const allocate = () => runOnce(['allocate', '--count', '400', '--no-check', '--instance', 'bench', '--accountcsv', join(base, 'git-accounts.csv'), '--pool', pool]);
  allocate();
  const bytes: number[] = [];
  const touched: number[] = [];
  for (let n = 0; n < counted; n++) {
    const before = bytesUnder(objects);
    allocate();
    bytes.push(bytesUnder(objects) - before);
    touched.push(git('diff', '--name-only', 'HEAD~1', 'HEAD', '--', 'shards').split('\n').filter(Boolean).length);
  }
  return { bytes, touched, shards };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** The bench's row: "412 KB median (380-450 KB, 3 allocations); 2 of 64 shards touched (median)". */
export function describeGitGrowth(g: GitGrowth): string {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  return `${kb(median(g.bytes))} median (${kb(Math.min(...g.bytes))}-${kb(Math.max(...g.bytes))}, ${g.bytes.length} allocations); ${median(g.touched)} of ${g.shards} shards touched (median)`;
}
