// Hosts sharing a pool through git whose clocks disagree (13 hours ahead, 13 hours behind, two
// minutes off): never two holders, the wrong clock named by `status` and `sync` on every host and
// refused by `allocate` and `serve` on its own, and nothing at all at two minutes.
//
// The host with the wrong clock is a real CLI process under libfaketime (Debian package
// `faketime`), preloaded as the `faketime` command does: it moves Node's Date and, through the
// git processes the CLI starts, git's commit dates too (checked first). The fresh-clone and
// server tests use the CLI's injectable clock instead, in this process.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { clockGuard } from '../../src/git/clock-verdict.js';
import { checkHistory, gitIn, makeGitPool, sharedPool, usernames } from './helpers.js';
import { HOUR, allocateOn as allocate, checkFaketime, nameOf, on, serving, shared } from './clock-helpers.js';

beforeAll(checkFaketime);

/** 13 hours, as measured from commit to fetch: a few seconds less. */
const ABOUT_13H = '(?:12 h 5\\d min|13 h)';

describe('a host whose clock runs 13 hours ahead', () => {
  it('takes none of the accounts another host holds, is named on every host, hands out nothing until fixed', async () => {
    const { base, remote, clones } = await sharedPool(3, 30);
    const [a, b, c] = clones as [string, string, string];
    const [runA, runB, runC] = [on(a), on(b), on(c, '+13h')];
    const [fileA, fileC] = [join(base, 'a.csv'), join(base, 'c.csv')];
    expect((await allocate(runA, 'a', 20, fileA)).code).toBe(0);
    // The case: by c's clock a's 12-hour lease has run out; only the 10 accounts nobody holds are c's.
    const fast = await allocate(runC, 'c', 20, fileC);
    expect(fast.code, fast.stderr).toBe(0);
    expect(fast.stderr).toContain('only 10 of 20 accounts could be allocated');
    expect(shared(await usernames(fileA), await usernames(fileC))).toEqual([]);

    // a and b fetch c's commits dated 13 hours in their future, and say so in the pool.
    const [nameA, nameC] = [await nameOf(a), await nameOf(c)];
    const first = await runA('sync');
    expect(first.stdout).toMatch(new RegExp(`clock: the clock of host ${nameC} is at least ${ABOUT_13H} ahead of host ${nameA}'s \\(only these two disagree`));
    expect((await runB('sync')).code).toBe(0);
    expect((await runA('sync')).code).toBe(0);
    const nameB = await nameOf(b);
    const named = new RegExp(`the clock of host ${nameC} is at least ${ABOUT_13H} ahead of the other hosts' \\(${[nameA, nameB].sort().join(', ')}\\); ${nameC} hands out no accounts until it is fixed`);
    expect((await runA('status')).stdout).toMatch(named);
    expect((await runB('status')).stdout).toMatch(named);
    const ownClock = new RegExp(`clock: this host's clock \\(${nameC}\\) is at least ${ABOUT_13H} ahead of the other hosts'.*\`timedatectl set-ntp true\``);
    expect((await runC('sync')).stdout).toMatch(ownClock);
    expect((await runC('status')).stdout).toMatch(ownClock);

    // c hands out nothing: allocate exits 1, serve does not start, a running server answers 503.
    const refused = await allocate(runC, 'c', 5, fileC);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`this host's clock \\(${nameC}\\) is at least ${ABOUT_13H} ahead.*timedatectl set-ntp true`));
    expect((await usernames(fileC))).toHaveLength(10);
    const serve = await cli(['serve', '--port', '0', '--pool', c]);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain(`this host's clock (${nameC})`);
    const server = await serving(c, () => new Date(), clockGuard(c, () => new Date()));
    const answer = await server.get('/account/request?system_id=x&count=1');
    expect([answer.status, answer.json]).toEqual([503, []]); // what PGPool's clients read as "none left"
    expect(answer.error).toContain(`this host's clock (${nameC})`);

    // The clock is set right: c checks in, the others compare again, and once every host has
    // synced after that the finding is gone.
    const fixedC = on(c);
    for (const [i, run] of [fixedC, runA, runB, runA, fixedC].entries()) {
      const synced = await run('sync');
      expect(synced.code).toBe(0);
      if (i >= 2) expect(synced.stdout).not.toContain('clock:');
    }
    const again = await allocate(fixedC, 'c', 10, fileC);
    expect(again.code, again.stderr).toBe(0);
    expect(shared(await usernames(fileA), await usernames(fileC))).toEqual([]);
    await checkHistory(remote);
  }, 120_000);
});

