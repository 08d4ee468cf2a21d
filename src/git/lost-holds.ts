// Holds this host wrote that a merge gave to the other side: the account was handed out here and
// on another host before either synced, and the other host's hand-out was published first
// (src/account-merge.ts keeps the published side's). This host's scanner may still be using the
// account, and its accounts file still lists it: the host must be told, by instance and username
// (never a password). The merge driver finds them, one per account, and prints each on a line
// of its own (git passes a driver's stderr on); `sync` gathers them into its report, and `sync`
// and `allocate --sync` tell them per instance.
import { isReservation, keyOf, type Account } from '../model.js';
import { sameHold } from '../account-merge.js';
import { decodeShard } from '../store/shard-codec.js';
import { blobText } from './blob-read.js';
import { isAbsolute } from 'node:path';
import { shellWord } from '../shell-word.js';
import { counted } from '../counted-noun.js';

/** One account whose hold by `instance` (a hold this host's commit wrote) the merge did not keep. */
export interface LostHold {
  instance: string;
  username: string;
  /** Who holds it now (another host's instance); undefined: the other side gave it back. */
  holder?: string;
  /** The shard file (as git named it to the driver) and the lost hold's hand-out: to look it up at this host's HEAD. */
  file?: string;
  allocated_at?: string;
  /**
   * When the merge that took it ran (the driver's clock: the time \`sync\` gave it, else this
   * machine's): the record's "since", not the time a hook or a later sync got to record it (a merge
   * finished by \`git commit\` an hour after it stopped, a hook waiting on the pool lock).
   */
  at?: string;
}

/** How the merge driver's line of a lost hold begins; a JSON object follows (sync.ts reads it back). */
export const LOST_HOLD_PREFIX = 'accountpool merge-driver: lost lease: ';

/**
 * What the merge of one account took from the unpublished side (`local`): a hold that side wrote
 * (its hold differs from the base's) and that the merged account no longer has. A reservation
 * for checking is no scanner's: allocate's own final transaction finds a reservation lost.
 */
export function lostHold(base: Account | undefined, local: Account, merged: Account): LostHold | undefined {
  if (local.holder === undefined || isReservation(local.holder)) return undefined;
  if (base && sameHold(base, local) && base.held_until === local.held_until) return undefined; // not this side's doing
  if (sameHold(local, merged)) return undefined;
  return { instance: local.holder, username: local.username, ...(merged.holder !== undefined ? { holder: merged.holder } : {}), ...(local.allocated_at !== undefined ? { allocated_at: local.allocated_at } : {}) };
}

/**
 * The lost holds that `head` (this host's commits before the sync replayed them) still has: a
 * hold its later commit gave back (a `serve` scanner's release) was lost by no scanner using it.
 * The driver sees each commit on its own, so only here is the last word of this host's known.
 * With `lostAlready`, also one `head` holds as lost already (see below).
 */
export async function stillHeldAt(dir: string, head: string, lost: readonly LostHold[], lostAlready = false): Promise<LostHold[]> {
  const byFile = new Map<string, LostHold[]>();
  for (const l of lost) if (l.file !== undefined) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  // One file at a time, only its lost accounts kept: every file's accounts held until the end were
  // ~1,000,000 accounts decoded at once where a pull lost holds in 60 of 64 shards (482-506 MB at
  // 1,000,000 accounts, docs/scale-log.md stop 53 Y).
  const at = new Map<string, Map<string, Account>>();
  for (const [file, holds] of byFile) {
    const accounts = await lostAccountsAt(dir, head, file, holds);
    if (accounts) at.set(file, accounts);
  }
  return lost.filter((l) => {
    const accounts = l.file === undefined ? undefined : at.get(l.file);
    const account = accounts?.get(keyOf(l.username));
    if (!accounts || (account?.holder === l.instance && account.allocated_at === l.allocated_at)) return true;
    // `lostAlready`: the lines of an earlier git too (hand-run-losses.ts: a cherry-pick runs no
    // hook), whose loss `head` holds already: the account held by the other host it names.
    return lostAlready && l.holder !== undefined && account?.holder === l.holder;
  });
}

