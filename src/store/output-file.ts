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
import { refuseOddTarget, writeFileAtomic, type MadeBytes } from './atomic-write.js';
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
  await refuseForeignLinks(path);
  await refuseOddTarget(path);
  try {
    return await realpath(path);
  } catch (error) {
    const to = await readlink(path).catch(() => '?');
    throw new AppError(`${path} is a symbolic link to ${to}, which cannot be reached (${(error as NodeJS.ErrnoException).code ?? 'error'}): give the path of the file itself`);
  }
}

/**
 * Refuses a path that leads through a link another user made in a sticky folder every user may
 * write to (`/tmp`), which the kernel itself does not follow (fs.protected_symlinks, on in every
 * distribution): resolved here by hand, such a link let another local user turn the scanner's
 * accounts file into any file the operator may write (overwritten with accounts) or into a folder
 * of theirs (with `--file-mode 0640` and their setgid folder, the passwords theirs to read). The
 * kernel's rule, whatever the setting says: followed outside such a folder, or when the link is
 * the user's own or the folder owner's. Outside such folders, a link another user (not root) made
 * is refused too (below). Every link on the way is judged, as the kernel walks them.
 */
async function refuseForeignLinks(path: string): Promise<void> {
  const me = process.geteuid?.();
  let pending = path.split('/').filter((part) => part !== '');
  let at = '/';
  for (let hops = 0; pending.length > 0; ) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      at = dirname(at);
      continue;
    }
    const next = join(at, part);
    const info = await lstat(next).catch(() => undefined);
    if (!info?.isSymbolicLink()) {
      at = next;
      continue;
    }
    if (++hops > 40) return; // a loop: realpath names it
    const folder = await lstat(at);
    const sticky = (folder.mode & 0o1002) === 0o1002;
    if (sticky && info.uid !== me && info.uid !== folder.uid) {
      throw new AppError(`${path} leads through ${next}, a symbolic link user ${info.uid} made in ${at}, a sticky folder every user may write to: not followed (the kernel follows no such link either), since whoever made it chooses which file gets the accounts; give the path of the file itself`);
    }
    // Outside such a folder the kernel follows any link, but the rename replaces the file it leads
    // to: another user's link (in their own folder, an operator's `--accountcsv` pointed there)
    // chose which of the operator's files is replaced by the accounts (root's /etc/… as easily).
    // Followed only where the operator or root made it (or, as above, the sticky folder's owner).
    if (!sticky && me !== undefined && info.uid !== me && info.uid !== 0) {
      throw new AppError(`${path} leads through ${next}, a symbolic link user ${info.uid} made (not you, user ${me}, nor root): not followed, since whoever made it chooses which of your files is replaced by the accounts; give the path of the file itself`);
    }
    const to = await readlink(next);
    if (to.startsWith('/')) at = '/';
    pending = [...to.split('/').filter((p) => p !== ''), ...pending];
  }
}

/** Writes `target` atomically (mode `mode`), first removing what killed exports of it left. */
export async function writeOutputFile(target: string, data: MadeBytes, mode = 0o600): Promise<void> {
  removeDeadTemps(target, EXPORT_TAG, deadByIdentity);
  await writeFileAtomic(target, data, mode, { temp: outputTempPath(target) });
}

/** In a transaction that writes `target` (under the lock, after recovery): what killed transactions left of it. */
export function removeDeadTransactionTemps(target: string): number {
  return removeDeadTemps(target, 'tx', deadByPid);
}
