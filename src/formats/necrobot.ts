// NecroBot's login file, `config/auth.json`, in each of the shapes NecroBot's `AuthSettings.Save`
// wrote it (Newtonsoft.Json, indented; see test/fixtures/README.md for the source files):
// - 2016 (NecronomiconCoding/NecroBot): `"AuthConfig": {"AuthType": "ptc", "GoogleUsername",
//   "GooglePassword", "PtcUsername", "PtcPassword"}`: the pair AuthType names is the account;
// - PokeMobBot (MobBotTeam/PokeMobBot, a fork of July 2016): the same fields at the top of the file,
//   with `GoogleRefreshToken`, no `AuthConfig`;
// - 2017 (Necrobot-Private/NecroBot): `"AuthConfig": {"AuthType", "Username", "Password", ...}`,
//   then a list of them, `"Bots": [{...}, ...]`, one per account the bot switches between.
// Beside the logins sit the proxy's own login (`UseProxyUsername`, `UseProxyPassword`), the hash
// service's key (`AuthAPIKey`) and the device: none of them is ever read.
import { lineProblem } from './account-line.js';
import { isObject } from './jsonl.js';
import type { Provider } from '../model.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from './types.js';

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

/** One AuthConfig object's login: `Username`/`Password`, else the pair of the provider AuthType names. */
function loginOf(config: Record<string, unknown>): Login {
  const provider = providerOf(config.AuthType);
  if (config.Username !== undefined || config.Password !== undefined || !provider) {
    return { username: config.Username, password: config.Password, provider, key: 'Username' };
  }
  const prefix = provider === 'google' ? 'Google' : 'Ptc';
  return { username: config[`${prefix}Username`], password: config[`${prefix}Password`], provider, key: `${prefix}Username` };
}

function document(input: DumpInput): Record<string, unknown> | undefined {
  const text = input.text.trimStart();
  if (text[0] !== '{') return undefined;
  const head = text.slice(0, 100_000);
  if (!/"AuthType"\s*:/.test(head) || !/"(?:AuthConfig|Bots|PtcUsername|GoogleUsername)"\s*:/.test(head)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every login of the file, in the order NecroBot writes them: the main `AuthConfig` (Order 1),
 * then the `Bots` it switches to (Order 5; the only logins once `AuthConfig` was dropped).
 */
function logins(o: Record<string, unknown>): Login[] {
  const bots = Array.isArray(o.Bots) ? o.Bots.filter(isObject) : [];
  // The flat file of PokeMobBot (a NecroBot fork of July 2016): the fields at the top, no AuthConfig.
  const flat = !isObject(o.AuthConfig) && bots.length === 0 && o.AuthType !== undefined && ('PtcUsername' in o || 'GoogleUsername' in o);
  if (flat) return [loginOf(o)];
  return [...(isObject(o.AuthConfig) ? [o.AuthConfig] : []), ...bots].map(loginOf);
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
  for (const m of text.matchAll(new RegExp(`"${key}"\\s*:`, 'g'))) {
    for (let i = from; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    from = m.index;
    lines.push(line);
  }
  return lines;
}

export function parseNecrobot(input: DumpInput): DumpResult {
  const o = document(input);
  if (!o) throw new DumpError('is not a NecroBot auth.json (AuthType with AuthConfig, Bots or a Ptc/Google login)', input.name, 1);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const login of logins(o)) {
    const n = seen.get(login.key) ?? 0;
    seen.set(login.key, n + 1);
    const line = keyLines(input.text, login.key)[n] ?? 1;
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
