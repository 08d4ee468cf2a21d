// The `accounts` table of the Monocle forks that moved the account store from the pickle into
// Monocle's database (RobTwoThree/Monocle-Level30 `monocle/accounts.py`, class Account, SQLAlchemy;
// `monocle/db.py`: DB_ENGINE may be SQLite, `sqlite:///db.sqlite` as Monocle's example config
// has it). One row per account: username, password, provider ('ptc' | 'google'), level, the device
// (model, device_version, device_id), the instance holding it, and why it rests: `reason` with the
// time it was benched (`hibernated`; `swapin` clears hibernated and leaves the reason), and
// `captchaed` (when a captcha was met).
//
// What we keep (as monocle-account.ts keeps the pickle's account, `to_account_dict`'s flags):
// the credentials, level, provider and device exactly; a benched account's reason as a verdict, the
// reason being the name of the flag the pickle's record had (Account.from_account_dict; Hydro74000/
// Monocle spells temp_disabled tempdisabled), read as monocle-flags.ts reads the flag: banned, code3
// and tempdisabled → temp_banned, sbanned → blind, warn → warned, credentials, unverified and
// security → invalid; the reason is kept as a field too; `captchaed` → the account's `captcha`
// field; every other non-NULL column but the row's id → a field of its name (instance,
// reserve_type, hibernated, created, binded, ...).
import { FIELD_ORDER } from '../../model.js';
import { monocleAccount } from '../tools/monocle-account.js';
import { MONOCLE_FLAGS } from '../tools/monocle-flags.js';
import { cell, tableWith, type Cell, type SqliteFile } from './sqlite-file.js';
import type { SqliteStore } from './sqlite-stores.js';
import type { DumpAccount } from '../types.js';

/** Read into the account itself, or not kept. */
const MAPPED = new Set(['id', 'username', 'password', 'provider', 'level', 'model', 'device_version', 'device_id', 'captchaed']);
const RESERVED = new Set<string>(FIELD_ORDER);
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;

const accountsTable = (db: SqliteFile) => tableWith(db, 'accounts', ['username', 'password', 'provider', 'device_version']);

function rowAccount(row: Map<string, Cell>, line: number): DumpAccount | string {
  const get = (name: string): unknown => {
    const v = cell(row, name);
    return v === null ? undefined : v;
  };
  const device: Record<string, string> = { model: 'model', iOS: 'device_version', id: 'device_id' };
  const read = monocleAccount('', (key) => (key in device ? get(device[key]!) : key === 'banned' || key === 'captcha' || key === 'time' ? undefined : get(key)), line);
  if (typeof read === 'string') return read;
  const reason = get('reason');
  const benched = get('hibernated') !== undefined;
  const verdict = typeof reason === 'string' ? MONOCLE_FLAGS.get(reason) : undefined;
  if (benched && verdict) read.state = verdict;
  const history: Record<string, unknown> = {};
  if (get('captchaed') !== undefined) history.captcha = true;
  for (const [column, value] of row) {
    const field = column.toLowerCase();
    if (value === null || value instanceof Uint8Array || MAPPED.has(field) || RESERVED.has(field) || !FIELD_NAME.test(field)) continue;
    history[field] = field === 'remove' && (value === 0 || value === 1) ? value === 1 : value;
  }
  if (Object.keys(history).length > 0) read.history = history;
  return read;
}

export const monocleStore: SqliteStore = { format: 'monocle-db', table: accountsTable, account: rowAccount };
