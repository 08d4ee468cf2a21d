// A mass drop into the inbox (issue 16): BURST_FILES seller files of one new account each, settled
// (dated a minute back), taken by `accountpool watch --once` on a copy of the benchmark's pool. What
// a file of a burst costs beyond the watcher's start: the CPU of the whole run over the files. Each
// run on a fresh `cp -a` of the pool, which it leaves untouched.
//
// Run alone, A/B in pairs (base build first, then this one, one after the other, as scale-log.md's
// rows are measured on a loaded machine):
//   node --import tsx bench/watch-burst.ts POOL FILES PAIRS [BASE_BIN]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sample, type Sample } from './measure.js';
import { placeFile } from '../src/store/pool-place.js';

export const BURST_FILES = 200;

/** `watch --once` over `files` one-account files on a copy of `poolDir` (in `base`); `bin`: another build's bin/accountpool.js. */
export function watchBurst(poolDir: string, base: string, files = BURST_FILES, bin?: string): Sample {
  const dir = mkdtempSync(join(base, 'watch-burst-'));
  try {
    const pool = join(dir, 'pool');
    const copied = spawnSync('cp', ['-a', poolDir, pool]);
    if (copied.status !== 0) throw new Error(`cp -a ${poolDir}: ${copied.stderr}`);
    // A copy measured as a pool of its own, not refused as a copy beside `poolDir` (src/store/pool-place.ts).
    rmSync(placeFile(pool), { force: true });
    const level = join(dir, 'inbox', 'level-30');
    mkdirSync(level, { recursive: true });
    const settled = new Date(Date.now() - 60_000);
    for (let n = 0; n < files; n++) {
      const file = join(level, `f${n}.txt`);
      writeFileSync(file, `burst${n}:secret-burst-${n}\n`);
      utimesSync(file, settled, settled);
    }
    const [s] = sample({ args: ['watch', '--once', '--pool', pool], ...(bin ? { bin } : {}) }, 1);
    const day = readdirSync(join(dir, 'inbox', 'imported'))[0];
    const filed = day === undefined ? 0 : readdirSync(join(dir, 'inbox', 'imported', day)).length;
    if (filed !== files) throw new Error(`watch --once filed ${filed} of ${files} files`);
    return s!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeBurst(s: Sample, files: number): string {
  return `${s.cpuS.toFixed(2)} s CPU (${((s.cpuS * 1000) / files).toFixed(1)} ms a file), ${s.seconds.toFixed(1)} s wall, peak ${s.peakMB.toFixed(0)} MB`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [poolDir, filesArg, pairsArg, baseBin] = process.argv.slice(2);
  if (!poolDir) throw new Error('usage: node --import tsx bench/watch-burst.ts POOL [FILES] [PAIRS] [BASE_BIN]');
  const files = Number(filesArg ?? BURST_FILES);
  const base = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'accountpool-burst-'));
  try {
    for (let pair = 0; pair < Number(pairsArg ?? 1); pair++) {
      if (baseBin) console.log(`pair ${pair + 1} base: ${describeBurst(watchBurst(poolDir, base, files, baseBin), files)}`);
      console.log(`pair ${pair + 1} this: ${describeBurst(watchBurst(poolDir, base, files), files)}`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
