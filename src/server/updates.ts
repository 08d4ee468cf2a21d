// What a scanner posts to /account/update and /account/release, read the way PGPool takes it, and
// the facts it sets on an account. Pure functions: the handlers run them inside a transaction.
//
// PGPool queued every posted object and set each key on the account row (update_account in
// pgpool/models.py): keys that are not columns were dropped, `_` keys are metadata, and a value a
// column could not take lost that update alone. So here a post is read item by item and field by
// field: an item without a username is skipped, a field we do not know (or keep ourselves, or
// whose value PGPool's column could not hold: a list, an object) is ignored, and the rest applies.
// Never a 400 for a whole body a scanner posted in good faith (MrMime only logs the status).
//
// Health flags become verdicts, each with the pool config's cool-down:
//   banned: true → temp_banned,  shadowbanned: true → blind,  warn (or `warning`): see serve_warn
// A flag posted false lifts that verdict (a scanner that logs in and sees no flag knows better than
// an old mark), but never a retired one (perm_banned, invalid: decided by a checker or the
// operator). Flags read as PGPool's BooleanField stored them (Python's bool()): MrMime posts
// `captcha: ""` when there is none, which is false.
import { instanceNameProblem, isProvider, MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, type Account, type Provider, type State } from '../model.js';
import type { Config, ServeWarn } from '../config.js';
import { isRetired } from '../availability.js';
import { applyVerdict } from '../verdicts.js';
import { badRequest } from './http.js';
import { LAST_UPDATE } from './pgpool-account.js';
import { passwordControlProblem } from '../formats/lists/password-controls.js';
import { placeholderProblem } from '../formats/account-rules.js';
import { replacePassword, wasReplaced } from '../replaced-passwords.js';

/** A list of more updates than this in one post is refused (a few thousand accounts is a big scanner). */
export const MAX_UPDATES_PER_POST = 10_000;
/**
 * PGPool's text columns' widths (codename-art/PGPool pgpool/models.py: Utf8mb4CharField, 191 unless
 * given; `_release_reason` went into an Event description cut to 189 characters). Kept to them, so
 * a client cannot make each account carry kilobytes PGPool never held.
 */
const WIDTH: Record<string, number> = { email: 191, team: 16, tutorial_state: 191, _release_reason: 191 };

/** The first `width` characters (code points, as utf8mb4 counts them: an emoji is never halved). */
function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  let end = 0;
  for (let n = 0; n < width && end < text.length; n++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  return text.slice(0, end);
}

type Kind = 'text' | 'number' | 'flag';
/** PGPool's other Account columns (pgpool/models.py), kept on the account under their own names. */
const COLUMNS: Record<string, Kind> = {
  email: 'text', team: 'text', tutorial_state: 'text',
  latitude: 'number', longitude: 'number', xp: 'number', encounters: 'number', balls_thrown: 'number', captures: 'number',
  spins: 'number', walked: 'number', coins: 'number', stardust: 'number', rareless_scans: 'number', balls: 'number',
  total_items: 'number', pokemon: 'number', eggs: 'number', incubators: 'number', lures: 'number',
  captcha: 'flag', ban_flag: 'flag',
};
/** Columns PGPool set itself whatever was posted. */
const SET_BY_PGPOOL = new Set(['last_modified', 'assigned_at']);

export interface AccountUpdate {
  username: string;
  /** The posted `system_id`: a name, null when posted as null (PGPool's NULL: nobody), undefined when not posted. */
  systemId: string | null | undefined;
  password?: string;
  provider?: Provider;
  level?: number;
  /** Health flags as posted: true, false, or undefined when not said. */
  banned?: boolean;
  shadowbanned?: boolean;
  warn?: boolean;
  /** PGPool columns to keep (null = remove). */
  extras: Record<string, string | number | boolean | null>;
  /** PGPool's `_release_reason`. */
  releaseReason?: string;
  /** Posted fields not used: names only (a value may be a password). */
  ignored: string[];
  /** Its place in a posted list (1 for the first), for the log to name an item skipped later; undefined for one object. */
  item?: number;
}

