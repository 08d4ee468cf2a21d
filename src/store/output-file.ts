// A file written for the user outside the pool (`export --out`): atomically, like every file we
// write, through a temp file beside it. A process killed (SIGKILL, a power cut) between making the
// temp and renaming it leaves that temp behind, full of passwords, in a folder that is not ours to
// tidy as a whole. So the temp is named by its writer (PID, start time, place: lock-owner.ts) and
// the next write of the same file removes the temps of writers that are dead for certain; a temp
// whose writer still runs, or cannot be looked at from here, is left alone.
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from './atomic-write.js';
import { identityTag, livenessOfTag } from './lock-owner.js';

const TEMP_TAG = 'out';

/** `.NAME.out-PID-START-PLACE-RANDOM.tmp` beside `target`. */
export function outputTempPath(target: string, tag = identityTag() ?? `${process.pid}-0-unknown`): string {
  return join(dirname(target), `.${basename(target)}.${TEMP_TAG}-${tag}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Removes the temps of `target` left by writers that are dead; returns how many. */
export async function removeDeadTemps(target: string): Promise<number> {
  const prefix = `.${basename(target)}.${TEMP_TAG}-`;
  const entries = await readdir(dirname(target)).catch(() => [] as string[]);
  let removed = 0;
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const tag = entry.slice(prefix.length, -'.tmp'.length).replace(/-[0-9a-f]{8}$/, '');
    if (livenessOfTag(tag) !== 'dead') continue;
    if (await unlink(join(dirname(target), entry)).then(() => true, () => false)) removed++;
  }
  return removed;
}

/** Writes `target` atomically (mode `mode`), first removing what killed writers of it left. */
export async function writeOutputFile(target: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await removeDeadTemps(target);
  await writeFileAtomic(target, data, mode, { temp: outputTempPath(target) });
}
