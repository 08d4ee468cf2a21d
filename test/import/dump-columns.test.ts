// A large dump is held as columns (src/import/dump-columns.ts) from the readers' records until it
// is merged. The merge reads records made from the columns: each must be the reader's record,
// field for field, whatever its name and password hold (Latin-1 accents, characters past Latin-1,
// quotes, empty), and a record with more than the columns hold (a device, a verdict, a moved
// pool's history, a failed check, an odd level or line) must come back as it was read. The merge of the columns
// must then plan exactly what the merge of the records plans.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DumpColumns, toColumnDump } from '../../src/import/dump-columns.js';
import { DumpColumnsBuilder } from '../../src/formats/account-columns.js';
import { mergeDump } from '../../src/import/merge.js';
import { Transaction } from '../../src/store/transaction.js';
import { planShards } from '../../src/store/plan-shards.js';
import { recordHistory } from '../../src/history/record.js';
import type { DumpAccount, DumpResult } from '../../src/formats/types.js';
import type { Snapshot } from '../../src/store/snapshot.js';
import type { Pool } from '../../src/store/pool.js';
import { openFilledPool } from '../helpers/pool.js';

// Plain ASCII, Latin-1 accents (one byte each in the columns), past Latin-1 (kept as strings),
// a lone surrogate half, case variants of known accounts and of one another.
const text = fc.oneof(
  fc.constantFrom('user000001', 'USER000002', 'newbie', 'NewBie', 'Zoë', 'ｕｓｅｒ000003', 'j.ohndoe@gmail.com', 'o"brien', 'back\\slash', 'ñandú', '名前', 'a😀b', '\ud800x', 'x1'),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const record = fc.record({
  username: text,
  password: text,
  line: fc.oneof(fc.nat({ max: 100_000 }), fc.constant(2 ** 32), fc.constant(1.5)),
  provider: fc.option(fc.constantFrom('ptc' as const, 'google' as const), { nil: undefined }),
  level: fc.option(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(70_000), fc.constant(2.5)), { nil: undefined }),
  extra: fc.constantFrom('none', 'none', 'none', 'device', 'warned', 'history', 'check error', 'exported', 'dated verdict'),
});

type Drawn = typeof record extends fc.Arbitrary<infer T> ? T : never;

function accountsOf(records: Drawn[]): DumpAccount[] {
  return records.map(({ extra, provider, level, ...r }) => {
    const a: DumpAccount = { ...r };
    if (provider !== undefined) a.provider = provider;
    if (level !== undefined) a.level = level;
    if (extra === 'device') a.device = { model: 'iPhone9,3', ios: '11.2', id: 'dev' };
    if (extra === 'warned') a.state = 'warned';
    if (extra === 'history') a.history = { state_at: '2026-01-01T00:00:00.000Z' };
    if (extra === 'check error') a.checkError = true; // PGNumbra's accounts-error.csv
    if (extra === 'dated verdict') Object.assign(a, { state: 'perm_banned', stateAt: '2017-12-01T10:00:00.000Z' }); // ShuckleTools' dated columns
    if (extra === 'exported') Object.assign(a, { state: 'ok', history: { added_at: '2026-11-01T09:00:00.000Z' } }); // our export's line (jsonl.ts)
    return a;
  });
}

