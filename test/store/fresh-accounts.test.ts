// An import's new accounts as columns keep each plain name and password as bytes in one buffer
// (store/fresh-accounts.ts) and any other as its strings; the buffer and the typed columns grow
// past the capacity the import announced. Whatever was added must come back as it was added, and
// the line written from the bytes must be the canonical encoder's line of that account.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FreshAccounts } from '../../src/store/fresh-accounts.js';
import { freshColumnLength, writeFreshColumn } from '../../src/store/fresh-line.js';
import { encodeAccountLine, isPlainText } from '../../src/store/shard-codec.js';
import { keyOf } from '../../src/model.js';
import { shardIndexOf } from '../../src/store/layout.js';

// Plain text mostly, long runs of it (so the buffer grows inside a name or a password), and the
// characters that make a name or password not plain: a quote, a backslash, a control character, non-ASCII.
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.@:, '), minLength: 1, maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'qrstuv'), minLength: 40, maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(...'ab"\\\tëｕ😀'), minLength: 1, maxLength: 6 }),
);

const accounts = fc.uniqueArray(
  fc.record({
    username: text,
    password: text,
    provider: fc.constantFrom('ptc' as const, 'google' as const),
    level: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 250, max: 100_000 })),
    seq: fc.nat(),
    // A row's own fields (a NecroBot accounts.db's other columns): none, the same as the row before's (one run), or others.
    own: fc.constantFrom(undefined, undefined, {}, { active: true, stardust: 0 }, { active: true, stardust: 0 }, { active: false, stardust: 12 }, { nickname: 'Ash' }),
  }),
  { minLength: 10, maxLength: 40, selector: (a) => keyOf(a.username) },
);

