// A folder copied whole by coreutils' `cp -a`, started by the worker's spawner (spawner.ts), for
// the git tests' templates and kept states (test/git/helpers.ts), which hold several clones and a
// bare remote: ~700-1,000 small files (a git clone's .git is most of them).
//
// Node 20's fs.cp walks the tree in JavaScript, a stat, a copy, a chmod and (preserveTimestamps) a
// utimes per file, each a trip through libuv's thread pool: a sharedPool(2) copy (718 files) cost
// the worker ~0.5-0.66 s of CPU at load ~19, `cp -a` ~0.3 s with its own (stop 56 T,
// docs/scale-log.md). The copy is the same: every file, folder, mode and time (cp keeps times to
// the nanosecond, fs.cp to the millisecond: git compares the index's times, inode and ctime, which
// no copy keeps, so git re-reads the files either way); hard links are not kept
// (--no-preserve=links, as fs.cp: a test that damages an object of one clone damages no other);
// neither tree has symbolic links.
import { execFileVia } from './spawner.js';

/**
 * Copies the folder `from` to `to`: `to` is made when missing, or receives `from`'s contents when
 * it is an empty folder (-T: never `to/<name of from>`), as fs.cp(from, to, { recursive: true,
 * preserveTimestamps: true }) does. Rejects with cp's stderr.
 */
export function copyTree(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The copy's pools are each the test's own, not copies beside the template: where each was
    // recorded to live is forgotten (src/store/pool-place.ts), in the same spawned shell.
    execFileVia('sh', ['-c', 'cp -a --no-preserve=links -T -- "$1" "$2" && find "$2" -path "*/.cache/place.json" -delete', 'sh', from, to], {}, (error, _stdout, stderr) => (error ? reject(new Error(`cp -a ${from} ${to}: ${stderr || error.message}`)) : resolve()));
  });
}
