// The settings a peer of a shared pool may not weaken on this host without its operator's word.
//
// accountpool.yaml comes with every sync. Most of it is the pool's to share (shards, cool-downs,
// levels): a peer changes it for every host, as this host would. But a few values turn a
// guarantee off on every host that syncs, from one push: `lease: 1m` ends each allocation's holds
// a minute after it, and the next allocate hands the accounts to another instance while the first
// scanner still uses them; `release_timeout: 1m` does the same to serve's holds; `lock_wait:
// 36500d` makes every command wait a century behind one stopped holder instead of failing after a
// minute; `history: false` silences the alerts' forecast, stats and the dashboard; `checker:
// simulated` gives made-up verdicts that retire real accounts; a `max_dump_size` of petabytes (or a
// `max_dump_lines` of billions) lets whoever drops a file into an inbox take a host's memory;
// `concurrency: 1000` runs a thousand checker logins at once from every host. A hold can be weakened the other way too: `lease: 36500d`
// or `release_timeout: 0` (never) keeps every account a stopped scanner held out of the pool for a
// century, on every host, and `status` names no hold dated that far ahead (future-dated.ts reads
// the settings): past a week, or 0, a hold is this host's operator's to choose. Such a value, weaker than the one
// `init` writes, is used on a host of a pool shared through git only once its operator accepted
// it (`accountpool trust --accept`, recorded in .git/ as the commands are: trusted-commands.ts);
// until then the host goes on with `init`'s value and every command says so. On one host (a pool
// without git) every value is used as written; a stronger one (a longer lease) never asks.
import { DEFAULT_CONFIG, type Config } from '../config.js';
import { formatDuration } from '../duration.js';

type Guarded =
  | 'lease'
  | 'release_timeout'
  | 'lock_wait'
  | 'history'
  | 'checker'
  | 'max_dump_size'
  | 'max_dump_lines'
  | 'concurrency'
  | 'cooldowns.check_error'
  | 'cooldowns.perm_banned'
  | 'cooldowns.invalid'
  | 'default_level'
  | 'checker_timeout'
  | 'simulated.rates';

/** A setting's value as accepted: the setting and its value as the config holds it. */
export interface SettingReach {
  setting: Guarded;
  value: number | boolean | string | null | Readonly<Record<string, number>>;
}

interface Guard {
  setting: Guarded;
  /** Whether the config's value is weaker than init's. */
  weak: (config: Config) => boolean;
  /** The value as a person writes it. */
  shown: (value: SettingReach['value']) => string;
  /** What the weaker value does on every host. */
  why: string | ((value: SettingReach['value']) => string);
}

const duration = (value: SettingReach['value']) => formatDuration(value as number);
const text = (value: SettingReach['value']) => String(value);
const cooldown = (value: SettingReach['value']) => (value === 'retired' ? 'retired' : duration(value));

/** Whether the simulated checker's rates give some verdict more often than init's (or one init's never gives). */
const ratesAboveInit = (rates: Readonly<Record<string, number>>) => {
  const initial: Readonly<Record<string, number>> = DEFAULT_CONFIG.simulated.rates;
  return Object.entries(rates).some(([verdict, rate]) => !Object.hasOwn(initial, verdict) || rate > initial[verdict]!);
};

/** The longest hold a peer may set for this host unasked: a week. Longer (or never), accounts a stopped scanner held stay out that long. */
export const LONGEST_UNASKED_HOLD_MS = 7 * 86_400_000;

