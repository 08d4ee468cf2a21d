// Running git: always as `git <args>` through execFile, never a shell, so no account data, path or
// commit message is ever parsed by a shell. A failure becomes a GitError that names the git
// command and quotes git's own words, with any credentials in a remote URL blanked out.
import { AppError } from '../errors.js';
import { lazily } from '../lazy-require.js';
import { childEnv } from '../child-env.js';
import { olderGitHint } from './git-version.js';

/** node:child_process on first use: every command that stores anything loads this file (a pool may be a git repository), few run git. */
const childProcess = lazily<typeof import('node:child_process')>('node:child_process');

export interface GitResult {
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  /** The pool folder: every git command runs inside it. */
  cwd: string;
  /** Extra environment (e.g. ACCOUNTPOOL_MERGE_HOLDS for the merge driver during a rebase). */
  env?: NodeJS.ProcessEnv;
  /** Network commands get a time limit so a dead remote cannot hold the pool lock forever. */
  timeoutMs?: number;
  /** Written to git's standard input, which is then closed (`cat-file --batch-check` reads its names there). */
  input?: string;
  /**
   * Output kept at most (stdout, as UTF-8 bytes): past it git is killed and the call rejects with a
   * GitError whose `overLimit` is set. A peer's blob read through git costs no more than this.
   */
  maxBytes?: number;
  /**
   * The operator's own core.hooksPath left in view (no NO_HOOKS): only for a git that reads where
   * the hooks are (git-hooks.ts, readConfig), never one that could run a hook.
   */
  operatorHooks?: true;
  /**
   * Run without a controlling terminal (a session of its own, setsid): nothing it starts can open
   * /dev/tty. For the network gits (no-prompt.ts): an ssh of the operator's own (core.sshCommand)
   * asking for a key's passphrase there held the pool lock until the network timeout.
   */
  noTerminal?: true;
}

/**
 * Variables that would point git at another repository than the pool's own (they are set, for
 * one, when accountpool runs from inside a hook of an outer repository).
 */
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR', 'GIT_PREFIX', 'GIT_NAMESPACE'];

export class GitError extends AppError {
  constructor(
    /** The command as shown to people (`git push origin HEAD:refs/heads/main`), credentials blanked. */
    readonly command: string,
    /** git's exit code; null when it could not be started or was killed. (The command still exits 1.) */
    readonly gitExit: number | null,
    /** git's own error output, credentials blanked. */
    readonly stderr: string,
    detail: string,
    /** Stopped because its output passed GitOptions.maxBytes. */
    readonly overLimit = false,
    /** Ended at GitOptions.timeoutMs: no answer in time. */
    readonly timedOut = false,
  ) {
    super(`${command} failed (${detail})${stderr ? `: ${firstLines(stderr)}` : ''}${olderGitHint(stderr)}`);
  }
}

/** `https://user:secret@host/x` → `https://user:***@host/x`; a token alone (`https://secret@host`) likewise. */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]+)(:[^/@\s]*)?@/gi, (_, scheme: string, user: string, password: string | undefined) => `${scheme}${password ? `${user}:***` : '***'}@`);
}

function firstLines(text: string): string {
  const lines = text.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(0, 4).join(' / ') + (lines.length > 4 ? ' / ...' : '');
}

/** How a command is shown in messages: long arguments (commit messages) shortened, credentials blanked. */
function describe(args: readonly string[]): string {
  const shown = args.map((a) => (a.length > 60 ? `${a.slice(0, 57)}...` : a)).map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : JSON.stringify(a)));
  return redact(`git ${shown.join(' ')}`);
}

/**
 * Set in every git accountpool runs, so that what git runs in turn knows it: the hooks `init --git`
 * installs (git-hooks.ts) do nothing, and the merge driver leaves no pending losses
 * (hand-run-losses.ts): accountpool records its own, and holds the pool lock while its git runs.
 */
export const OWN_GIT_ENV = 'ACCOUNTPOOL_GIT';

