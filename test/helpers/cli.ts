// Running the real CLI: in-process through `main` (fast, for most tests) or as a real process
// through bin/accountpool.js (for concurrency, kills and hooks).
import { spawn, type ChildProcess } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { spawnerEnabled, spawnVia } from './spawner.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/accountpool.js`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  clock?: () => Date;
  /** A real process only: the command it runs under, e.g. ROOT_AS_ANY_USER. */
  under?: readonly string[];
}

/**
 * As root, the command runs with none of root's capabilities (util-linux's setpriv: a process of uid
 * 0 gets its bounding set, cleared), so a file's or folder's mode holds for it as for any user; a
 * test of a folder it may not list then runs where CI runs, as root. Undefined for another user.
 */
export const ROOT_AS_ANY_USER: readonly string[] | undefined = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-all', '--inh-caps=-all'] : undefined;

/** Runs `accountpool ...args` inside this process. */
export async function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv: args,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([options.stdin ?? '']),
    env: { ...options.env },
    cwd: options.cwd ?? process.cwd(),
    clock: options.clock,
  });
  return { code, stdout, stderr };
}

export type RunningCli = ChildProcess & {
  /** Settles when the process has exited and its output is closed (set up at start, so it is never missed). */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts `accountpool ...args` as a real process, through the worker's spawner (spawner.ts: no
 * fork of a 100-360 MB worker, ~11 ms of CPU less a start; ACCOUNTPOOL_TEST_SPAWNER=off: node's
 * own). Its `pid` is set once the child has started ('spawn'), as a test sees it after waiting
 * for the process to do something; a `kill` before that is sent once it has.
 */
export function startCli(args: string[], options: CliOptions = {}): RunningCli {
  const cwd = options.cwd ?? ROOT;
  const env = { ...process.env, ...options.env };
  const [file, ...argv] = [...(options.under ?? []), process.execPath, BIN, ...args];
  const child = (spawnerEnabled() ? spawnVia(file!, argv, { cwd, env }) : spawn(file!, argv, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] })) as RunningCli;
  child.closed = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  child.stdin!.on('error', () => {}); // a process that exits before reading stdin is not our failure
  child.stdin!.end(options.stdin ?? '');
  return child;
}

/**
 * `accountpool ...args` as a real process, killed with SIGKILL if it still runs after `deadlineMs`:
 * a bound on a hang (a FIFO waited on, /dev/zero read for ever), not a measure of speed. `signal`
 * is 'SIGKILL' when the deadline struck.
 */
export async function cliWithin(args: string[], deadlineMs: number, options: CliOptions = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  const { code, signal } = await child.closed;
  clearTimeout(killer);
  return { code, signal, stdout, stderr };
}

/**
 * `accountpool serve --port 0 ...args` as a real process, once it listens: its URL, all it has
 * printed so far (stdout and stderr), and `stop` (SIGTERM, then waits for it).
 */
export async function startServe(args: string[], options: CliOptions = {}): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const { waitFor } = await import('./testdir.js');
  const child = startCli(['serve', '--port', '0', ...args], options);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const stop = async () => {
    child.kill('SIGTERM');
    await child.closed;
  };
  try {
    const url = (await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], { what: 'serve to listen' }))!;
    return { url, output: () => out, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs `accountpool ...args` as a real process and waits for it. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    void child.closed.then(({ code, signal }) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