/** The accounts of `holds` in shard file `file` at `head`, by key (those it lacks absent); undefined when `head` has no such file (a layout it does not have: a replay across a reshard). */
async function lostAccountsAt(dir: string, head: string, file: string, holds: readonly LostHold[]): Promise<Map<string, Account> | undefined> {
  const text = await blobText(dir, head, file, OWN_SHARD_BOUND).catch(() => undefined);
  if (text === undefined) return undefined;
  const wanted = new Set(holds.map((l) => keyOf(l.username)));
  const name = file.match(/([^/]+)\.yaml$/)?.[1] ?? file;
  const found = new Map<string, Account>();
  for (const account of decodeShard(name, `${file} at ${head.slice(0, 12)}`, text).accounts) {
    const key = keyOf(account.username);
    if (wanted.has(key)) found.set(key, account);
  }
  return found;
}

/** This host's own shard file: bounded only against a runaway read. */
const OWN_SHARD_BOUND = 1 << 30;

export function lostHoldLine(lost: LostHold): string {
  return `${LOST_HOLD_PREFIX}${JSON.stringify(lost)}`;
}

/** The lost holds among a git command's stderr lines (the driver's), each once. */
export function lostHoldsIn(lines: readonly string[]): LostHold[] {
  const found = new Map<string, LostHold>();
  for (const line of lines) {
    if (!line.startsWith(LOST_HOLD_PREFIX)) continue;
    try {
      const lost = JSON.parse(line.slice(LOST_HOLD_PREFIX.length)) as LostHold;
      if (typeof lost.instance === 'string' && typeof lost.username === 'string') found.set(`${lost.instance}\n${lost.username}`, lost);
    } catch {
      // not the driver's line after all
    }
  }
  return [...found.values()];
}

/** `found` added to `into`, each account of an instance once (a sync may rebase again after a lost push race). */
export function addLost(into: LostHold[], found: readonly LostHold[]): void {
  for (const lost of found) if (!into.some((l) => l.instance === lost.instance && l.username === lost.username)) into.push(lost);
}

const SHOWN = 20;

/**
 * One line per instance: which accounts it no longer holds, and `then` (what to do, or what the
 * command does about it).
 */
export function describeLostHolds(lost: readonly LostHold[], then: (instance: string) => string): string[] {
  const byInstance = new Map<string, LostHold[]>();
  for (const l of lost) byInstance.set(l.instance, [...(byInstance.get(l.instance) ?? []), l]);
  return [...byInstance].map(([instance, holds]) => {
    const sorted = holds.map((l) => l.username).sort();
    const shown = sorted.slice(0, SHOWN).join(', ') + (sorted.length > SHOWN ? `, and ${sorted.length - SHOWN} more` : '');
    // A hold the other side ended (an `accountpool release` there) is lost too, to no one.
    const how = holds.every((l) => l.holder !== undefined) ? 'handed out first' : 'handed out or gave back first';
    return `lost lease: instance ${instance} no longer holds ${counted(sorted.length, 'account')} another host ${how} (${shown}): ${then(instance)}`;
  });
}

/** An instance's accounts file and the command that writes it again (last-allocations.ts), where this host recorded its last allocate. */
export interface Refresh {
  file: string;
  command: string;
}

/**
 * What the operator does about an instance's lost holds (its scanner may still be using them).
 * The accounts file a plain `allocate` wrote still lists them until `allocate --sync` rewrites it:
 * with this host's record of the instance's last allocate (`refresh`), that file and the exact
 * command; else an instance named by default is that file's absolute path, so the file is named
 * and the command but its count; a named instance's file is the one its last allocate was given.
 */
export function lostHoldAdvice(instance: string, refresh?: Refresh): string {
  if (refresh) return `its scanner may still be using them, and its accounts file ${refresh.file} (its last allocate here) still lists them: refresh it with \`${refresh.command}\`, then restart the scanner`;
  const file = isAbsolute(instance) ? instance : undefined;
  const command = file ? `accountpool allocate --sync --accountcsv ${shellWord(file)} --count N` : `accountpool allocate --sync --instance ${shellWord(instance)} --accountcsv FILE --count N`;
  const listed = file ? `its accounts file ${file} still lists them` : `the accounts file its last \`allocate --instance ${instance}\` wrote (FILE) still lists them`;
  return `its scanner may still be using them, and ${listed}: refresh it with \`${command}\` (N and its other options as it was last allocated), then restart the scanner (a \`serve\` client just asks again)`;
}
