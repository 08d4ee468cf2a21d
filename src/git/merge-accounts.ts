// The three-way merge of one shard's accounts: what git's merge driver decides, account by account.
//
//   added on one side                 → kept
//   removed on one side, untouched on the other → removed (only `verify --fix` moves accounts
//                                        between shards); removed but changed on the other side
//                                        → kept, so no change is lost (`verify` then reports the
//                                        account in two shards)
//   changed on one side               → that side
//   changed on both sides             → field by field (src/account-merge.ts: the hold, the verdict,
//                                        the password, the other fields)
//
// Holds 'ours': during `git rebase` the %A ("ours") side is the remote branch, which other hosts
// have already seen. `allocate --sync` rebases in this mode after losing a push race, so a hold
// already published always beats one that is not, whatever the clocks say; the loser then sees
// its accounts gone and allocates again (src/git/allocate-sync.ts). In any mode, of two holds
// taken on the two sides the published side's is kept (`published`: %A in a rebase, %B in a
// merge), and the other side's holds that were not kept are returned as `lost` (lost-holds.ts).
import { keyOf, type Account } from '../model.js';
import { mergeRecord, type MergeOptions, type PasswordConflict } from '../account-merge.js';
import { compareAccountKeys, encodeAccountLine } from '../store/shard-codec.js';
import { lostHold, type LostHold } from './lost-holds.js';

export type { HoldRule, MergeOptions, PasswordConflict } from '../account-merge.js';

export interface MergeResult {
  /** In shard order (by lower-cased username). */
  accounts: Account[];
  conflicts: PasswordConflict[];
  /** Holds the unpublished side wrote that the merge gave to the published side's (only with `published` set). */
  lost: LostHold[];
}

/** The merged accounts of one shard from its base, ours (%A) and theirs (%B) versions. */
export function mergeAccounts(base: readonly Account[], ours: readonly Account[], theirs: readonly Account[], options: MergeOptions): MergeResult {
  const byKey = (list: readonly Account[]) => new Map(list.map((a) => [keyOf(a.username), a]));
  const b = byKey(base);
  const o = byKey(ours);
  const t = byKey(theirs);
  const accounts: Account[] = [];
  const conflicts: PasswordConflict[] = [];
  const lost: LostHold[] = [];
  const unchanged = (x: Account | undefined, y: Account | undefined) => x !== undefined && y !== undefined && encodeAccountLine(x) === encodeAccountLine(y);

  for (const key of new Set([...o.keys(), ...t.keys()])) {
    const ours = o.get(key);
    const theirs = t.get(key);
    const was = b.get(key);
    if (ours && theirs) {
      if (unchanged(ours, theirs) || unchanged(was, theirs)) accounts.push(ours);
      else if (unchanged(was, ours)) accounts.push(theirs);
      else {
        const { account, conflict } = mergeRecord(was, ours, theirs, options);
        accounts.push(account);
        if (conflict) conflicts.push(conflict);
        const lostHere = options.published && lostHold(was, options.published === 'ours' ? theirs : ours, account);
        if (lostHere) lost.push(lostHere);
      }
    } else {
      // On one side only: added there, or removed on the other side.
      const present = (ours ?? theirs)!;
      if (!was || !unchanged(was, present)) accounts.push(present);
    }
  }
  accounts.sort((x, y) => compareAccountKeys(keyOf(x.username), keyOf(y.username)));
  return { accounts, conflicts, lost };
}
