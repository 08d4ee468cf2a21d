// The `command` checker: runs the operator's own checking program, one process per chunk of
// accounts, and turns whatever happens (answers, crash, silence, timeout) into one CheckResult per
// account. The protocol the program speaks, and the time-limit rule, are documented in
// command-protocol.ts (and docs/checkers.md).
import type { ChildProcess } from 'node:child_process';
import { lazily } from '../lazy-require.js';
import { childEnv } from '../child-env.js';
import { keyOf } from '../model.js';
import { LineSplitter, readAnswer, requestLine } from './command-protocol.js';
import { CANNOT_START, type CheckOptions, type CheckRequest, type CheckResult, type Checker } from './types.js';

/** node:child_process on first use: loading it (with net and dgram) is ~10 ms of every allocate's start, and most never run a program. */
const childProcess = lazily<typeof import('node:child_process')>('node:child_process');

export const COMMAND_CHECKER_NAME = 'command';

export interface CommandCheckerOptions {
  /** argv: the program and its arguments, run without a shell. */
  command: string[];
  cwd?: string;
  /** Added to (and overriding) accountpool's own environment. */
  env?: Record<string, string>;
  perAccountTimeoutMs?: number;
  runTimeoutMs?: number;
  /** Where the program's stderr goes; 'inherit' (default) shows it to the operator. */
  stderr?: 'inherit' | 'ignore';
}

const GROUP_KILL = process.platform !== 'win32';

// Checker processes run in their own process group (so that a wrapper script's children die with
// it), which also means a terminal's Ctrl-C no longer reaches them. Kill whatever is still
// running when accountpool exits, so no checker is left logging in with our accounts.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => live.forEach(killTree));
  }
  live.add(child);
}

/** SIGKILL the process's group: also when the leader has exited, its children may still hold our pipe. */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (GROUP_KILL) return void process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already; fall through to the process itself, harmless if it exited
  }
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * accountpool's environment without its secrets (the server token, src/child-env.ts): the checker is
 * the operator's program, but it often wraps third-party code that logs or forwards its environment.
 * Settings made for the checker itself (`env`) are added after.
 */
function checkerEnv(env: Record<string, string> | undefined): NodeJS.ProcessEnv {
  return childEnv(env);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new Error(`command checker: ${name} must be a positive number of milliseconds`);
  return v;
}

export class CommandChecker implements Checker {
  readonly name = COMMAND_CHECKER_NAME;
  private readonly options: Required<Omit<CommandCheckerOptions, 'cwd' | 'env'>> & Pick<CommandCheckerOptions, 'cwd' | 'env'>;

  constructor(options: CommandCheckerOptions) {
    const command = options?.command;
    if (!Array.isArray(command) || command.length === 0 || !command.every((arg) => typeof arg === 'string') || command[0] === '') {
      throw new Error('command checker: `command` must be a non-empty list of program and arguments');
    }
    this.options = {
      command: [...command],
      cwd: options.cwd,
      env: options.env,
      perAccountTimeoutMs: positive(options.perAccountTimeoutMs, 30_000, 'perAccountTimeoutMs'),
      runTimeoutMs: positive(options.runTimeoutMs, 300_000, 'runTimeoutMs'),
      stderr: options.stderr ?? 'inherit',
    };
  }

  async check(requests: CheckRequest[], options: CheckOptions): Promise<CheckResult[]> {
    if (requests.length === 0) return [];
    const n = Math.max(1, Math.min(requests.length, Math.floor(options.concurrency) || 1));
    const chunks: CheckRequest[][] = [];
    for (let i = 0, start = 0; i < n; i++) {
      const size = Math.floor(requests.length / n) + (i < requests.length % n ? 1 : 0);
      chunks.push(requests.slice(start, (start += size)));
    }
    const answered = await Promise.all(chunks.map((chunk) => this.runChunk(chunk, options.signal)));
    return answered.flat();
  }

