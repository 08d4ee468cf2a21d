// A pgoapi bot's one config file for many accounts: poketrainer's `config.json`
// (jekirl/poketrainer `config.json.example`: `{"accounts": [{auth_service, username, password,
// location, GMAPS_API_KEY, BEHAVIOR, CAPTURE, ...}, ...], "defaults": {...}}`, run as `pokecli.py
// -i N` for the Nth account; `poketrainer/poketrainer.py` `_load_config` merges `defaults` under
// each account, so a password or auth_service written once in `defaults` is every account's that
// has none) and PogoGen's `accounts.json` (Pacane/PogoGen `test/accounts.json`: a `global` section
// applied to every PokemonGo-Bot config it writes, `password` among it, and an `accounts` list whose
// entries may override it); PGO-mapscan-opt's `res/usersettings.json` (seikur0/PGO-mapscan-opt
// `res/usersettings.json.example`: a `profiles` list of `{id, type: "ptc"|"google", username,
// password, proxy, coordinates}`, read by `main0.py`). The accounts are read with the shared
// password; nothing else enters the pool: the JSON reader would keep each account's Google Maps key,
// bot settings and proxy (with its own login) as the account's history. spawnScan's `config.json`
// (TBTerra/spawnScan `config.json`: one `auth_service` at the top for its `users` list of
// `{username, password}`, beside the `work` rectangles) names the provider once for all: the
// JSON reader lost it, a Google account entering as PTC. node-pogo-spawnscan-cdlm's `config.yaml`
// (condulum/node-pogo-spawnscan-cdlm `config.example.yaml`: `workers:` a YAML list of `username:` /
// `password:` mappings, "enter your ptc accounts here", beside its scan settings) is the same in
// YAML: the list readers took its quotes into the passwords.
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { lineProblem } from '../lists/account-line.js';
import { isObject } from '../jsonl.js';
import { yaml } from '../../yaml-lazy.js';
import { YAML_MAX, yamlTooBig, yamlTooDeep } from './yaml-config-size.js';
import { yamlShapeProblem, type YamlShapeProblem } from '../../yaml-shape.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';
import { oncePerInput } from '../memo.js';

interface BotConfig {
  accounts: Record<string, unknown>[];
  /** `defaults` (poketrainer) or `global` (PogoGen): merged under every account. */
  shared: Record<string, unknown>;
}

/** The account list's key: poketrainer's and PogoGen's `accounts`, PGO-mapscan-opt's `profiles`, spawnScan's `users`. */
const LIST_KEYS = ['accounts', 'profiles', 'users'];

/** The settings the accounts share: poketrainer's `defaults`, PogoGen's `global`. */
const SHARED_KEYS = ['defaults', 'global'];

/** A bot's login key: `auth_service` (pgoapi's name), or PGO-mapscan-opt's `type` of `ptc` or `google`. */
const LOGIN_KEY = /"auth_service"\s*:|"type"\s*:\s*"(?:ptc|google)"/i;

/**
 * Whether a JSON text may be a bot's config, by its cheap marks alone: an object naming a bot login
 * early on. The json reader reads a text without them an object at a time (json.ts readItemwise).
 */
export function mayBeBotConfig(raw: string): boolean {
  const text = raw.trimStart();
  return text[0] === '{' && LOGIN_KEY.test(text.slice(0, 200_000));
}

function isService(value: unknown): boolean {
  return typeof value === 'string' && /^(?:ptc|google)$/i.test(value.trim());
}

/** A YAML `workers:` config over YAML_MAX: claimed, so that it is refused for its size, never read by a list reader. */
const TOO_BIG = 'too-big';

/** A YAML `workers:` config nesting flow collections past what any config does (yaml-shape.ts): claimed, to be refused by that line unparsed. */
interface TooDeep {
  deep: YamlShapeProblem;
}

type Lookup = BotConfig | typeof TOO_BIG | TooDeep | null;

const lookup = oncePerInput((input: DumpInput): Lookup => parse(input.text));

function botConfig(input: DumpInput): BotConfig | undefined {
  const config = lookup(input);
  return config === TOO_BIG || (config !== null && 'deep' in config) ? undefined : (config ?? undefined);
}

/** The cheap look at a YAML config: a top-level `workers:` list and `username:` / `password:` keys in it. */
function looksLikeYamlWorkers(text: string): boolean {
  const c = text.trimStart()[0];
  if (c === '{' || c === '[') return false;
  const head = text.slice(0, 100_000);
  return /^workers[ \t]*:/m.test(head) && /^[ \t]*(?:-[ \t]*)?username[ \t]*:/m.test(head) && /^[ \t]*password[ \t]*:/m.test(head);
}

