// A full disk (a small tmpfs filled to the last page: the kernel itself answers ENOSPC) or a
// process out of file descriptors (its limit lowered with prlimit: EMFILE) must never wedge the
// pool: whatever failed lets the lock go, names the file it could not write, and the next command,
// request or inbox file goes through as soon as there is room again, without restarting anything.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { Agent, get } from 'node:http';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { ownIdentity } from '../../src/store/lock-owner.js';
import { cli, startCli, type RunningCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { fillUp, mountSkipReason, smallDisk } from '../helpers/tmpfs.js';

async function poolOnSmallDisk(accounts: number): Promise<{ disk: string; dir: string; args: string[] }> {
  const disk = await smallDisk(1024);
  const dir = join(disk, 'pool');
  expect((await cli(['init', '--pool', dir, '--shards', '4'])).code).toBe(0);
  // A short wait for a busy lock: a lock wedged by the failure shows as "pool is busy" quickly.
  const config = join(dir, 'accountpool.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace(/^lock_wait: .*$/m, 'lock_wait: 3s'));
  const dump = join(disk, 'dump.txt');
  await writeFile(dump, Array.from({ length: accounts }, (_, i) => `acc${i}:secret-${i}`).join('\n'));
  expect((await cli(['import', dump, '--level', '30', '--pool', dir])).code).toBe(0);
  return { disk, dir, args: ['--pool', dir] };
}

const lockLeft = (dir: string) => stat(join(dir, '.lock')).then(() => true, () => false);

function output(child: RunningCli) {
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  return out;
}

async function listening(out: { stdout: string }): Promise<string> {
  const match = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout), { what: 'the server to listen' });
  return match![1]!;
}

/** Keep-alive over one socket: a server out of file descriptors can still read a request on it. */
const oneSocket = () => new Agent({ keepAlive: true, maxSockets: 1 });

/** GET /account/request: an error answers [] with the reason in a header (what PGPool's clients read). */
function request(url: string, system: string, agent: Agent): Promise<{ status: number; body: { username?: string }; error: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(`${url}/account/request?system_id=${system}`, { agent }, (response) => {
      let text = '';
      response.on('data', (d) => (text += d));
      const header = response.headers['x-accountpool-error'];
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text), error: typeof header === 'string' ? decodeURIComponent(header) : undefined }));
    }).on('error', reject);
  });
}

/**
 * Waits until serve has folded its change log into the shards and let the lock go: then it opens
 * no file, and frees no room, until the next request.
 */
async function serverIdle(dir: string): Promise<void> {
  const gone = (name: string) => stat(join(dir, name)).then(() => false, () => true);
  await waitFor(async () => (await gone('.changes.log')) && (await gone('.lock')), { what: 'the server to fold its log' });
}

const exited = (child: RunningCli) => child.closed.then(({ code }) => code);

/** The lowest file descriptor `pid` has not open: the next open() gets it, or EMFILE when the limit is that. */
async function lowestFreeFd(pid: number): Promise<number> {
  const open = new Set((await readdir(`/proc/${pid}/fd`)).map(Number));
  let fd = 0;
  while (open.has(fd)) fd++;
  return fd;
}

let prlimit = true;
try {
  execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
} catch {
  prlimit = false;
}

