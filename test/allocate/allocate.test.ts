// allocate, release, mark and export as a user runs them, with an injected clock.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { editLine, makePool, shardLine, type TestPool } from '../helpers/pool.js';
import { readDump, toDumpInput } from '../../src/formats/index.js';
import { shardIndexOf } from '../../src/store/layout.js';

const DAY = 86_400_000;

async function poolWith(lines: string[], level = 30): Promise<TestPool> {
  const pool = await makePool(4);
  const dump = join(pool.base, 'dump.txt');
  await writeFile(dump, lines.join('\n'));
  expect((await cli(['import', dump, '--level', String(level), ...pool.args])).code).toBe(0);
  return pool;
}

const names = (n: number, prefix = 'acc') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

async function usernamesIn(file: string): Promise<string[]> {
  const dump = await readDump(toDumpInput(file, await readFile(file)));
  return dump.accounts.map((a) => a.username);
}

describe('allocate', () => {
  it('turns the circle: never-used first in import order, then least recently used, round after round', async () => {
    const pool = await poolWith(names(6).map((n) => `${n}:pw-${n}`));
    const out = join(pool.base, 'accounts.csv');
    let now = Date.parse('2026-03-01T00:00:00Z');
    const clock = () => new Date(now);
    const rounds: string[][] = [];
    for (let round = 0; round < 4; round++) {
      const result = await cli(['allocate', '--count', '4', '--no-check', '--accountcsv', out, '--instance', 'east', ...pool.args], { clock });
      expect(result.code, result.stderr).toBe(0);
      rounds.push(await usernamesIn(out));
      now += 60_000;
    }
    expect(rounds[0]).toEqual(['acc1', 'acc2', 'acc3', 'acc4']);
    expect(rounds[1]).toEqual(['acc5', 'acc6', 'acc1', 'acc2']);
    // acc3 and acc4 were used longest ago; then the four of round 2, tied, by name.
    expect(rounds[2]).toEqual(['acc3', 'acc4', 'acc1', 'acc2']);
    expect(rounds[3]).toEqual(['acc5', 'acc6', 'acc1', 'acc2']);
  });

  it('orders by the instant of each time, a time written without its fraction or with fewer digits included', async () => {
    // `...00Z` and `...00.25Z` (a hand's or another tool's) beside toISOString's `...00.500Z`: as
    // text, `Z` sorts after `.` and `.25Z` before `.500Z`, and the account used last went first.
    const pool = await poolWith(['a1:pw-a1', 'a2:pw-a2', 'a3:pw-a3']);
    const used = { a1: '2026-03-01T00:00:00Z', a2: '2026-03-01T00:00:00.500Z', a3: '2026-03-01T00:00:00.25Z' };
    for (const [name, at] of Object.entries(used)) await editLine(pool.dir, name, (line) => line.replace('"added_at": ', `"allocated_at": "${at}", "added_at": `));
    const out = join(pool.base, 'accounts.csv');
    const result = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', out, '--instance', 'east', ...pool.args], { clock: () => new Date('2026-03-02T00:00:00.000Z') });
    expect(result.code, result.stderr).toBe(0);
    expect(await usernamesIn(out)).toEqual(['a1', 'a3']);
    // The shard is written in the store's own shape, which orders as text: a2's time with its three digits.
    expect((await shardLine(pool.dir, 'a2')).line).toContain('"allocated_at": "2026-03-01T00:00:00.500Z"');
  });

  it('takes only levels within [min, max] inclusive', async () => {
    const pool = await makePool(4);
    for (const level of [29, 30, 31, 32]) {
      const dump = join(pool.base, `l${level}.txt`);
      await writeFile(dump, names(2, `lvl${level}-`).map((n) => `${n}:x`).join('\n'));
      await cli(['import', dump, '--level', String(level), ...pool.args]);
    }
    const out = join(pool.base, 'a.csv');
    const result = await cli(['allocate', '--count', '4', '--min-level', '30', '--max-level', '31', '--no-check', '--accountcsv', out, ...pool.args]);
    expect(result.code, result.stderr).toBe(0);
    expect((await usernamesIn(out)).sort()).toEqual(['lvl30-1', 'lvl30-2', 'lvl31-1', 'lvl31-2']);
  });

  it('applies every verdict with its cool-down, and the account comes back when it is over', async () => {
    const pool = await poolWith(['tb:x1', 'wa:x1', 'bl:x1', 'pb:x1', 'in:x1', 'okay:x1']);
    await pool.configure({ temp_banned: '2d', warned: '3d', blind: '4d', perm_banned: 'retired', invalid: 'retired' });
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    const at = (ms: number) => () => new Date(t0 + ms);
    for (const [user, verdict] of [['tb', 'temp_banned'], ['wa', 'warned'], ['bl', 'blind'], ['pb', 'perm_banned'], ['in', 'invalid']]) {
      expect((await cli(['mark', user!, '--verdict', verdict!, ...pool.args], { clock: at(0) })).code).toBe(0);
    }
    const available = async (ms: number) => {
      const r = await cli(['status', '--json', ...pool.args], { clock: at(ms) });
      return JSON.parse(r.stdout).byAvailability;
    };
    expect(await available(DAY)).toMatchObject({ available: 1, cooling: 3, retired: 2 });
    expect(await available(2 * DAY + 1)).toMatchObject({ available: 2, cooling: 2, retired: 2 });
    expect(await available(3 * DAY + 1)).toMatchObject({ available: 3, cooling: 1, retired: 2 });
    expect(await available(4 * DAY + 1)).toMatchObject({ available: 4, cooling: 0, retired: 2 });
    expect((await cli(['mark', 'pb', '--verdict', 'ok', ...pool.args], { clock: at(0) })).code).toBe(0);
    expect(await available(0)).toMatchObject({ available: 2, retired: 1 });
  });

  it('exits 3 when the pool runs dry, says why, leaves the file and the old holdings untouched', async () => {
    const pool = await poolWith(names(5).map((n) => `${n}:x`));
    const out = join(pool.base, 'accounts.csv');
    expect((await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', out, '--instance', 'east', ...pool.args])).code).toBe(0);
    await cli(['mark', 'acc5', '--verdict', 'blind', ...pool.args]);
    const other = join(pool.base, 'other.csv');
    const before = await readFile(out, 'utf8');
    const dry = await cli(['allocate', '--count', '4', '--no-check', '--accountcsv', other, '--instance', 'west', ...pool.args]);
    expect(dry.code).toBe(3);
    expect(dry.stderr).toContain('only 2 of 4 accounts could be allocated');
    expect(dry.stderr).toContain('1 cooling down, 2 held by other instances');
    await expect(stat(other)).rejects.toThrow();
    expect(await readFile(out, 'utf8')).toBe(before);
    const status = JSON.parse((await cli(['status', '--json', ...pool.args])).stdout);
    expect(status.holders).toEqual([expect.objectContaining({ instance: 'east', accounts: 2 })]);
  });

  it('--allow-partial writes what there is and warns', async () => {
    const pool = await poolWith(names(3).map((n) => `${n}:x`));
    const out = join(pool.base, 'accounts.csv');
    const result = await cli(['allocate', '--count', '5', '--no-check', '--allow-partial', '--accountcsv', out, ...pool.args]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: only 3 of 5 accounts/);
    expect(await usernamesIn(out)).toEqual(['acc1', 'acc2', 'acc3']);
  });

  it('skips accounts that fail their check, records the verdicts, and checks the next', async () => {
    const pool = await poolWith(names(40).map((n) => `${n}:x`));
    await pool.configure({ seed: '7', rates: '{blind: 0.2, temp_banned: 0.1}' });
    const out = join(pool.base, 'accounts.csv');
    const result = await cli(['allocate', '--count', '10', '--checker', 'simulated', '--accountcsv', out, ...pool.args]);
    expect(result.code, result.stderr).toBe(0);
    const m = /checked (\d+), (\d+) blind, (\d+) temp-banned/.exec(result.stdout)!;
    expect(Number(m[1])).toBe(10 + Number(m[2]) + Number(m[3]));
    expect(Number(m[2]) + Number(m[3])).toBeGreaterThan(0);
    const given = await usernamesIn(out);
    expect(given).toHaveLength(10);
    const status = JSON.parse((await cli(['status', '--json', ...pool.args])).stdout);
    expect(status.byState.blind).toBe(Number(m[2]));
    expect(status.byAvailability.held).toBe(10);
  });

  it('writes monocle and rocketmap files that the importer reads back, 0600, with a stable device per account', async () => {
    const pool = await poolWith(['ash:pik:4chu', 'bill:t0g,3p1', 'brock:"rock" s0lid']);
    const mono = join(pool.base, 'monocle.csv');
    const rm = join(pool.base, 'rm.csv');
    expect((await cli(['allocate', '--count', '3', '--no-check', '--accountcsv', mono, '--instance', 'm', ...pool.args])).code).toBe(0);
    expect((await stat(mono)).mode & 0o777).toBe(0o600);
    const first = await readDump(toDumpInput(mono, await readFile(mono)));
    expect(first.accounts.map((a) => [a.username, a.password])).toEqual([['ash', 'pik:4chu'], ['bill', 't0g,3p1'], ['brock', '"rock" s0lid']]);
    for (const a of first.accounts) expect(a.device?.id).toMatch(/^[0-9a-f]{32}$/);
    await cli(['release', '--instance', 'm', ...pool.args]);
    // RocketMap splits on commas and never unquotes: bill's password cannot go there (see rocketmap-file.test.ts).
    const rocket = await cli(['allocate', '--count', '2', '--no-check', '--format', 'rocketmap', '--accountcsv', rm, '--instance', 'r', ...pool.args]);
    expect(rocket.code, rocket.stderr).toBe(0);
    expect(rocket.stdout).toContain('left out 1 account the rocketmap file cannot carry: bill (its password contains a comma)');
    // All three were last used at the same moment, so the tie goes by name (ash, bill, brock): bill is
    // passed over for the next one. Written as is, no quotes.
    expect(await readFile(rm, 'utf8')).toBe('ptc,ash,pik:4chu\nptc,brock,"rock" s0lid\n');
    await cli(['release', '--instance', 'r', ...pool.args]);
    expect((await cli(['allocate', '--count', '3', '--no-check', '--accountcsv', mono, '--instance', 'm', ...pool.args])).code).toBe(0);
    const again = await readDump(toDumpInput(mono, await readFile(mono)));
    const deviceOf = (accounts: typeof first.accounts) => Object.fromEntries(accounts.map((a) => [a.username, a.device]));
    expect(deviceOf(again.accounts)).toEqual(deviceOf(first.accounts));
  });

  it('release gives an instance\'s accounts back; mark lists unknown names; export writes without allocating', async () => {
    const pool = await poolWith(names(3).map((n) => `${n}:secret-${n}`));
    const out = join(pool.base, 'a.csv');
    await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', out, '--instance', 'east', ...pool.args]);
    expect((await cli(['release', '--instance', 'east', ...pool.args])).stdout).toBe('released 2 accounts held by east\n');
    const marked = await cli(['mark', 'acc1', 'nobody', '--verdict', 'warned', ...pool.args]);
    expect(marked.stdout).toBe('marked 1 account warned\n');
    expect(marked.stderr).toContain('not in the pool (1): nobody');
    const exported = await cli(['export', '--format', 'rocketmap', '--state', 'ok', ...pool.args]);
    expect(exported.stdout).toBe('ptc,acc3,secret-acc3\nptc,acc2,secret-acc2\n');
    const json = await cli(['export', ...pool.args]);
    expect(json.stdout.trim().split('\n').map((l) => JSON.parse(l).username)).toEqual(['acc3', 'acc1', 'acc2']);
  });

  it('hands a big import out a window at a time, shard by shard, the dump\'s order inside each; a small one in its line order, each import after the one before', async () => {
    // 4 shards: a window is 512 x 4 = 2,048 new accounts (store/import-numbering.ts).
    const pool = await makePool(4);
    const big = names(2100, 'big');
    const small = names(100, 'small');
    const late = names(2100, 'late');
    for (const [file, dump] of [['big.txt', big], ['small.txt', small], ['late.txt', [...names(5, 'big'), ...late]]] as const) {
      await writeFile(join(pool.base, file), dump.map((n) => `${n}:pw-${n}`).join('\n'));
      expect((await cli(['import', join(pool.base, file), '--level', '30', ...pool.args])).code).toBe(0);
    }
    // The rule as stated: each window of 2,048 in the dump's order, stably sorted by home shard.
    const windowed = (dump: string[]) => Array.from({ length: Math.ceil(dump.length / 2048) }, (_, w) => dump.slice(w * 2048, (w + 1) * 2048)).flatMap((part) => part.map((name, i) => ({ name, i, home: shardIndexOf(name, 4) })).sort((a, b) => a.home - b.home || a.i - b.i).map(({ name }) => name));
    const out = join(pool.base, 'accounts.csv');
    expect((await cli(['allocate', '--count', '6', '--no-check', '--accountcsv', out, '--instance', 'east', ...pool.args])).code).toBe(0);
    const first = await usernamesIn(out);
    // One shard's accounts (the first the window has), in the dump's order: the batch touches one shard file.
    expect(new Set(first.map((n) => shardIndexOf(n, 4))).size).toBe(1);
    expect(first).toEqual(big.filter((n) => shardIndexOf(n, 4) === shardIndexOf(first[0]!, 4)).slice(0, 6));
    // The known big1..big5 in late.txt take no number; small.txt keeps its line order (100 <= 2,048); the batch handed out last, tied, by name.
    const order = (await cli(['export', ...pool.args])).stdout.trim().split('\n').map((l) => JSON.parse(l).username as string);
    expect(order).toEqual([...windowed(big).slice(6), ...small, ...windowed(late), ...[...first].sort()]);
  });
});

