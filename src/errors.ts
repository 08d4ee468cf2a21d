// Errors a command can end with. Commands throw; only the CLI entry turns them into exit codes.

/**
 * Exit codes: 0 success, 1 failure, 2 usage error, 3 the pool cannot satisfy the request, 4 a
 * `sync` that finished but took leases from this host's instances (lost-holds.ts): a cron job
 * running it must see that a scanner may be using accounts another host holds.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, unsatisfied: 3, leasesLost: 4 } as const;

/**
 * Marks every AppError, whichever copy of this module made it: `allocate` runs from a file of its
 * own that bundles its own copy (scripts/build.mjs), so the CLI entry, which has another, cannot
 * tell them by `instanceof` (isAppError).
 */
const APP_ERROR = Symbol.for('accountpool.AppError');

export class AppError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = new.target.name;
  }

  get [APP_ERROR](): true {
    return true;
  }
}

/** An AppError of any copy of this module (see APP_ERROR). */
export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[APP_ERROR] === true && typeof (error as AppError).exitCode === 'number';
}

export class UsageError extends AppError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** The pool cannot give what was asked (not enough accounts); the message says why. */
export class UnsatisfiedError extends AppError {
  constructor(message: string) {
    super(message, EXIT.unsatisfied);
  }
}

/** A pool file (shard, config, dump) that cannot be read: names the file and line; nothing is written. */
export class FileError extends AppError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** The pool lock stood in the way: temporary, so `serve` answers 503 and the watcher tries again. */
export class LockError extends AppError {}

/** The lock is held by another live process (or one we cannot tell is dead) for longer than we wait. */
export class LockBusyError extends LockError {
  constructor(
    message: string,
    /** Who holds it, as `pid 1234 on host`, when its owner file says. */
    readonly holder?: string,
  ) {
    super(message);
  }
}

/** The lock was taken from us (e.g. a machine froze and another host broke it): nothing was written. */
export class LockLostError extends LockError {}

/**
 * A file could not be written (a full disk, too many open files, a read-only file system): names
 * the file, and keeps the system's code (`ENOSPC`, ...) so callers still tell it from bad input.
 */
export class WriteError extends AppError {
  readonly code: string | undefined;

  /** `then`: what became of the work, when the caller knows (a committed transaction's rename). */
  constructor(
    readonly file: string,
    cause: unknown,
    then?: string,
  ) {
    const error = cause as NodeJS.ErrnoException;
    // Node's text is `ENOSPC: no space left on device, write`: the syscall adds nothing here.
    const hint = blockedHint(error?.code);
    super(`could not write ${file}: ${String(error?.message ?? cause).split(', ')[0]}${hint ? ` (${hint})` : ''}${then ? `; ${then}` : ''}`);
    this.code = error?.code;
    this.cause = cause;
  }
}

/**
 * What to look at when the system refused to let a file be written or replaced (not a full
 * disk): the bare `EPERM: operation not permitted, rename '.x.tmp' -> 'x'` named a temp and
 * said nothing of what blocks it.
 */
function blockedHint(code: string | undefined): string | undefined {
  switch (code) {
    case 'EPERM':
      return 'the file or its folder is immutable or append-only, or not this user\'s: `lsattr -d` shows the flags, `chattr -i -a` lifts them';
    case 'EACCES':
      return 'this user may not write the file or its folder: check their owner and mode';
    case 'EBUSY':
      return 'the file is in use as a mount point or by another program';
    case 'EROFS':
      return 'the file system is mounted read-only';
    case 'EFBIG':
      return 'past the file size limit set for this process: `ulimit -f`, or LimitFSIZE of its service';
    default:
      return undefined;
  }
}
