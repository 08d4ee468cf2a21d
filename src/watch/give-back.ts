// Memory given back between two inbox files. A file is rare (a seller's mail a day) and its import
// at a million accounts touches a few hundred MB (the shards' line offsets, the change log's
// view, the commit's new files): once it is done nothing of it is kept (Pool.forgetWholeRead),
// but V8 collects garbage only when it next allocates, and an idle watcher allocates nothing: the
// garbage, and the pages it holds, stayed until the next file's import, on top of that import's
// own. One full collection once a file is done hands it back.
//
// Node offers `gc` only to a process started with --expose-gc, which a watcher run by systemd or
// pm2 through bin/accountpool.js is not: the flag can be set at run time, and a context made
// after that has `gc` (V8's own flag, see node's test/parallel/test-v8-flags.js).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** A full garbage collection now, where V8 lets one be asked for (else nothing). */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