describe('a dump as columns', () => {
  it('gives back every record as the reader made it', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const accounts = accountsOf(records);
        const columns = DumpColumns.of(accounts);
        expect(columns.length).toBe(accounts.length);
        for (let i = 0; i < accounts.length; i++) {
          expect(columns.at(i)).toStrictEqual(accounts[i]);
          expect(columns.usernameAt(i)).toBe(accounts[i]!.username);
          expect(columns.providerAt(i)).toBe(accounts[i]!.provider);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives back every record as the reader made it when a reader fills it row by row (its texts kept as bytes)", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const accounts = accountsOf(records);
        const builder = new DumpColumnsBuilder();
        for (const a of accounts) builder.add(a);
        const columns = builder.done();
        expect(columns.length).toBe(accounts.length);
        for (let i = 0; i < accounts.length; i++) {
          expect(columns.at(i)).toStrictEqual(accounts[i]);
          expect(columns.usernameAt(i)).toBe(accounts[i]!.username);
          expect(columns.passwordAt(i)).toBe(accounts[i]!.password);
        }
      }),
      { numRuns: 300 },
    );
  });

  // A device or a history is held field by field (a few values said once, the rest as text): a
  // Monocle row's id is new on every row, a NecroBot row's columns repeat, a field's values may be
  // text past Latin-1, booleans or numbers, names in any order. Past 4,096 distinct values a field
  // holds its next new ones one per record: 5,000 rows cross that.
  it('gives back every device and history field for field, past the distinct values a field says once', () => {
    const value = fc.oneof(
      fc.constantFrom('iPhone9,1', '11.2.1', '', 'Zoë', '名前', '\ud800x', true, false, 0, 30, 1.5, -7, 1e21),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.integer(),
    );
    const fields = fc.dictionary(fc.constantFrom('model', 'ios', 'id', 'AccountActive', 'Level', 'lat'), value, { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(fc.record({ device: fc.option(fields, { nil: undefined }), history: fc.option(fields, { nil: undefined }) }), { maxLength: 40 }), fc.nat(3), (extras, idsFrom) => {
        // Rows of Monocle's shape before and after the drawn ones, each with an id of its own, and a
        // whole number of its own as a PGPool row's xp (held in its code past 4,096: drawn Levels then are too).
        const monocle = (i: number): DumpAccount => ({ username: `csv${i}x`, password: 'Pw1!', line: i + 1, provider: 'ptc', device: { model: 'iPhone9,1', ios: '11.2.1', id: `${i.toString(16).padStart(32, 'a')}` }, history: { Level: i * 7 } });
        const accounts: DumpAccount[] = [...Array.from({ length: idsFrom * 1500 }, (_, i) => monocle(i))];
        extras.forEach(({ device, history }, i) => {
          const a: DumpAccount = { username: `u${i}`, password: 'p', line: 10_000 + i };
          if (device && Object.keys(device).length > 0) a.device = { ...device } as DumpAccount['device'];
          if (history && Object.keys(history).length > 0) a.history = { ...history }; // none read as none, as before
          accounts.push(a);
        });
        for (let i = 0; i < 600; i++) accounts.push(monocle(20_000 + i));
        const builder = new DumpColumnsBuilder();
        for (const a of accounts) builder.add(a);
        const columns = builder.done();
        for (let i = 0; i < accounts.length; i++) expect(columns.at(i)).toStrictEqual(accounts[i]);
      }),
      { numRuns: 40 },
    );
  });

  it('gives back every value of a column that fills more than one piece, hex ids held as bytes among other ids', () => {
    // 9,000 Monocle-like rows of long values: names, passwords and ids (past the first DISTINCT_MAX, held
    // as text) each past a builder's 1 MB piece (account-columns.ts PIECE), with values that must not be
    // packed as hex (upper case, odd length, a prefix, empty) or are held apart (past Latin-1, longer
    // than a piece) among them.
    const ids = (i: number) =>
      i % 100 === 1 ? (i * 7).toString(16).toUpperCase().padStart(512, 'A') : i % 100 === 2 ? 'abc' : i % 100 === 3 ? `0x${i.toString(16).padStart(510, '0')}` : i % 100 === 4 ? '' : (i * 40503).toString(16).padStart(512, 'a');
    const accounts: DumpAccount[] = Array.from({ length: 9_000 }, (_, i) => ({
      username: i % 997 === 5 ? `名前${i}` : `csv${String(i).padStart(150, '0')}x`,
      password: i === 7_001 ? 'p'.repeat((1 << 20) + 3) : `Pw${(i * 2654435761) % 1e9}!`.padEnd(150, '#'),
      line: i + 2,
      provider: 'ptc',
      device: { model: 'iPhone9,1', ios: '11.2.1', id: ids(i) },
    }));
    const builder = new DumpColumnsBuilder();
    for (const a of accounts) builder.add(a);
    const columns = builder.done();
    const differ = accounts.flatMap((a, i) => (isDeepStrictEqual(columns.at(i), a) ? [] : [i]));
    expect(differ).toEqual([]);
  });

  it('merges as the records merge: the same files, history and report', async () => {
    const pool = await openFilledPool(4, 12);
    const snapshot = await pool.read();
    const plan = (dump: Parameters<typeof mergeDump>[2], s: Snapshot, p: Pool) => {
      const tx = new Transaction(s, new Date(Date.UTC(2026, 5, 1)));
      let report;
      try {
        report = mergeDump(tx, 'd.txt', dump, { source: 'd.txt', level: 30, sample: 3 }, p.config);
      } catch (error) {
        return { refused: (error as Error).message }; // a line the store refuses: refused the same way
      }
      recordHistory(tx, p.config);
      const files = planShards(tx, (u) => p.shardNameOf(u)).map(({ state, bytes }) => [state.name, Buffer.concat(Array.isArray(bytes) ? bytes : [bytes as Buffer]).toString('utf8')]);
      return { files: Object.fromEntries(files), history: tx.history, report };
    };
    await fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 30 }), (records) => {
        const accounts = accountsOf(records).map((a) => ({ ...a, line: Math.floor(a.line) }));
        const dump: DumpResult = { format: 'plain', accounts, rejected: [{ line: 99, reason: 'not an account' }] };
        expect(plan(toColumnDump(dump), snapshot, pool)).toEqual(plan(dump, snapshot, pool));
      }),
      { numRuns: 150 },
    );
  });
});
