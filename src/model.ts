// The data model: one account record, as it lives in a shard and moves through every command.
// Everything else (store, formats, checkers, commands) speaks in these types.
import { timesProblem } from './account-times.js';

export const PROVIDERS = ['ptc', 'google'] as const;

/** The trainer levels the game has: what a file, a folder or the config may state. */
export const MIN_LEVEL = 1;
export const MAX_LEVEL = 50;

export function isTrainerLevel(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_LEVEL && n <= MAX_LEVEL;
}
export type Provider = (typeof PROVIDERS)[number];

/** What the last check or scanner said of an account. `invalid` = the login was refused for bad credentials. */
export const STATES = ['ok', 'temp_banned', 'perm_banned', 'warned', 'blind', 'invalid'] as const;
export type State = (typeof STATES)[number];

/** The device a scanner presents for this account; kept stable so the account never "changes phone". */
export interface Device {
  model: string; // e.g. "iPhone9,3"
  ios: string; // e.g. "10.3.3"
  id: string; // 32 lower-case hex digits
}

/**
 * One account. Times are ISO-8601 UTC strings (`2026-11-24T13:00:00.000Z`): readable in a
 * git diff, and ordered the same as strings and as dates.
 */
export interface Account {
  /** The key. Compared case-insensitively (see `keyOf`), stored in the user's spelling. */
  username: string;
  /**
   * Absent only for an account a scanner reported to `accountpool serve` before any dump brought
   * its password (PGPool's clients post about accounts they read from their own files): it keeps
   * its verdicts and level, and is never handed out until an import gives it a password.
   */
  password?: string;
  provider: Provider;
  level: number;
  device?: Device;
  state: State;
  /** When the current state was decided (absent for an account never judged). */
  state_at?: string;
  /** End of the cool-down; the account is not handed out before it. */
  available_at?: string;
  /** Last time the account was handed out; absent = never used, so it goes first. */
  allocated_at?: string;
  /** The scanner instance holding the account, until `held_until`. */
  holder?: string;
  held_until?: string;
  added_at: string;
  /** Import order: among never-used accounts the lower number goes first. */
  seq: number;
  /** The file the account first came from. */
  source?: string;
  /** Fields a user added by hand survive every rewrite. */
  [extra: string]: unknown;
}

/** The order fields are written in; anything else follows in alphabetical order. */
export const FIELD_ORDER = [
  'password',
  'provider',
  'level',
  'state',
  'state_at',
  'available_at',
  'allocated_at',
  'holder',
  'held_until',
  'device',
  'added_at',
  'seq',
  'source',
  // Fingerprints of the passwords the account had before (replaced-passwords.ts): last, so the
  // fields a line's standing is read from keep their order.
  'passwords_replaced',
] as const;

/**
 * The fields that say whether an account can be handed out and how `status` counts it: what
 * availability.ts and pool-stats.ts read, and all a shard line must give for them (trustedLineStanding,
 * which relies on their being in FIELD_ORDER's order).
 */
export const STANDING_FIELDS = ['password', 'level', 'state', 'available_at', 'holder', 'held_until'] as const;
export type Standing = Pick<Account, (typeof STANDING_FIELDS)[number]>;

/**
 * A standing and when the account was last handed out: what allocate's circle order (select.ts)
 * reads, off the line like the standing (`allocated_at` is written between `available_at` and
 * `holder`, so FIELD_ORDER's order holds). Kept apart from the standing, which `status` counts
 * by distinct value: every allocation's time would make a value of its own.
 */
export const CIRCLE_FIELDS = ['password', 'level', 'state', 'available_at', 'allocated_at', 'holder', 'held_until'] as const;
export type CircleStanding = Pick<Account, (typeof CIRCLE_FIELDS)[number]>;

