// One account of Monocle's own account store, whichever way it reached us (the pickle itself, or
// the text scripts/print_accounts.py prints from it). What Monocle keeps per account
// (Noctem/Monocle, monocle/utils.py create_account_dict / accounts_from_csv / generate_device_info,
// monocle/worker.py update_accounts_dict / remove_account / bench_account):
//   username, password, provider ('ptc' | 'google'; '' from a CSV means ptc), model, iOS, id
//   (the device), level, time (last request, epoch seconds; 0 = never used), banned, captcha,
//   and the worker's own state (auth token, expiry, location, items, created, ...).
// What we keep: the credentials, level, provider and device exactly; `banned` as temp_banned (Monocle
// does not tell a temporary ban from a permanent one; the cool-down rests the account and the
// check before its next use tells them apart, as our PGPool-compatible server does with
// `banned`); `captcha` as the account's `captcha` field, where the server keeps it too; `time` as
// the last allocation, so the account keeps its place in the circle. The auth token is never kept.
// Forks add flags of their own (monocle-flags.ts): each ban or warn is a verdict, never dropped.
import { isProvider } from '../../model.js';
import { flagProblem, forkFields, isSet, monocleVerdict } from './monocle-flags.js';
import { usernameProblem } from '../lists/account-line.js';
import type { DumpAccount } from '../types.js';

/** A Monocle account record, however it was decoded: a key's value, or undefined. */
export type MonocleRecord = (key: string) => unknown;

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Pokémon GO came out in July 2016: an earlier "last use" is Monocle's 0 for never, maybe shifted by a time zone. */
const FIRST_USE = Date.UTC(2016, 0, 1);

/** `time` as Monocle keeps it (epoch seconds) or as print_accounts.py prints it (`%x %X`, C locale). */
export function lastUse(v: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) ms = v * 1000;
  const m = typeof v === 'string' ? /^(\d{2})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(v) : null;
  if (m) {
    // strftime('%x %X') is the local time of the machine that printed it, most likely this one;
    // a two-digit year is 19xx from 69 on (POSIX strptime).
    const [month, day, year, h, min, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    ms = new Date(year >= 69 ? 1900 + year : 2000 + year, month - 1, day, h, min, s).getTime();
  }
  return ms !== undefined && ms >= FIRST_USE && ms < 8.64e15 ? new Date(ms).toISOString() : undefined;
}

/**
 * The account, or why it cannot be one (never quoting a value). `keys`, the record's own keys when
 * the reader has them, lets a flag no fork we know writes refuse the account rather than pass as clean.
 */
export function monocleAccount(key: string, get: MonocleRecord, line: number, keys: Iterable<unknown> = []): DumpAccount | string {
  const username = (text(get('username')) ?? key).trim();
  const password = text(get('password'));
  const provider = text(get('provider')) || 'ptc';
  const level = get('level');
  const problem =
    usernameProblem(username) ??
    (password === undefined || password === '' ? 'missing password' : undefined) ??
    (isProvider(provider) ? undefined : 'provider is neither ptc nor google') ??
    (level === undefined || level === null || (typeof level === 'number' && Number.isInteger(level) && level >= 0) ? undefined : 'level is not a whole number');
  if (problem) return problem;
  const account: DumpAccount = { username, password: password!, line, provider: provider as 'ptc' | 'google' };
  if (typeof level === 'number') account.level = level;
  const device = { model: text(get('model')), ios: text(get('iOS')), id: text(get('id')) };
  const given = Object.fromEntries(Object.entries(device).filter(([, v]) => v !== undefined && v !== ''));
  if (Object.keys(given).length > 0) account.device = given;
  const unsure = flagProblem(get, keys);
  if (unsure) return unsure;
  const verdict = monocleVerdict(get);
  if (verdict) account.state = verdict;
  const history: Record<string, unknown> = forkFields(get);
  if (isSet(get('captcha'))) history.captcha = true;
  const used = lastUse(get('time'));
  if (used) history.allocated_at = used;
  // When the game says the account was made (worker.py: player_data.creation_timestamp_ms / 1000).
  const created = lastUse(get('created'));
  if (created) history.created = created;
  if (Object.keys(history).length > 0) account.history = history;
  return account;
}