describe.skipIf(mountSkipReason)('a full disk never wedges the pool', () => {
  it('a command that cannot write the lock owner file lets the lock go and names the file; the next one goes once there is room', async () => {
    const { disk, dir, args } = await poolOnSmallDisk(3);
    const free = await fillUp(disk);
    const full = await cli(['mark', 'acc0', '--verdict', 'blind', ...args]);
    expect(full.code).toBe(1);
    expect(full.stderr).toContain(`could not write ${join(dir, '.lock', 'owner.json')}: ENOSPC: no space left on device`);
    expect(await lockLeft(dir)).toBe(false);

    await free();
    // No wait for a lock left behind, without a clock: a lock left by this process, or with no owner
    // file, would hold this mark past its lock_wait (3 s, under the 10 s stale time) and fail it as busy.
    const after = await cli(['mark', 'acc0', '--verdict', 'blind', ...args]);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect((await (await Pool.open(dir)).read()).get('acc0')?.state).toBe('blind');
  });

  it('a lock abandoned by a killed process that cannot be broken for want of room is waited for, and the error says why', async () => {
    const { disk, dir, args } = await poolOnSmallDisk(3);
    const killed = spawn('true', { stdio: 'ignore' });
    await new Promise((resolve) => killed.on('close', resolve));
    await mkdir(join(dir, '.lock'));
    await writeFile(join(dir, '.lock', 'owner.json'), JSON.stringify({ ...ownIdentity(), pid: killed.pid }));
    const free = await fillUp(disk);
    const full = await cli(['mark', 'acc0', '--verdict', 'blind', ...args]);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/pool is busy: could not take the lock \S+ within 3 s \(held by pid \d+ on \S+\); it is abandoned, but could not write \S+\/owner\.json: ENOSPC: no space left on device; try again/);
    await free();
    expect((await cli(['mark', 'acc0', '--verdict', 'blind', ...args])).code).toBe(0);
  });

  it('a commit that runs out of room half way names the file, writes nothing, and lets the lock go', async () => {
    const { disk, dir, args } = await poolOnSmallDisk(300);
    const shards = join(dir, 'shards');
    const before = await Promise.all((await readdir(shards)).sort().map((f) => readFile(join(shards, f), 'utf8')));
    const more = join(disk, 'more.txt');
    await writeFile(more, Array.from({ length: 300 }, (_, i) => `new${i}:secret-${i}`).join('\n'));
    // Room for the owner file and the journal (a page each), not for four shards of 300 accounts
    // nor for a change-log entry of 300.
    await fillUp(disk, 8);
    // Through the change log: the entry is taken back whole, no log is left.
    const marked = await cli(['mark', ...Array.from({ length: 300 }, (_, i) => `acc${i}`), '--verdict', 'blind', ...args]);
    expect(marked.code).toBe(1);
    expect(marked.stderr).toContain(`could not write ${join(dir, '.changes.log')}: ENOSPC`);
    expect(await stat(join(dir, '.changes.log')).then((s) => s.size, () => 0)).toBe(0);
    // The mark read the pool through the circle indexes and saved them in the room there was
    // (derived, made again when missing): removed, so that the import meets the same room.
    await rm(join(dir, '.cache', 'circle'), { recursive: true, force: true });
    // Through the shards (new accounts go there at once).
    const imported = await cli(['import', more, '--level', '30', ...args]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(new RegExp(`could not write ${shards}/\\d\\.yaml: ENOSPC`));
    expect(await lockLeft(dir)).toBe(false);
    expect(await Promise.all((await readdir(shards)).sort().map((f) => readFile(join(shards, f), 'utf8')))).toEqual(before);
  });

  it('serve answers a full disk with an error naming the file, then serves again by itself once there is room; SIGTERM still stops it', async () => {
    const { disk, dir, args } = await poolOnSmallDisk(10);
    const child = startCli(['serve', '--port', '0', ...args]);
    const out = output(child);
    const url = await listening(out);
    const agent = oneSocket();
    expect((await request(url, 'east', agent)).status).toBe(200);
    await serverIdle(dir);
    const free = await fillUp(disk);
    const full = await request(url, 'west', agent);
    expect(full.status).toBe(500);
    expect(full.error).toBe(`could not write ${join(dir, '.lock', 'owner.json')}: ENOSPC: no space left on device`);
    await free();
    // Another command, from another shell, gets the pool at once; so does the server's next request.
    expect((await cli(['mark', 'acc9', '--verdict', 'blind', ...args])).stderr).toBe('');
    const after = await request(url, 'north', agent);
    expect(after.status, after.error).toBe(200);
    expect(after.body.username).toMatch(/^acc\d$/);
    agent.destroy();
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('watch leaves a dump dropped on a full disk in the inbox, and imports it by itself once there is room', async () => {
    const { disk, dir, args } = await poolOnSmallDisk(3);
    const inbox = join(disk, 'inbox');
    await mkdir(join(inbox, 'level-30'));
    const child = startCli(['watch', '--settle', '50ms', ...args]);
    const out = output(child);
    await waitFor(() => out.stderr.includes('watching'), { what: 'the watcher to start' });
    const dump = join(disk, 'late.txt');
    await writeFile(dump, 'late1:pw-late1\nlate2:pw-late2\n');
    const free = await fillUp(disk);
    await rename(dump, join(inbox, 'level-30', 'late.txt')); // a rename needs no room
    await waitFor(() => /cannot import level-30\/late\.txt now: could not write \S+: ENOSPC/.test(out.stderr), { what: 'the import to fail for want of room' });
    await free();
    await waitFor(() => out.stdout.includes('imported level-30/late.txt'), { what: 'the import once there is room', timeoutMs: 15_000 });
    expect((await (await Pool.open(dir)).read()).get('late2')?.level).toBe(30);
    expect(await readdir(join(inbox, 'level-30'))).toEqual([]);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });
});

describe.skipIf(!prlimit)('running out of file descriptors never wedges the pool', () => {
  it('serve out of file descriptors for a moment (EMFILE) names the owner file, lets the lock go, and serves again once it has them', async () => {
    const pool = await poolWithAccounts(10);
    await pool.configure({ lock_wait: '3s' }); // a lock wedged by the failure shows as "pool is busy" quickly
    const { args } = pool;
    const child = startCli(['serve', '--port', '0', ...args]);
    const out = output(child);
    const url = await listening(out);
    const agent = oneSocket();
    expect((await request(url, 'east', agent)).status).toBe(200);
    await serverIdle(pool.dir);
    const pid = String(child.pid);
    const soft = execFileSync('prlimit', ['--pid', pid, '--nofile', '--raw', '--noheadings', '--output', 'SOFT'], { encoding: 'utf8' }).trim();
    // Every descriptor below the limit is taken: its next open() fails with EMFILE.
    execFileSync('prlimit', ['--pid', pid, `--nofile=${await lowestFreeFd(child.pid!)}:`]);
    const starved = await request(url, 'west', agent);
    execFileSync('prlimit', ['--pid', pid, `--nofile=${soft}:`]);
    // 503, as for a busy lock: the limit is the process's, not a bug, and gone once the burst is.
    expect(starved.status, starved.error).toBe(503);
    expect(starved.error).toMatch(/^could not write \/\S+\/\.lock\/owner\.json: this process ran out of file descriptors \(EMFILE: too many open files, under its limit of \d+, `ulimit -n`\): raise the limit/);
    const after = await request(url, 'north', agent);
    expect(after.status, after.error).toBe(200);
    agent.destroy();
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });
});