const GUARDS: readonly Guard[] = [
  {
    setting: 'lease',
    weak: (c) => c.lease < DEFAULT_CONFIG.lease || c.lease > LONGEST_UNASKED_HOLD_MS,
    shown: duration,
    why: (v) =>
      (v as number) > LONGEST_UNASKED_HOLD_MS
        ? 'allocations hold their accounts that long: the accounts of a scanner that stopped without a release stay out of the pool until then, and `status` names no hold dated within it'
        : 'allocations hold their accounts for less time, and the next allocate may hand them to another instance while a scanner still uses them',
  },
  {
    setting: 'release_timeout',
    weak: (c) => c.release_timeout === 0 || c.release_timeout < DEFAULT_CONFIG.release_timeout || c.release_timeout > LONGEST_UNASKED_HOLD_MS,
    shown: (v) => (v === 0 ? '0' : duration(v)),
    why: (v) =>
      v === 0 || (v as number) > LONGEST_UNASKED_HOLD_MS
        ? `serve's holds ${v === 0 ? 'never end' : 'last that long'} without an update: the accounts of a scanner that stopped without releasing them stay out of the pool${v === 0 ? ' until released by hand' : ' until then'}`
        : "serve's holds end sooner between a scanner's updates, and the next request may be given the same account",
  },
  { setting: 'lock_wait', weak: (c) => c.lock_wait > DEFAULT_CONFIG.lock_wait, shown: duration, why: 'every command waits that long behind a busy or stopped lock holder before it says so' },
  { setting: 'history', weak: (c) => !c.history, shown: text, why: 'no history is recorded: stats, the alerts\' forecast and the dashboard go blind' },
  { setting: 'checker', weak: (c) => c.checker === 'simulated', shown: text, why: 'allocate gives made-up verdicts, retiring real accounts' },
  { setting: 'max_dump_size', weak: (c) => c.max_dump_size > DEFAULT_CONFIG.max_dump_size, shown: text, why: 'the watcher and import read larger files whole, and a file dropped into the inbox can take the memory of the host' },
  { setting: 'max_dump_lines', weak: (c) => c.max_dump_lines > DEFAULT_CONFIG.max_dump_lines, shown: text, why: 'import and the watcher read dumps of that many lines, and a file of short lines dropped into the inbox can take the memory and minutes of the host' },
  { setting: 'concurrency', weak: (c) => c.concurrency > DEFAULT_CONFIG.concurrency, shown: text, why: 'the checker runs that many logins at once from this host' },
  {
    // A failed check is no verdict (verdicts.ts): `retired` turned every checker error, and every
    // line of PGNumbra's error file imported, into a retirement of the account for good; a rest
    // longer than a ban's is one in all but name.
    setting: 'cooldowns.check_error',
    weak: (c) => c.cooldowns.check_error === 'retired' || c.cooldowns.check_error > (DEFAULT_CONFIG.cooldowns.temp_banned as number),
    shown: (v) => (v === 'retired' ? 'retired' : duration(v)),
    why: 'a checker error or timeout, or a line of a checker\'s error file, takes its accounts out of the pool longer than a ban does (retired: for good)',
  },
  // A banned or invalid account is no healthy one whatever rest it had: any end to it hands
  // accounts the game refused back to every host's scanners. The other cool-downs (temp_banned,
  // warned, blind) stay the pool's to share (docs/git.md).
  ...(['perm_banned', 'invalid'] as const).map(
    (verdict): Guard => ({
      setting: `cooldowns.${verdict}`,
      weak: (c) => c.cooldowns[verdict] !== 'retired',
      shown: cooldown,
      why: `accounts the game ${verdict === 'perm_banned' ? 'banned for good' : 'refused as invalid'} are handed out again once that rest ends`,
    }),
  ),
  // A guessed level is an invented fact about an account (issue 14): init refuses to guess.
  { setting: 'default_level', weak: (c) => c.default_level !== null, shown: text, why: 'a dump that names no level is imported at that level, guessed, instead of being refused' },
  // A check that times out is no verdict but sits its accounts out for cooldowns.check_error
  // (verdicts.ts): a timeout too short for any login rests every account allocate checks.
  {
    setting: 'checker_timeout',
    weak: (c) => c.checker === 'command' && c.checker_timeout < DEFAULT_CONFIG.checker_timeout,
    shown: duration,
    why: 'a check that takes longer times out, and its accounts sit out cooldowns.check_error: too short for a login, every account allocate checks is rested and none handed out',
  },
  // Accepting `checker: simulated` accepted init's rates, not whatever a peer sets next.
  {
    setting: 'simulated.rates',
    weak: (c) => c.checker === 'simulated' && ratesAboveInit(c.simulated.rates),
    shown: (v) => `{${Object.entries(v as Record<string, number>).map(([k, r]) => `${k}: ${r}`).join(', ')}}`,
    why: 'the simulated checker gives those made-up verdicts more often, retiring or resting more real accounts',
  },
];

/** A guarded setting's value in `config` (`cooldowns.check_error` is nested). */
function valueAt(config: Config, setting: Guarded): SettingReach['value'] {
  return setting.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], config) as SettingReach['value'];
}

/** Sets a guarded setting's value in `config`. */
function setAt(config: Config, setting: Guarded, value: SettingReach['value']): void {
  const keys = setting.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((at, key) => at[key] as Record<string, unknown>, config as unknown as Record<string, unknown>);
  parent[keys[keys.length - 1]!] = value;
}

/** The guarded settings `config` holds weaker than init's, each as it would be accepted. */
export function weakSettings(config: Config): SettingReach[] {
  return GUARDS.filter((g) => g.weak(config)).map((g) => ({ setting: g.setting, value: valueAt(config, g.setting) }));
}

/** `lease 1m`, as the config says it. */
export function settingText(reach: SettingReach): string {
  return `${reach.setting}: ${GUARDS.find((g) => g.setting === reach.setting)!.shown(reach.value)}`;
}

/** What the weaker value does, for the messages. */
export function settingWhy(reach: SettingReach): string {
  const why = GUARDS.find((g) => g.setting === reach.setting)!.why;
  return typeof why === 'string' ? why : why(reach.value);
}

/**
 * Puts init's value in `config` for each weak setting `accepted` says no to, and returns what it
 * did, one sentence each (the caller prints them as warnings).
 */
export async function keepUnacceptedAtDefault(config: Config, accepted: (reach: SettingReach) => Promise<boolean>, hint: string): Promise<string[]> {
  const said: string[] = [];
  for (const reach of weakSettings(config)) {
    if (await accepted(reach)) continue;
    const at = valueAt(DEFAULT_CONFIG, reach.setting);
    const initial = typeof at === 'object' && at !== null ? { ...at } : at; // never the defaults' own object
    setAt(config, reach.setting, initial);
    said.push(
      `${settingText(reach)} in accountpool.yaml is not accepted on this host, so ${settingText({ setting: reach.setting, value: initial })} is used: with it ${settingWhy(reach)}, ` +
        `and in a pool shared through git it may have come with a sync; ${hint}`,
    );
  }
  return said;
}
