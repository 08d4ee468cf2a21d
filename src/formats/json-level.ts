// A JSON object's `level` (our export, a generator's `lvl`, a shop's API) read by the list readers'
// one rule, so a level means the same in every reader: a trainer level 1-50 is the account's, a
// number no trainer level is (`70`, `-3`, `30.5`) refuses the account naming it (odd-level.ts),
// never stored as a level the game has not; `null` and an empty string say none. A string is read
// as a list's level cell (`"30"`, `"Lv.30"`, `"(30 lvl)"`: level-cell.ts), `"70"` as the number 70,
// `"0"` as none. The number `0` is the one difference: the pool holds level 0 and our export
// writes it (jsonl.ts, the lossless way back in: roundtrip.property.test.ts), so it is kept.
// `30.0` is the number 30 once JSON.parse has read it: a whole number, read.
import { isTrainerLevel, MAX_LEVEL, MIN_LEVEL } from '../model.js';
import { levelCell } from './lists/level-cell.js';
import { isPlainNumber, notLevelReason } from './lists/odd-level.js';

/** The level a JSON `level` value states (undefined: none), or why the account is refused. */
export function jsonLevel(value: unknown): { level?: number } | { reason: string } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'number') return value === 0 || isTrainerLevel(value) ? { level: value } : { reason: notLevelReason(String(value)) };
  if (typeof value !== 'string') return { reason: 'level is neither a number nor a level written as text' };
  const t = value.trim();
  if (t === '' || t === '0') return {};
  const cell = levelCell(t);
  if (cell !== undefined) return { level: cell };
  // `"70"`, `"-3"`, `"30.5"`: a number, no trainer level; any other words are no level either.
  if (isPlainNumber(t) || /^[-+]?\d{1,4}(?:\.\d+)?$/.test(t)) return { reason: notLevelReason(t) };
  return { reason: `level "${t.slice(0, 20)}" states no trainer level (${MIN_LEVEL}-${MAX_LEVEL})` };
}
