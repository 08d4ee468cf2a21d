// `import --dry-run` over a large pool reads it paged (Pool.rehearse), as the real import's
// transaction does: an unpaged whole read held every shard's bytes (1,605 MB for NecroBot's
// 1,700,000 rows into a pool holding them, docs/scale-log.md stop 42). Forced here on a small pool
// (`pageAbove: 0`; `holdAtMost: 0` copies every shard to the spill file as `ulimit -n 64` would),
// the dry run must say exactly what the real import then does: an account missed by the paged read
// would be counted new, one read twice (a shard line and its record in the change log) unchanged
// twice or a duplicate.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { Pool } from '../../src/store/pool.js';
import { importDump } from '../../src/import/import-dump.js';
import type { ImportReport } from '../../src/import/merge.js';

const HELD = 1_200;
/** Accounts whose password a later commit changed through the change log (not yet in their shards). */
const LOGGED = 3;
const SHARDS = 16;

async function pooled() {
  const pool = await makePool(SHARDS);
  const writer = await pool.open();
  await writer.transaction((tx) => {
    for (let i = 0; i < HELD; i++) tx.put(makeAccount(i));
  }, { via: 'shards' });
  // The log's records lie over the shards' lines: the paged read must apply them, once.
  await writer.transaction((tx) => {
    for (let i = 0; i < LOGGED; i++) tx.put({ ...tx.snapshot.get(makeAccount(i).username)!, password: `logged-${i}` });
  });
  // Logged, not written into the shards: else this test would not read the log over paged shards.
  expect(statSync(writer.layout.changeLog, { throwIfNoEntry: false })?.size).toBeGreaterThan(0);
  return pool;
}

/**
 * A list of `name:password` lines: the logged accounts with their logged password (unchanged),
 * every other held account with a new one (updated), 300 accounts the pool does not hold (new),
 * then the logged accounts again (duplicate lines).
 */
function dump(): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < LOGGED; i++) lines.push(`${makeAccount(i).username}:logged-${i}`);
  for (let i = LOGGED; i < HELD; i++) lines.push(`${makeAccount(i).username}:fresh-${i}x`);
  for (let i = HELD; i < HELD + 300; i++) lines.push(`${makeAccount(i).username}:new-${i}x`);
  for (let i = 0; i < LOGGED; i++) lines.push(`${makeAccount(i).username}:again-${i}x`);
  return Buffer.from(lines.join('\n') + '\n');
}

/** The shard files and change log, byte for byte: a dry run writes none of them. */
function poolBytes(dir: string): string[] {
  const shards = join(dir, 'shards');
  return readdirSync(shards)
    .sort()
    .map((f) => `${f}:${statSync(join(shards, f)).isFile() ? readFileSync(join(shards, f)).toString('base64') : 'dir'}`);
}

const counts = (r: ImportReport) => ({ added: r.added, updated: r.updated, unchanged: r.unchanged, duplicates: r.duplicates.length, rejected: r.rejected.length, changes: r.changes });

describe('import --dry-run over a paged read', () => {
  for (const holdAtMost of [Infinity, 0]) {
    it(`counts what the real import then does (${holdAtMost === 0 ? 'every shard copied to the spill file' : 'shard files held open'})`, async () => {
      const pool = await pooled();
      const before = poolBytes(pool.dir);
      const rehearsing = await Pool.open(pool.dir, { pageAbove: 0, holdAtMost });
      let paged = 0;
      const rehearse = rehearsing.rehearse.bind(rehearsing);
      // The dry run's own read, seen: its shards paged (the bytes let go), but for those a logged
      // record lies over (their lines then held otherwise); an unpaged read pages none.
      rehearsing.rehearse = (work) => rehearse((tx) => ((paged = tx.snapshot.shards.filter((s) => s.paged).length), work(tx)));
      const dry = await importDump(rehearsing, { name: 'stock.txt', bytes: dump() }, { level: 30, sample: 10 }, { dryRun: true, format: 'plain' });
      expect(paged).toBeGreaterThanOrEqual(SHARDS - LOGGED);
      expect(poolBytes(pool.dir)).toEqual(before);

      const real = await importDump(await Pool.open(pool.dir), { name: 'stock.txt', bytes: dump() }, { level: 30 }, { format: 'plain' });
      expect(counts(dry)).toEqual(counts(real));
      // Worked out from dump(): an account the read missed would be added, a logged one read without its record updated.
      expect(dry.added).toBe(300);
      expect(dry.added + dry.updated + dry.unchanged).toBe(HELD + 300);
      expect(dry.updated).toBeGreaterThanOrEqual(HELD - LOGGED);
      expect(dry.duplicates).toHaveLength(LOGGED);
      // The preview shows the first accounts as the real import stores them, no password in clear.
      expect(dry.sample?.map((s) => s.username)).toEqual(Array.from({ length: 10 }, (_, i) => makeAccount(i).username));
      expect(JSON.stringify(dry.sample)).not.toContain('logged-');
    });
  }

  it('is refused, naming the shard, where the real import would refuse the pool (a recorded shard gone)', async () => {
    const pool = await pooled();
    const shard = readdirSync(join(pool.dir, 'shards')).find((f) => f.endsWith('.yaml'))!;
    rmSync(join(pool.dir, 'shards', shard));
    const rehearsing = await Pool.open(pool.dir, { pageAbove: 0 });
    await expect(importDump(rehearsing, { name: 'stock.txt', bytes: dump() }, { level: 30 }, { dryRun: true, format: 'plain' })).rejects.toThrow(shard.replace('.yaml', ''));
    await expect(importDump(await Pool.open(pool.dir), { name: 'stock.txt', bytes: dump() }, { level: 30 }, { format: 'plain' })).rejects.toThrow(shard.replace('.yaml', ''));
  });
});
