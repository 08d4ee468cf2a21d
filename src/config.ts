// The pool's settings (`accountpool.yaml` in the pool folder): every key, its default and its check.
// Unknown keys and bad values stop the command with the file and line to fix.
import { parseDuration, formatDuration } from './duration.js';
import { DEFAULT_MAX_LINES } from './formats/line-limit.js';

/** A cool-down in ms, or 'retired' (never handed out again). */
export type Cooldown = number | 'retired';

export const SERVE_WARN = ['keep', 'rest'] as const;
export type ServeWarn = (typeof SERVE_WARN)[number];

/**
 * One entry of `alerts` (src/alerts/): run `command` when the accounts available in `levels` fall
 * below `available_below`, or when the forecast says they run dry in fewer than `days_below` days.
 */
export interface AlertRule {
  /** A level range as people write it: `30`, `30-31`, `30+`. */
  levels: string;
  available_below?: number;
  days_below?: number;
  /** The program and its arguments (no shell); the alert arrives as JSON on its stdin. */
  command: string[];
}

export interface Config {
  /** Number of shard files; fixed when the pool is made (`verify --fix` re-shards after a change). */
  shards: number;
  /** How long an allocation holds its accounts unless released or renewed. */
  lease: number;
  /** How long a command waits for a busy pool lock. */
  lock_wait: number;
  /** Cool-down per verdict; `check_error` is the short retry after a checker error or timeout. */
  cooldowns: { temp_banned: Cooldown; warned: Cooldown; blind: Cooldown; perm_banned: Cooldown; invalid: Cooldown; check_error: Cooldown };
  /** Checker used by `allocate` unless `--checker`/`--no-check` says otherwise. */
  checker: string;
  /** Program (and arguments) the `command` checker runs. */
  checker_command: string[];
  /** Timeout for one account in the `command` checker. */
  checker_timeout: number;
  /** Seed and rates of the `simulated` checker (demo and tests only). */
  simulated: { seed: number; rates: Record<string, number> };
  /** Accounts checked at the same time. */
  concurrency: number;
  /** Level for dumps that name none (no column, no flag, no inbox folder); null = refuse to guess. */
  default_level: number | null;
  /** The inbox folder, relative to the pool folder. */
  inbox: string;
  /** The server ends a hold nobody requested or updated for this long (PGPool's account_release_timeout); 0 = never. */
  release_timeout: number;
  /**
   * What the server does with a scanner's `warn: true`: `keep` records the flag and goes on handing
   * the account out, as PGPool did; `rest` gives it the warned verdict and its cool-down.
   */
  serve_warn: ServeWarn;
  /** Inbox files larger than this (bytes) are set aside, not imported. */
  max_dump_size: number;
  /** A dump of more lines than this (a sheet of more rows) is refused before it is read (formats/line-limit.ts). */
  max_dump_lines: number;
  git: { commit: boolean };
  /** Record events in `history/` (what `stats`, the alerts' forecast and the dashboard read). */
  history: boolean;
  alerts: AlertRule[];
}

export const DEFAULT_CONFIG: Config = {
  shards: 64,
  lease: parseDuration('12h'),
  lock_wait: parseDuration('60s'),
  cooldowns: {
    temp_banned: parseDuration('10d'),
    warned: parseDuration('10d'),
    blind: parseDuration('10d'),
    perm_banned: 'retired',
    invalid: 'retired',
    check_error: parseDuration('1h'),
  },
  checker: 'none',
  checker_command: [],
  checker_timeout: parseDuration('30s'),
  simulated: { seed: 1, rates: { blind: 0.05, temp_banned: 0.02, perm_banned: 0.01, warned: 0.01 } },
  concurrency: 8,
  default_level: null,
  inbox: '../inbox',
  max_dump_size: 50 * 1024 * 1024,
  max_dump_lines: DEFAULT_MAX_LINES,
  release_timeout: parseDuration('120m'),
  serve_warn: 'keep',
  git: { commit: false },
  history: true,
  alerts: [],
};

/** The file `init` writes: every setting at its default, with a word on each. */
export function defaultConfigText(shards = DEFAULT_CONFIG.shards): string {
  const c = DEFAULT_CONFIG.cooldowns;
  const d = (ms: Cooldown) => (ms === 'retired' ? 'retired' : formatDuration(ms));
  return `# accountpool settings. Durations: 90s, 30m, 12h, 10d. See accountpool's docs/configuration.md.
shards: ${shards}            # shard files; change only with \`accountpool verify --fix\` afterwards
lease: ${formatDuration(DEFAULT_CONFIG.lease)}             # how long an allocation holds its accounts
lock_wait: ${formatDuration(DEFAULT_CONFIG.lock_wait)}         # how long a command waits for a busy pool
cooldowns:               # how long an account rests after each verdict ("retired" = never again)
  temp_banned: ${d(c.temp_banned)}
  warned: ${d(c.warned)}
  blind: ${d(c.blind)}
  perm_banned: ${d(c.perm_banned)}
  invalid: ${d(c.invalid)}
  check_error: ${d(c.check_error)}       # a checker error or timeout is not a ban: short retry
checker: ${DEFAULT_CONFIG.checker}            # none | command | simulated
checker_command: []      # for checker: command, e.g. [python3, /opt/checker/check.py]
checker_timeout: ${formatDuration(DEFAULT_CONFIG.checker_timeout)}
simulated:               # the simulated checker: made-up verdicts for demos and tests, never real
  seed: ${DEFAULT_CONFIG.simulated.seed}
  rates: {${Object.entries(DEFAULT_CONFIG.simulated.rates).map(([k, v]) => `${k}: ${v}`).join(', ')}}
concurrency: ${DEFAULT_CONFIG.concurrency}
default_level: null      # level for dumps that say none; null = refuse to guess
inbox: ${DEFAULT_CONFIG.inbox}          # relative to this folder
max_dump_size: ${DEFAULT_CONFIG.max_dump_size}
max_dump_lines: ${DEFAULT_CONFIG.max_dump_lines}   # a dump (a sheet) of more lines (rows) is refused before it is read
release_timeout: ${formatDuration(DEFAULT_CONFIG.release_timeout)}     # accountpool serve: a hold without update ends after this; 0 = never
serve_warn: ${DEFAULT_CONFIG.serve_warn}         # accountpool serve, a scanner posts warn: true: keep (hand it out, as PGPool) | rest (cooldowns.warned)
git:
  commit: false          # one git commit per transaction (see \`accountpool init --git\`)
history: true            # one line per event in history/YYYY-MM.txt (accountpool stats, alerts, dashboard)
alerts: []               # e.g. - {levels: 30-31, available_below: 50, command: [/usr/local/bin/notify]}
`;
}
