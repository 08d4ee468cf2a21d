// A logged record over a shard line edited by hand since it was logged (change-log.ts, "Base
// lines"). Readers apply the log's records over the shard files, and the fold writes them into
// the files: without this, an operator's fix of a password, level or state of an account in the
// log (every account allocated or released since the last fold) would be silently written over.
//
// The shard line as it was when the account was first logged is the base; the logged record and
// the shard line as it is now are two sides changed since, merged as git's merge driver merges
// two hosts' versions (src/account-merge.ts): a field changed on one side only takes that side, so
// a hand-fixed password is kept and the logged hold stays (never handed out twice); a group
// changed on both takes the newer (the hold by allocated_at, the verdict by state_at).
import type { Account } from '../model.js';
import { mergeRecord } from '../account-merge.js';
import { encodeAccountLine, parseTrustedLines } from './shard-codec.js';
import type { Snapshot } from './snapshot.js';

/** The canonical line of `username`'s account in `snapshot`, or undefined when it holds none. */
export function lineOf(snapshot: Snapshot, username: string): string | undefined {
  const at = snapshot.locate(username);
  if (!at) return undefined;
  const shard = snapshot.shards[at.shard]!;
  return shard.lineAt(at.index) ?? encodeAccountLine(shard.accountAt(at.index));
}

/**
 * What `record` (logged over the shard line `base`; undefined: no base, an entry of an older
 * version or an account not in the shards then) makes of the account given the shard files
 * `onDisk`: the record itself while the line is still the base, the merge once it was edited by
 * hand, undefined when the files already say it all. An account deleted by hand stays deleted
 * only if its record changed nothing; otherwise it is kept with the record, so no change is lost
 * (mergeAccounts' rule for removed on one side, changed on the other).
 */
export function overHandEdits(record: Account, base: string | undefined, onDisk: Snapshot, file: string): Account | undefined {
  if (base === undefined) return record;
  const current = lineOf(onDisk, record.username);
  if (current === base) return record;
  const logged = encodeAccountLine(record);
  if (current === undefined) return logged === base ? undefined : record;
  if (logged === base || logged === current) return undefined;
  const [was] = parseTrustedLines([base], 'log', file);
  return mergeRecord(was, record, onDisk.get(record.username)!, { holds: 'newer' }).account;
}
