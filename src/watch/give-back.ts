// Memory given back between two inbox files. A file is rare (a seller's mail a day) and its import
// at a million accounts touches a few hundred MB (the shards' line offsets, the change log's
// view, the commit's new files): once it is done nothing of it is kept (Pool.forgetWholeRead),
// but V8 collects garbage only when it next allocates, and an idle watcher allocates nothing: the
// garbage, and the pages it holds, stayed until the next file's import, on top of that import's
// own. A full collection once a file is done hands it back.
//
// Only when the heap in use grew by GROWN_BYTES since the last one: a full collection costs
// about what is alive, which in a small process is little, but a batch of hundreds of small
// files into a small pool would pay it for each file for nothing.
//
// The collection itself: collect-garbage.ts.
import { collectGarbage } from '../collect-garbage.js';

/** Growth of the heap in use since the last collection worth one (an import's buffers come with heap objects). */
const GROWN_BYTES = 16 * 1024 * 1024;

/** Heap in use after the last collection (none yet: the first is always made). */
let inUseAfter = -Infinity;

function inUse(): number {
  return process.memoryUsage().heapUsed;
}

/** collectGarbage, when the memory in use grew by GROWN_BYTES since the last one (or there was none). */
export function collectIfGrown(): void {
  if (inUse() - inUseAfter < GROWN_BYTES) return;
  collectGarbage();
  inUseAfter = inUse();
}