  /** One process for one chunk; always resolves, with one result per request in the chunk's order. */
  private runChunk(chunk: CheckRequest[], signal: AbortSignal | undefined): Promise<CheckResult[]> {
    const { command, cwd, env, perAccountTimeoutMs, runTimeoutMs, stderr } = this.options;
    const results: (CheckResult | undefined)[] = chunk.map(() => undefined);
    const byKey = new Map<string, number[]>();
    chunk.forEach((request, i) => byKey.set(keyOf(request.username), [...(byKey.get(keyOf(request.username)) ?? []), i]));
    let unreadable = 0;
    let unknown = 0;

    return new Promise((resolve) => {
      let child: ChildProcess | undefined;
      let timer: NodeJS.Timeout | undefined;
      let reason: string | undefined; // set by a timeout or an abort, which outrank the exit status
      let done = false;
      const finish = (why: string): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (child) live.delete(child);
        resolve(chunk.map((request, i) => results[i] ?? { username: request.username, error: why }));
      };
      const stop = (why: string): void => {
        reason ??= why;
        if (!child) return finish(why);
        killTree(child);
        child.stdout?.destroy(); // a grandchild that escaped the group must not keep us waiting for 'close'
      };
      const onAbort = (): void => stop('check aborted');
      if (signal?.aborted) return finish('check aborted');
      signal?.addEventListener('abort', onAbort);

      const onLine = (line: string): void => {
        if (line.trim() === '') return;
        const answer = readAnswer(line);
        if (!answer) return void unreadable++;
        const indices = byKey.get(answer.key);
        if (!indices) return void unknown++;
        for (const i of indices) results[i] ??= { username: chunk[i]!.username, ...answer.result };
      };
      const lines = new LineSplitter(onLine, () => unreadable++);

      try {
        child = childProcess().spawn(command[0]!, command.slice(1), {
          cwd,
          env: checkerEnv(env),
          stdio: ['pipe', 'pipe', stderr],
          detached: GROUP_KILL,
          windowsHide: true,
        });
      } catch (error) {
        // Invalid arguments throw at once (e.g. a NUL byte in argv); the program is not to blame.
        return finish(`${CANNOT_START} "${command[0]}": ${(error as NodeJS.ErrnoException).code ?? 'invalid command'}`);
      }
      track(child);
      // ENOENT, EACCES...: 'error' may come without 'close' when nothing was started.
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (child?.pid === undefined) finish(`${CANNOT_START} "${command[0]}": ${error.code ?? 'spawn failed'}${error.code === 'EACCES' ? ' (not executable: its mode, or a file system mounted noexec)' : ''}`);
        else stop('checker failed');
      });
      timer = setTimeout(() => stop('checker timed out'), Math.min(perAccountTimeoutMs * chunk.length, runTimeoutMs));

      child.stdout!.setEncoding('utf8');
      child.stdout!.on('error', () => {}); // destroyed on timeout; nothing to report twice
      child.stdout!.on('data', (text: string) => lines.push(text));
      child.on('close', (code: number | null, killedBy: NodeJS.Signals | null) => {
        if (reason === undefined) lines.end(); // a last line without a newline still counts
        if (reason !== undefined) return finish(reason);
        if (killedBy) return finish(`checker killed by ${killedBy}`);
        if (code !== 0) return finish(`checker exited with code ${code}`);
        const notes = [unreadable ? `${unreadable} unreadable line(s)` : '', unknown ? `${unknown} line(s) for unknown accounts` : ''].filter(Boolean);
        finish(`checker gave no answer${notes.length ? ` (${notes.join(', ')})` : ''}`);
      });

      // A program that exits without reading stdin makes this write fail with EPIPE; that is its
      // exit status's story, not an exception of ours.
      child.stdin!.on('error', () => {});
      child.stdin!.end(chunk.map(requestLine).join(''));
    });
  }
}

export function createCommandChecker(options: CommandCheckerOptions): Checker {
  return new CommandChecker(options);
}
