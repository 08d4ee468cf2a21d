// `accountpool serve` as a real process: flags, the token from the environment, and SIGTERM
// draining the requests in progress before exiting 0.
import { describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli } from '../helpers/cli.js';
import { lockHolder } from '../helpers/workers.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { stopAfterTest, waitFor } from '../helpers/testdir.js';

function collect(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  return out;
}

/**
 * A GET sent on its own connection: `sent` once the request is in the kernel (on loopback, in the
 * server's receive queue), `answer` with the status and JSON body once the server closes.
 */
function rawGet(port: number, path: string): { sent: Promise<void>; answer: Promise<{ status: number; body: any }> } {
  const socket = connect(port, '127.0.0.1');
  const sent = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, () => resolve());
  });
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('error', reject);
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), body: JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) }));
  });
  return { sent, answer };
}

/** The server's TCP connections on `port`, from /proc/net/tcp: established, and the bytes it has not read yet. */
async function serverSockets(port: number): Promise<{ established: boolean; unread: number }[]> {
  const rows = (await readFile('/proc/net/tcp', 'utf8')).trim().split('\n').slice(1);
  return rows
    .map((row) => row.trim().split(/\s+/))
    .filter((f) => parseInt(f[1]!.split(':')[1]!, 16) === port)
    .map((f) => ({ established: f[3] === '01', unread: parseInt(f[4]!.split(':')[1]!, 16) }));
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

async function listening(out: { stdout: string }): Promise<string> {
  const match = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout), { what: 'the server to listen' });
  return match![1]!;
}

