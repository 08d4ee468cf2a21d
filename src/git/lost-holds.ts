// Holds this host wrote that a merge gave to the other side: the account was handed out here and
// on another host before either synced, and the other host's hand-out was published first
// (src/account-merge.ts keeps the published side's). This host's scanner may still be using the
// account, and its accounts file still lists it: the host must be told, by instance and username
// (never a password). The merge driver finds them, one per account, and prints each on a line
// of its own (git passes a driver's stderr on); `sync` gathers them into its report, and `sync`
// and `allocate --sync` tell them per instance.
import { isReservation, type Account } from '../model.js';
import { sameHold } from '../account-merge.js';

/** One account whose hold by `instance` (a hold this host's commit wrote) the merge did not keep. */
export interface LostHold {
  instance: string;
  username: string;
  /** Who holds it now (another host's instance); undefined: the other side gave it back. */
  holder?: string;
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
  return { instance: local.holder, username: local.username, ...(merged.holder !== undefined ? { holder: merged.holder } : {}) };
}

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
    return `lost lease: instance ${instance} no longer holds ${sorted.length} accounts another host ${how} (${shown}): ${then(instance)}`;
  });
}

/** What the operator does about an instance's lost holds (its scanner may still be using them). */
export function lostHoldAdvice(instance: string): string {
  return `its scanner may still be using them, and its accounts file lists them: give it others with \`accountpool allocate --sync --instance ${instance}\` (its usual options), then restart it (a \`serve\` client just asks again)`;
}