/**
 * Config every git accountpool runs gets (and what that git runs in turn), added after the
 * caller's own GIT_CONFIG_* entries (kept); like `-c`, it wins over the repository's config. git keeps up to
 * `core.deltaBaseCacheLimit` (96 MB by default) of inflated delta bases: every git that reads
 * the shards' blobs out of a pack (a sync's rebase, the replay's checkouts) holds that much beside
 * the merge driver and the sync, and at 1,000,000 accounts (64 shards of 2.3 MB, each stored as a
 * delta of its last version) a sync's `git rebase` stayed at ~123 MB, its tree at 352 MB
 * (docs/scale-log.md, stop 53 Y). 16 MB keeps about seven shards' bases, one merge's three sides
 * and more: reading three trees' shards took 135 MB -> 54 MB, at ~0.3 s more CPU.
 */
const BOUNDED_CONFIG: readonly (readonly [string, string])[] = [['core.deltaBaseCacheLimit', '16m']];

/**
 * No hook of the operator's runs under any git accountpool runs (stop 59 R; the pool's transaction
 * commits since stop 58). Each runs under the pool lock: a hook that hung (a secret scanner waiting
 * on the network, a `read` on no terminal, git-lfs's pre-push against a dead server) held the lock
 * as long, every other command "pool is busy", and one that refused (a secret scanner finding the
 * shards' passwords, a pre-rebase guarding published branches) failed every sync. Hooks an operator
 * set are for their own commits: sync's commits, rebase and push, the clock claims and `init --git`'s
 * commit are the pool's. Ours (git-hooks.ts) do nothing under a git accountpool runs (OWN_GIT_ENV);
 * git-crypt and the merge driver are filters and config, not hooks, and still run.
 */
const NO_HOOKS: readonly [string, string] = ['core.hooksPath', '/dev/null'];

/**
 * One entry as GIT_CONFIG_PARAMETERS holds it (`git -c key=value` puts it there for the gits git
 * starts): `'key=value'`, single-quoted as quote.c's sq_quote does (`'` as `'\''`). This old form
 * is read by every git since 1.7; GIT_CONFIG_COUNT (stop 59's way) only by git 2.31 and newer, and
 * an older git ignores it without a word: on Debian 11's git 2.30 or Ubuntu 20.04's 2.25 every
 * hook ran again and the delta base cache was unbounded (stop 60 S).
 */
function parameterEntry(key: string, value: string): string {
  return `'${`${key}=${value}`.replace(/'/g, "'\\''")}'`;
}

/**
 * BOUNDED_CONFIG (and NO_HOOKS unless `operatorHooks`) appended to `env`'s GIT_CONFIG_PARAMETERS
 * (an outer `git -c`'s entries kept, before ours). Read after GIT_CONFIG_COUNT's entries (config.c,
 * git_config_from_parameters; seen with git 2.39), so ours outrank a caller's there as well as the repository's config;
 * a `-c` in a command's own arguments is appended after them and still wins.
 */
function withBoundedConfig(env: NodeJS.ProcessEnv, operatorHooks: boolean): void {
  const added = (operatorHooks ? BOUNDED_CONFIG : [...BOUNDED_CONFIG, NO_HOOKS]).map(([key, value]) => parameterEntry(key, value)).join(' ');
  const outer = env.GIT_CONFIG_PARAMETERS?.trim();
  env.GIT_CONFIG_PARAMETERS = outer ? `${outer} ${added}` : added;
}

function gitEnv(extra: NodeJS.ProcessEnv | undefined, operatorHooks = false): NodeJS.ProcessEnv {
  // Without the server's token: git runs hooks, ssh and credential helpers (src/child-env.ts).
  const env = childEnv();
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  // After the removal: a caller's own (a scratch GIT_INDEX_FILE, merge-attributes.ts) is meant.
  Object.assign(env, extra);
  // Never wait for a password on a terminal nobody watches (cron, a scanner's pre-start hook).
  env.GIT_TERMINAL_PROMPT = '0';
  // git's messages are matched (e.g. a rejected push), so they must be in English.
  env.LC_ALL = 'C';
  env[OWN_GIT_ENV] = '1';
  withBoundedConfig(env, operatorHooks);
  return env;
}

