// The query of `GET /account/request`, read the way PGPool reads it (pgpool.py's get_accounts and
// Account.get_accounts in pgpool/models.py, codename-art/PGPool and SenorKarlos/PGPool), so every
// value a client sends means here what it meant there:
//   count       int(), default 1; 0 or less gives [] (PGPool only looks while count > 0)
//   min_level   int(), default 1; filters only when above 1
//   max_level   int(), default 40; filters only when below 40 (40 was the top level then: clients
//               send 40 for "no upper limit", and PGScout sends min_level alone)
//   reuse, include_already_assigned, banned_or_new, shadow: parse_bool(), true only for
//               "true" or "yes" in any case (so Python's True is true, and 1 is false)
// A level range that admits nothing (min_level 31, max_level 30) finds nothing: 200 [].
// What PGPool could not read at all (no system_id; count=abc, where int() raises) stays an
// error, answered so that no client takes it for an account (see server.ts).
import { instanceNameProblem } from '../model.js';
import type { LevelRange } from '../allocate/select.js';
import { badRequest } from './http.js';

/** The most accounts one request is given (PGPool had no limit; this keeps one answer bounded). */
export const MAX_COUNT = 10_000;

const NO_LOWER_LIMIT_AT = 1;
const NO_UPPER_LIMIT_FROM = 40;
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Which accounts a request may be given. */
export type SelectionMode =
  /** Healthy, free accounts (PGPool's default). */
  | 'free'
  /** PGPool's `banned_or_new`: never-used or temp-banned/blind accounts, cool-down or not, for checkers. */
  | 'banned_or_new'
  /** codename-art's PGPool `shadow`: blind (shadow-banned) accounts that are not banned, for gym scanners. */
  | 'shadow';

export interface AccountRequest {
  systemId: string;
  /** 0 when the request can find nothing (count ≤ 0, or a level range that admits no level). */
  count: number;
  levels: LevelRange;
  /** PGPool's `reuse` / `include_already_assigned`: the system's own current accounts come first. */
  reuse: boolean;
  mode: SelectionMode;
}

/** PGPool's parse_bool (pgpool/utils.py): "yes" or "true" in any case; anything else, or nothing, is false. */
function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name)?.toLowerCase();
  return value === 'yes' || value === 'true';
}

/** Python's int() of a query value: blanks around, an optional sign, decimal digits. */
function integer(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\s*[+-]?\d{1,15}\s*$/.test(raw)) throw badRequest(`${name} must be a whole number, not "${raw.slice(0, 40)}"`);
  return Number(raw.trim());
}

/** Reads one request's query. Parameters PGPool did not read (positions, our `token`) are ignored. */
export function parseAccountRequest(query: URLSearchParams): AccountRequest {
  const systemId = query.get('system_id')?.trim() ?? '';
  if (systemId.length === 0) throw badRequest('system_id is required: the name of the scanner asking for accounts');
  const problem = instanceNameProblem(systemId);
  if (problem) throw badRequest(`system_id ${problem}`);
  const count = integer(query, 'count', 1);
  const minLevel = integer(query, 'min_level', 1);
  const maxLevel = integer(query, 'max_level', NO_UPPER_LIMIT_FROM);
  const levels = { min: minLevel > NO_LOWER_LIMIT_AT ? minLevel : 0, max: maxLevel < NO_UPPER_LIMIT_FROM ? maxLevel : NO_LIMIT };
  const bannedOrNew = flag(query, 'banned_or_new');
  return {
    systemId,
    count: levels.min > levels.max ? 0 : Math.max(0, Math.min(count, MAX_COUNT)),
    levels,
    // PGPool ignores reuse for banned_or_new: a checker wants accounts to check, not its own back.
    reuse: (flag(query, 'reuse') || flag(query, 'include_already_assigned')) && !bannedOrNew,
    mode: bannedOrNew ? 'banned_or_new' : flag(query, 'shadow') ? 'shadow' : 'free',
  };
}
