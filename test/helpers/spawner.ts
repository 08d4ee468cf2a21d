// Children started by a small Python process (test/helpers/spawner.py, one per vitest worker)
// instead of by the worker itself. Node 20's libuv forks the whole worker for every child: the
// fork copies its page tables and the worker then takes a copy-on-write fault on every page it
// writes; at the 100-350 MB the workers reach (isolate: false keeps them for the whole run) that is
// ~10 ms of CPU a child more than the spawner's vfork (stop 50, docs/scale-log.md "Test suite
// time: stop 50 (S2)"). The child's stdin, stdout and stderr are Unix sockets the worker holds,
// handed to the child as they are: its bytes never pass through the spawner.
//
// `spawnVia` and `execFileVia` behave as child_process's spawn (stdio: 'pipe') and execFile for
// what the helpers and src/git/run-git.ts use: streams, 'spawn' / 'error' / 'exit' / 'close',
// exitCode, signalCode, killed, kill(), timeout, maxBuffer, encoding. One difference: `pid` is
// set when 'spawn' is emitted, not at once.
import { execFile as nodeExecFile, spawn as nodeSpawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonPath, STDLIB_ONLY } from './python.js';
import { logEnded, startedNow, type Started } from './spawn-log.js';

interface Answer {
  id: number;
  pid?: number;
  error?: string;
  errno?: number;
  exit?: number | null;
  signal?: NodeJS.Signals | null;
  killed?: boolean;
  /** Why the spawner gave up on a child (it ended). */
  why?: string;
  /** The child's CPU seconds (user + sys, with its waited-for descendants), told with its exit. */
  cpu?: number;
}

interface Spawner {
  socket: string;
  send: (request: object) => void;
  children: Map<number, SpawnedChild>;
  /** A child runs or ends: the spawner's answers keep the worker alive while one runs, as node's own child handle does. */
  track: (child: SpawnedChild) => void;
  untrack: (child: SpawnedChild) => void;
}

let spawner: Spawner | undefined;
let unavailable = false;
let nextId = 1;

/** Whether the process has ended (a zombie not yet reaped: the event loop is not running here). */
function ended(pid: number | undefined): boolean {
  try {
    return pid === undefined || / [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)/s, ')'));
  } catch {
    return true;
  }
}

