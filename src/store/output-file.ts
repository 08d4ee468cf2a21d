// Files written for the user outside the pool (`export --out`, allocate's accounts file):
// atomically, like every file we write, through a temp file beside them. A process killed
// (SIGKILL, a power cut) between making the temp and renaming it leaves that temp behind, full of
// passwords, in a folder that is not ours to tidy as a whole. So the next write of the same file
// removes the temps of that file whose writer is dead for certain; one whose writer still runs,
// or cannot be looked at from here, is left alone.
import { readdirSync, unlinkSync } from 'node:fs';
import { lstat, readlink, realpath } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { refuseOddTarget, writeFileAtomic } from './atomic-write.js';
import { identityTag, isValidPid, livenessOfTag, pidExists } from './lock-owner.js';

const EXPORT_TAG = 'out';

/** export's temp: `.NAME.out-PID-START-PLACE-RANDOM.tmp`, named by its writer (lock-owner.ts). */
export function outputTempPath(target: string, tag = identityTag() ?? `${process.pid}-0-unknown`): string {
  return join(dirname(target), `.${basename(target)}.${EXPORT_TAG}-${tag}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Whether the writer a temp's name holds (after `.NAME.TAG-`) is dead for certain. */
type DeadWriter = (rest: string) => boolean;

/** export's temps: PID, start time and place, so a reused PID is no writer of ours. */
const deadByIdentity: DeadWriter = (rest) => livenessOfTag(rest.replace(/-[0-9a-f]{8}$/, '')) === 'dead';

/**
 * A transaction's temps (`.NAME.tx-PID-RANDOM-N.tmp`, atomic-write.ts): by PID alone. Swept only
 * under the pool lock once an interrupted commit was finished, so no journal still needs one.
 */
const deadByPid: DeadWriter = (rest) => {
  const pid = Number(/^(\d{1,10})-[0-9a-f]{8}-\d+$/.exec(rest)?.[1]);
  return isValidPid(pid) && !pidExists(pid);
};

/** Removes the temps of `target` with `tag` whose writers are dead; returns how many. Synchronous: one small folder. */
function removeDeadTemps(target: string, tag: string, dead: DeadWriter): number {
  const prefix = `.${basename(target)}.${tag}-`;
  let entries: string[];
  try {
    entries = readdirSync(dirname(target));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp') || !dead(entry.slice(prefix.length, -'.tmp'.length))) continue;
    try {
      unlinkSync(join(dirname(target), entry));
      removed++;
    } catch {
      // gone meanwhile, or not ours to remove: left as it is
    }
  }
  return removed;
}

/**
 * The file a path given for such a file names: where it is a symbolic link, the file it leads
 * to. An operator who links the scanner's accounts.csv from elsewhere means the scanner's file;
 * the atomic rename onto the link would replace the link by a file of our own, and the scanner
 * would go on reading its old accounts, since released and handed to another instance. A link
 * to nothing is refused, naming it: where it meant to lead cannot be told; so is a link to
 * anything but a regular file (a device, a FIFO), named as the operator gave it.
 */
export async function outputTarget(path: string): Promise<string> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isSymbolicLink()) return path;
  await refuseOddTarget(path);
  try {
    return await realpath(path);
  } catch (error) {
    const to = await readlink(path).catch(() => '?');
    throw new AppError(`${path} is a symbolic link to ${to}, which cannot be reached (${(error as NodeJS.ErrnoException).code ?? 'error'}): give the path of the file itself`);
  }
}

/** Writes `target` atomically (mode `mode`), first removing what killed exports of it left. */
export async function writeOutputFile(target: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  removeDeadTemps(target, EXPORT_TAG, deadByIdentity);
  await writeFileAtomic(target, data, mode, { temp: outputTempPath(target) });
}

/** In a transaction that writes `target` (under the lock, after recovery): what killed transactions left of it. */
export function removeDeadTransactionTemps(target: string): number {
  return removeDeadTemps(target, 'tx', deadByPid);
}
