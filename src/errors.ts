// Errors a command can end with. Commands throw; only the CLI entry turns them into exit codes.

/** Exit codes: 0 success, 1 failure, 2 usage error, 3 the pool cannot satisfy the request. */
export const EXIT = { ok: 0, failure: 1, usage: 2, unsatisfied: 3 } as const;

export class AppError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = new.target.name;
  }
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

export class LockBusyError extends AppError {}
