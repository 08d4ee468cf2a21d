// Running git: always as `git <args>` through execFile, never a shell, so no account data, path or
// commit message is ever parsed by a shell. A failure becomes a GitError that names the git
// command and quotes git's own words, with any credentials in a remote URL blanked out.
import { AppError } from '../errors.js';
import { lazily } from '../lazy-require.js';

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
  ) {
    super(`${command} failed (${detail})${stderr ? `: ${firstLines(stderr)}` : ''}`);
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

function gitEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  // After the removal: a caller's own (a scratch GIT_INDEX_FILE, merge-attributes.ts) is meant.
  Object.assign(env, extra);
  // Never wait for a password on a terminal nobody watches (cron, a scanner's pre-start hook).
  env.GIT_TERMINAL_PROMPT = '0';
  // git's messages are matched (e.g. a rejected push), so they must be in English.
  env.LC_ALL = 'C';
  return env;
}

/** Runs `git args` in `options.cwd`; resolves with its output, rejects with a GitError. */
export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = childProcess().execFile(
      'git',
      args,
      { cwd: options.cwd, env: gitEnv(options.env), maxBuffer: options.maxBytes ?? 256 * 1024 * 1024, timeout: options.timeoutMs ?? 0, encoding: 'utf8' },
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

/** Like `git`, but an exit code of 1 is an answer (`git diff --quiet`, `git config --get`), not a failure. */
export async function gitTest(args: readonly string[], options: GitOptions): Promise<GitResult | undefined> {
  try {
    return await git(args, options);
  } catch (error) {
    if (error instanceof GitError && error.gitExit === 1) return undefined;
    throw error;
  }
}