describe('a host whose clock runs 13 hours behind', () => {
  it('keeps its accounts from the others, and it is the one named (by the majority) on every host', async () => {
    const { base, remote, seed, clones } = await sharedPool(3, 30); // the file's other tests' template: no second one made
    const [a, b, h] = clones as [string, string, string];
    const [runA, runB, runH] = [on(a), on(b), on(h, '-13h')];
    const files = { a: join(base, 'a.csv'), b: join(base, 'b.csv'), h: join(base, 'h.csv') };
    // h's lease ends, by the others' clocks, an hour before it was even taken.
    expect((await allocate(runH, 'h', 20, files.h)).code).toBe(0);
    expect((await allocate(runB, 'b', 5, files.b)).code).toBe(0);
    const took = await allocate(runA, 'a', 30, files.a);
    expect(took.code, took.stderr).toBe(0);
    const [inA, inB, inH] = [await usernames(files.a), await usernames(files.b), await usernames(files.h)];
    expect(inA).toHaveLength(5); // the 30 accounts less h's 20 and b's 5: none of h's
    expect([...shared(inA, inH), ...shared(inA, inB), ...shared(inB, inH)]).toEqual([]);

    // h sees the others' commits (a's, b's, and the first host's import) 13 hours in its future:
    // one clock against three, so h's is the wrong one.
    const [nameA, nameB, nameH, nameSeed] = await Promise.all([...clones, seed].map(nameOf));
    const seen = await runH('sync');
    expect(seen.code, seen.stderr).toBe(0);
    expect(seen.stdout).toMatch(new RegExp(`clock: this host's clock \\(${nameH}\\) is at least ${ABOUT_13H} behind the other hosts' \\(${[nameA, nameB, nameSeed].sort().join(', ')}\\); ${nameH} hands out no accounts`));
    expect((await runA('sync')).code).toBe(0);
    expect((await runB('sync')).code).toBe(0);
    const named = new RegExp(`the clock of host ${nameH} is at least ${ABOUT_13H} behind the other hosts'`);
    expect((await runA('status')).stdout).toMatch(named);
    expect((await runB('status')).stdout).toMatch(named);
    expect((await runH('status')).stdout).toMatch(new RegExp(`this host's clock \\(${nameH}\\) is at least ${ABOUT_13H} behind`));
    const refused = await allocate(runH, 'h', 5, files.h);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('timedatectl set-ntp true');
    await checkHistory(remote);
  }, 120_000);
});

describe('clocks two minutes apart (ordinary NTP trouble)', () => {
  it('changes nothing: no finding, no clocks file, every allocation satisfied', async () => {
    const { base, remote, clones } = await sharedPool(2, 30);
    const [a, b] = clones as [string, string];
    const [runA, runB] = [on(a), on(b, '-2m')];
    expect((await allocate(runA, 'a', 10, join(base, 'a.csv'))).code).toBe(0);
    const late = await allocate(runB, 'b', 10, join(base, 'b.csv'));
    expect(late.code, late.stderr).toBe(0);
    expect(late.stderr).not.toMatch(/only|clock/);
    expect(shared(await usernames(join(base, 'a.csv')), await usernames(join(base, 'b.csv')))).toEqual([]);
    for (const run of [runA, runB, runA]) {
      const synced = await run('sync');
      expect(synced.stdout + synced.stderr).not.toContain('clock');
    }
    for (const run of [runA, runB]) expect((await run('status')).stdout).not.toContain('clock');
    expect(await gitIn(remote, 'ls-tree', '-r', '--name-only', 'main')).not.toContain('clocks/');
  }, 60_000);
});

