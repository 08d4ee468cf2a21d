// The import's new accounts as columns (store/fresh-accounts.ts) against the same accounts as
// objects: the columns are written straight into the shards' files, and any code that asks the
// transaction for `changes` gets them as Accounts, which then go the way every put account goes.
// Both ways must give the same files, the same history and the same report, for random dumps of
// new accounts, updates of known ones, duplicates (by case too), other spellings of a known
// account, awkward names and passwords, line levels and providers, new accounts that carry a
// verdict (which are never columns), a device (kept beside the columns, stop 43), and fields of
// their own (a NecroBot accounts.db row's other columns: kept beside the columns, stop 36).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeDump, type ImportReport } from '../../src/import/merge.js';
import { Transaction } from '../../src/store/transaction.js';
import { extrasHeld } from '../../src/store/fresh-accounts.js';
import { planShards } from '../../src/store/plan-shards.js';
import { recordHistory } from '../../src/history/record.js';
import type { DumpAccount, DumpResult } from '../../src/formats/types.js';
import type { Snapshot } from '../../src/store/snapshot.js';
import type { Pool } from '../../src/store/pool.js';
import { openFilledPool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { shardIndexOf } from '../../src/store/layout.js';

// Known: user000000..user000011 and a Gmail address; the rest are new (one another's case
// variants, a fullwidth and a dotted spelling of known ones, non-ASCII, quotes, backslashes).
const NAMES = ['user000001', 'USER000002', 'user000007', 'newbie', 'NewBie', 'fresh-1', 'fresh_2', 'ｕｓｅｒ000003', 'j.ohndoe@gmail.com', 'Zoë', 'o"brien', 'back\\slash', 'a@b.c', 'x1', 'y2', 'z3'];

const line = fc.record({
  name: fc.constantFrom(...NAMES),
  password: fc.constantFrom('pw-a', 'pw-b', 'pw-1:x,y"z', 'päss', 'tab\\t'),
  level: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  provider: fc.option(fc.constantFrom('ptc' as const, 'google' as const), { nil: undefined }),
  // A new account with one of these is put as an object: both kinds in one dump.
  extra: fc.constantFrom('none', 'none', 'none', 'device', 'device', 'no-device', 'perm_banned', 'warned', 'ok', 'own', 'own'),
  own: fc.record({ account_active: fc.boolean(), run_end: fc.constantFrom(0, 1496253600000, 2.5, -3), nickname: fc.constantFrom('Ash', 'a"b', 'ü\\n', '') }, { requiredKeys: ['account_active'] }),
});

function accountsOf(lines: { name: string; password: string; level?: number; provider?: 'ptc' | 'google'; extra: string; own: Record<string, unknown> }[]): DumpAccount[] {
  return lines.map((l, i) => {
    const a: DumpAccount = { username: l.name, password: l.password, line: i + 1 };
    if (l.level !== undefined) a.level = l.level;
    if (l.provider) a.provider = l.provider;
    // A device normalizeDevice keeps (32 hex digits, upper case and dashes made its form), and one it drops.
    if (l.extra === 'device') a.device = { model: ' iPhone9,3', ios: i % 3 ? '11.2' : '10.3.3', id: i % 2 ? i.toString(16).padStart(32, 'A') : `${i.toString(16).padStart(8, 'f')}-0000-4000-8000-00000000000a` };
    if (l.extra === 'no-device') a.device = { model: 'iPhone9,3', ios: '11.2', id: `dev${i}` };
    if (l.extra === 'perm_banned' || l.extra === 'warned' || l.extra === 'ok') a.state = l.extra;
    if (l.extra === 'own') a.history = { ...l.own };
    return a;
  });
}

/** What one import plans: every file it would write (by name), its history lines, its report. */
function planned(pool: Pool, snapshot: Snapshot, accounts: DumpAccount[], asObjects: boolean, sample: boolean) {
  const tx = new Transaction(snapshot, new Date(Date.UTC(2026, 5, 1)));
  const report: ImportReport = mergeDump(tx, 'd.txt', { format: 'plain', accounts, rejected: [] }, { source: 'd.txt', level: 30, ...(sample ? { sample: 4 } : {}) }, pool.config);
  // Each account added as columns is found by its key, made from its bytes.
  const fresh = tx.freshAccounts;
  for (let n = 0; n < (fresh?.size ?? 0); n++) expect(fresh!.indexOf(fresh!.key(n))).toBe(n);
  // Asking for `changes` makes the columns Accounts: from here on the object path.
  if (asObjects) expect(tx.changes.size).toBe(tx.changeCount);
  else expect(tx.putChanges.size).toBeLessThanOrEqual(tx.changeCount);
  recordHistory(tx, pool.config);
  const files = planShards(tx, (u) => pool.shardNameOf(u)).map(({ state, bytes }) => [state.name, Buffer.concat(Array.isArray(bytes) ? bytes : [bytes as Buffer]).toString('utf8')]);
  return { files: Object.fromEntries(files), history: tx.history, report, count: tx.changeCount };
}

describe('an import\'s new accounts as columns', () => {
  it('give the files, history and report the same accounts as objects give', async () => {
    const pool = await openFilledPool(4, 12);
    await pool.transaction((tx) => tx.put(makeAccount(12, { username: 'johndoe@gmail.com' })));
    const snapshot = await pool.read();
    await fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), fc.boolean(), (lines, sample) => {
        const accounts = accountsOf(lines);
        const columns = planned(pool, snapshot, accounts, false, sample);
        const objects = planned(pool, snapshot, accounts, true, sample);
        expect(columns.files).toEqual(objects.files);
        expect(columns.history).toEqual(objects.history);
        expect(columns.report).toEqual(objects.report);
        expect(columns.count).toBe(objects.count);
      }),
      { numRuns: 300 },
    );
  });

  it('are Accounts to every other reader of the transaction, as the importer made them before', async () => {
    const pool = await openFilledPool(4, 2);
    const snapshot = await pool.read();
    const tx = new Transaction(snapshot, new Date(Date.UTC(2026, 5, 1)));
    mergeDump(tx, 'd.txt', { format: 'plain', accounts: [{ username: 'Fresh1', password: 'pw', line: 3, level: 31 }], rejected: [] }, { source: 'd.txt', provider: 'google' }, pool.config);
    expect(tx.putChanges.size).toBe(0);
    expect(tx.get('fresh1')).toEqual({ username: 'Fresh1', password: 'pw', provider: 'google', level: 31, state: 'ok', added_at: '2026-06-01T00:00:00.000Z', seq: 3, source: 'd.txt' });
    expect([...tx.keys()]).toContain('fresh1');
    expect([...tx.changes.values()].map((a) => Object.keys(a))).toEqual([['username', 'password', 'provider', 'level', 'state', 'added_at', 'seq', 'source']]);
    expect(tx.freshAccounts).toBeUndefined();
  });

  it('hold a new account\'s own fields (a NecroBot row\'s other columns) as the importer made them before, values and order', async () => {
    const pool = await openFilledPool(4, 2);
    const tx = new Transaction(await pool.read(), new Date(Date.UTC(2026, 5, 1)));
    const own = (i: number) => ({ account_active: true, account_latitude: 0, account_longitude: -73.98, run_end: 0, nickname: i === 1 ? 'Ash "K"' : 'Misty' });
    const accounts: DumpAccount[] = [1, 2, 3].map((i) => ({ username: `nb${i}`, password: `pw${i}`, line: i, provider: 'ptc', level: 5, history: own(i) }));
    mergeDump(tx, 'accounts.db', { format: 'necrobot-db', accounts, rejected: [] }, { source: 'accounts.db' }, pool.config);
    // No Account per row: all three in the columns.
    expect(tx.putChanges.size).toBe(0);
    expect(tx.freshAccounts!.size).toBe(3);
    for (const i of [1, 2, 3]) {
      const expected = { username: `nb${i}`, password: `pw${i}`, provider: 'ptc', level: 5, state: 'ok', added_at: '2026-06-01T00:00:00.000Z', seq: 2 + i, source: 'accounts.db', ...own(i) };
      const got = tx.get(`nb${i}`)!;
      expect(got).toEqual(expected);
      expect(Object.keys(got)).toEqual(Object.keys(expected));
    }
  });

  it('hold a new account\'s device (a Monocle row\'s model, iOS and id) as the importer made it before, beside its own fields', async () => {
    const pool = await openFilledPool(4, 2);
    const tx = new Transaction(await pool.read(), new Date(Date.UTC(2026, 5, 1)));
    const ids = ['656412A9B8A1ABCD1A6916C74DA4F9FC', '0512bd13-1107-2231-1710-cf5327ac435a'];
    const accounts: DumpAccount[] = ids.map((id, i) => ({ username: `mo${i}`, password: `pw${i}`, line: i + 2, device: { model: 'iPhone9,1', ios: i ? '11.2.1' : '10.3.3', id }, ...(i ? { history: { nickname: 'Ash' } } : {}) }));
    mergeDump(tx, 'accounts.csv', { format: 'monocle', accounts, rejected: [] }, { source: 'accounts.csv', level: 30 }, pool.config);
    expect(tx.putChanges.size).toBe(0);
    expect(tx.freshAccounts!.size).toBe(2);
    const expected = [
      { username: 'mo0', password: 'pw0', provider: 'ptc', level: 30, state: 'ok', added_at: '2026-06-01T00:00:00.000Z', seq: 3, source: 'accounts.csv', device: { model: 'iPhone9,1', ios: '10.3.3', id: '656412a9b8a1abcd1a6916c74da4f9fc' } },
      { username: 'mo1', password: 'pw1', provider: 'ptc', level: 30, state: 'ok', added_at: '2026-06-01T00:00:00.000Z', seq: 4, source: 'accounts.csv', device: { model: 'iPhone9,1', ios: '11.2.1', id: '0512bd1311072231171' + '0cf5327ac435a' }, nickname: 'Ash' },
    ];
    for (const [i, want] of expected.entries()) {
      const got = tx.get(`mo${i}`)!;
      expect(got).toEqual(want);
      expect(Object.keys(got)).toEqual(Object.keys(want));
      expect(Object.keys(got.device!)).toEqual(['model', 'ios', 'id']);
    }
  });

  it('hold an exported account moved from another pool (its state, state_at, added_at, source) as the Account the importer put before, its verdict in the history', async () => {
    const pool = await openFilledPool(4, 2);
    const snapshot = await pool.read();
    // As export/jsonl.ts writes them and formats/jsonl.ts reads them: a blind account with its
    // verdict's time, an ok one, one whose own time is not as stored (the Account path: put fixes
    // it), one with a state but no time (a verdict that is news: the Account path), a plain line.
    const moved = (i: number, history: Record<string, unknown>, state?: 'ok' | 'blind'): DumpAccount => ({ username: `mv${i}`, password: `pw${i}`, line: i, provider: 'ptc', level: 30, ...(state ? { state } : {}), history });
    const accounts: DumpAccount[] = [
      moved(1, { state_at: '2026-05-20T10:00:00.000Z', added_at: '2026-05-01T09:00:00.000Z', source: 'old.csv' }, 'blind'),
      moved(2, { added_at: '2026-05-01T09:00:00.000Z', nickname: 'Ash' }, 'ok'),
      moved(3, { added_at: '2026-05-01T09:00:00Z' }),
      moved(4, { added_at: '2026-05-01T09:00:00.000Z' }, 'blind'),
      { username: 'mv5', password: 'pw5', line: 5 },
    ];
    const merged = () => {
      const tx = new Transaction(snapshot, new Date(Date.UTC(2026, 5, 1)));
      const report = mergeDump(tx, 'e.jsonl', { format: 'jsonl', accounts, rejected: [], exported: true } as DumpResult, { source: 'e.jsonl', level: 30, sample: 5 }, pool.config);
      return { tx, report };
    };
    const { tx, report } = merged();
    // mv1, mv2 and mv5 as columns; mv3 and mv4 put.
    expect([...tx.putChanges.keys()]).toEqual(['mv3', 'mv4']);
    expect(tx.freshAccounts!.size).toBe(3);
    const base = { provider: 'ptc', level: 30, state: 'ok', added_at: '2026-05-01T09:00:00.000Z' };
    const want = {
      mv1: { username: 'mv1', password: 'pw1', ...base, state: 'blind', seq: 3, source: 'old.csv', state_at: '2026-05-20T10:00:00.000Z' },
      mv2: { username: 'mv2', password: 'pw2', ...base, seq: 4, source: 'e.jsonl', nickname: 'Ash' },
    };
    for (const [key, account] of Object.entries(want)) {
      expect(tx.get(key)).toEqual(account);
      expect(Object.keys(tx.get(key)!)).toEqual(Object.keys(account));
    }
    expect(report.sample!.map((s) => s.outcome)).toEqual(['new', 'new', 'new', 'new', 'new']);
    recordHistory(tx, pool.config);
    const files = planShards(tx, (u) => pool.shardNameOf(u)).map(({ state, bytes }) => [state.name, Buffer.concat(Array.isArray(bytes) ? bytes : [bytes as Buffer]).toString('utf8')]);
    // The same dump with every account made an Account before the history and the plan.
    const objects = merged().tx;
    expect(objects.changes.size).toBe(5);
    recordHistory(objects, pool.config);
    expect(tx.history).toEqual(objects.history);
    expect(Object.fromEntries(files)).toEqual(Object.fromEntries(planShards(objects, (u) => pool.shardNameOf(u)).map(({ state, bytes }) => [state.name, Buffer.concat(Array.isArray(bytes) ? bytes : [bytes as Buffer]).toString('utf8')])));
    // Both imports counted by their source, the put ones' first; mv1's and mv4's verdicts, in the order put (mv4 was put first).
    const kinds = tx.history.map((h) => h.replace(/^\S+ /, '').replace(/"days_since_import":[\d.]+,?/, ''));
    expect(kinds.filter((k) => k.startsWith('verdict')).map((k) => JSON.parse(k.slice('verdict '.length)).username)).toEqual(['mv4', 'mv1']);
    expect(kinds.filter((k) => k.startsWith('import')).map((k) => JSON.parse(k.slice('import '.length)))).toEqual([
      { source: 'e.jsonl', added: 4, by_level: { 30: 4 } },
      { source: 'old.csv', added: 1, by_level: { 30: 1 } },
    ]);
  });

  it('take the Account path for own fields JSON would not give back as they were, or that are the store\'s', () => {
    expect(extrasHeld({ account_active: true, stardust: 12, nickname: 'x' })).toBe(true);
    for (const odd of [{ stardust: -0 }, { stardust: Infinity }, { stardust: NaN }, { team: { a: 1 } }, { team: null }, { available_at: '2026-01-01T00:00:00Z' }, { username: 'x' }, JSON.parse('{"__proto__": 1}') as Record<string, unknown>]) {
      expect(extrasHeld(odd)).toBe(false);
    }
  });

  it('are numbered shard by shard as objects are, when the import adds more new accounts than a window', async () => {
    const pool = await openFilledPool(4, 2); // seq 1 and 2 taken; 4 shards: a window of 2,048 (store/import-numbering.ts)
    const snapshot = await pool.read();
    // Every seventh line with a verdict: an Account among the columns, its number among theirs.
    const accounts: DumpAccount[] = Array.from({ length: 2100 }, (_, i) => ({ username: `Miner${i}`, password: 'pw', line: i + 1, ...(i % 7 === 3 ? { state: 'warned' as const } : {}) }));
    const seqs = (asObjects: boolean) => {
      const tx = new Transaction(snapshot, new Date(Date.UTC(2026, 5, 1)));
      mergeDump(tx, 'd.txt', { format: 'plain', accounts, rejected: [] }, { source: 'd.txt', level: 30 }, pool.config);
      if (asObjects) expect(tx.changes.size).toBe(2100); // the columns made Accounts first
      tx.numberImports(4);
      return new Map([...tx.changes].map(([key, account]) => [key, account.seq]));
    };
    // The rule as stated: windows of 2,048 lines in the dump's order, each stably sorted by home shard.
    const expected = new Map<string, number>();
    for (let from = 0; from < accounts.length; from += 2048) {
      const window = accounts.slice(from, from + 2048).map((a, i) => ({ key: a.username.toLowerCase(), i, home: shardIndexOf(a.username, 4) }));
      window.sort((a, b) => a.home - b.home || a.i - b.i).forEach(({ key }, place) => expected.set(key, 3 + from + place));
    }
    expect(seqs(false)).toEqual(expected);
    expect(seqs(true)).toEqual(expected);
    // One shard has nothing to group by: the dump's order, whatever the import's size (an import of
    // over 512 accounts into a one-shard pool crashed on the numbering's missing list, stop 56).
    const oneShard = new Transaction(snapshot, new Date(Date.UTC(2026, 5, 1)));
    mergeDump(oneShard, 'd.txt', { format: 'plain', accounts, rejected: [] }, { source: 'd.txt', level: 30 }, pool.config);
    oneShard.numberImports(1);
    expect(new Map([...oneShard.changes].map(([key, account]) => [key, account.seq]))).toEqual(new Map(accounts.map((a, i) => [a.username.toLowerCase(), 3 + i])));
    // A line with its own number (a dump's `seq` field, kept): among the import's, or far past them,
    // the import keeps the dump's order rather than give two accounts one number.
    for (const own of [10, 1e15]) {
      const lines = accounts.map((a, i) => (i === 1000 ? { ...a, history: { seq: own } } : a));
      const numbered = (again: boolean) => {
        const tx = new Transaction(snapshot, new Date(Date.UTC(2026, 5, 1)));
        mergeDump(tx, 'd.txt', { format: 'plain', accounts: lines, rejected: [] }, { source: 'd.txt', level: 30 }, pool.config);
        if (again) tx.numberImports(4);
        return new Map([...tx.changes].map(([key, account]) => [key, account.seq]));
      };
      const asRead = numbered(false);
      expect(asRead.get('miner1000')).toBe(own);
      expect(numbered(true)).toEqual(asRead);
    }
  });
});

