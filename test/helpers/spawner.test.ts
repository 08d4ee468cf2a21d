// The spawner (test/helpers/spawner.ts) in place of node's spawn and execFile: every case run both
// ways and compared, since the git tests and every in-process `cli()` of a git pool rely on it
// behaving as node's child_process does (streams, exit codes, signals, spawn errors, execFile's
// timeout and maxBuffer).
import { execFile, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { execFileVia, spawnVia } from './spawner.js';
import { testdir } from './testdir.js';

type Spawn = (file: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }) => ReturnType<typeof spawn>;

/** What a caller of spawn sees: the events in order, the output, and the child's state at 'close'. */
function observe(child: ReturnType<typeof spawn>, { read = true, kill }: { read?: boolean; kill?: NodeJS.Signals } = {}): Promise<string[]> {
  const seen: string[] = [];
  let out = '';
  let err = '';
  if (read) {
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
  }
  child.on('spawn', () => {
    seen.push('spawn');
    expect(child.pid).toBeGreaterThan(0);
    if (kill) seen.push(`kill ${child.kill(kill)}`);
  });
  child.on('error', (e: NodeJS.ErrnoException) => seen.push(`error ${e.code} ${e.syscall} ${e.message}`));
  child.on('exit', (code, signal) => seen.push(`exit ${code} ${signal}`));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      seen.push(`close ${code} ${signal}`, `out ${JSON.stringify(out.slice(0, 40))} ${out.length}`, `err ${JSON.stringify(err)}`, `exitCode ${child.exitCode} signalCode ${child.signalCode} killed ${child.killed}`);
      resolve(seen);
    }),
  );
}

const both = async (run: (spawner: Spawn) => Promise<string[]>) => {
  const [node, via] = [await run(spawn as Spawn), await run(spawnVia as unknown as Spawn)];
  expect(via).toEqual(node);
  return via;
};

describe('spawnVia, as node spawn', () => {
  it('passes stdout, stderr, stdin, exit codes, cwd and env through', async () => {
    const dir = await testdir();
    expect(await both((s) => observe(s('sh', ['-c', 'echo out; echo err >&2; exit 3'])))).toContain('exit 3 null');
    const cat = await both((s) => {
      const child = s('cat', []);
      child.stdin!.end('from stdin');
      return observe(child);
    });
    expect(cat).toContain('out "from stdin" 10');
    expect(await both((s) => observe(s('sh', ['-c', 'echo "$FOO"; pwd'], { cwd: dir, env: { FOO: 'bar', PATH: process.env.PATH } })))).toContain(`out ${JSON.stringify(`bar\n${dir}\n`)} ${dir.length + 5}`);
    // 1 MB: more than a socket's buffer holds, read as it comes.
    expect(await both((s) => observe(s('head', ['-c', '1000000', '/dev/zero'])))).toContain('exit 0 null');
  });

  it('kills with the signal given; an output nobody reads still lets the child close', async () => {
    expect(await both((s) => observe(s('sleep', ['30']), { kill: 'SIGKILL' }))).toContain('close null SIGKILL');
    expect(await both((s) => observe(s('sleep', ['30']), { kill: 'SIGTERM' }))).toContain('exitCode null signalCode SIGTERM killed true');
    expect(await both((s) => observe(s('echo', ['unread']), { read: false }))).toContain('close 0 null');
  });

  it('a program or folder that does not exist: an ENOENT error, then close', async () => {
    expect(await both((s) => observe(s('no-such-program-accountpool', [])))).toContain('error ENOENT spawn no-such-program-accountpool spawn no-such-program-accountpool ENOENT');
    expect(await both((s) => observe(s('echo', [], { cwd: '/no/such/folder' })))).toContain('close -2 null');
  });
});

describe('execFileVia, as node execFile', () => {
  const run = (exec: typeof execFileVia, file: string, args: string[], options: Parameters<typeof execFileVia>[2] = {}) =>
    new Promise<unknown>((resolve) =>
      exec(file, args, { encoding: 'utf8', ...options }, (error, stdout, stderr) =>
        resolve({ error: error && { code: error.code, killed: error.killed, signal: error.signal, cmd: error.cmd, message: error.message }, stdout, stderr }),
      ),
    );
  const nodeExec = execFile as unknown as typeof execFileVia;

  it('output, failures, a timeout and maxBuffer as node reports them', async () => {
    for (const [file, args, options] of [
      ['sh', ['-c', 'echo out; echo err >&2']],
      ['sh', ['-c', 'echo gone >&2; exit 1']],
      ['sleep', ['30'], { timeout: 100 }],
      ['head', ['-c', '100000', '/dev/zero'], { maxBuffer: 1000 }],
      ['no-such-program-accountpool', []],
    ] as [string, string[], Parameters<typeof execFileVia>[2]?][]) {
      expect(await run(execFileVia, file, args, options), `${file} ${args.join(' ')}`).toEqual(await run(nodeExec, file, args, options));
    }
  });
});

describe('spawnVia, when the spawner fails', () => {
  const ended = (child: ReturnType<typeof spawnVia>) =>
    new Promise<{ error?: string; code: number | null }>((resolve) => {
      let error: string | undefined;
      child.on('error', (e: NodeJS.ErrnoException) => (error = e.code));
      child.on('close', (code) => resolve({ error, code }));
    });

  it('a request it cannot start fails that child alone; a spawner that ends fails its children, never with exit 0', async () => {
    const running = ended(spawnVia('sh', ['-c', 'sleep 0.3; exit 7']));
    // A NUL byte in an argument (node's spawn throws): this child's error, not the spawner's end.
    expect(await ended(spawnVia('echo', ['a\0b']))).toMatchObject({ error: 'EINVAL' });
    expect(await running).toEqual({ error: undefined, code: 7 });
    // A child that kills the spawner (its parent): an error and a non-zero close code, not the 0 it would exit with.
    const orphan = await ended(spawnVia('sh', ['-c', 'kill -9 $PPID; exit 0']));
    expect(orphan.error).toBe('ESPAWNER');
    expect(orphan.code !== 0 && orphan.code !== null).toBe(true);
    // The next child gets a spawner of its own, its exit code intact.
    expect(await ended(spawnVia('sh', ['-c', 'exit 5']))).toEqual({ error: undefined, code: 5 });
  });
});
