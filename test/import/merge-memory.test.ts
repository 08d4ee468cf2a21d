// What an import's merge holds at its end, where a 1,000,000-line import's peak RSS was
// (docs/scale-log.md, stop 35): the dump's columns and the new accounts' columns, not a string
// per line beside them. The heap alive after a full collection is taken as the merge adds the
// dump's last line (Transaction.addFresh, inside its loop: what the loop holds is alive there),
// against the heap before the merge, with the dump's columns made and alive at both.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { mergeDump } from '../../src/import/merge.js';
import { Transaction } from '../../src/store/transaction.js';
import { toColumnDump } from '../../src/import/dump-columns.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { openFilledPool } from '../helpers/pool.js';
import { COLUMNS_FROM, importDump } from '../../src/import/import-dump.js';
import { Pool, type TransactionOptions } from '../../src/store/pool.js';
import { FRESH_KEYS_FROM } from '../../src/store/plan-shards.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the merge of a large dump', () => {
  it('keeps no key string per line through its loop: 200,000 new lines', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const pool = await openFilledPool(4, 12);
    const snapshot = await pool.read();
    const count = 200_000;
    const accounts: DumpAccount[] = Array.from({ length: count }, (_, i) => ({ username: `fresh${i}`, password: `secret-${i}`, line: i + 1 }));
    const dump = toColumnDump({ format: 'plain', accounts, rejected: [] });
    accounts.length = 0; // the columns alone, as import-dump.ts holds a large dump
    let atEnd = 0;
    class Measured extends Transaction {
      override addFresh(...args: Parameters<Transaction['addFresh']>): string | null {
        const problem = super.addFresh(...args);
        if (this.freshAccounts?.size === count) {
          gc();
          atEnd = process.memoryUsage().heapUsed;
        }
        return problem;
      }
    }
    const tx = new Measured(snapshot, new Date(Date.UTC(2026, 5, 1)));
    gc();
    const before = process.memoryUsage().heapUsed;
    const report = mergeDump(tx, 'd.txt', dump, { source: 'd.txt', level: 30 }, pool.config);
    expect(report.added).toBe(count);
    expect(tx.freshAccounts!.key(count - 1)).toBe(`fresh${count - 1}`);
    // Alive at the last line: little. A list of every line's key was ~8 MB more here (~40 MB at
    // 1,000,000 lines), a list of the line each new account was read on 1.6 MB (a typed column now).
    expect(atEnd - before).toBeLessThan(1024 * 1024);
  });
});

describe('the commit of a large import', () => {
  // A dump of COLUMNS_FROM lines or more has the plan's garbage collected before the shards' files
  // are made (pool.ts `afterPlan`): at 1,000,000 lines ~60 MB under the commit's peak (stop 36).
  it('asks the transaction to collect after the plan from COLUMNS_FROM lines on, and imports every account exact', async () => {
    const pool = await openFilledPool(4, 12);
    const given: (TransactionOptions | undefined)[] = [];
    const called: number[] = [];
    const transaction = pool.transaction.bind(pool);
    pool.transaction = ((work: Parameters<Pool['transaction']>[0], options?: TransactionOptions) => {
      given.push(options);
      const afterPlan = options?.afterPlan;
      return transaction(work, afterPlan ? { ...options, afterPlan: () => (called.push(given.length), afterPlan()) } : options);
    }) as Pool['transaction'];
    const lines = (count: number, from = 0) => Buffer.from(Array.from({ length: count }, (_, i) => `fresh${from + i}:secret-${from + i}`).join('\n'));
    const small = await importDump(pool, { name: 'small.txt', bytes: lines(1_000) }, { level: 30 });
    expect(small.added).toBe(1_000);
    const large = await importDump(pool, { name: 'large.txt', bytes: lines(COLUMNS_FROM, 1_000) }, { level: 30 });
    expect(large.added).toBe(COLUMNS_FROM);
    expect(given.map((o) => typeof o?.afterPlan)).toEqual(['undefined', 'function']);
    // And to let the change log's bytes go once applied, before the merge (stop 53 I).
    expect(given.map((o) => typeof o?.afterLogRead)).toEqual(['undefined', 'function']);
    expect(called).toEqual([2]);
    const accounts = new Map([...(await (await Pool.open(pool.layout.dir)).read()).accounts()].map((a) => [a.username, a]));
    expect(accounts.size).toBe(12 + 1_000 + COLUMNS_FROM);
    for (const i of [0, 999, 1_000, 1_000 + COLUMNS_FROM / 2, COLUMNS_FROM + 999]) {
      expect(accounts.get(`fresh${i}`)?.password).toBe(`secret-${i}`);
      expect(accounts.get(`fresh${i}`)?.level).toBe(30);
    }
    // The large import's keys were made shard by shard off the names grouped by home (FreshKeys,
    // plan-shards.ts FRESH_KEYS_FROM): a key paired with another account's place puts lines out of order.
    expect(COLUMNS_FROM).toBeGreaterThanOrEqual(FRESH_KEYS_FROM);
    let written = 0;
    for (const file of readdirSync(pool.layout.shardsDir).filter((f) => f.endsWith('.yaml'))) {
      const keys = readFileSync(join(pool.layout.shardsDir, file), 'utf8').split('\n').filter((l) => l.startsWith('"')).map((l) => (JSON.parse(l.slice(0, l.indexOf('": {') + 1)) as string).toLowerCase());
      written += keys.length;
      expect(keys.findIndex((key, k) => k > 0 && keys[k - 1]! >= key)).toBe(-1);
    }
    expect(written).toBe(accounts.size);
  }, 120_000);
});