describe('a fresh clone (an injected clock 13 hours ahead)', () => {
  it('gives every hold it finds a whole lease from first sight: its server and allocate take none of them until then', async () => {
    const { base, remote, clones } = await sharedPool(1, 30);
    const a = clones[0]!;
    const fileA = join(base, 'a.csv');
    expect((await cli(['allocate', '--sync', '--count', '20', '--no-check', '--accountcsv', fileA, '--instance', 'a', '--pool', a])).code).toBe(0);
    const start = Date.now();
    const at = (hours: number) => () => new Date(start + hours * HOUR);
    // b is cloned after a allocated, on a host whose clock is 13 hours ahead.
    const b = join(base, 'fresh');
    await gitIn(base, 'clone', '--quiet', remote, b);
    expect((await cli(['init', '--git', '--pool', b], { clock: at(13) })).code).toBe(0);

    // b's server, 13 hours ahead, sees a's holds (ended by a's held_until) for the first time.
    const server = await serving(b, at(13));
    const given = (await server.get('/account/request?system_id=x&count=30')).json as { username: string }[];
    expect(given).toHaveLength(10);
    expect(shared(given.map((g) => g.username), await usernames(fileA))).toEqual([]);

    // 11 hours after that (a's lease is 12 hours): still a's. The server's holds have run out.
    const allocateB = (hours: number) => cli(['allocate', '--count', '20', '--no-check', '--allow-partial', '--accountcsv', join(base, 'b.csv'), '--instance', 'b', '--pool', b], { clock: at(hours) });
    const before = await allocateB(24);
    expect(before.code, before.stderr).toBe(0);
    expect(shared(await usernames(join(base, 'b.csv')), await usernames(fileA))).toEqual([]);
    expect(await usernames(join(base, 'b.csv'))).toHaveLength(10);
    // A whole lease after first sight a's accounts come back: a dead host's accounts are not lost.
    const after = await allocateB(25.1);
    expect(after.code, after.stderr).toBe(0);
    expect(await usernames(join(base, 'b.csv'))).toHaveLength(20);
  }, 60_000);
});

describe('a sync cut short after its rebase', () => {
  it('leaves a mark: every hold not yet recorded counts as first seen when that rebase began, and the next transaction records it so', async () => {
    const { base, dir, args } = await makeGitPool(2);
    await writeFile(join(base, 'dump.txt'), Array.from({ length: 10 }, (_, i) => `acc${i}:Secret-${i}`).join('\n'));
    expect((await cli(['import', join(base, 'dump.txt'), '--level', '30', ...args])).code).toBe(0);
    const start = Date.now();
    const at = (hours: number) => () => new Date(start + hours * HOUR);
    const take = (instance: string, hours: number) => cli(['allocate', '--count', '10', '--no-check', '--allow-partial', '--accountcsv', join(base, `${instance}.csv`), '--instance', instance, ...args], { clock: at(hours) });
    expect((await take('x', 0)).code).toBe(0); // x holds all 10 until hour 12
    // What a sync writes before a rebase, left behind by one killed during it at hour 13.
    const record = join(dir, '.git', 'accountpool-holds-seen.json');
    await writeFile(record, JSON.stringify({ pending_since: new Date(start + 13 * HOUR).toISOString(), seen: {} }));
    const y = await take('y', 20);
    expect(y.code).toBe(3); // x's holds may have come with that rebase: they run until hour 25
    const settled = JSON.parse(await readFile(record, 'utf8')) as { pending_since?: string; seen: Record<string, string> };
    expect(settled.pending_since).toBeUndefined();
    expect(Object.values(settled.seen)).toEqual([new Date(start + 13 * HOUR).toISOString()]);
    expect((await take('y', 25.1)).code).toBe(0);
  }, 30_000);
});
