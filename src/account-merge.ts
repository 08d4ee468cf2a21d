// One account changed on two sides since a common base, merged field by field. Used by git's merge
// driver for two hosts' versions of a shard (src/git/merge-accounts.ts) and by the store for a
// record in the change log whose shard line was edited by hand since (src/store/log-view.ts).
//
//   the hold    (allocated_at, holder, held_until)  → a hold the other side never saw, against
//                                                      that side's giving back; of two holds
//                                                      taken on the two sides, the published
//                                                      side's (`published`: the remote's) unless
//                                                      it is over beyond any clock difference and
//                                                      the other live (`clock`); else
//                                                      the newer allocation (allocated_at); with
//                                                      holds 'ours' the ours side
//   the verdict (state, state_at, available_at)     → the newer verdict (state_at), but a
//                                                      perm_banned from either side holds (the
//                                                      game lifts no permanent ban); and the rest
//                                                      (available_at) ends at the later of the two
//                                                      sides' ends: neither side saw the other's
//                                                      verdict, so a rest never ends early (stop 67)
//   the password → the side that changed it; changed to different values on both sides: the
//                  side whose replaced passwords (replaced-passwords.ts) name the other's, since a
//                  password is changed by its owner, not changed back (stop 66); else the newer
//                  record's (its latest state_at/allocated_at/added_at), and the other is
//                  reported as a conflict for the caller to record. The replaced passwords of both
//                  sides are kept (passwordsReplacedOf), never the one the account now has
//   any other field → the side that changed it; changed on both sides (stop 67, before which
//                  every one took the newer record's): the level → the higher (a trainer level
//                  only goes up; import lowers one only with --set-level); the device → the side
//                  whose hold was kept, if it handed the account out (a device is made at the
//                  first hand-out: the scanner using the account keeps its phone); added_at, seq
//                  and source, as a group → the earlier addition (where the account first came
//                  from); anything else (provider, a hand-written note) → the newer record's
// A group is taken whole, so an account never gets one side's holder with the other's held_until.
import type { Account } from './model.js';
import { replacedBy, REPLACED_FIELD, withMovedFingerprints } from './replaced-passwords.js';

export type HoldRule = 'newer' | 'ours';

export interface MergeOptions {
  holds: HoldRule;
  /**
   * The side already published (on the remote: other hosts may have seen it, and its holder's
   * scanner may be using the account), where the two sides are two hosts' commits. Of two holds
   * taken on the two sides before either host synced, it keeps its own: commit order decides,
   * never the clocks. Unset (one host's records: hand-edits.ts), the newer allocation does.
   */
  published?: 'ours' | 'theirs';
  /**
   * When the merge runs, on this host's clock (`now`, ms), and the widest difference between two
   * hosts' clocks that holds are timed for (`apart`, ms: clock-sightings.ts CLOCKS_APART_MAX_MS).
   * With it, a published hold over by more than `apart` no longer beats this host's live one
   * (`standingHold`). Unset: the published hold stands whatever its end.
   */
  clock?: { now: number; apart: number };
}

/** Two different passwords set on both sides: which one was kept, and the other. */
export interface PasswordConflict {
  username: string;
  kept: 'ours' | 'theirs';
  /** The password that was NOT kept (for the conflict log only; never printed). */
  other: string;
}

const HOLD = ['allocated_at', 'holder', 'held_until'] as const;
const VERDICT = ['state', 'state_at', 'available_at'] as const;
/** When and from where the account first came: one side's, whole (an added_at with the other side's seq would be neither). */
const ADDED = ['added_at', 'seq', 'source'] as const;
const GROUPED = new Set<string>(['username', 'password', REPLACED_FIELD, ...HOLD, ...VERDICT, ...ADDED]);

type Fields = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Fields)[k])]));
}

/**
 * Times compare by instant; a missing time is older than any. Positive when `a` is newer. As text
 * only where both have toISOString's one length: a side's `10:00:00Z` (no fraction, as a hand or
 * another tool writes it) sorted after `10:00:00.500Z`, and the older record won the merge.
 */
