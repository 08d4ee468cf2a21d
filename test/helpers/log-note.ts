// The change log's segment note carried as its writer carries it, for tests of the pending-records
// file (pending-records.ts): a status takes the file only where the segment is vouched for.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LogDigests } from '../../src/store/log-digest.js';
import { Pool } from '../../src/store/pool.js';
import { changedNs, clockText, readFsClock } from '../../src/store/fs-clock.js';
import { waitFor } from './testdir.js';
import { readSealed } from './sealed-cache.js';

export const pendingRecordsFile = (dir: string) => join(dir, '.cache', 'pending-records.json');

/**
 * The segment's note carried over the appends since the file was made, as its writer does
 * (log-digest.ts `afterAppend`) once the file system's clock has passed the append's stamp: the
 * clock is waited for here (time stamps may be coarser than the writer's three probes), a
 * deadline-poll, not a sleep. Only where the segment is the one the file names, grown.
 */
export async function carryNote(dir: string): Promise<boolean> {
  const saved = await readSealed(pendingRecordsFile(dir)).catch(() => undefined);
  const segment = join(dir, '.changes.log');
  const info = await stat(segment, { bigint: true }).catch(() => undefined);
  const covered = saved?.segments[1];
  if (!info || !covered || String(info.ino) !== covered.inode || info.size < BigInt(covered.length)) return false;
  const logDir = join(dir, '.cache', 'log');
  let clock: string | undefined;
  await waitFor(() => {
    const now = readFsClock(join(logDir, 'clock'));
    clock = now && now.ns > changedNs(info) ? clockText(now) : undefined;
    return clock !== undefined;
  });
  new LogDigests(logDir).note(String(info.ino), info, clock, covered.length, covered.sha256);
  return true;
}


/**
 * A read of the pool, then another once the file system's clock has passed the log segment's
 * times: the second reader notes the segment it hashed (log-digest.ts `.seen`). A deadline on
 * the clock, not a sleep.
 */
export async function settledRead(dir: string, log: string): Promise<void> {
  await (await Pool.open(dir)).read();
  const probe = join(dir, '.cache', 'probe');
  const deadline = Date.now() + 5000;
  while ((readFsClock(probe)?.ns ?? 0n) <= changedNs(await stat(log, { bigint: true }))) if (Date.now() > deadline) throw new Error('the file system clock did not move');
  await (await Pool.open(dir)).read();
}
