// `npm run bench`: whole-process timings and peak memory at 10k and 100k accounts.
// Targets (2 cores, median of 5): 400-account transaction <= 0.5 s, status <= 0.5 s, peak RSS <= 300 MB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from '../src/store/pool.js';
import { makeAccount } from '../test/helpers/accounts.js';
import { measure, runOnce, type Measurement } from './measure.js';
import { BENCHES } from './benches.js';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const only = process.argv.slice(2);
const rows: { size: number; operation: string; m: Measurement }[] = [];

for (const size of sizes) {
  const base = mkdtempSync(join(tmpdir(), 'accountpool-bench-'));
  const pool = join(base, 'pool');
  runOnce(['init', '--pool', pool]);
  const store = await Pool.open(pool);
  await store.transaction((tx) => {
    for (let i = 0; i < size; i++) tx.put(makeAccount(i, { added_at: new Date(Date.UTC(2026, 0, 1)).toISOString() }));
  });
  for (const bench of BENCHES) {
    if (only.length > 0 && !only.some((o) => bench.name.includes(o))) continue;
    const m = measure(await bench.prepare({ base, pool, size }));
    rows.push({ size, operation: bench.name, m });
    console.error(`${size} ${bench.name}: ${m.medianS.toFixed(3)} s, ${m.peakMB.toFixed(0)} MB`);
  }
  rmSync(base, { recursive: true, force: true });
}

const header = `| pool size | operation | median s | peak MB |\n|---:|---|---:|---:|`;
console.log(header);
for (const r of rows) console.log(`| ${r.size} | ${r.operation} | ${r.m.medianS.toFixed(3)} | ${r.m.peakMB.toFixed(0)} |`);
