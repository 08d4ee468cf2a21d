// The watcher's memory on a large pool: a real `accountpool watch` on the benchmark's pool imports
// three 1,000-line dumps dropped into its inbox one after the other (as a day of seller e-mails
// would), and its resident memory is sampled throughout. Steady state is the largest resident size
// seen from the second dump on (the first may still be building caches); peak is its high-water
// mark over the whole run (VmHWM). Changes the pool (3,000 accounts more): run it last.
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, residentMB } from './measure.js';
import { until } from './watch-latency.js';

const DUMPS = 3;
const LINES = 1000;

export async function watchMemory(poolDir: string, base: string): Promise<{ steadyMB: number; peakMB: number }> {
  const inbox = join(poolDir, '..', 'inbox');
  mkdirSync(join(inbox, 'level-30'), { recursive: true });
  const child = spawn(process.execPath, [BIN, 'watch', '--pool', poolDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let steadyMB = NaN;
  let sampling = false;
  const sampler = setInterval(() => {
    const now = residentMB(child.pid!)?.nowMB ?? NaN;
    if (sampling && !(now <= steadyMB)) steadyMB = now;
  }, 50);
  try {
    await until(() => err.includes('watching ') || child.exitCode !== null, 'the watcher to start');
    if (child.exitCode !== null) throw new Error(`accountpool watch exited: ${err}`);
    for (let run = 0; run < DUMPS; run++) {
      sampling = run > 0;
      const staged = join(base, `watch-memory-${run}.txt`);
      writeFileSync(staged, Array.from({ length: LINES }, (_, i) => `mem${run}x${i}:secret-${run}-${i}`).join('\n') + '\n');
      const lines = out.split('\n').length;
      renameSync(staged, join(inbox, 'level-30', `dump-${run}.txt`));
      await until(() => out.split('\n').length > lines || child.exitCode !== null, `the watcher to import dump-${run}.txt`, 20);
      if (!out.includes(`${LINES} added`)) throw new Error(`the watcher did not import dump-${run}.txt: ${out}${err}`);
    }
    return { steadyMB, peakMB: residentMB(child.pid!)?.peakMB ?? NaN };
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await exited;
  }
}