/** A post as read: the updates to apply, and the items skipped with why. */
export interface Post {
  updates: AccountUpdate[];
  skipped: string[];
}

/** Python's bool() of a JSON value, as PGPool's BooleanField stored it; undefined for null and for lists or objects. */
function truthy(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '';
  return undefined;
}

/** A value for a PGPool column of `kind`, or undefined when that column could not take it. */
function columnValue(key: string, kind: Kind, value: unknown): string | number | boolean | undefined {
  if (kind === 'flag') return truthy(value);
  if (kind === 'text') return typeof value === 'string' || typeof value === 'number' ? cut(String(value), WIDTH[key]!) : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
}

/** A level as PGPool's SmallIntegerField took it (int()), or undefined. */
function levelValue(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1000 ? Math.trunc(n) : undefined;
}

/** Sets field `key` of the update from `value`; false when the field is not used. */
function readField(update: AccountUpdate, key: string, value: unknown): boolean {
  switch (key) {
    case 'system_id':
      if (value === null) update.systemId = null;
      // A name the instance name rule refuses (src/model.ts) is ignored, as a value PGPool's column could not take.
      else if (typeof value === 'string' && instanceNameProblem(value.trim()) === null) update.systemId = value.trim();
      else return false;
      return true;
    case 'password':
      // null or empty: PGPool would have blanked it; we keep the password we have.
      if (typeof value !== 'string' || value.length === 0) return value === null;
      // Longer than any game takes (model.ts): a value PGPool's column could not take either.
      if (value.length > MAX_PASSWORD_LENGTH) return false;
      // A control character (a terminal escape, a line break) is refused as in a dump: the password
      // goes byte for byte into scanners' accounts files, where a line break makes another account.
      if (passwordControlProblem(value) !== null) return false;
      update.password = value;
      return true;
    case 'auth_service': {
      const provider = typeof value === 'string' ? value.toLowerCase() : value;
      if (!isProvider(provider)) return value === null;
      update.provider = provider;
      return true;
    }
    case 'level':
      update.level = levelValue(value);
      return update.level !== undefined || value === null;
    case 'banned':
    case 'shadowbanned':
    case 'warn':
    case 'warning': {
      // `warning` is what codename-art's RocketMap posts (pgpool_update in pogom/pgpool.py).
      const flag = truthy(value);
      if (flag !== undefined) update[key === 'warning' ? 'warn' : key] = flag;
      return flag !== undefined || value === null;
    }
  }
  // A column of PGPool's, never a name every object has (`constructor`, `toString`, `__proto__`).
  const kind = Object.hasOwn(COLUMNS, key) ? COLUMNS[key] : undefined;
  if (kind === undefined) return SET_BY_PGPOOL.has(key);
  if (value === null) {
    update.extras[key] = null;
    return true;
  }
  const kept = columnValue(key, kind, value);
  if (kept === undefined) return false;
  update.extras[key] = kept;
  return true;
}

/** A JSON value's kind, as a log line names it. */
function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Why an item names no account, saying what it holds so that the operator can tell which client
 * posted it: its field names, a username's kind or length and first characters (never a value of
 * another field: one may be a password).
 */
function noAccount(record: Record<string, unknown>): string | undefined {
  const username = record.username;
  if (typeof username === 'string' && username.trim().length > 0 && username.length <= MAX_USERNAME_LENGTH) return undefined;
  const fields = Object.keys(record).filter((key) => key !== 'username');
  const posted = fields.length === 0 ? 'no other field' : `fields ${fields.slice(0, 8).map((key) => key.slice(0, 32)).join(', ')}${fields.length > 8 ? `, +${fields.length - 8}` : ''}`;
  const why =
    username === undefined ? 'no username'
    : typeof username !== 'string' ? `a username that is ${kindOf(username)}, not text`
    : username.trim().length === 0 ? 'a blank username'
    : `a username of ${username.length} characters, more than ${MAX_USERNAME_LENGTH} (${JSON.stringify(username.slice(0, 32))}...)`;
  return `${why} (${posted})`;
}

