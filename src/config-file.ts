// Reading `accountpool.yaml`: every value checked, every mistake reported with file and line.
import { mkdir, open, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Node } from 'yaml';
import { yaml } from './yaml-lazy.js';
import { writeFileAtomic } from './store/atomic-write.js';
import { readOwnFile } from './store/own-file.js';
import { sealsLast, sealText, unsealText } from './cache-seal.js';
import { FileError } from './errors.js';
import { yamlShapeProblem } from './yaml-shape.js';
import { fileKind } from './file-kind.js';
import { refuseOpenFolder, refuseOthersSettings } from './settings-writers.js';
import { MAX_DURATION_DAYS, MAX_DURATION_MS, MIN_HOLD_MS, parseDuration } from './duration.js';
import { DEFAULT_CONFIG, SERVE_WARN, type Config, type Cooldown } from './config.js';
import { checkAlertRules } from './alerts/rules.js';
import { isTrainerLevel, MAX_LEVEL, MIN_LEVEL } from './model.js';

type Check = (value: unknown) => unknown; // returns the parsed value, or throws a reason (string)

const duration: Check = (v) => {
  const ms = parseDuration(v as string | number);
  if (typeof v === 'boolean' || Number.isNaN(ms)) throw 'must be a duration such as 90s, 30m, 12h or 10d';
  if (ms > MAX_DURATION_MS) throw `must be at most ${MAX_DURATION_DAYS}d (100 years)`;
  return ms;
};
/**
 * A lease no hold can be: `lease: 0s` (or a few seconds, as a peer of a shared pool may commit) ended
 * each allocation's holds as it wrote them, and the next allocate handed the same accounts to another
 * instance while the first one's scanner still used them. A minute is less than any scanner runs.
 */
const lease: Check = (v) => {
  const ms = duration(v) as number;
  if (ms < MIN_HOLD_MS) throw 'must be at least 1m: a shorter hold is over before its scanner logs in, and the next allocate hands its accounts to another instance';
  return ms;
};
/**
 * serve's release_timeout: 0 (never), else a minute at least, as PGPool took it (whole minutes,
 * account_release_timeout): a hold of a second ended between two of its scanner's updates, and the
 * next request was given the same account.
 */
const releaseTimeout: Check = (v) => {
  const ms = duration(v) as number;
  if (ms > 0 && ms < MIN_HOLD_MS) throw 'must be 0 (never) or at least 1m: a shorter hold ends between two of its scanner\'s updates, and the next request is given the same account';
  return ms;
};
const cooldown: Check = (v) => (v === 'retired' ? 'retired' : duration(v));
const positiveInt = (max: number): Check => (v) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw `must be a whole number from 1 to ${max}`;
  return v;
};
const text: Check = (v) => {
  if (typeof v !== 'string' || v.length === 0) throw 'must be text';
  return v;
};
const bool: Check = (v) => {
  if (typeof v !== 'boolean') throw 'must be true or false';
  return v;
};

const CHECKS: Record<string, Check | Record<string, Check>> = {
  shards: positiveInt(4096),
  lease,
  lock_wait: duration,
  cooldowns: { temp_banned: cooldown, warned: cooldown, blind: cooldown, perm_banned: cooldown, invalid: cooldown, check_error: cooldown },
  checker: text,
  checker_command: (v) => {
    if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw 'must be a list of words: [program, arg, ...]';
    return v;
  },
  checker_timeout: duration,
  simulated: (v) => {
    const s = v as { seed?: unknown; rates?: Record<string, unknown> } | null;
    if (!s || typeof s !== 'object') throw 'must be a mapping with seed and rates';
    const seed = s.seed ?? DEFAULT_CONFIG.simulated.seed;
    if (typeof seed !== 'number') throw 'seed must be a number';
    const rates = s.rates ?? DEFAULT_CONFIG.simulated.rates;
    for (const [k, r] of Object.entries(rates)) if (typeof r !== 'number' || r < 0 || r > 1) throw `rate ${k} must be between 0 and 1`;
    return { seed, rates };
  },
  concurrency: positiveInt(1000),
  default_level: (v) => {
    if (v === null) return null;
    if (typeof v !== 'number' || !isTrainerLevel(v)) throw `must be a level from ${MIN_LEVEL} to ${MAX_LEVEL}, or null`;
    return v;
  },
  inbox: text,
  max_dump_size: positiveInt(Number.MAX_SAFE_INTEGER),
  max_dump_lines: positiveInt(Number.MAX_SAFE_INTEGER),
  release_timeout: releaseTimeout,
  serve_warn: (v) => {
    if (!(SERVE_WARN as readonly unknown[]).includes(v)) throw `must be one of ${SERVE_WARN.join(', ')}`;
    return v;
  },
  git: { commit: bool },
  history: bool,
  alerts: checkAlertRules,
};

/**
 * What the cached settings look like in this version: every setting with its default, and the
 * rules since tightened (settings checked before stop 51 took `lease: 0s` and `release_timeout: 1s`: that cache is none).
 */
const CACHE_SHAPE = `${JSON.stringify(DEFAULT_CONFIG)}\nlease and release_timeout from ${MIN_HOLD_MS} ms\n`;

/**
 * Far beyond any settings file (the full default one is under 2 KB), and small enough to read at
 * once. Not 1 MB: a file of a few megabytes (a hostile value padded with blanks) is refused by the
 * line that holds the value, which says more than its size would (test/cli/hostile-values.test.ts).
 */
export const CONFIG_MAX_BYTES = 16 * 1024 * 1024;

