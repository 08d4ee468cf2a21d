// NecroBot's login file, `config/auth.json`, in each of the shapes NecroBot's `AuthSettings.Save`
// wrote it (Newtonsoft.Json, indented; see test/fixtures/README.md for the source files):
// - 2016 (NecronomiconCoding/NecroBot): `"AuthConfig": {"AuthType": "ptc", "GoogleUsername",
//   "GooglePassword", "PtcUsername", "PtcPassword"}`: the pair AuthType names is the account;
// - PokeMobBot (MobBotTeam/PokeMobBot, a fork of July 2016): the same fields at the top of the file,
//   with `GoogleRefreshToken`, no `AuthConfig`;
// - 2017 (Necrobot-Private/NecroBot): `"AuthConfig": {"AuthType", "Username", "Password", ...}`,
//   then a list of them, `"Bots": [{...}, ...]`, one per account the bot switches between;
// - the account lists of the tools that ran one NecroBot per account (zxysm/multiNecroBot's
//   `sessions.json`: a JSON list of `{"authType", "ptcUsername", "ptcPassword", "googleUsername",
//   "googlePassword"}`, read by Newtonsoft.Json, which matches names in any case), and the flat
//   `auth.json` such a tool writes into each bot's folder (PokeMobBot's fields).
// Beside the logins sit the proxy's own login (`UseProxyUsername`, `UseProxyPassword`), the hash
// service's key (`AuthAPIKey`) and the device: none of them is ever read.
import { lineProblem } from '../lists/account-line.js';
import { isObject } from '../jsonl.js';
import type { Provider } from '../../model.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

interface Login {
  username: unknown;
  password: unknown;
  provider?: Provider;
  /** The key whose line the account is reported on. */
  key: string;
}

/** NecroBot writes its AuthType enum as camel-case text (`StringEnumConverter { CamelCaseText = true }`). */
function providerOf(authType: unknown): Provider | undefined {
  const t = typeof authType === 'string' ? authType.trim().toLowerCase() : '';
  return t === 'ptc' || t === 'google' ? t : undefined;
}

/**
 * A field by its NecroBot name, in any case: NecroBot writes `PtcUsername`, but Newtonsoft.Json
 * reads `ptcUsername` (multiNecroBot's own spelling) as the same field.
 */
function field(o: Record<string, unknown>, name: string): unknown {
  if (name in o) return o[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(o)) if (key.toLowerCase() === lower) return o[key];
  return undefined;
}

const has = (o: Record<string, unknown>, name: string) => field(o, name) !== undefined;

/** One AuthConfig object's login: `Username`/`Password`, else the pair of the provider AuthType names. */
function loginOf(config: Record<string, unknown>): Login {
  const provider = providerOf(field(config, 'AuthType'));
  if (has(config, 'Username') || has(config, 'Password') || !provider) {
    return { username: field(config, 'Username'), password: field(config, 'Password'), provider, key: 'Username' };
  }
  const prefix = provider === 'google' ? 'Google' : 'Ptc';
  return { username: field(config, `${prefix}Username`), password: field(config, `${prefix}Password`), provider, key: `${prefix}Username` };
}

type Document = Record<string, unknown> | Record<string, unknown>[];

function document(input: DumpInput): Document | undefined {
  const text = input.text.trimStart();
  if (text[0] !== '{' && text[0] !== '[') return undefined;
  const head = text.slice(0, 100_000);
  if (!/"AuthType"\s*:/i.test(head) || !/"(?:AuthConfig|Bots|PtcUsername|GoogleUsername)"\s*:/i.test(head)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return value;
    // A list of logins (multiNecroBot's sessions.json): each object names its AuthType.
    return Array.isArray(value) && value.length > 0 && value.every((o) => isObject(o) && has(o, 'AuthType')) ? (value as Record<string, unknown>[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every login of the file, in the order NecroBot writes them: the main `AuthConfig` (Order 1),
 * then the `Bots` it switches to (Order 5; the only logins once `AuthConfig` was dropped).
 */
function logins(o: Document): Login[] {
  if (Array.isArray(o)) return o.map(loginOf);
  const botList = field(o, 'Bots');
  const bots = Array.isArray(botList) ? botList.filter(isObject) : [];
  const main = field(o, 'AuthConfig');
  // The flat file of PokeMobBot (a NecroBot fork of July 2016): the fields at the top, no AuthConfig.
  const flat = !isObject(main) && bots.length === 0 && has(o, 'AuthType') && (has(o, 'PtcUsername') || has(o, 'GoogleUsername'));
  if (flat) return [loginOf(o)];
  return [...(isObject(main) ? [main] : []), ...bots].map(loginOf);
}

export function detectNecrobot(input: DumpInput): number {
  const o = document(input);
  return o && logins(o).length > 0 ? 0.98 : 0;
}

/** The line of each `"key":` in the text, in order: the n-th login's key is the n-th of them. */
function keyLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const m of text.matchAll(new RegExp(`"${key}"\\s*:`, 'gi'))) {
    for (let i = from; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    from = m.index;
    lines.push(line);
  }
  return lines;
}

/** The keys a login's line is reported on (`Login.key`). */
const LOGIN_KEYS = ['Username', 'PtcUsername', 'GoogleUsername'];

export function parseNecrobot(input: DumpInput): DumpResult {
  const o = document(input);
  if (!o) throw new DumpError('is not a NecroBot auth.json (AuthType with AuthConfig, Bots or a Ptc/Google login)', input.name, 1);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const seen = new Map<string, number>();
  const lines = new Map<string, number[]>();
  for (const [i, login] of logins(o).entries()) {
    const n = seen.get(login.key) ?? 0;
    if (Array.isArray(o)) {
      // In a list every object may hold both pairs (multiNecroBot's `Auth`): each key's n-th
      // place counts every object before, whatever its AuthType.
      for (const key of LOGIN_KEYS) if (has(o[i]!, key)) seen.set(key, (seen.get(key) ?? 0) + 1);
    } else seen.set(login.key, n + 1);
    if (!lines.has(login.key)) lines.set(login.key, keyLines(input.text, login.key));
    const line = lines.get(login.key)![n] ?? 1;
    const username = typeof login.username === 'string' ? login.username.trim() : '';
    const password = typeof login.password === 'string' ? login.password : '';
    // A bot never set up keeps NecroBot's defaults: null or empty login fields.
    const problem = username === '' ? 'missing username' : password === '' ? 'missing password' : lineProblem(username, password);
    if (problem) rejected.push({ line, reason: problem });
    else accounts.push({ username, password, line, ...(login.provider ? { provider: login.provider } : {}) });
  }
  return { format: 'necrobot', accounts, rejected };
}

export const necrobot: DumpFormat = { name: 'necrobot', detect: detectNecrobot, parse: parseNecrobot };