function compareTimes(a: unknown, b: unknown): number {
  const x = typeof a === 'string' ? a : '';
  const y = typeof b === 'string' ? b : '';
  if (x.length !== y.length && x !== '' && y !== '') {
    const [p, q] = [Date.parse(x), Date.parse(y)];
    if (!Number.isNaN(p) && !Number.isNaN(q) && p !== q) return p < q ? -1 : 1;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

/** When a record last changed in a way we can date. */
function recordTime(account: Fields): string {
  return [account.state_at, account.allocated_at, account.added_at].filter((t): t is string => typeof t === 'string').reduce((latest, t) => (compareTimes(t, latest) > 0 ? t : latest), '');
}

/** Positive when theirs is the newer record; ties go to ours. */
function newerRecord(ours: Fields, theirs: Fields): 'ours' | 'theirs' {
  return compareTimes(recordTime(theirs), recordTime(ours)) > 0 ? 'theirs' : 'ours';
}

function changed(base: Fields | undefined, side: Fields, fields: readonly string[]): boolean {
  return fields.some((f) => !same(base?.[f], side[f]));
}

/** Which side's group wins when both changed it differently. */
function groupWinner(group: typeof HOLD | typeof VERDICT, base: Fields | undefined, ours: Fields, theirs: Fields, options: MergeOptions): 'ours' | 'theirs' {
  if (group === HOLD) {
    if (options.holds === 'ours') return 'ours';
    // A release ends the holds its side saw, never one taken since on the other side: `serve`
    // moves a live release's allocated_at to the release's time (server/holds.ts endHold), so by
    // the newer allocation a host whose scanner gave up an account that another host had leased
    // meanwhile, not having heard of that lease, would erase it while its scanner uses the account.
    // Until stop 47 the lease was kept only when it ended after the release's time: a release
    // dated by a clock ahead by more than the lease had left erased it all the same.
    if (unseenHold(theirs, ours, base)) return 'theirs';
    if (unseenHold(ours, theirs, base)) return 'ours';
    // Two hand-outs of the account (or one, and the other side's lease kept alive) before either
    // host synced: each scanner got it. The one published first stands, as `allocate --sync`'s
    // publish already rules; the host replaying its own later commit loses its hold and is told
    // (src/git/lost-holds.ts). By the newer allocated_at (until stop 48) a clock a few minutes
    // ahead won a hand-out made before the other, dropping a lease its scanner was using.
    if (options.published && ours.holder !== undefined && theirs.holder !== undefined && !sameHold(ours, theirs)) return standingHold(options.published, ours, theirs, options.clock);
    // Both given back (only the circle's order is at stake), one hold run on by both sides, or one
    // host's records: the newer allocation; the same hold, the later lease end; then ours.
    return (compareTimes(theirs.allocated_at, ours.allocated_at) || compareTimes(theirs.held_until, ours.held_until)) > 0 ? 'theirs' : 'ours';
  }
  // A permanent ban is never lifted by the game: a verdict the other side gave without having seen
  // it (a login that went through before the ban, a scanner's late report) does not bring the account back.
  const [oBanned, tBanned] = [ours.state === 'perm_banned', theirs.state === 'perm_banned'];
  if (oBanned !== tBanned) return oBanned ? 'ours' : 'theirs';
  // Same verdict time (a check error only moves available_at): the later end of the rest, then ours.
  return (compareTimes(theirs.state_at, ours.state_at) || compareTimes(theirs.available_at, ours.available_at)) > 0 ? 'theirs' : 'ours';
}

/**
 * Of two hand-outs, the published side's, unless its lease is over on every clock the hosts may
 * have while the other side's (this host's own, timed by the clock the merge runs on) is not: its
 * held_until more than `apart` before now. The account is then free on every host (clock-sightings.ts
 * moves no hold more than `apart` past its held_until), so keeping that hold would only tell this
 * host's scanner to drop an account no one else holds, and leave it free for a third host while
 * that scanner still uses it. A hold over by less is kept: the merge runs before the sync compares
 * the clocks, so a clock ahead here by up to two days (named only after the merge) could judge a
 * lease over while its holder's scanner uses it: never two holders of a live lease.
 */
function standingHold(published: 'ours' | 'theirs', ours: Fields, theirs: Fields, clock: MergeOptions['clock']): 'ours' | 'theirs' {
  if (!clock) return published;
  const [kept, other] = published === 'ours' ? [ours, theirs] : [theirs, ours];
  const keptEnd = Date.parse(String(kept.held_until));
  const otherEnd = Date.parse(String(other.held_until));
  const over = Number.isFinite(keptEnd) && keptEnd + clock.apart < clock.now;
  const live = Number.isFinite(otherEnd) && otherEnd > clock.now;
  return over && live ? (published === 'ours' ? 'theirs' : 'ours') : published;
}

/**
 * Whether `held` holds the account by a hold that `freed`, which holds it not, never saw. All a
 * side can have seen of the other's holds is the base's: a hold of another holder, or taken again
 * (another allocated_at), was taken after the two sides parted, so no release on `freed`'s side
 * ended it. Only where, and by whom, it was taken decide; no clock does. The hold kept ends as
 * any other: at its held_until, as its holder's host wrote it.
 */
function unseenHold(held: Fields, freed: Fields, base: Fields | undefined): boolean {
  if (held.holder === undefined || freed.holder !== undefined) return false;
  return base?.holder !== held.holder || !same(base.allocated_at, held.allocated_at);
}

/** One hold, however far each side ran it (a `serve` update moves only held_until): same holder, same hand-out. */
export function sameHold(a: Fields | Account, b: Fields | Account): boolean {
  return a.holder === b.holder && a.allocated_at === b.allocated_at;
}

/** Which side's value of `field` (not grouped) is kept when both sides set it differently. */
function otherFieldWinner(field: string, base: Fields | undefined, ours: Fields, theirs: Fields, holdWinner: 'ours' | 'theirs'): 'ours' | 'theirs' {
  if (field === 'level' && typeof ours.level === 'number' && typeof theirs.level === 'number') return theirs.level > ours.level ? 'theirs' : 'ours';
  if (field === 'device' && changed(base, holdWinner === 'ours' ? ours : theirs, HOLD)) return holdWinner;
  return newerRecord(ours, theirs);
}

/** One account changed on both sides (or added on both): field by field, as the top of this file says. */
export function mergeRecord(base: Account | undefined, ours: Account, theirs: Account, options: MergeOptions): { account: Account; conflict?: PasswordConflict } {
  const b = base as Fields | undefined;
  const o = ours as Fields;
  const t = theirs as Fields;
  const merged: Fields = {};
  const take = (fields: readonly string[], from: Fields) => {
    for (const f of fields) merged[f] = from[f];
  };
  const pick = (fields: readonly string[], tie: () => 'ours' | 'theirs') => {
    const oChanged = changed(b, o, fields);
    const tChanged = changed(b, t, fields);
    const winner = !tChanged ? 'ours' : !oChanged ? 'theirs' : fields.every((f) => same(o[f], t[f])) ? 'ours' : tie();
    take(fields, winner === 'ours' ? o : t);
    return { winner, both: oChanged && tChanged && !fields.every((f) => same(o[f], t[f])) };
  };

  const hold = pick(HOLD, () => groupWinner(HOLD, b, o, t, options));
  const verdict = pick(VERDICT, () => groupWinner(VERDICT, b, o, t, options));
  // Each side rested the account for what it saw and the other did not: the later end holds, so a
  // warn or temp ban on one host is not ended early by an older rest, a check error or an `ok` the
  // other gave without knowing of it. A retired state needs no end (availability.ts reads the state).
  // Only a rest the other side set itself: one it kept from the base, which the winner ended on
  // purpose (`mark --verdict ok`), is no news to it (stop 67's review).
  if (verdict.both) {
    const other = verdict.winner === 'ours' ? t : o;
    if (!same(b?.available_at, other.available_at) && compareTimes(other.available_at, merged.available_at) > 0) merged.available_at = other.available_at;
  }
  // A side that replaced the other's password holds the newer one: no conflict to report.
  const replacedOn = replacedBy(ours, theirs.password) ? 'ours' : replacedBy(theirs, ours.password) ? 'theirs' : undefined;
  const password = pick(['password'], () => replacedOn ?? newerRecord(o, t));
  pick([REPLACED_FIELD], () => password.winner);
  const others = new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(b ?? {})].filter((f) => !GROUPED.has(f)));
  pick(ADDED, () => (compareTimes(t.added_at, o.added_at) < 0 ? 'theirs' : 'ours'));
  for (const field of others) pick([field], () => otherFieldWinner(field, b, o, t, hold.winner));

  // Ours spells the username unless only theirs changed it (the key is the same either way).
  let account = { username: ours.username, ...merged } as Account;
  for (const key of Object.keys(account)) if (account[key] === undefined) delete account[key];
  // The other side's replaced passwords too: either may be dropped again on this host.
  account = withMovedFingerprints(account, (password.winner === 'ours' ? t : o)[REPLACED_FIELD]);
  if (!password.both || replacedOn) return { account };
  return { account, conflict: { username: ours.username, kept: password.winner, other: (password.winner === 'ours' ? t : o).password as string } };
}
