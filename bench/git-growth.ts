// How much a `git.commit: true` pool's history grows per allocation (issue 16: "kilobytes per
// allocation, not megabytes"). A git pool writes and commits the shards a transaction touched
// (docs/design-scale.md §3.10), and git keeps each touched shard as a whole new zlib'd blob until
// `git gc` deltas them: the growth is the touched shards' count times their compressed size. The
// pool is made as the bench's others (make-pool.ts: accounts in the shards as one import numbered
// them), `init --git`, its shards committed; then allocations of 400 for one instance in a row
// (each gives the instance's previous 400 back, as a scanner host's cron does), the first not
// counted (it builds the circle indexes and the record of sightings, as a clone's first does).
// Each counted allocation is timed too (wall, its own CPU and its git children's): the README's
// table shows what an allocation costs a git pool's host.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makePool } from './make-pool.js';
import { runOnce, sample, type Sample } from './measure.js';

export interface GitGrowth {
  /** Bytes added to .git/objects by each counted allocation. */
  bytes: number[];
  /** Shard files each counted allocation's commit changed. */
  touched: number[];
  shards: number;
  /** Each counted allocation's wall time, CPU and its children's (git's) CPU. */
  timed: Sample[];
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
  const args = ['allocate', '--count', '400', '--no-check', '--instance', 'bench', '--accountcsv', join(base, 'git-accounts.csv'), '--pool', pool];
  runOnce(args);
  const bytes: number[] = [];
  const touched: number[] = [];
  const timed: Sample[] = [];
  for (let n = 0; n < counted; n++) {
    const before = bytesUnder(objects);
    timed.push(sample({ args }, 1)[0]!);
    bytes.push(bytesUnder(objects) - before);
    touched.push(git('diff', '--name-only', 'HEAD~1', 'HEAD', '--', 'shards').split('\n').filter(Boolean).length);
  }
  return { bytes, touched, shards, timed };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * The bench's row: "412 KB median (380-450 KB, 3 allocations); 2 of 64 shards touched (median);
 * allocate 5.52 s CPU (git 1.90 s of it), 9.1 s wall (medians)".
 */
export function describeGitGrowth(g: GitGrowth): string {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const s = (values: number[]) => `${median(values).toFixed(2)} s`;
  const children = g.timed.flatMap((t) => (t.childCpuS !== undefined ? [t.childCpuS] : []));
  const cpu = g.timed.map((t, i) => t.cpuS + (children.length === g.timed.length ? children[i]! : 0));
  const git = children.length === g.timed.length ? ` (git ${s(children)} of it)` : ' (accountpool alone: no /proc to count git)';
  return `${kb(median(g.bytes))} median (${kb(Math.min(...g.bytes))}-${kb(Math.max(...g.bytes))}, ${g.bytes.length} allocations); ${median(g.touched)} of ${g.shards} shards touched (median); allocate ${s(cpu)} CPU${git}, ${s(g.timed.map((t) => t.seconds))} wall (medians)`;
}
