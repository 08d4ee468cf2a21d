// The passwords an account had before, so that an older one is never taken back (stop 65 X).
// An operator drops fix.txt with a new password, then a newer fix or a seller's second reply; the
// first fix dropped again (a copy in the inbox, a mail client re-sending, the original dump
// re-dropped, a scanner posting the password its accounts file held before the change) gave the
// account its older password back, which the game no longer takes: the account went `invalid`
// and the newer password was gone from every record. An order of files cannot be told from their
// dates (a re-dropped file is new to the file system; a mail's Date is the sender's). What can be
// told is that the pool held this very password for this account and replaced it: a password is
// changed by its owner, not changed back. So every replacement keeps a fingerprint of the
// password replaced, and a password whose fingerprint the account keeps is not taken back.
//
// A fingerprint, never the password: sha256 over a label, the account's key and the password,
// its first 16 hex digits (64 bits: a false match between two passwords of one account is
// 1 in 2^64). Salted by the account, so no table over many accounts helps; the shard that holds it
// holds the current password in plain text anyway.
import { createHash } from 'node:crypto';
import { keyOf, type Account } from './model.js';

/** The model's field (model.ts FIELD_ORDER): the newest fingerprint first. */
export const REPLACED_FIELD = 'passwords_replaced';

/** How many replaced passwords an account remembers: a fix resent after eight newer ones is not expected. */
export const MOST_REMEMBERED = 8;

const FINGERPRINT = /^[0-9a-f]{16}$/;

export function passwordFingerprint(username: string, password: string): string {
  return createHash('sha256').update(`accountpool replaced password\0${keyOf(username)}\0${password}`).digest('hex').slice(0, 16);
}

/** The account's fingerprints as kept; a hand-edited value that is no list of them counts as none. */
function remembered(account: Account): string[] {
  return fingerprintsIn(account[REPLACED_FIELD]);
}

/** The fingerprints of a field's value: none where it is no list. */
function fingerprintsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && FINGERPRINT.test(v)) : [];
}

/**
 * Whether a value is a list of fingerprints and nothing else, at most MOST_REMEMBERED: what an
 * import of our export takes for the field (account-fields.ts). Anything else (a password typed
 * into the list by hand, a forged file) is left out, never written to a shard.
 */
export function isFingerprintList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.length <= MOST_REMEMBERED && fingerprintsIn(value).length === value.length;
}

/**
 * `next` (a copy of `account`, whose password it may have changed) also remembering the
 * fingerprints `moved` brings (another pool's export of the same account): both pools' replaced
 * passwords, this one's first, never the fingerprint of the password `next` now holds. The same
 * object where that adds nothing.
 */
export function withMovedFingerprints(next: Account, moved: unknown): Account {
  const brought = fingerprintsIn(moved);
  if (brought.length === 0) return next;
  const now = next.password === undefined ? undefined : passwordFingerprint(next.username, next.password);
  const own = remembered(next);
  const list = [...own, ...brought.filter((f) => !own.includes(f))].filter((f) => f !== now).slice(0, MOST_REMEMBERED);
  if (list.length === own.length && list.every((f, i) => f === own[i])) return next;
  return { ...next, [REPLACED_FIELD]: list };
}

/** Whether `password` is one this account had and had replaced: taking it would roll the account back. */
export function wasReplaced(account: Account, password: string): boolean {
  if (account.password === password) return false;
  const list = remembered(account);
  return list.length > 0 && list.includes(passwordFingerprint(account.username, password));
}

/** Whether `account` replaced `password` (a side of a merge whose list names the other side's password). */
export function replacedBy(account: Account, password: unknown): boolean {
  return typeof password === 'string' && wasReplaced(account, password);
}

/**
 * `next` (a copy of `account`) given `password`, remembering the one it replaces. The new
 * password's own fingerprint leaves the list (taken on purpose, it is the account's again).
 */
export function replacePassword(next: Account, account: Account, password: string): Account {
  if (account.password === password) return next;
  next.password = password;
  const gone = account.password === undefined ? [] : [passwordFingerprint(account.username, account.password)];
  const now = passwordFingerprint(account.username, password);
  const list = [...gone, ...remembered(account).filter((f) => f !== now && f !== gone[0])].slice(0, MOST_REMEMBERED);
  if (list.length > 0) next[REPLACED_FIELD] = list;
  else delete next[REPLACED_FIELD];
  return next;
}