/**
 * A circle standing and when the current state was decided: all the clocks' seen ends
 * (src/git/clock-sightings.ts) read of a hold (holder, allocated_at, held_until) and a rest (state,
 * state_at, available_at), with what status and allocate judge an account by. Read off the line as
 * the standing is (`state_at` is written between `state` and `available_at`: FIELD_ORDER's order
 * holds), so a pool shared through git is counted and judged without parsing every account whole.
 */
export const TIMED_FIELDS = ['password', 'level', 'state', 'state_at', 'available_at', 'allocated_at', 'holder', 'held_until'] as const;
export type TimedStanding = Pick<Account, (typeof TIMED_FIELDS)[number]>;

export const DEVICE_FIELD_ORDER = ['model', 'ios', 'id'] as const;

/** Usernames are one account however they are capitalised. */
export function keyOf(username: string): string {
  return username.toLowerCase();
}

export function isProvider(value: unknown): value is Provider {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}

export function isState(value: unknown): value is State {
  return typeof value === 'string' && (STATES as readonly string[]).includes(value);
}

/** Longest username we accept: YAML refuses implicit keys over 1024 characters, and no game allows more than a few dozen. */
export const MAX_USERNAME_LENGTH = 256;

/**
 * Longest password a dump or a `serve` post may bring. PTC takes 50 characters and Google 100;
 * PGPool kept it in a 255-character column; Monocle's csv.DictReader stops at a field of more
 * than 131,072 and a 30 MB one reached every accounts file and change-log line. Only new
 * passwords are judged: an account already in the pool keeps its own until a dump replaces it.
 */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Most characters (names and values) a dump may give a new account in fields of its own (an
 * export's or a bot database's other columns, kept on the account): a NecroBot row's take a few
 * hundred. Past it a 2 MB JSON line's note became a 2 MB shard line, which the shard reader now
 * refuses (store/shard-codec.ts MAX_ACCOUNT_TEXT, which this bounds with room for escapes).
 */
export const MAX_OWN_FIELDS_LENGTH = 8192;

/** Why a dump's fields of a new account's own are too many to keep (names the size, never a value), or null. */
export function ownFieldsProblem(fields: Record<string, unknown>): string | null {
  let length = 0;
  for (const [name, value] of Object.entries(fields)) length += name.length + (typeof value === 'string' ? value.length : (JSON.stringify(value)?.length ?? 0));
  return length > MAX_OWN_FIELDS_LENGTH ? `its other fields hold ${length} characters, over the ${MAX_OWN_FIELDS_LENGTH} an account keeps` : null;
}

/** Longest instance name (a scanner's `--instance`, or `serve`'s `system_id`): a name, not a document. */
export const MAX_INSTANCE_LENGTH = 256;

/**
 * Characters no instance name may hold: controls (a newline or ESC would fake or recolour lines of
 * `status` and logs), lone surrogates, Unicode line breaks and the bidi overrides that reorder
 * what a terminal shows.
 */
export const UNPRINTABLE = /[\p{Cc}\p{Cs}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * While `allocate` checks accounts it holds them under `<instance> (checking)`. No instance name
 * may end so (instanceNameProblem), so a reservation is never anyone's own hold.
 */
const RESERVATION_SUFFIX = ' (checking)';

export function reservationOf(instance: string): string {
  return `${instance}${RESERVATION_SUFFIX}`;
}

export function isReservation(holder: string): boolean {
  return holder.endsWith(RESERVATION_SUFFIX);
}

/** The instance a holder names: itself, or the one whose reservation it is. */
export function holderInstance(holder: string): string {
  return isReservation(holder) ? holder.slice(0, -RESERVATION_SUFFIX.length) : holder;
}

/**
 * Why `name` cannot name an instance (a holder), or null. The one rule for every way a name comes
 * in: `allocate --instance` (and the hooks' ACCOUNTPOOL_INSTANCE), `release --instance`, and
 * `serve`'s `system_id`. Callers trim the name first, as `serve` always did.
 */
export function instanceNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > MAX_INSTANCE_LENGTH) return `must be 1-${MAX_INSTANCE_LENGTH} characters`;
  if (UNPRINTABLE.test(name)) return 'must be printable: no control characters, line breaks or direction marks';
  if (name !== name.trim()) return 'must not begin or end with spaces';
  if (isReservation(name)) return `must not end with "${RESERVATION_SUFFIX}": allocate reserves accounts under such names while it checks them`;
  return null;
}