function readItem(item: unknown): AccountUpdate | string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return `not a JSON object but ${kindOf(item)}`;
  const record = item as Record<string, unknown>;
  const problem = noAccount(record);
  if (problem !== undefined) return problem;
  const update: AccountUpdate = { username: record.username as string, systemId: undefined, extras: {}, ignored: [] };
  for (const [key, value] of Object.entries(record)) {
    if (key === 'username') continue;
    if (key.startsWith('_')) {
      // PGPool's metadata: only the release reason means something; it is kept as text.
      if (key === '_release_reason' && value !== null && value !== undefined) update.releaseReason = cut(String(value), WIDTH._release_reason!);
      continue;
    }
    if (!readField(update, key, value)) update.ignored.push(key.slice(0, 64));
  }
  // A password import refuses (a mask, a template's `password1` for `username1`) is ignored as a
  // value PGPool's column could not take: it would be written into scanners' accounts files.
  if (update.password !== undefined && placeholderProblem(update.username, update.password)) {
    delete update.password;
    update.ignored.push('password');
  }
  return update;
}

/** The posted body (one object or a list of them) as updates, item by item. */
export function parseUpdates(body: unknown): Post {
  const many = Array.isArray(body);
  if (!many && (body === null || typeof body !== 'object')) throw badRequest('expected a JSON object with a username, or a list of them');
  const items = many ? (body as unknown[]) : [body];
  if (items.length > MAX_UPDATES_PER_POST) throw badRequest(`too many accounts in one post: ${items.length}, the limit is ${MAX_UPDATES_PER_POST}`);
  const post: Post = { updates: [], skipped: [] };
  items.forEach((item, i) => {
    const read = readItem(item);
    if (typeof read === 'string') post.skipped.push(many ? `item ${i + 1}: ${read}` : read);
    else post.updates.push(many ? { ...read, item: i + 1 } : read);
  });
  return post;
}

/** Verdicts a scanner can report, most severe first. */
const REPORTED: { state: State; flag: 'banned' | 'shadowbanned' | 'warn' }[] = [
  { state: 'temp_banned', flag: 'banned' },
  { state: 'blind', flag: 'shadowbanned' },
  { state: 'warned', flag: 'warn' },
];
const SEVERITY: Record<string, number> = { ok: 0, warned: 1, blind: 2, temp_banned: 3 };

/** The state the posted flags lead to (see the top of this file). */
function reportedState(account: Account, update: AccountUpdate, config: Config, warn: ServeWarn): State {
  if (isRetired(account, config)) return account.state;
  let state = account.state;
  const own = REPORTED.find((r) => r.state === state);
  if (own && update[own.flag] === false) state = 'ok'; // the scanner saw the flag gone
  const worst = REPORTED.find((r) => update[r.flag] === true && (r.flag !== 'warn' || warn === 'rest'));
  if (worst && (SEVERITY[worst.state] ?? 0) > (SEVERITY[state] ?? 0)) state = worst.state;
  return state;
}

/** The account with the update's facts applied (never its hold: see holds.ts). */
export function applyFacts(account: Account, update: AccountUpdate, now: Date, config: Config): Account {
  let next: Account = { ...account, [LAST_UPDATE]: now.toISOString() };
  // A password the account had and replaced (a scanner's accounts file from before a fix) is not
  // taken back (replaced-passwords.ts); the pool's newer one stays.
  if (update.password !== undefined && !wasReplaced(account, update.password)) next = replacePassword(next, account, update.password);
  if (update.provider !== undefined) next.provider = update.provider;
  if (update.level !== undefined) next.level = update.level;
  for (const [key, value] of Object.entries(update.extras)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  // serve_warn: keep records the game's flag as a fact, as PGPool's `warn` column did.
  if (config.serve_warn === 'keep' && update.warn !== undefined) next.warn = update.warn;
  const state = reportedState(account, update, config, config.serve_warn);
  if (state !== account.state) next = applyVerdict(next, state, now, config);
  return next;
}
