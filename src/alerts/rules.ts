// The `alerts` setting: what each entry may say, and the conditions it stands for. An entry with
// both `available_below` and `days_below` is two conditions, each crossing on its own.
//
//   alerts:
//     - levels: 30-31
//       available_below: 50      # fewer accounts available now than this
//       days_below: 3            # the forecast says the range runs dry in fewer days than this
//       command: [/usr/local/bin/notify, --channel, pool]
import type { AlertRule } from '../config.js';
import type { LevelRange } from '../allocate/select.js';
import { parseRange, rangeLabel } from '../level-range.js';

export type Measure = 'available' | 'days';

/** One condition of one entry. Its `id` names it in the history, so reordering entries changes nothing. */
export interface Condition {
  id: string;
  levels: string;
  range: LevelRange;
  measure: Measure;
  below: number;
  command: string[];
}

const FIELDS = ['levels', 'available_below', 'days_below', 'command'];

function checkOne(entry: unknown, n: number): AlertRule {
  const where = `entry ${n}`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw `${where} must be a mapping with levels, available_below and/or days_below, and command`;
  const record = entry as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0) throw `${where}: unknown setting ${unknown[0]} (known: ${FIELDS.join(', ')})`;
  const levels = typeof record.levels === 'number' ? String(record.levels) : record.levels;
  if (typeof levels !== 'string' || !parseRange(levels)) throw `${where}: levels must be a level range such as 30, 30-31 or 30+`;
  const rule: AlertRule = { levels: rangeLabel(parseRange(levels)!), command: [] };
  for (const key of ['available_below', 'days_below'] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw `${where}: ${key} must be a number above 0`;
    rule[key] = value;
  }
  if (rule.available_below === undefined && rule.days_below === undefined) throw `${where}: give available_below, days_below or both`;
  const command = record.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((word) => typeof word === 'string') || command[0] === '') {
    throw `${where}: command must be a list of words: [program, arg, ...] (run without a shell)`;
  }
  rule.command = command as string[];
  return rule;
}

/** The config check for `alerts` (a reason string is thrown, as every config check does). */
export function checkAlertRules(value: unknown): AlertRule[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw 'must be a list of alerts: - {levels: 30-31, available_below: 50, command: [program, arg]}';
  return value.map((entry, i) => checkOne(entry, i + 1));
}

export function conditionsOf(rules: readonly AlertRule[]): Condition[] {
  return rules.flatMap((rule) => {
    const range = parseRange(rule.levels)!;
    const out: Condition[] = [];
    if (rule.available_below !== undefined) out.push({ id: `${rule.levels} available < ${rule.available_below}`, levels: rule.levels, range, measure: 'available', below: rule.available_below, command: rule.command });
    if (rule.days_below !== undefined) out.push({ id: `${rule.levels} days < ${rule.days_below}`, levels: rule.levels, range, measure: 'days', below: rule.days_below, command: rule.command });
    return out;
  });
}
