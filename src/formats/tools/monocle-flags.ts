// The keys Monocle and its forks keep in an account record (pickles/accounts.pickle, the text
// print_accounts.py prints from it, and the forks' `accounts` table by its `reason`), and what each
// means to the pool. Read in each tool's own accounts code:
//   Noctem/Monocle monocle/utils.py create_account_dict, monocle/worker.py update_accounts_dict,
//     remove_account, bench_account: `banned`, `captcha`, and the worker's state;
//   Barloklol/Monocle, mimikq/Monocle, ultrafunkamsterdam/Monocle monocle/worker.py
//     remove_account(warn=True): `warn`;
//   Hydro74000/Monocle (and RobTwoThree/Monocle-Hydro, xLeevo/Monocle, RaizeTheLimit/Monocle)
//     monocle/worker.py remove_account(flag=...) and monocle/accounts.py Account.to_account_dict /
//     from_account_dict: `banned`, `sbanned`, `warn`, `code3`, `credentials`, `unverified`,
//     `security`, `tempdisabled`, the counts `warn_count` / `code3_count` (worker.py: a third
//     warn or code 3 benches the account), `graduated` / `demoted` (moved between its level
//     pools, no verdict), `remove`, `instance`, `internal_id`, monocle/sb.py `sb_quarantine`;
//   RobTwoThree/Monocle-Level30 monocle/accounts.py: the same, `temp_disabled` spelled so;
//   KoertJanssens/pokeminer monocle/worker.py: `refresh` (a login token).
import type { State } from '../../model.js';

/** A record's key's value, or undefined. */
type Get = (key: string) => unknown;

/**
 * Each bench flag and its verdict, in the order the forks' Account.from_account_dict reads them
 * (the first set wins, as there). `banned` is the game's "account banned" reply, which Monocle
 * never tells temporary from permanent: temp_banned, and the check before its next use tells them
 * apart; code 3 and a login "temporarily disabled" rest the account too. A shadow ban hides the
 * rare Pokémon: blind. Wrong credentials, an e-mail never verified and a security lock all refuse
 * the login until the owner acts: invalid (as Pogo-Account-Checker's locked.txt and not_activated.txt).
 */
export const MONOCLE_FLAGS: ReadonlyMap<string, State> = new Map([
  ['banned', 'temp_banned'],
  ['sbanned', 'blind'],
  ['warn', 'warned'],
  ['code3', 'temp_banned'],
  ['credentials', 'invalid'],
  ['unverified', 'invalid'],
  ['security', 'invalid'],
  ['tempdisabled', 'temp_banned'],
  ['temp_disabled', 'temp_banned'],
]);

/** Read into the account itself (monocle-account.ts). */
const READ = ['username', 'password', 'provider', 'level', 'model', 'iOS', 'id', 'time', 'created', 'captcha'];

/** A fork's bookkeeping kept as a field of the account: nothing secret, and no verdict. */
const FIELDS = ['warn_count', 'code3_count', 'graduated', 'demoted', 'remove', 'instance'];

/**
 * The worker's own state, never kept: login tokens (`auth`, `refresh`, `expiry`), where it stood,
 * its bag, the game's asset timestamps, the shadow-ban detector's counters, the database row's id.
 */
const WORKER_STATE = ['auth', 'refresh', 'expiry', 'location', 'loc', 'items', 'inventory_timestamp', 'template_time', 'asset_time', 'sb_quarantine', 'gym_nothing_seen', 'internal_id'];

const KNOWN: ReadonlySet<string> = new Set([...READ, ...MONOCLE_FLAGS.keys(), ...FIELDS, ...WORKER_STATE]);

/** A key name that may be quoted in a message: a Python identifier of reasonable length. */
const SHOWABLE = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

/** A key no fork we read writes, but named as a verdict would be: never read as a clean account. */
const VERDICT_LIKE = /ban|warn|blind|shadow|suspend|lock|disabl|invalid|flag/i;

/** Python's truth of a value as it comes out of a pickle or a printed literal. */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  return true;
}

/** The verdict of the first bench flag set, as the forks read them. */
export function monocleVerdict(get: Get): State | undefined {
  for (const [flag, verdict] of MONOCLE_FLAGS) if (isSet(get(flag))) return verdict;
  return undefined;
}

/** The fork's bookkeeping this record holds, as fields of the account (numbers, booleans, short text). */
export function forkFields(get: Get): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of FIELDS) {
    const v = get(name);
    if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v !== '' && v.length <= 64)) fields[name] = v;
  }
  return fields;
}

/** The record's keys that no Monocle or fork we read writes (a record's key list, when the reader has one). */
export function unknownKeys(keys: Iterable<unknown>): string[] {
  const unknown: string[] = [];
  for (const key of keys) if (typeof key !== 'string' || !KNOWN.has(key)) unknown.push(typeof key === 'string' && SHOWABLE.test(key) ? key : '(a key not a plain name)');
  return unknown;
}

/** Why a record with an unknown key set that reads as a verdict cannot be taken as clean, or undefined. */
export function flagProblem(get: Get, keys: Iterable<unknown>): string | undefined {
  for (const key of keys) {
    if (typeof key !== 'string' || KNOWN.has(key) || !VERDICT_LIKE.test(key) || !isSet(get(key))) continue;
    const name = SHOWABLE.test(key) ? `"${key}"` : 'a key not a plain name';
    return `its ${name} is set, a flag no Monocle fork accountpool knows writes: which verdict it means is unsure, so the account is not taken as clean`;
  }
  return undefined;
}

/** The note a store with unknown keys gets: each key once, with how many accounts hold it. */
export function unknownKeysNote(counts: ReadonlyMap<string, number>): string[] {
  if (counts.size === 0) return [];
  const list = [...counts].slice(0, 12).map(([key, n]) => `"${key}" (${n} account${n === 1 ? '' : 's'})`);
  const more = counts.size > 12 ? `, and ${counts.size - 12} more` : '';
  return [`keys no Monocle version or fork accountpool knows writes, read past: ${list.join(', ')}${more}`];
}
