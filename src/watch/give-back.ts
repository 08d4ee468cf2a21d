// Memory given back between two inbox files. A file is rare (a seller's mail a day) and its import
// at a million accounts touches a few hundred MB (the shards' line offsets, the change log's
// view, the commit's new files): once it is done nothing of it is kept (Pool.forgetWholeRead),
// but V8 collects garbage only when it next allocates, and an idle watcher allocates nothing: the
// garbage, and the pages it holds, stayed until the next file's import, on top of that import's
// own. A full collection once a file is done hands it back.
//
// Only when the memory in use grew by GROWN_BYTES since the last one: a full collection costs
// about what is alive, which in a small process is little, but a batch of hundreds of small
// files into a small pool would pay it for each file for nothing. The rule and its measure (the
// heap in use and the array buffers) are collect-garbage.ts' growthCollector, as every command's.

import { growthCollector } from '../collect-garbage.js';

/** collectGarbage once the memory in use grew by GROWN_BYTES since the last one (a process's first is always made). */
export const collectIfGrown: () => void = growthCollector(-Infinity);
