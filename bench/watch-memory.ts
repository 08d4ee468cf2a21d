// The watcher's memory on a large pool: a real `accountpool watch` on the benchmark's pool imports
// three 1,000-line dumps dropped into its inbox one after the other (as a day of seller e-mails
// would), and its resident memory is sampled throughout. Steady state is the largest resident size
// seen from the second dump on (the first may still be building caches); peak is its high-water
// mark over the whole run (VmHWM). Changes the pool (3,000 accounts more): run it last.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { residentMB } from './measure.js';
import { startWatch, until } from './watch-latency.js';

const DUMPS = 3;
const LINES = 1000;

export async function watchMemory(poolDir: string, base: string): Promise<{ steadyMB: number; peakMB: number }> {
  const inbox = join(poolDir, '..', 'inbox');
  mkdirSync(join(inbox, 'level-30'), { recursive: true });
  const watcher = await startWatch(poolDir);
  let steadyMB = NaN;
  let sampling = false;
  const sampler = setInterval(() => {
    const now = residentMB(watcher.pid)?.nowMB ?? NaN;
    if (sampling && !(now <= steadyMB)) steadyMB = now;
  }, 50);
  try {
    for (let run = 0; run < DUMPS; run++) {
      sampling = run > 0;
      const staged = join(base, `watch-memory-${run}.txt`);
      writeFileSync(staged, Array.from({ length: LINES }, (_, i) => `mem${run}x${i}:secret-${run}-${i}`).join('\n') + '\n');
      const lines = watcher.stdout().split('\n').length;
      renameSync(staged, join(inbox, 'level-30', `dump-${run}.txt`));
      // Today a transaction on a 1,000,000-account pool takes seconds, and minutes on a busy machine.
      await until(() => watcher.stdout().split('\n').length > lines || watcher.exited(), `the watcher to import dump-${run}.txt`, 20, 600_000);
      if (!watcher.stdout().includes(`${LINES} added`)) throw new Error(`the watcher did not import dump-${run}.txt: ${watcher.stdout()}${watcher.stderr()}`);
    }
    // The kernel updates VmHWM lazily: a sample can exceed it by a page or so.
    return { steadyMB, peakMB: Math.max(residentMB(watcher.pid)?.peakMB ?? NaN, steadyMB) };
  } finally {
    clearInterval(sampler);
    await watcher.stop();
  }
}