/** A holder as stored: an instance, or the reservation of one. */
function holderProblem(holder: unknown): string | null {
  if (typeof holder !== 'string') return 'holder must be text';
  const problem = instanceNameProblem(holderInstance(holder));
  return problem && `holder ${problem}`;
}

function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127) return false;
  }
  return true;
}

/**
 * Why a username and password cannot be an account's, or null. The one rule for both: the store
 * applies it to every record it reads or writes, and every dump reader to every line, so a line
 * the store would refuse is a rejected line (with its number) instead of a failed import. Reasons
 * name the field, never its value.
 */
export function credentialProblem(username: string, password: unknown): string | null {
  if (username.length === 0) return 'missing username';
  if (username.length > MAX_USERNAME_LENGTH) return `username longer than ${MAX_USERNAME_LENGTH} characters`;
  // Control characters (C0, DEL, C1) would reach terminals and scanner files raw; blanks of any
  // kind (U+00A0 too) never belong to a login and mean the line was split wrongly. Printable
  // ASCII, the usual case, is settled by a scan; this runs for every account of every dump.
  if (!isPrintableAscii(username)) {
    if (/[\x00-\x08\x0a-\x1f\x7f-\x9f]/.test(username)) return 'username contains control characters';
    if (/\s/.test(username)) return 'username contains blanks';
  }
  if (typeof password !== 'string' || password.length === 0) return 'missing password';
  if (password.length > MAX_PASSWORD_LENGTH) return `password longer than ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

/**
 * recordProblem's rules for what a dump gives an account: its name, password, provider and level.
 * Also the whole check of an account an import adds as columns (store/fresh-accounts.ts), whose
 * other fields the import sets itself (state ok, the time, a whole import number, the source).
 */
export function basicsProblem(username: string, password: unknown, provider: unknown, level: unknown): string | null {
  // The readers' own rule for the username. A password may be absent (an account `serve` made
  // from a client's update, waiting for a dump to bring it); present, it is never empty.
  const name = credentialProblem(username, 'present');
  if (name) return name;
  if (password !== undefined && (typeof password !== 'string' || password.length === 0)) return 'password must be non-empty text';
  if (!isProvider(provider)) return `provider must be one of ${PROVIDERS.join(', ')}`;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 0) return 'level must be a whole number';
  return null;
}

/**
 * Why a record cannot be used, or null when it is whole. Used by the store on read and by `verify`.
 * Extra fields are not judged: they belong to the user.
 */
export function recordProblem(username: string, record: Record<string, unknown>): string | null {
  const basics = basicsProblem(username, record.password, record.provider, record.level);
  if (basics) return basics;
  if (!isState(record.state)) return `state must be one of ${STATES.join(', ')}`;
  if (typeof record.seq !== 'number' || !Number.isInteger(record.seq)) return 'missing seq (import order)';
  if (typeof record.added_at !== 'string') return 'missing added_at';
  const times = timesProblem(record);
  if (times) return times;
  if (record.holder !== undefined) {
    const problem = holderProblem(record.holder);
    if (problem) return problem;
  }
  const device = record.device;
  if (device !== undefined) {
    if (typeof device !== 'object' || device === null) return 'device must be a mapping of model, ios, id';
    const d = device as Record<string, unknown>;
    for (const f of DEVICE_FIELD_ORDER) if (typeof d[f] !== 'string') return `device.${f} must be text`;
  }
  return null;
}
