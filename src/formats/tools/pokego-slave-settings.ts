// PokeGo-Slave (firanto/PokeGo-Slave, 2016), a Node.js bot with a web page, keeps its one login at
// the top of `bot/Settings.json` beside its walking settings: `username`, `password` and
// `provider` ("google" or "ptc", its README says), then `centerType`, `centerName`,
// `centerLatitude`, ... `specificTargets`. The account is the login with the provider `provider`
// names; a provider other than those is refused by its line, and so is the file as published
// (`username`/`password`). The settings never enter the pool.
import { jsonObject } from '../jsonl.js';
import { lineOf } from './pokemongo-bot.js';
import { namedProvider } from './login-provider.js';
import { singleLogin } from './single-login.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

const NAME = 'pokego-slave-settings';

function settings(input: DumpInput): Record<string, unknown> | undefined {
  const text = input.text.trimStart();
  if (text[0] !== '{' || text.length > 100_000 || !/"centerType"\s*:/.test(text)) return undefined;
  const value = jsonObject(text);
  return value && 'username' in value && 'password' in value && 'provider' in value && 'centerType' in value ? value : undefined;
}

export function detectPokegoSlaveSettings(input: DumpInput): number {
  return settings(input) ? 0.99 : 0;
}

export function parsePokegoSlaveSettings(input: DumpInput): DumpResult {
  const o = settings(input);
  if (!o) throw new DumpError("is not PokeGo-Slave's Settings.json (username, password, provider, centerType)", input.name, 1);
  return singleLogin({
    format: NAME,
    line: lineOf(input.text, 'username'),
    username: o.username,
    password: o.password,
    provider: namedProvider(o.provider),
    providerReason: `the provider is neither ptc nor google: ${JSON.stringify(String(o.provider).slice(0, 40))}`,
  });
}

export const pokegoSlaveSettings: DumpFormat = { name: NAME, detect: detectPokegoSlaveSettings, parse: parsePokegoSlaveSettings };
