// The query of `GET /account/request`, checked. PGPool's parameters, PGPool's defaults, and its
// level convention; anything malformed is a 400 naming the parameter instead of PGPool's 500.
import { MAX_USERNAME_LENGTH } from '../model.js';
import type { LevelRange } from '../allocate/select.js';
import { badRequest } from './http.js';

/** The most accounts one request may ask for (PGPool had no limit; this keeps one answer bounded). */
export const MAX_COUNT = 10_000;

/**
 * PGPool filtered on level only when `min_level > 1` or `max_level < 40`: 40 was the game's top
 * level then, so clients send `max_level=40` to mean "no upper limit". We keep that meaning
 * (anything from 40 up is no limit), so a RocketMap fork asking 30-40 for its high-level workers
 * also gets the level 41-50 accounts of today.
 */
const NO_LOWER_LIMIT_AT = 1;
const NO_UPPER_LIMIT_FROM = 40;
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Which accounts a request may be given. */
export type SelectionMode =
  /** Healthy, free accounts (PGPool's default). */
  | 'free'
  /** PGPool's `banned_or_new`: never-used or temp-banned/blind accounts, cool-down or not, for checkers. */
  | 'banned_or_new';

export interface AccountRequest {
  systemId: string;
  count: number;
  levels: LevelRange;
  /** PGPool's `reuse` / `include_already_assigned`: the system's own current accounts come first. */
  reuse: boolean;
  mode: SelectionMode;
}

/** PGPool's parse_bool took yes/true; Python's requests sends True/False; people type 1/0. */
function flag(query: URLSearchParams, ...names: string[]): boolean {
  let result = false;
  for (const name of names) {
    const raw = query.get(name);
    if (raw === null) continue;
    const value = raw.trim().toLowerCase();
    if (['yes', 'true', '1', 'on'].includes(value)) result = true;
    else if (!['no', 'false', '0', 'off', ''].includes(value)) throw badRequest(`${name} must be true or false, not "${raw}"`);
  }
  return result;
}

function wholeNumber(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || value < min || value > max) throw badRequest(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

/** Checks the query of one request. Unknown parameters (PGPool clients send `shadow`, positions) are ignored. */
export function parseAccountRequest(query: URLSearchParams): AccountRequest {
  const systemId = query.get('system_id')?.trim() ?? '';
  if (systemId.length === 0) throw badRequest('system_id is required: the name of the scanner asking for accounts');
  if (systemId.length > MAX_USERNAME_LENGTH || /[\x00-\x1f\x7f]/.test(systemId)) throw badRequest(`system_id must be 1-${MAX_USERNAME_LENGTH} printable characters`);
  const count = wholeNumber(query, 'count', 1, 1, MAX_COUNT);
  const minLevel = wholeNumber(query, 'min_level', 1, 0, 1000);
  const maxLevel = wholeNumber(query, 'max_level', NO_UPPER_LIMIT_FROM, 0, 1000);
  if (minLevel > maxLevel) throw badRequest(`min_level ${minLevel} is above max_level ${maxLevel}`);
  const bannedOrNew = flag(query, 'banned_or_new');
  return {
    systemId,
    count,
    levels: { min: minLevel <= NO_LOWER_LIMIT_AT ? 0 : minLevel, max: maxLevel >= NO_UPPER_LIMIT_FROM ? NO_LIMIT : maxLevel },
    // PGPool ignored reuse for banned_or_new: a checker wants accounts to check, not its own back.
    reuse: flag(query, 'reuse', 'include_already_assigned') && !bannedOrNew,
    mode: bannedOrNew ? 'banned_or_new' : 'free',
  };
}
