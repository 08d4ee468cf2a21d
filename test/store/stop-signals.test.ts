// A stop request (systemd's SIGTERM, a Ctrl-C) ends `serve` and the watcher promptly whatever they
// wait on, and loses nothing (stop 67 X): a request waiting for a pool lock another process holds
// is answered 503 after 5 s more with nothing written (until stop 67 serve sat out lock_wait, 60 s, for it, then
// its last fold waited as long again), and a watcher whose disk is full exits with the dump still
// in the inbox, imported by the next run once there is room.
import { describe, expect, it } from 'vitest';
import { get } from 'node:http';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireLock } from '../../src/store/lock.js';
import { Pool } from '../../src/store/pool.js';
import { cli, startCli, type RunningCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { fillUp, mountSkipReason, smallDisk } from '../helpers/tmpfs.js';

function output(child: RunningCli) {
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  return out;
}

/**
 * GET /account/request: `sent` once its bytes left (with the client's port), `answer` its status
 * and error header, or the connection's error.
 */
function request(url: string): { sent: Promise<number>; answer: Promise<{ status?: number; error?: string }> } {
  let sent!: (port: number) => void;
  const sentP = new Promise<number>((r) => (sent = r));
  const answer = new Promise<{ status?: number; error?: string }>((resolve) => {
    const req = get(`${url}/account/request?system_id=north`, (response) => {
      response.resume();
      const header = response.headers['x-accountpool-error'];
      response.on('end', () => resolve({ status: response.statusCode!, error: typeof header === 'string' ? decodeURIComponent(header) : undefined }));
    }).on('error', (error) => resolve({ error: error.message }));
    req.on('finish', () => sent(req.socket!.localPort!));
  });
  return { sent: sentP, answer };
}

/**
 * Whether the server took every byte the client at `clientPort` sent it (its socket's receive
 * queue in /proc/net/tcp is empty): the request is then parsed and on its way to the pool lock.
 */
async function readByServer(serverPort: number, clientPort: number): Promise<boolean> {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const rows = (await readFile('/proc/net/tcp', 'utf8')).split('\n').map((row) => row.trim().split(/\s+/));
  const row = rows.find((r) => r[1]?.endsWith(`:${hex(serverPort)}`) && r[2]?.endsWith(`:${hex(clientPort)}`));
  return row !== undefined && row[4]!.endsWith(':00000000');
}

describe('a stop request while waiting', () => {
  it('serve waiting for a lock another process holds answers 503 and exits on SIGTERM, the lock still held', async () => {
    const pool = await poolWithAccounts(3);
    await pool.configure({ lock_wait: '60s' }); // the default: what a stop used to sit out
    const child = startCli(['serve', '--port', '0', ...pool.args]);
    const out = output(child);
    const url = (await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout), { what: 'the server to listen' }))![1]!;
    // Another process's lock, as a long `allocate --sync` push holds it: this test's, alive throughout.
    const lock = await acquireLock(pool.dir, (await Pool.open(pool.dir)).layout.lock, { waitMs: 5000 });
    try {
      const { sent, answer } = request(url);
      const clientPort = await sent;
      await waitFor(() => readByServer(Number(new URL(url).port), clientPort), { what: 'the server to read the request' });
      child.kill('SIGTERM');
      const exited = await waitFor(() => Promise.race([child.closed, new Promise<undefined>((r) => setImmediate(() => r(undefined)))]), { what: 'serve to exit while the lock is held', timeoutMs: 15_000 });
      expect(exited!.code, out.stderr).toBe(0);
      // Answered at once, nothing handed out: its scanner asks again (the next serve, another host).
      const got = await answer;
      expect(got.status, got.error).toBe(503);
      expect(got.error).toMatch(/^pool is busy: stopped waiting for the lock \S+ \(held by pid \d+.*, as this process is stopping; nothing was written$/);
      expect(lock.lost).toBeUndefined();
    } finally {
      await lock.release();
    }
    const accounts = [...(await (await Pool.open(pool.dir)).read()).accounts()];
    expect(accounts.map((a) => a.holder)).toEqual([undefined, undefined, undefined]);
  });
});

describe.skipIf(mountSkipReason !== undefined)('a stop request on a full disk', () => {
  it('the watcher exits on SIGTERM with the dump waiting in the inbox; the next run imports it once there is room', async () => {
    const disk = await smallDisk(1024);
    const dir = join(disk, 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '2'])).code).toBe(0);
    const inbox = join(disk, 'inbox');
    await mkdir(join(inbox, 'level-30'), { recursive: true });
    const child = startCli(['watch', '--settle', '50ms', '--pool', dir]);
    const out = output(child);
    await waitFor(() => out.stderr.includes('watching'), { what: 'the watcher to start' });
    await writeFile(join(disk, 'late.txt'), 'late1:pw-late1\nlate2:pw-late2\n');
    const free = await fillUp(disk);
    await rename(join(disk, 'late.txt'), join(inbox, 'level-30', 'late.txt')); // a rename needs no room
    await waitFor(() => /cannot import level-30\/late\.txt now: could not write \S+: ENOSPC/.test(out.stderr), { what: 'the import to fail for want of room' });
    child.kill('SIGTERM');
    const exited = await waitFor(() => Promise.race([child.closed, new Promise<undefined>((r) => setImmediate(() => r(undefined)))]), { what: 'the watcher to exit on a full disk', timeoutMs: 15_000 });
    expect(exited!.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/stopped watching .*: 0 imported, 0 failed/);
    expect(await readdir(join(inbox, 'level-30'))).toEqual(['late.txt']);
    expect([...(await (await Pool.open(dir)).read()).accounts()]).toEqual([]);
    await free();
    const again = await cli(['watch', '--once', '--pool', dir]);
    expect(again.code, again.stderr).toBe(0);
    expect((await (await Pool.open(dir)).read()).get('late2')?.level).toBe(30);
  });
});
