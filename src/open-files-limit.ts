// The limit on open files (`ulimit -n`, a service's LimitNOFILE=) and the words for running out of
// it. Node itself keeps ~20 descriptors open and its module loader opens a chunk's imports many at
// once, so under a low limit a command can run out anywhere: loading its own code (the CLI's entry,
// a chunk loaded on first use), a shard, a dump, the lock. Every such place says the same line:
// which limit, at what number, and what to do (stop 56: `watch --once` under `ulimit -n 30`
// printed Node's raw EMFILE stack from a chunk's load).
import { readFileSync } from 'node:fs';
// The words themselves, and the kernel's limit where /proc cannot be read, are shared with
// bin/accountpool.js, which says them when the CLI's own code could not be loaded.
import { outOfFilesWords, reportedFilesLimit } from '../bin/out-of-files.js';

export { RAISE_FILES_LIMIT } from '../bin/out-of-files.js';

/**
 * The soft limit on open files, undefined where /proc/self/limits cannot say (no /proc, or no
 * descriptor left to read it with). Node raises its soft limit to the hard one at start, so that
 * is the one that holds.
 */
export function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'latin1')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    if (soft === 'unlimited') return Number.MAX_SAFE_INTEGER;
    const n = Number(soft);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What running out of descriptors means and what to do, for an error whose code is EMFILE (this
 * process's limit) or ENFILE (the system's); undefined for any other error.
 */
export function outOfFiles(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENFILE') return outOfFilesWords(code, undefined);
  if (code !== 'EMFILE') return undefined;
  const limit = openFilesLimit() ?? reportedFilesLimit();
  return outOfFilesWords(code, limit === Number.MAX_SAFE_INTEGER ? undefined : limit);
}

/**
 * `limit` (outOfFiles's words for `error`) after the file `error` could not write (a WriteError's
 * `file`: the lock's owner file, a shard's temp) or open, where it names one: the operator sees
 * which write failed as well as which limit.
 */
export function outOfFilesLine(error: unknown, limit: string): string {
  const { file, path } = error as { file?: unknown; path?: unknown };
  if (typeof file === 'string') return `could not write ${file}: ${limit}`;
  return typeof path === 'string' ? `could not open ${path}: ${limit}` : limit;
}
