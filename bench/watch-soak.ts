// The watcher's memory over many drops (issue 16: every command at most 300 MB, the watcher in
// steady state included): a real `accountpool watch` takes 2,000 small dumps dropped into its
// inbox in batches, one in ten failing (a list in the inbox's top folder: no level known, filed
// into failed/ with its .error.txt). Its resident size once the first 100 are filed, against once
// all are: what it keeps per file it has seen (its receipts, the files it watches for 10 minutes
// after filing, the names it has taken) shows as growth per file. Changes the pool (9,000
// accounts more): run it last.
//
// Run alone: `node --import tsx bench/watch-soak.ts POOL [FILES]` (a pool it may change).
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { residentMB } from './measure.js';
import { startWatch, until, type WatchProcess } from './watch-latency.js';

export const SOAK_FILES = 2000;
const FIRST = 100;
const BATCH = 50;
const LINES = 5;
const FAIL_EVERY = 10;
/** A longer soak's idle RSS is also taken every this many files: whether the growth levels off. */
const STRETCH = 1000;

export interface SoakResult {
  files: number;
  /** Resident size once the first 100 files are filed, MiB. */
  afterFirstMB: number;
  /** Resident size once all are filed, MiB. */
  afterAllMB: number;
  /** (afterAll - afterFirst) / the files between, KiB. */
  growthKBPerFile: number;
  peakMB: number;
  /** Idle resident size after every STRETCH files (a soak of more than STRETCH files), MiB. */
  stretchesMB: number[];
  /** The watcher's open file descriptors at the end (a filed file stays open for 10 minutes, run.ts's afterFiled); NaN off Linux. */
  openFiles: number;
}

function openFilesOf(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}

/** Files the watcher has filed, either way: its one line per file (stdout for imports, stderr for the rest). */
function filed(watcher: WatchProcess): number {
  const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;
  return count(watcher.stdout(), /^imported /gm) + count(watcher.stderr(), /^failed /gm);
}

/** Resident size once the watcher is idle: the least of a second's samples (a collection may be pending). */
async function idleMB(pid: number): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < 10; i++) {
    least = Math.min(least, residentMB(pid)?.nowMB ?? NaN);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return least;
}

export async function watchSoak(poolDir: string, base: string, files = SOAK_FILES): Promise<SoakResult> {
  const inbox = join(poolDir, '..', 'inbox');
  const stage = join(base, 'watch-soak-stage');
  mkdirSync(join(inbox, 'level-30'), { recursive: true });
  mkdirSync(stage, { recursive: true });
  const watcher = await startWatch(poolDir);
  try {
    let afterFirstMB = NaN;
    const stretchesMB: number[] = [];
    for (let from = 0; from < files; from += BATCH) {
      const to = Math.min(files, from + BATCH);
      for (let n = from; n < to; n++) {
        const staged = join(stage, `soak-${n}.txt`);
        writeFileSync(staged, Array.from({ length: LINES }, (_, i) => `soak${n}x${i}:secret-${n}-${i}`).join('\n') + '\n');
        // A failing one: a plain list outside a level folder, no level known.
        renameSync(staged, n % FAIL_EVERY === FAIL_EVERY - 1 ? join(inbox, `soak-${n}.txt`) : join(inbox, 'level-30', `soak-${n}.txt`));
      }
      await until(() => filed(watcher) >= to || watcher.exited(), `the watcher to file soak-${to - 1}.txt`, 20, 600_000);
      if (watcher.exited()) throw new Error(`the watcher exited: ${watcher.stderr().slice(-2000)}`);
      if (to === FIRST) afterFirstMB = await idleMB(watcher.pid);
      if (to % STRETCH === 0 && files > STRETCH) stretchesMB.push(await idleMB(watcher.pid));
    }
    const afterAllMB = await idleMB(watcher.pid);
    const failed = watcher.stderr().match(/^failed /gm)?.length ?? 0;
    const expected = Math.floor(files / FAIL_EVERY);
    if (failed !== expected) throw new Error(`${failed} files failed, ${expected} expected: ${watcher.stderr().slice(-2000)}`);
    return {
      files,
      afterFirstMB,
      afterAllMB,
      growthKBPerFile: ((afterAllMB - afterFirstMB) * 1024) / (files - FIRST),
      peakMB: Math.max(residentMB(watcher.pid)?.peakMB ?? NaN, afterAllMB),
      stretchesMB,
      openFiles: openFilesOf(watcher.pid),
    };
  } finally {
    await watcher.stop();
  }
}

/** The bench table's row text. */
export function describeSoak(r: SoakResult): string {
  const stretches = r.stretchesMB.length > 0 ? ` (every ${STRETCH} files: ${r.stretchesMB.map((mb) => mb.toFixed(0)).join(', ')} MB)` : '';
  return `RSS ${r.afterFirstMB.toFixed(0)} MB after ${FIRST} files, ${r.afterAllMB.toFixed(0)} MB after ${r.files} (${r.growthKBPerFile.toFixed(1)} KB a file)${stretches}, ${r.peakMB.toFixed(0)} MB peak; ${r.openFiles} files open at the end`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const poolDir = process.argv[2];
  if (!poolDir) throw new Error('usage: node --import tsx bench/watch-soak.ts POOL [FILES] (a pool it may change)');
  const files = Number(process.argv[3] ?? SOAK_FILES);
  console.log(`watch, ${files} small dumps (1 in ${FAIL_EVERY} failing): ${describeSoak(await watchSoak(poolDir, join(poolDir, '..'), files))}`);
}