describe('accountpool serve', () => {
  it('serves on the port asked, takes its token from ACCOUNTPOOL_TOKEN, and says so', async () => {
    const pool = await poolWithAccounts(3);
    await pool.configure({ serve_warn: 'rest' });
    const child = startCli(['serve', '--port', '0', ...pool.args], { env: { ACCOUNTPOOL_TOKEN: 'from-env' } });
    stopAfterTest(() => child.kill('SIGKILL'));
    const out = collect(child);
    const url = await listening(out);
    expect(out.stdout).toContain('release timeout 2h, warned accounts rested, token required');
    expect((await fetch(`${url}/account/request?system_id=a`)).status).toBe(401);
    const ok = await fetch(`${url}/account/request?system_id=a&count=2`, { headers: { authorization: 'Bearer from-env' } });
    expect((await ok.json()).map((a: { username: string }) => a.username)).toEqual(['acc0', 'acc1']);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    expect(out.stdout).not.toMatch(/secret-\d|from-env/);
    expect(out.stdout).toMatch(/GET \/account\/request 200 .* system_id=a asked=2 given=2/);
  });

  it('reachable from the network with a short token, warns that it may be guessed (never naming the token); a long one or loopback, no warning', async () => {
    // No guess is slowed, and a client may keep hundreds of connections asking: a token of a few
    // characters falls to trying. Loopback-only is this machine's users, as before: any 127.x address
    // (Linux routes the whole 127/8 to lo), as the server's own loopback test (cross-site.ts) tells it.
    const pool = await poolWithAccounts(1);
    // The last one given on the command line (stop 55): `ps` shows it to every local user, which serve now says.
    for (const [host, token, warned, argv] of [['0.0.0.0', 'pw1', true, false], ['0.0.0.0', 'a3f9c2e71b5d4e08a3f9c2e7', false, false], ['127.0.0.1', 'pw1', false, false], ['127.0.0.2', 'pw1', false, true]] as const) {
      const child = argv ? startCli(['serve', '--host', host, '--port', '0', '--token', token, ...pool.args]) : startCli(['serve', '--host', host, '--port', '0', ...pool.args], { env: { ACCOUNTPOOL_TOKEN: token } });
      stopAfterTest(() => child.kill('SIGKILL'));
      const out = collect(child);
      await waitFor(() => out.stdout.includes('listening on http://'), { what: `serve on ${host} to listen` });
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
      if (warned) expect(out.stderr).toContain('with a token of 3 characters: anyone who can reach this port from many addresses may guess it by trying');
      else expect(out.stderr, `${host} ${token.length}`).not.toContain('may guess it');
      expect(out.stderr + out.stdout).not.toContain(token);
      expect(out.stderr.includes('warning: --token on the command line can be read by every user of this machine (`ps`, /proc/PID/cmdline), and with it the accounts and their passwords; give it as --token-file FILE or in $ACCOUNTPOOL_TOKEN\n'), host).toBe(argv);
    }
  });

  it('takes its token from --token-file, so `ps` never shows it', async () => {
    const pool = await poolWithAccounts(1);
    const file = join(pool.base, 'token');
    await writeFile(file, 'tok-from-file-42\n', { mode: 0o600 });
    const child = startCli(['serve', '--port', '0', '--token-file', file, ...pool.args]);
    const out = collect(child);
    const url = await listening(out);
    expect(out.stdout).toContain('token required');
    expect(await readFile(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain('tok-from-file');
    expect((await fetch(`${url}/status`)).status).toBe(401);
    expect((await fetch(`${url}/status`, { headers: { authorization: 'Bearer tok-from-file-42' } })).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    const both = await cli(['serve', '--token', 'x', '--token-file', file, ...pool.args]);
    expect([both.code, both.stderr]).toEqual([2, 'accountpool serve: give --token or --token-file, not both\n']);
    const missing = await cli(['serve', '--token-file', join(pool.base, 'nope'), ...pool.args]);
    expect([missing.code, missing.stderr]).toEqual([2, `accountpool serve: --token-file: cannot read ${join(pool.base, 'nope')} (ENOENT)\n`]);
  });

  it('--token-file: a FIFO, a device or a big file is refused at once, never waited on or read whole; one every user may read is named', async () => {
    const pool = await poolWithAccounts(1);
    const fifo = join(pool.base, 'token.fifo');
    execFileSync('mkfifo', [fifo]);
    const big = join(pool.base, 'server.log');
    await writeFile(big, 'x'.repeat(100_000));
    for (const [file, why] of [[fifo, 'a FIFO, not a regular file'], ['/dev/zero', 'a character device, not a regular file'], [big, '100000 bytes: a token is one short line']] as const) {
      const refused = await cli(['serve', '--port', '0', '--token-file', file, ...pool.args]);
      expect([refused.code, refused.stderr]).toEqual([2, `accountpool serve: --token-file: cannot read ${file} (${why})\n`]);
    }
    const open = join(pool.base, 'token');
    await writeFile(open, 'tok-everyone-reads\n', { mode: 0o644 });
    const child = startCli(['serve', '--port', '0', '--token-file', open, ...pool.args]);
    const out = collect(child);
    await listening(out);
    await waitFor(() => out.stderr.includes('warning: --token-file'), { what: 'the warning about the token file' });
    expect(out.stderr).toContain(`warning: --token-file ${open} can be read by every user of this machine (mode 644): whoever reads it can take accounts; chmod o-rwx ${open}`);
    expect(out.stderr).not.toContain('tok-everyone-reads');
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('answers only what is durable: killed with SIGKILL right after answering, its holds stay; idle or stopping, it writes them into the shards', async () => {
    const pool = await poolWithAccounts(10);
    const changeLog = join(pool.dir, '.changes.log');
    const logExists = () => stat(changeLog).then(() => true, () => false);
    const holdersOf = async () => JSON.parse((await cli(['status', '--json', ...pool.args])).stdout).holders.map((h: { instance: string; accounts: number }) => [h.instance, h.accounts]);

    let child = startCli(['serve', '--port', '0', ...pool.args]);
    let out = collect(child);
    let url = await listening(out);
    expect(out.stdout).toContain('release timeout 2h, warned accounts kept in use)');
    expect((await (await fetch(`${url}/account/request?system_id=east&count=3`)).json())).toHaveLength(3);
    child.kill('SIGKILL');
    await exitOf(child);
    // The batch went to the change log, which every other command reads.
    expect(await logExists()).toBe(true);
    expect(await holdersOf()).toEqual([['east', 3]]);
    expect((await cli(['verify', ...pool.args])).stdout).toMatch(/is sound: 10 accounts \(3 changes in the change log/);

    // Idle for a moment, the server writes the log into the shards by itself.
    child = startCli(['serve', '--port', '0', ...pool.args]);
    out = collect(child);
    url = await listening(out);
    expect((await (await fetch(`${url}/account/request?system_id=west&count=2`)).json())).toHaveLength(2);
    await waitFor(async () => !(await logExists()), { what: 'the idle server to fold its change log' });
    expect(await holdersOf()).toEqual([['east', 3], ['west', 2]]);

    // Stopping, it leaves no log behind either.
    expect((await fetch(`${url}/account/release`, { method: 'POST', body: JSON.stringify({ username: 'acc0' }) })).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    expect(await logExists()).toBe(false);
    expect(await holdersOf()).toEqual([['east', 2], ['west', 2]]);
  });

  it('refuses bad flags with a usage error', async () => {
    const pool = await poolWithAccounts(1);
    expect((await cli(['serve', '--port', 'http', ...pool.args])).stderr).toMatch(/--port must be a whole number/);
    expect((await cli(['serve', '--release-timeout', 'soon', ...pool.args])).stderr).toMatch(/--release-timeout must be a duration/);
    expect((await cli(['serve', '--warn', 'sometimes', ...pool.args])).stderr).toMatch(/--warn must be one of keep, rest, not "sometimes"/);
    await pool.configure({ serve_warn: 'never' });
    expect((await cli(['serve', ...pool.args])).stderr).toMatch(/accountpool\.yaml:\d+: serve_warn must be one of keep, rest/);
    expect((await cli(['serve', '--pool', join(pool.base, 'nowhere')])).stderr).toMatch(/no pool at/);
  });

  it('on SIGTERM answers the requests in progress, then exits 0', async () => {
    const pool = await poolWithAccounts(10);
    const child = startCli(['serve', '--port', '0', '--warn', 'rest', ...pool.args]);
    // Whatever the outcome (the server too slow to listen on a loaded machine), nothing is left running.
    stopAfterTest(() => child.kill('SIGKILL'));
    const out = collect(child);
    const url = await listening(out);
    expect(out.stdout).toContain('warned accounts rested)');
    // Hold the pool lock from another process, so the server's transaction must wait.
    const holder = lockHolder(pool.dir);
    stopAfterTest(() => holder.kill('SIGKILL'));
    let held = '';
    holder.stdout!.on('data', (d) => (held += d));
    await waitFor(() => held.includes('held'), { what: 'the holder to take the lock' });
    const port = Number(new URL(url).port);
    const pending = Array.from({ length: 5 }, (_, i) => rawGet(port, `/account/request?system_id=s${i}`));
    await Promise.all(pending.map((p) => p.sent));
    // The requests are in the server's hands (read off its sockets, so parsed and waiting for the
    // lock) once no byte is left unread on any of its five connections.
    await waitFor(async () => {
      const mine = (await serverSockets(port)).filter((s) => s.established);
      return mine.length === 5 && mine.every((s) => s.unread === 0);
    }, { what: 'the server to read the five requests' });
    child.kill('SIGTERM');
    await waitFor(() => out.stdout.includes('SIGTERM: finishing the requests in progress'), { what: 'the drain to start' });
    holder.kill('SIGKILL'); // the lock of a dead process is taken over at once
    await exitOf(holder);
    const answers = await Promise.all(pending.map((p) => p.answer));
    expect(await exitOf(child)).toBe(0);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.username)).size).toBe(5);
    expect(out.stdout).toMatch(/stopped after 5 requests/);
  });
});