function parse(raw: string): Lookup {
  const text = raw.trimStart();
  let value: unknown;
  if (looksLikeYamlWorkers(text)) {
    if (text.length > YAML_MAX) return TOO_BIG;
    // The yaml package parses nesting by recursion (yaml-shape.ts): 5,000 `[` stopped its parse, and the file went to a list reader.
    const deep = yamlShapeProblem(raw, Infinity);
    if (deep) return { deep };
    try {
      // The failsafe schema keeps every value the text it was typed as (`password: 0123` stays `0123`).
      value = yaml().parse(text, { schema: 'failsafe', maxAliasCount: 100 });
    } catch {
      return null;
    }
    // cdlm's scanner: the `workers` list beside its scan settings, every worker a PTC login.
    if (!isObject(value) || !Array.isArray(value.workers) || Object.keys(value).length < 2) return null;
    const workers = value.workers;
    return workers.length > 0 && workers.every(isObject) && workers.some((w) => 'username' in w && 'password' in w) ? { accounts: workers, shared: {} } : null;
  }
  // Cheap refusals first: most dumps are no JSON object naming a bot login.
  if (!mayBeBotConfig(text)) return null;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const document = value;
  const listKey = LIST_KEYS.find((key) => Array.isArray(document[key]));
  const accounts = listKey ? (document[listKey] as unknown[]) : undefined;
  if (!accounts || accounts.length === 0) return null;
  if (!accounts.every(isObject)) return null;
  // spawnScan's `auth_service` at the top, under the sections that share more.
  const shared: Record<string, unknown> = typeof value.auth_service === 'string' ? { auth_service: value.auth_service } : {};
  let hasShared = 'auth_service' in shared;
  for (const key of SHARED_KEYS) {
    const section = value[key];
    if (isObject(section)) {
      Object.assign(shared, section);
      hasShared = true;
    }
  }
  // A bot's config, not a generator's account list: a login key (`auth_service`), and the bot's own
  // settings beside it (where to walk, `location`) or a section every account shares.
  const login = accounts.some((a) => 'auth_service' in a || isService(a.type)) || 'auth_service' in shared;
  const bot = hasShared || accounts.some((a) => 'location' in a || 'coordinates' in a);
  return login && bot && accounts.some((a) => 'username' in a) ? { accounts, shared } : null;
}

export function detectBotAccounts(input: DumpInput): number {
  // Above the JSON reader (0.97), which would read the same list keeping every setting.
  return lookup(input) ? 0.98 : 0;
}

/** A string setting of the account, else the shared one. */
function setting(account: Record<string, unknown>, shared: Record<string, unknown>, key: string): string | undefined {
  const own = account[key];
  if (typeof own === 'string') return own;
  const common = shared[key];
  return typeof common === 'string' ? common : undefined;
}

/** The line each account's `"username"` stands on, in order, for the preview and messages. */
function usernameLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  // `"username":` in JSON, `username:` or `- username:` opening a YAML line.
  for (const m of text.matchAll(/"username"\s*:|^[ \t]*(?:-[ \t]*)?username[ \t]*:/gm)) {
    for (let i = from; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    from = m.index;
    lines.push(line);
  }
  return lines;
}

export function parseBotAccounts(input: DumpInput): DumpResult {
  if (lookup(input) === TOO_BIG) {
    throw new DumpError(`${yamlTooBig('a YAML `workers:` config', input.text.length)}: convert its workers to \`user:pass\` lines and import those`, input.name, 1);
  }
  const found = lookup(input);
  if (found !== null && typeof found === 'object' && 'deep' in found) {
    throw new DumpError(yamlTooDeep('a YAML `workers:` config', found.deep.what), input.name, found.deep.line);
  }
  const config = botConfig(input);
  if (!config) throw new DumpError("is not a bot's config with a list of accounts (`accounts` or `profiles`: objects with auth_service or type, username, password)", input.name, 1);
  const lines = usernameLines(input.text);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  let nth = 0;
  for (const entry of config.accounts) {
    const hasUsername = 'username' in entry;
    const line = hasUsername ? (lines[nth++] ?? 1) : 1;
    const username = typeof entry.username === 'string' ? entry.username.trim() : '';
    const password = setting(entry, config.shared, 'password') ?? '';
    const problem = isExampleAccount(username, password) ? EXAMPLE_REASON : lineProblem(username, password);
    if (problem) {
      rejected.push({ line, reason: problem });
      continue;
    }
    const service = (setting(entry, config.shared, 'auth_service') ?? setting(entry, config.shared, 'type'))?.trim().toLowerCase();
    const provider = service === 'ptc' || service === 'google' ? service : undefined;
    accounts.push({ username, password, line, ...(provider ? { provider } : {}) });
  }
  return { format: 'bot-accounts', accounts, rejected };
}

export const botAccounts: DumpFormat = { name: 'bot-accounts', detect: detectBotAccounts, parse: parseBotAccounts };