/**
 * accountpool.yaml's text, or undefined when there is none. Every command reads it, and in a pool
 * shared through git it comes with a sync (git checks a committed link out as a link): a FIFO or a
 * link to /dev/zero in its place hung every command for ever. So only a regular file of sane size
 * is read, opened without waiting on a FIFO; a link to a regular file (a config kept elsewhere)
 * is followed as before. Anything else is refused naming the file and what it is.
 */
async function readSettingsText(file: string): Promise<string | undefined> {
  // Its folder first: every user able to write there could have put it there (settings-writers.ts).
  const folder = await stat(dirname(file)).catch(() => undefined);
  if (folder) refuseOpenFolder(dirname(file), folder);
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return undefined;
  try {
    const info = await handle.stat();
    const kind = fileKind(info);
    if (kind) throw new FileError(file, 1, `is ${kind}, not a settings file: put a regular file there (or remove it for every default)`);
    refuseOthersSettings(file, info);
    if (info.size > CONFIG_MAX_BYTES) throw new FileError(file, 1, `is larger than ${CONFIG_MAX_BYTES / 1024 / 1024} MB, far beyond any settings file: is it the right file?`);
    return (await handle.readFile()).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Reads the config; a missing file means every default. */
export async function loadConfig(file: string): Promise<Config> {
  const source = await readSettingsText(file);
  if (source === undefined) return structuredClone(DEFAULT_CONFIG);
  // The checked result is cached by the file's content: the yaml package (50 ms to load) is only
  // needed after an edit. The cache is only ever a shortcut: another content means another key.
  // So does another shape of the settings: a cache another version wrote (without a setting added
  // since, say) is made again, never used.
  const cacheFile = join(dirname(file), '.cache', 'config.json');
  const key = createHash('sha1').update(CACHE_SHAPE).update(source).digest('hex');
  // Sealed (cache-seal.ts): checked settings edited under the file's key (a lease of a second) are none.
  const cached = await readOwnFile(cacheFile).then((t) => unsealText(t)).then((t) => (t === undefined ? undefined : (JSON.parse(t) as { key: string; config: Config })), () => undefined);
  if (cached?.key === key) return cached.config;
  const config = parseConfig(file, source);
  if (!sealsLast()) return config; // a keyed process's cache is left for it (seal-key.ts)
  try {
    await mkdir(dirname(cacheFile), { recursive: true, mode: 0o700 });
    await writeFileAtomic(cacheFile, sealText(JSON.stringify({ key, config })), 0o600, { durable: false });
  } catch {
    // a read-only pool just reads its config every time
  }
  return config;
}

export function parseConfig(file: string, source: string): Config {
  // Before the YAML library's recursion holds a level for each (yaml-shape.ts).
  const shape = yamlShapeProblem(source);
  if (shape) throw new FileError(file, shape.line, `${shape.what}, far beyond any settings file`);
  const { LineCounter, parseDocument, isMap, isScalar, isSeq } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, schema: 'core', uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  if (doc.errors[0]) throw new FileError(file, lines.linePos(doc.errors[0].pos[0]).line, doc.errors[0].message.split('\n')[0]!);
  const config = structuredClone(DEFAULT_CONFIG) as unknown as Record<string, unknown>;
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return config as unknown as Config;
  if (!isMap(doc.contents)) throw new FileError(file, 1, 'settings must be a mapping of key: value');

  const apply = (map: Node, checks: Record<string, Check | Record<string, Check>>, target: Record<string, unknown>, prefix: string) => {
    if (!isMap(map)) throw new FileError(file, lineOf(map), `${prefix.slice(0, -1)} must be a mapping`);
    for (const pair of map.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const line = lineOf(pair.key as Node);
      // Own settings only: `toString:` or `__proto__:` (an edit, or a push to a shared pool's
      // remote) would otherwise find Object.prototype's and write into every object's prototype.
      const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
      if (!check) throw new FileError(file, line, `unknown setting ${prefix}${key} (known: ${Object.keys(checks).join(', ')})`);
      const valueNode = pair.value as Node | null;
      if (typeof check === 'function') {
        const value = isScalar(valueNode) || isSeq(valueNode) || isMap(valueNode) ? valueNode.toJSON() : null;
        try {
          target[key] = check(value);
        } catch (reason) {
          if (typeof reason !== 'string') throw reason;
          throw new FileError(file, lineOf(valueNode) || line, `${prefix}${key} ${reason}`);
        }
      } else {
        apply(valueNode as Node, check, target[key] as Record<string, unknown>, `${prefix}${key}.`);
      }
    }
  };
  apply(doc.contents, CHECKS, config, '');
  return config as unknown as Config;
}

export type { Cooldown };

/**
 * `source` (accountpool.yaml's text) with its `shards:` value replaced by `count`, every other
 * byte (comments, order, the operator's own settings) kept; a `shards:` line added when there is
 * none. Used by resharding (src/store/reshard.ts), which writes it in the same commit as the shards.
 */
export function withShardCount(file: string, source: string, count: number): string {
  if (yamlShapeProblem(source)) parseConfig(file, source); // throws, naming the line
  const { parseDocument, isMap, isScalar } = yaml();
  const doc = parseDocument(source, { schema: 'core', uniqueKeys: true });
  if (doc.errors[0]) parseConfig(file, source); // throws the error with its line
  const node = isMap(doc.contents) ? doc.contents.get('shards', true) : undefined;
  if (isScalar(node) && node.range) return `${source.slice(0, node.range[0])}${count}${source.slice(node.range[1])}`;
  return `${source}${source === '' || source.endsWith('\n') ? '' : '\n'}shards: ${count}\n`;
}
