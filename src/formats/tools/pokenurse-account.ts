// PokéNurse (vinnymac/PokeNurse, 2016-2017), the desktop app that sorted a trainer's Pokémon, keeps
// the login it was told to remember in `%APPDATA%/pokenurse/account.json`: `app/actions/authenticate.js`
// `saveAccountCredentials` writes `JSON.stringify(creds)` (one line, no line break) of
// `{method, username, password}`, later with `hashingKey` and `apiVersion`, and `login` signs in with
// `pogobuf.GoogleLogin` when `method` is `google`, else `PTCLogin`. The account is the pair with the
// provider `method` names; the hashing key (a paid service's secret) and the API version never
// enter the pool. A method other than `ptc` or `google` is refused by its line: unsure; so are the
// examples' placeholders.
import { jsonObjectWith } from './json-object.js';
import { lineOf } from './pokemongo-bot.js';
import { singleLogin } from './single-login.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

const NAME = 'pokenurse-account';

/** Every key PokéNurse writes; a file with any other is not its `account.json`. */
const KEYS = new Set(['method', 'username', 'password', 'hashingKey', 'apiVersion']);

function accountJson(input: DumpInput): Record<string, unknown> | undefined {
  const value = jsonObjectWith(input.text, '"method"', 100_000);
  if (!value || !['method', 'username', 'password'].every((k) => k in value)) return undefined;
  return Object.keys(value).every((k) => KEYS.has(k)) ? value : undefined;
}

export function detectPokenurseAccount(input: DumpInput): number {
  return accountJson(input) ? 0.99 : 0;
}

export function parsePokenurseAccount(input: DumpInput): DumpResult {
  const o = accountJson(input);
  if (!o) throw new DumpError("is not PokéNurse's account.json (method, username, password)", input.name, 1);
  // `method === 'google'` as `login` compares it: exact, no other case.
  return singleLogin({
    format: NAME,
    line: lineOf(input.text, 'username'),
    username: o.username,
    password: o.password,
    provider: o.method === 'ptc' || o.method === 'google' ? o.method : undefined,
    providerReason: `the login method is neither ptc nor google: ${JSON.stringify(String(o.method).slice(0, 40))}`,
  });
}

export const pokenurseAccount: DumpFormat = { name: NAME, detect: detectPokenurseAccount, parse: parsePokenurseAccount };
