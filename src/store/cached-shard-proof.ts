// When a shard kept parsed in a process (pool.ts `readShard`'s cache) may be reused on its stamp
// alone. A stamp (inode, size, mtime, ctime) hides a change made within one tick of the file
// system's clock after the bytes were read or written (1-4 ms on Linux without multigrain
// timestamps; 2 s on FAT), and a fold's stat after its rename stamps whatever is there by then: a
// hand edit in place between the two was remembered as the fold's own bytes, and a long-running
// process (serve, the watcher) read and wrote back its old copy for ever after (stop 62 K). So a
// kept shard also keeps the sha1 of the bytes it was made from; until its stamp is older than the
// file system's clock read before those bytes were checked, each reuse hashes the file once more.
// No probe of that clock is written for it: a process with no seal key leaves .cache as it was.
import { settled, type StatTimes } from './file-stamp.js';
import { settledByClock } from './fs-clock.js';
import type { BigIntStats } from 'node:fs';

export interface ShardProof {
  /** sha1 of the bytes the kept state was made from (shard-codec.ts `shardHash`). */
  sha1: string;
  /** The stamp can no longer hide a change: trusted alone from now on. */
  settled: boolean;
}

/**
 * Whether the stamp `info` can no longer hide a change of bytes read after `clock` (fs-clock.ts,
 * a reading taken before those bytes: the circle indexes' recent one, none written for this) or
 * after the wall clock's `checkedAt`, by RACY_MS (file-stamp.ts `settled`): where no reading is
 * at hand (a process that reads no circle index, a read-only pool), a stamp settles 2.5 s on.
 */
export function stampSettled(info: StatTimes & Pick<BigIntStats, 'dev'>, clock: string | undefined, checkedAt: number): boolean {
  return settledByClock(info, clock) || settled(info, checkedAt);
}
