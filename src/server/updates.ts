// What a scanner posts to /account/update and /account/release, checked, and what it does to an
// account. Pure functions: the handlers run them inside a store transaction.
//
// PGPool set every posted column as is. We map its health booleans onto our verdicts, each with
// the cool-down the pool config gives it:
//   banned: true → temp_banned,  shadowbanned: true → blind,  warn (or `warning`): true → warned
// A flag posted as false lifts that verdict (a scanner that logs in and sees no warning knows
// better than an old mark), but never a retired one (perm_banned, invalid: decided by a checker
// or the operator). `captcha`, `email`, positions, play statistics and any other field are kept
// on the account under their own names; `null` removes one, as PGPool's NULL did.
import { isProvider, MAX_USERNAME_LENGTH, type Account, type Provider, type State } from '../model.js';
import type { Config } from '../config.js';
import { isRetired } from '../availability.js';
import { applyVerdict } from '../verdicts.js';
import { badRequest } from './http.js';
import { RESERVED_FIELDS, LAST_UPDATE } from './pgpool-account.js';

/** A list of more updates than this in one post is refused (a few thousand accounts is a big scanner). */
export const MAX_UPDATES_PER_POST = 10_000;
const MAX_TEXT = 1000;
const EXTRA_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export interface AccountUpdate {
  username: string;
  /** The posted `system_id`: a name, or undefined when absent or null (null never releases on update). */
  systemId: string | undefined;
  password?: string;
  provider?: Provider;
  level?: number;
  /** Health flags as posted: true, false, or undefined when not said. */
  banned?: boolean;
  shadowbanned?: boolean;
  warn?: boolean;
  /** Other fields to keep (null = remove). */
  extras: Record<string, string | number | boolean | null>;
  /** PGPool's `_release_reason`. */
  releaseReason?: string;
}

/** Posted fields that mean nothing here (PGPool set them itself). */
const IGNORED = new Set(['last_modified']);

function health(item: Record<string, unknown>, key: string, where: string): boolean | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${where}: ${key} must be true, false or null`);
  return value;
}

function parseOne(item: unknown, index: number, many: boolean): AccountUpdate {
  const at = many ? `item ${index + 1}` : 'the update';
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw badRequest(`${at} must be a JSON object with a username`);
  const record = item as Record<string, unknown>;
  const username = record.username;
  if (typeof username !== 'string' || username.trim().length === 0 || username.length > MAX_USERNAME_LENGTH) {
    throw badRequest(`${at}: username must be text of 1-${MAX_USERNAME_LENGTH} characters`);
  }
  const where = `${at} (${username})`;
  const update: AccountUpdate = { username, systemId: undefined, extras: {} };
  for (const [key, value] of Object.entries(record)) {
    if (key === 'username' || IGNORED.has(key)) continue;
    if (key.startsWith('_')) {
      // PGPool's metadata: only the release reason means something; it is kept as text.
      if (key === '_release_reason' && value !== null && value !== undefined) update.releaseReason = String(value).slice(0, MAX_TEXT);
      continue;
    }
    switch (key) {
      case 'system_id':
        if (value === null) break;
        if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_USERNAME_LENGTH) throw badRequest(`${where}: system_id must be text or null`);
        update.systemId = value.trim();
        break;
      case 'password':
        if (value === null) break;
        // The value is never echoed: messages end up in logs.
        if (typeof value !== 'string' || value.length === 0) throw badRequest(`${where}: password must be non-empty text`);
        update.password = value;
        break;
      case 'auth_service':
        if (value === null) break;
        if (!isProvider(value)) throw badRequest(`${where}: auth_service must be ptc or google`);
        update.provider = value;
        break;
      case 'level':
        if (value === null) break;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) throw badRequest(`${where}: level must be a whole number`);
        update.level = value;
        break;
      case 'banned':
      case 'shadowbanned':
      case 'warn':
        update[key] = health(record, key, where);
        break;
      case 'warning': // what some RocketMap forks post instead of `warn`
        update.warn = health(record, key, where) ?? update.warn;
        break;
      default:
        if (RESERVED_FIELDS.has(key)) throw badRequest(`${where}: ${key} is kept by accountpool itself and cannot be posted`);
        if (!EXTRA_KEY.test(key)) throw badRequest(`${where}: field name "${key.slice(0, 64)}" is not a plain name`);
        if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) update.extras[key] = value;
        else if (typeof value === 'string') update.extras[key] = value.slice(0, MAX_TEXT);
        else throw badRequest(`${where}: ${key} must be a number, text, true/false or null`);
    }
  }
  return update;
}

/** The posted body (one object or a list of them) as updates; a 400 names the first bad item. */
export function parseUpdates(body: unknown): AccountUpdate[] {
  if (Array.isArray(body)) {
    if (body.length > MAX_UPDATES_PER_POST) throw badRequest(`too many accounts in one post: ${body.length}, the limit is ${MAX_UPDATES_PER_POST}`);
    return body.map((item, i) => parseOne(item, i, true));
  }
  return [parseOne(body, 0, false)];
}

/** Verdicts a scanner can report, most severe first. */
const REPORTED: { state: State; flag: 'banned' | 'shadowbanned' | 'warn' }[] = [
  { state: 'temp_banned', flag: 'banned' },
  { state: 'blind', flag: 'shadowbanned' },
  { state: 'warned', flag: 'warn' },
];
const SEVERITY: Record<string, number> = { ok: 0, warned: 1, blind: 2, temp_banned: 3 };

/** The state the posted flags lead to (see the top of this file). */
function reportedState(account: Account, update: AccountUpdate, config: Config): State {
  if (isRetired(account, config)) return account.state;
  let state = account.state;
  const own = REPORTED.find((r) => r.state === state);
  if (own && update[own.flag] === false) state = 'ok'; // the scanner saw the flag gone
  const worst = REPORTED.find((r) => update[r.flag] === true);
  if (worst && (SEVERITY[worst.state] ?? 0) > (SEVERITY[state] ?? 0)) state = worst.state;
  return state;
}

/** The account with the update's facts applied (never its hold: see holds.ts). */
export function applyFacts(account: Account, update: AccountUpdate, now: Date, config: Config): Account {
  let next: Account = { ...account, [LAST_UPDATE]: now.toISOString() };
  if (update.password !== undefined) next.password = update.password;
  if (update.provider !== undefined) next.provider = update.provider;
  if (update.level !== undefined) next.level = update.level;
  for (const [key, value] of Object.entries(update.extras)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  const state = reportedState(account, update, config);
  if (state !== account.state) next = applyVerdict(next, state, now, config);
  return next;
}