describe('an import\'s new accounts as columns of bytes', () => {
  it('give back every account as added, and write each plain one as the encoder does', () => {
    fc.assert(
      fc.property(accounts, fc.integer({ min: 0, max: 4 }), fc.nat(40), fc.nat(40), fc.nat(), (given, capacity, dropAt, runTo, first) => {
        // Import numbers as an import hands them out (one after the other) up to `runTo`, then the given ones.
        const added = given.map((a, n) => (n < runTo ? { ...a, seq: first + n } : a));
        const fresh = new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', capacity);
        // The lookup table let go somewhere (an import's end, before another batch is added): made again when asked.
        added.forEach((a, n) => {
          if (n === dropAt) fresh.dropLookups();
          fresh.add(keyOf(a.username), a.username, a.password, a.provider, a.level, a.seq, a.own);
        });
        if (dropAt >= added.length) fresh.dropLookups();
        expect(fresh.size).toBe(added.length);
        added.forEach((a, n) => {
          const account = { username: a.username, password: a.password, provider: a.provider, level: a.level, state: 'ok' as const, added_at: '2026-06-01T00:00:00.000Z', seq: a.seq, source: 'd.txt', ...a.own };
          expect(fresh.account(n)).toEqual(account);
          expect(Object.keys(fresh.account(n))).toEqual(Object.keys(account));
          expect(fresh.indexOf(keyOf(a.username))).toBe(n);
          expect(fresh.key(n)).toBe(keyOf(a.username));
          // A key is found by its bytes: one letter more, or another letter, is not it.
          const other = `${keyOf(a.username)}x`;
          expect(fresh.indexOf(other)).toBe(added.findIndex((b) => keyOf(b.username) === other));
          const plain = isPlainText(a.username) && isPlainText(a.password) && Object.keys(a.own ?? {}).length === 0;
          expect(fresh.isPlain(n)).toBe(plain);
          const length = freshColumnLength(fresh, n);
          if (!plain) {
            expect(length).toBe(-1); // left to the encoder
            return;
          }
          const line = Buffer.from(encodeAccountLine(account));
          expect(length).toBe(line.length);
          const out = Buffer.alloc(length + 2, 0x2a);
          expect(writeFreshColumn(fresh, n, out, 1)).toBe(length + 1);
          expect(out.subarray(1, length + 1).toString('utf8')).toBe(line.toString('utf8'));
          expect(out[0]).toBe(0x2a);
          expect(out[length + 1]).toBe(0x2a);
        });
      }),
      { numRuns: 100 },
    );
  });

  // A dry run's new accounts are read from its dump by place (BorrowedAccounts), not copied: they
  // must be the same accounts, found by the same keys, and none written from bytes it does not hold.
  it('read from a dump by place, give back every account as the copying columns do', () => {
    fc.assert(
      fc.property(accounts, fc.integer({ min: 0, max: 4 }), fc.nat(40), fc.boolean(), (given, capacity, dropAt, withDevice) => {
        const device = (n: number) => (withDevice && n % 3 !== 0 ? { model: 'iPhone9,1', ios: '11.2.1', id: n.toString(16).padStart(32, 'a') } : undefined);
        // The dump: its places are not the accounts' places (a line before each, as a dump's known accounts).
        const dump = given.flatMap((a, n) => [{ username: 'known', password: 'x', device: undefined }, { username: a.username, password: a.password, device: device(n) }]);
        const borrowed = { username: (i: number) => dump[i]!.username, password: (i: number) => dump[i]!.password, device: (i: number) => dump[i]!.device };
        const copied = new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', capacity);
        const read = new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', capacity, undefined, borrowed);
        given.forEach((a, n) => {
          if (n === dropAt) read.dropLookups();
          copied.add(keyOf(a.username), a.username, a.password, a.provider, a.level, a.seq, a.own, device(n));
          read.add(keyOf(a.username), a.username, a.password, a.provider, a.level, a.seq, a.own, device(n), 2 * n + 1);
        });
        expect(read.isBorrowed && !copied.isBorrowed).toBe(true);
        given.forEach((a, n) => {
          expect(read.account(n)).toEqual(copied.account(n));
          expect(Object.keys(read.account(n))).toEqual(Object.keys(copied.account(n)));
          expect(read.indexOf(keyOf(a.username))).toBe(n);
          expect(read.indexOf(`${keyOf(a.username)}x`)).toBe(copied.indexOf(`${keyOf(a.username)}x`));
          // No bytes held: the plan takes the key, the encoder writes the line.
          expect([read.isPlain(n), read.nameIsBytes(n), read.keyHash(n), freshColumnLength(read, n)]).toEqual([false, false, undefined, -1]);
        });
        expect(() => read.add('another', 'another', 'pw', 'ptc', 30, 1)).toThrow(/place/);
      }),
      { numRuns: 100 },
    );
  });

  it('read from a dump by place, copy no name, password or device: 100,000 accounts with devices', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const count = 100_000;
    const device = { model: 'iPhone9,1', ios: '11.2.1', id: 'a'.repeat(32) };
    const borrowed = { username: (i: number) => `fresh${i}`, password: (i: number) => `secret-${i}`, device: () => ({ ...device }) };
    const fill = (fresh: FreshAccounts) => {
      for (let i = 0; i < count; i++) fresh.add(`fresh${i}`, `fresh${i}`, `secret-${i}`, 'ptc', 30, i, undefined, { ...device }, i);
    };
    const grown = (columns: () => FreshAccounts) => {
      gc();
      const before = process.memoryUsage().arrayBuffers;
      const fresh = columns();
      fill(fresh);
      gc();
      return { fresh, bytes: process.memoryUsage().arrayBuffers - before };
    };
    // Copied: the bytes (24 a line), their ends (8), the device's kind (4) and id (16), a provider
    // and a level byte each, the key table (2 MB): ~7 MB (measured 6.3). Read by place: a place (4), the
    // provider, the level and the key table: ~2.6 MB.
    // Only the bound on the borrowed is asserted: a buffer of an earlier test freed by V8's sweeper
    // meanwhile can only make a growth look smaller.
    const copied = grown(() => new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', count));
    const read = grown(() => new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', count, undefined, borrowed));
    expect(read.bytes).toBeLessThan(3 * 1024 * 1024);
    expect(read.fresh.account(count - 1)).toEqual(copied.fresh.account(count - 1));
  });

  // The plan of an import finds each new account's home shard off its name's bytes (keyHash): it
  // must be the shard the name's key hashes to (layout.ts shardIndexOf), upper case and all, or the
  // account would be written where no lookup finds it; a name held as text has no byte hash.
  it('hash each plain name to the home shard its key has, and leave the others to the key', () => {
    fc.assert(
      fc.property(accounts, fc.integer({ min: 1, max: 4096 }), (given, count) => {
        const fresh = new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', 0);
        given.forEach((a) => fresh.add(keyOf(a.username), a.username, a.password, a.provider, a.level, a.seq));
        given.forEach((a, n) => {
          const hash = fresh.keyHash(n);
          if (!isPlainText(a.username) || !isPlainText(a.password)) expect(hash).toBeUndefined();
          else expect(hash! % count, a.username).toBe(shardIndexOf(a.username, count));
        });
      }),
    );
  });

  it('hold no string per account: 200,000 plain new accounts leave their keys to the bytes', () => {
    // The heap alive after a full collection, before and after the columns are filled: the names
    // and passwords are bytes (array buffers, outside the heap), and a key string per account
    // (~40 bytes each: ~8 MB here, ~40 MB at 1,000,000 lines) is what this holds them to.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const count = 200_000;
    const names = Array.from({ length: count }, (_, i) => `Fresh${i}`);
    gc();
    const before = process.memoryUsage().heapUsed;
    const fresh = new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', count);
    for (let i = 0; i < count; i++) fresh.add(keyOf(names[i]!), names[i]!, `secret-${i}`, 'ptc', 30, i);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // `names` used after the measure, so that it is alive at both (else collected in between).
    expect(fresh.indexOf(keyOf(names[count - 1]!))).toBe(count - 1);
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });

  it('let go of their lookup table once the adds are over: 200,000 accounts, ~4 MB', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const count = 200_000;
    const fresh = new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', count);
    for (let i = 0; i < count; i++) fresh.add(`fresh${i}`, `fresh${i}`, `secret-${i}`, 'ptc', 30, i);
    gc();
    const before = process.memoryUsage().arrayBuffers;
    fresh.dropLookups();
    // The table of 524,288 slots (twice the capacity, rounded up to a power of 2), a hash and a place
    // each. Array buffers are freed by V8's sweeper, on its own thread: polled until a deadline.
    const deadline = Date.now() + 10_000;
    let given = 0;
    while (given < 4 * 1024 * 1024 && Date.now() < deadline) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      given = before - process.memoryUsage().arrayBuffers;
    }
    expect(given).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    expect(fresh.indexOf('fresh123456')).toBe(123456);
    expect(fresh.indexOf('fresh200000')).toBe(-1);
  });

  it('keep a level in a byte, an import\'s run of numbers once, and a run of rows\' own fields once: 200,000 accounts', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const count = 200_000;
    // A NecroBot accounts.db's rows before their first use: every row's other columns alike.
    const own = { AccountActive: 1, RunEnd: 0 };
    gc();
    const before = process.memoryUsage();
    const fresh = new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', count);
    for (let i = 0; i < count; i++) fresh.add(`fresh${i}`, `fresh${i}`, `secret-${i}`, 'ptc', 30, 1000 + i, own);
    gc();
    const after = process.memoryUsage();
    // The bytes (24 a line), their ends (8), a provider and a level byte each, and the key table
    // (4 MB): ~11.0 MB. A level and an import number in a Float64 each added 3.2 MB (14.0 MB);
    // a column of the fields' shape 0.8 MB more.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(11.5 * 1024 * 1024);
    // The fields' values as a string per account (the same one) were a list of 1.6 MB in the heap.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(1024 * 1024);
    expect([fresh.level(7), fresh.seq(0), fresh.seq(count - 1)]).toEqual([30, 1000, 1000 + count - 1]);
    expect(fresh.account(count - 1)).toMatchObject({ username: `fresh${count - 1}`, ...own });
  });
});
