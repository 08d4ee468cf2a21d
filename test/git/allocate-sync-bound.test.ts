// `allocate --sync` (a scanner's pre-start hook) ends each fetch and push at its bound (30 s,
// stop 63), where `sync` waits 120 s. A first fetch of a large pool over a slow link can need
// more: the bound hits the sync before anything is taken. What the operator depends on: nothing
// held and no accounts file written (the scanner keeps the file it had), and the error says so
// and what to do (`accountpool sync` once, then allocate --sync again). Until stop 64 it said
// only `git fetch ... failed (no answer within 30 s)`.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { testdir, waitForExit } from '../helpers/testdir.js';
import { openCommitting, remoteThrough, useGitEnv, waitingProgram } from './helpers.js';
import { allocateWithSync } from '../../src/git/allocate-sync.js';
import { createNoneChecker } from '../../src/checker/none.js';

beforeAll(useGitEnv);

describe('allocate --sync whose first fetch outlasts its bound', () => {
  it('takes nothing, leaves the accounts file as it was, and says to run `accountpool sync` once', async () => {
    const base = await testdir();
    const dir = join(base, 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '2', '--git'])).code).toBe(0);
    const list = join(base, 'list.txt');
    await writeFile(list, 'ash01x:Pika1234!\nash02x:Pika5678!\n');
    expect((await cli(['import', list, '--level', '30', '--pool', dir])).code).toBe(0);
    // A link so slow the fetch is still going at the bound: an ssh that notes its pid and waits.
    const { path: ssh, pidFile } = await waitingProgram(base, 'slow-ssh');
    await remoteThrough(dir, ssh);
    const csv = join(base, 'scan1.csv');
    await writeFile(csv, 'username,password\nkept,kept\n');

    const pool = await openCommitting(dir);
    const request = { count: 1, levels: { min: 0, max: 50 }, instance: 'scan1', checker: createNoneChecker(), concurrency: 1, allowPartial: false, output: { path: csv, render: () => 'written\n' } };
    const failed = await allocateWithSync(pool, request, () => {}, undefined, 1_500).then(() => undefined, (error: Error) => error);
    expect(failed?.message).toContain('no answer within 1.5 s');
    expect(failed?.message).toContain('nothing was allocated');
    expect(failed?.message).toContain('`accountpool sync`');
    expect(failed?.message).toContain('120 s');
    // Nothing held, the scanner's file as it was.
    const snap = await (await openCommitting(dir)).read();
    expect([...snap.accounts()].filter((a) => a.holder !== undefined)).toEqual([]);
    expect(await readFile(csv, 'utf8')).toBe('username,password\nkept,kept\n');
    // The slow fetch's ssh ended with it.
    const sshPid = Number((await readFile(pidFile, 'utf8')).trim());
    await waitForExit(sshPid, 'the ssh to end');
  }, 60_000);
});