/** Runs `git args` in `options.cwd`; resolves with its output, rejects with a GitError. */
export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  if (options.noTerminal) return gitNoTerminal(args, options);
  return new Promise((resolve, reject) => {
    const child = childProcess().execFile(
      'git',
      args,
      { cwd: options.cwd, env: gitEnv(options.env, options.operatorHooks), maxBuffer: options.maxBytes ?? 256 * 1024 * 1024, timeout: options.timeoutMs ?? 0, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const failure = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string | null };
        const command = describe(args);
        if (failure.code === 'ENOENT') return reject(new GitError(command, null, '', 'git is not installed or not on PATH'));
        if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new GitError(command, null, '', `its output passed ${options.maxBytes ?? 256 * 1024 * 1024} bytes: stopped`, true));
        const detail = failure.killed && options.timeoutMs ? `no answer within ${options.timeoutMs / 1000} s` : typeof failure.code === 'number' ? `exit ${failure.code}` : `signal ${failure.signal ?? 'unknown'}`;
        reject(new GitError(command, typeof failure.code === 'number' ? failure.code : null, redact(stderr), detail));
      },
    );
    if (options.input !== undefined) {
      // A git that exits before reading it all (a bad argument) fails with its own words above, not with EPIPE here.
      child.stdin?.on('error', () => {});
      child.stdin?.end(options.input);
    }
  });
}

/**
 * `git` for `noTerminal`: started in a session of its own (node's execFile passes no `detached` on
 * to spawn), so neither git nor what it starts (ssh, a credential helper) can open /dev/tty. Its
 * output is kept up to `maxBytes` per stream (a fetch's and a push's are a few lines); at the
 * time limit its whole process group is ended (git and its ssh), not git alone.
 */