/** This worker's spawner, started on first use (one fork of the worker, then none); undefined if it cannot start. */
function theSpawner(): Spawner | undefined {
  if (spawner || unavailable) return spawner;
  const socket = join(mkdtempSync(join(tmpdir(), 'accountpool-spawner-')), 's');
  // -X utf8: arguments, paths and environment encoded as node encodes them (UTF-8), whatever the locale.
  const process_ = nodeSpawn(pythonPath(), [...STDLIB_ONLY, '-X', 'utf8', fileURLToPath(new URL('spawner.py', import.meta.url)), socket], { stdio: ['pipe', 'pipe', 'inherit'] });
  const children = new Map<number, SpawnedChild>();
  let pending = '';
  process_.stdout!.setEncoding('utf8');
  process_.stdout!.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const answer = JSON.parse(line) as Answer;
      children.get(answer.id)?.answered(answer);
    }
  });
  // Never what keeps a worker alive while no child runs.
  process_.unref();
  const answers = process_.stdout as Socket;
  answers.unref();
  (process_.stdin as unknown as Socket).unref();
  // Its socket appears (renamed into place) once it listens: waited for here, once per worker, so
  // that every child's streams connect at once, as a spawned child's pipes exist at once.
  // A Python or kernel without pidfds (Python < 3.9, Linux < 5.3): the spawner exits at once and
  // the worker starts its children itself, as before.
  const deadline = Date.now() + 20_000; // a bound on a hang
  while (!existsSync(socket)) {
    if (Date.now() > deadline || ended(process_.pid)) {
      process.stderr.write(`the test spawner (${fileURLToPath(new URL('spawner.py', import.meta.url))}) did not start: this worker starts its children itself\n`);
      unavailable = true;
      return undefined;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  const started: Spawner = {
    socket,
    send: (request) => process_.stdin!.write(`${JSON.stringify(request)}\n`),
    children,
    track: (child) => {
      if (children.size === 0) answers.ref();
      children.set(child.id, child);
    },
    untrack: (child) => {
      if (children.delete(child.id) && children.size === 0) answers.unref();
    },
  };
  // 'close', not 'exit': node may tell the exit before the answers the spawner wrote last are read,
  // and a child whose end it did tell would fail here instead of with its own exit code.
  process_.on('close', (code, signal) => {
    if (spawner === started) spawner = undefined;
    // A spawner killed (a test that kills it, an OOM kill) could not remove its socket's folder.
    rmSync(dirname(socket), { recursive: true, force: true });
    // Its children's ends would never be told: each fails now, not at its test's time limit, with
    // an error and a non-zero close code (ECHILD): never the 0 of a child that succeeded.
    // Every one of them, though a child's 'error' has no listener (a startCli child's) and throws:
    // the first such throw is raised once all are told, never leaving the rest waiting for ever.
    let unheard: unknown;
    for (const child of [...children.values()]) {
      try {
        child.answered({ id: child.id, error: 'ESPAWNER', errno: constants.errno.ECHILD, why: `the test spawner ended (${signal ?? `exit ${code}`})` });
      } catch (error) {
        unheard ??= error;
      }
    }
    if (unheard) throw unheard;
  });
  return (spawner = started);
}

export class SpawnedChild extends EventEmitter {
  pid: number | undefined;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  killed = false;
  readonly stdin: Socket;
  readonly stdout: Socket;
  readonly stderr: Socket;
  readonly spawnfile: string;
  readonly spawnargs: string[];
  private exited = false;
  private failed = false;
  private closes = 2; // stdout and stderr, then the exit: child_process's 'close'
  private queuedKill: number | undefined;
  private readonly started: Started | undefined;

  constructor(
    private readonly spawner: Spawner,
    readonly id: number,
    file: string,
    args: readonly string[],
  ) {
    super();
    this.spawnfile = file;
    this.spawnargs = [file, ...args];
    this.started = startedNow(file, args);
    const stream = (number: number) => {
      const socket = connect(spawner.socket);
      socket.write(`${String(id).padStart(14, '0')}${number}\n`);
      return socket;
    };
    this.stdin = stream(0);
    this.stdout = stream(1);
    this.stderr = stream(2);
    // stdin is never read: its read side only ends when the child closes it.
    this.stdin.on('data', () => {});
    for (const output of [this.stdout, this.stderr]) output.on('close', () => this.outputClosed());
  }

  /** An answer of the spawner for this child. */
  answered(answer: Answer): void {
    if (answer.pid !== undefined) {
      this.pid = answer.pid;
      this.emit('spawn');
      if (this.queuedKill !== undefined) this.kill(this.queuedKill);
    } else if (answer.error !== undefined) {
      this.spawner.untrack(this);
      this.failed = true;
      const errno = -(answer.errno ?? 0);
      const error = Object.assign(new Error(answer.why ?? `spawn ${this.spawnfile} ${answer.error}`), { errno, code: answer.error, syscall: `spawn ${this.spawnfile}`, path: this.spawnfile, spawnargs: this.spawnargs.slice(1) });
      for (const socket of [this.stdin, this.stdout, this.stderr]) socket.destroy();
      // As node: 'error', then 'close' with the negative errno as the exit code (no 'exit').
      this.exitCode = errno;
      this.emit('error', error);
      this.emit('close', errno, null);
    } else if (answer.exit !== undefined) {
      this.spawner.untrack(this);
      logEnded(this.started, answer.cpu);
      this.exitCode = answer.exit;
      this.signalCode = answer.signal ?? null;
      this.exited = true;
      this.emit('exit', this.exitCode, this.signalCode);
      // As node's flushStdio: an output nobody listens to is read to its end, so that 'close' comes.
      process.nextTick(() => {
        for (const output of [this.stdout, this.stderr]) if (output.readable && !(output as unknown as { _readableState: { readableListening: boolean } })._readableState.readableListening) output.resume();
      });
      this.outputClosed();
    }
  }

  // Not `closed`: startCli (cli.ts) gives its children a `closed` promise of that name.
  private outputClosed(): void {
    if (this.failed) return;
    if (--this.closes === -1) this.emit('close', this.exitCode, this.signalCode);
  }

  /** As ChildProcess.kill: true if the signal was sent (the spawner sends it through a pidfd: never to a reused pid). */
  kill(signal: NodeJS.Signals | number = 'SIGTERM'): boolean {
    if (this.exited || this.failed) return false;
    // Sent as a number: a name the spawner's Python does not know, or 0, must not end it (and every child it runs).
    const number = typeof signal === 'number' ? signal : constants.signals[signal];
    if (number === undefined) throw Object.assign(new TypeError(`Unknown signal: ${signal}`), { code: 'ERR_UNKNOWN_SIGNAL' });
    if (this.pid === undefined) {
      this.queuedKill = number;
      this.killed = true;
      return true;
    }
    this.spawner.send({ kill: this.id, signal: number });
    this.killed = true;
    return true;
  }

  ref(): void {}
  unref(): void {}
}

/** False with ACCOUNTPOOL_TEST_SPAWNER=off: every child the worker's own fork (to compare, or to tell a spawner's fault from a test's). */
export function spawnerEnabled(): boolean {
  return process.env.ACCOUNTPOOL_TEST_SPAWNER !== 'off';
}

/** As child_process.spawn(file, args, { cwd, env, stdio: 'pipe' }), started by the spawner. */
export function spawnVia(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnedChild & ChildProcess {
  const from = theSpawner();
  if (!from) return nodeSpawn(file, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' }) as SpawnedChild & ChildProcess;
  const id = nextId++;
  const child = new SpawnedChild(from, id, file, args);
  from.track(child);
  const env = Object.fromEntries(Object.entries(options.env ?? process.env).filter(([, value]) => value !== undefined));
  from.send({ id, file, args, cwd: options.cwd ?? process.cwd(), env });
  return child as SpawnedChild & ChildProcess;
}

export interface ExecFileViaOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  maxBuffer?: number;
  timeout?: number;
  encoding?: BufferEncoding;
}

export type ExecFileError = Error & { code?: number | string | null; errno?: number; syscall?: string; path?: string; killed?: boolean; signal?: NodeJS.Signals | null; cmd?: string };
export type ExecFileCallback = (error: ExecFileError | null, stdout: string, stderr: string) => void;

/**
 * As child_process.execFile(file, args, options, callback) with a text encoding, started by the
 * spawner: the same error (code, killed, signal, cmd; ERR_CHILD_PROCESS_STDIO_MAXBUFFER past
 * maxBuffer, SIGTERM after `timeout`), from node's lib/child_process.js of Node 20.
 */
export function execFileVia(file: string, args: readonly string[], options: ExecFileViaOptions, callback: ExecFileCallback): ChildProcess {
  if (!spawnerEnabled() || !theSpawner()) return nodeExecFile(file, args, { ...options, encoding: options.encoding ?? 'utf8' }, callback as Parameters<typeof nodeExecFile>[3]);
  const child = spawnVia(file, args, options);
  const maxBuffer = options.maxBuffer ?? 1024 * 1024;
  const encoding = options.encoding ?? 'utf8';
  const output = { stdout: [] as string[], stderr: [] as string[] };
  const length = { stdout: 0, stderr: 0 };
  let error: ExecFileError | null = null;
  let killedHere = false;
  let exited = false;
  let timer: NodeJS.Timeout | undefined;
  const done = (code?: number | null, signal?: NodeJS.Signals | null) => {
    if (exited) return;
    exited = true;
    if (timer) clearTimeout(timer);
    const stdout = output.stdout.join('');
    const stderr = output.stderr.join('');
    const cmd = [file, ...args].join(' ');
    if (!error && code === 0 && signal === null) return callback(null, stdout, stderr);
    const failure: ExecFileError = error ?? Object.assign(new Error(`Command failed: ${cmd}\n${stderr}`), { code: code ?? null, killed: child.killed || killedHere, signal: signal ?? null });
    failure.cmd = cmd;
    callback(failure, stdout, stderr);
  };
  const kill = () => {
    child.stdout.destroy();
    child.stderr.destroy();
    killedHere = true;
    child.kill('SIGTERM');
  };
  for (const name of ['stdout', 'stderr'] as const) {
    child[name].setEncoding(encoding);
    child[name].on('data', (chunk: string) => {
      length[name] += Buffer.byteLength(chunk, encoding);
      if (length[name] > maxBuffer) {
        const room = maxBuffer - (length[name] - Buffer.byteLength(chunk, encoding));
        output[name].push(Buffer.from(chunk, encoding).subarray(0, Math.max(0, room)).toString(encoding));
        error = Object.assign(new RangeError(`${name} maxBuffer length exceeded`), { code: 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' });
        kill();
      } else output[name].push(chunk);
    });
  }
  if (options.timeout && options.timeout > 0) timer = setTimeout(kill, options.timeout);
  child.on('close', done);
  child.on('error', (failure: ExecFileError) => {
    error = failure;
    child.stdout.destroy();
    child.stderr.destroy();
    done();
  });
  return child;
}
