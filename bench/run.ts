// `npm run bench`: whole-process timings and peak memory at 10k and 100k accounts.
// Targets (2 cores, median of 5): 400-account transaction <= 0.5 s, status <= 0.5 s, peak RSS <= 300 MB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from '../src/store/pool.js';
import { makeAccount } from '../test/helpers/accounts.js';
import { measure, runOnce, type Measurement } from './measure.js';
import { BENCHES } from './benches.js';
import { watchLatency } from './watch-latency.js';
import { serverBench } from './server.js';

/** Fills a new pool. The Pool (and its 100,000 parsed accounts) is dropped after: this process is
 * also the serve benchmark's client, and a large heap would add its GC pauses to the latencies. */
async function fill(pool: string, size: number): Promise<void> {
  const store = await Pool.open(pool);
  await store.transaction((tx) => {
    for (let i = 0; i < size; i++) tx.put(makeAccount(i, { added_at: new Date(Date.UTC(2026, 0, 1)).toISOString() }));
  });
}

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const only = process.argv.slice(2);
const rows: { size: number; operation: string; m: Measurement }[] = [];
const extra: string[] = [];

for (const size of sizes) {
  const base = mkdtempSync(join(tmpdir(), 'accountpool-bench-'));
  const pool = join(base, 'pool');
  runOnce(['init', '--pool', pool]);
  await fill(pool, size);
  // First, on the pool as filled (the other benchmarks change it).
  if (size === 100_000 && (only.length === 0 || only.includes('serve'))) {
    const r = await serverBench(pool);
    extra.push(`| ${size} | serve: 20 clients request 1 + release | ${r.pairsPerSecond.toFixed(0)} pairs/s (${(2 * r.pairsPerSecond).toFixed(0)} requests/s), p50 ${r.p50ms.toFixed(1)} ms, p99 ${r.p99ms.toFixed(1)} ms |`);
  }
  for (const bench of BENCHES) {
    if (only.length > 0 && !only.some((o) => bench.name.includes(o))) continue;
    const m = measure(await bench.prepare({ base, pool, size }));
    rows.push({ size, operation: bench.name, m });
    console.error(`${size} ${bench.name}: ${m.medianS.toFixed(3)} s, ${m.peakMB.toFixed(0)} MB`);
  }
  rmSync(base, { recursive: true, force: true });
}
for (const size of sizes) {
  const plain = rows.find((r) => r.size === size && r.operation === 'allocate 400 --no-check');
  const checked = rows.find((r) => r.size === size && r.operation.startsWith('allocate 400 --checker command'));
  if (plain && checked) {
    const perAccount = ((checked.m.medianS - plain.m.medianS) * 1000) / 400;
    extra.push(`| ${size} | checking overhead, command checker that answers at once | ${perAccount.toFixed(2)} ms per account (includes starting the checker program and the reservation round) |`);
  }
}
if (only.length === 0 || only.includes('watch')) {
  const w = await watchLatency();
  extra.push(`| fresh | watch: finished 1,000-line dump to accounts in the pool | ${w.medianS.toFixed(3)} s median of 5 |`);
}

const header = `| pool size | operation | median s | peak MB |\n|---:|---|---:|---:|`;
console.log(header);
for (const r of rows) console.log(`| ${r.size} | ${r.operation} | ${r.m.medianS.toFixed(3)} | ${r.m.peakMB.toFixed(0)} |`);
if (extra.length > 0) {
  console.log(`\n| pool size | operation | result |\n|---:|---|---|`);
  for (const line of extra) console.log(line);
}