/** Signals a git in a session of its own would have had from the terminal, or from a kill of us. */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function gitNoTerminal(args: readonly string[], options: GitOptions): Promise<GitResult> {
  const command = describe(args);
  const limit = options.maxBytes ?? 256 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', args, { cwd: options.cwd, env: gitEnv(options.env, options.operatorHooks), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const out = { stdout: '', stderr: '' };
    let over = false;
    let timedOut = false;
    const timer = options.timeoutMs ? setTimeout(() => ((timedOut = true), end()), options.timeoutMs) : undefined;
    // In a session of its own it gets no Ctrl-C, no hang-up of the terminal: passed on, so that a
    // signal ends this git (its failure ends the command, the lock let go) instead of leaving it
    // running on after us. The listener keeps node's own ending off meanwhile (its failure does it).
    const forward = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Gone already.
      }
    };
    const end = () => forward('SIGTERM');
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = () => {
      clearTimeout(timer);
      for (const signal of FORWARDED) process.off(signal, forward);
    };
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].setEncoding('utf8');
      child[name].on('data', (chunk: string) => {
        if (out[name].length + chunk.length > limit) {
          over = true;
          end();
        } else out[name] += chunk;
      });
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(new GitError(command, null, '', error.code === 'ENOENT' ? 'git is not installed or not on PATH' : error.message));
    });
    child.on('close', (code, signal) => {
      done();
      if (over) return reject(new GitError(command, null, '', `its output passed ${limit} bytes: stopped`, true));
      if (code === 0) return resolve(out);
      const detail = timedOut ? `no answer within ${options.timeoutMs! / 1000} s` : code !== null ? `exit ${code}` : `signal ${signal ?? 'unknown'}`;
      reject(new GitError(command, code, redact(out.stderr), detail, false, timedOut));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/**
 * One object (`spec`: an object name or `commit:path`) read through `git cat-file --batch`, its
 * size first: git writes `<oid> <type> <size>` before the bytes, and an object over `maxBytes` is
 * refused on that line, git stopped before its bytes are taken (the pipe holds at most 64 KB of
 * them): a peer's gigabyte blob is never streamed, let alone held. `filters`: as the work tree
 * would hold it at that path (`--filters`: git-crypt's smudge filter decrypts an encrypted pool's
 * shard; git's header states the stored size, and the filtered bytes are bounded as they come).
 * Resolves undefined when there is no such object.
 */
export function gitObject(spec: string, options: GitOptions & { maxBytes: number; filters?: string }): Promise<Buffer | undefined> {
  const args = ['cat-file', '--batch', ...(options.filters === undefined ? [] : ['--filters'])];
  const command = describe([...args, spec]);
  // One line of input is one object: a name with a line break in it would ask for two; with
  // --filters git reads the line as `<object> <path>` (the path whose attributes choose the filter).
  if (/[\n\r]/.test(spec) || (options.filters !== undefined && /[\s]/.test(spec + options.filters))) return Promise.reject(new GitError(command, null, '', 'the object name holds a line break or, filtered, a blank'));
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', args, { cwd: options.cwd, env: gitEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let held = 0;
    let size: number | undefined;
    let settled = false;
    let stderr = '';
    const finish = (error: GitError | undefined, value?: Buffer) => {
      if (settled) return;
      settled = true;
      if (child.exitCode === null) child.kill();
      if (error) reject(error);
      else resolve(value);
    };
    child.on('error', (error: NodeJS.ErrnoException) => finish(new GitError(command, null, '', error.code === 'ENOENT' ? 'git is not installed or not on PATH' : error.message)));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
      chunks.push(chunk);
      held += chunk.length;
      if (size === undefined) {
        const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const newline = all.indexOf(10);
        if (newline < 0) {
          // No header line in 4 KB: not git's answer.
          if (held > 4096) finish(new GitError(command, null, '', 'its answer had no header line'));
          return;
        }
        const header = all.subarray(0, newline).toString('utf8').split(' ');
        if (header[header.length - 1] === 'missing' || header[header.length - 1] === 'ambiguous') return finish(undefined, undefined);
        const stated = Number(header[2]);
        if (!Number.isSafeInteger(stated) || stated < 0) return finish(new GitError(command, null, '', `its answer's header read "${header.join(' ').slice(0, 80)}"`));
        if (stated > options.maxBytes) return finish(new GitError(command, null, '', `the object is ${stated} bytes, over ${options.maxBytes}: not read`, true));
        size = stated;
        chunks.splice(0, chunks.length, all.subarray(newline + 1));
        held = chunks[0]!.length;
      }
      // Filtered, git states the stored size and writes the filtered bytes (git-crypt's plain text is
      // shorter): read to the end, the newline after them dropped, and never more than the bound.
      if (options.filters !== undefined) {
        if (held > options.maxBytes + 1) finish(new GitError(command, null, '', `the filtered object passed ${options.maxBytes} bytes: stopped`, true));
        return;
      }
      if (held >= size) finish(undefined, Buffer.concat(chunks).subarray(0, size));
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      if (options.filters !== undefined && size !== undefined && code === 0) {
        const all = Buffer.concat(chunks);
        return finish(undefined, all.subarray(0, all.length > 0 && all[all.length - 1] === 10 ? all.length - 1 : all.length));
      }
      if (size === undefined && code === 0) return finish(new GitError(command, code, redact(stderr), 'it answered nothing'));
      finish(new GitError(command, code, redact(stderr), code === null ? `signal ${signal ?? 'unknown'}` : size === undefined ? `exit ${code}` : 'its answer was cut short'));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.filters === undefined ? `${spec}\n` : `${spec} ${options.filters}\n`);
  });
}

/** Like `git`, but an exit code of 1 is an answer (`git diff --quiet`, `git config --get`), not a failure. */
export async function gitTest(args: readonly string[], options: GitOptions): Promise<GitResult | undefined> {
  try {
    return await git(args, options);
  } catch (error) {
    if (error instanceof GitError && error.gitExit === 1) return undefined;
    throw error;
  }
}
