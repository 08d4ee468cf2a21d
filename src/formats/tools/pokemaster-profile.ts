// PokeMaster (Logxn/PokemonGo-Bot, 2016-2017, a C# bot with a window) keeps each profile's settings
// in `Configs/<profile>.json`: `PokemonGo.RocketAPI.Logic/Shared/ProfileSettings.cs` `SaveToFile` is
// Json.NET's `SerializeObject(this, Formatting.Indented)` through `File.WriteAllText` (CRLF, no BOM),
// its properties in declaration order: `pFHashKey` (a paid hashing key), `SessionHash`, `AuthType`
// (the enum as its number: 0 Google, 1 Ptc), `Username`, `Password`, `UsePwdEncryption`, ...,
// `proxySettings` (a proxy's own `username`/`password`, never an account), then the bot's settings.
// With `UsePwdEncryption` the password is stored encrypted (pokemaster-password.ts) and read back
// decrypted; a value that does not decrypt is refused. `LoadFromStringJSON` still honours the older
// `GoogleUsername`/`GooglePassword` at the top, which then replace the pair. `Configs/Profiles.txt`
// lists the profiles' names without logins: no account.
import { jsonObjectWith } from './json-object.js';
import { lineOf } from './pokemongo-bot.js';
import { singleLogin } from './single-login.js';
import { pokemasterPassword } from './pokemaster-password.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

const NAME = 'pokemaster-profile';

function profile(input: DumpInput): Record<string, unknown> | undefined {
  const value = jsonObjectWith(input.text, '"UsePwdEncryption"', 1_000_000);
  return value && 'Username' in value && 'Password' in value && typeof value.UsePwdEncryption === 'boolean' ? value : undefined;
}

export function detectPokemasterProfile(input: DumpInput): number {
  return profile(input) ? 0.99 : 0;
}

const PROVIDERS: Record<string, 'ptc' | 'google'> = { '0': 'google', '1': 'ptc', Google: 'google', Ptc: 'ptc' };

export function parsePokemasterProfile(input: DumpInput): DumpResult {
  const o = profile(input);
  if (!o) throw new DumpError("is not PokeMaster's profile (Username, Password, UsePwdEncryption)", input.name, 1);
  // `if (!string.IsNullOrEmpty(oldUser.GoogleUsername))`: the older pair wins, as the program reads it.
  const old = typeof o.GoogleUsername === 'string' && o.GoogleUsername !== '';
  const key = old ? 'GoogleUsername' : 'Username';
  const line = lineOf(input.text, key);
  let password = old ? o.GooglePassword : o.Password;
  if (o.UsePwdEncryption === true && typeof password === 'string' && password !== '') {
    password = pokemasterPassword(password);
    if (password === undefined) {
      return { format: NAME, accounts: [], rejected: [{ line: lineOf(input.text, old ? 'GooglePassword' : 'Password'), reason: 'the password is stored encrypted (UsePwdEncryption) and does not decrypt with PokeMaster\'s key: the program itself would read it as empty; enter it again in PokeMaster or import it by hand' }] };
    }
  }
  return singleLogin({
    format: NAME,
    line,
    username: o[key],
    password,
    provider: PROVIDERS[String(o.AuthType)],
    providerReason: `the AuthType is neither Google (0) nor Ptc (1): ${JSON.stringify(String(o.AuthType).slice(0, 40))}`,
  });
}

export const pokemasterProfile: DumpFormat = { name: NAME, detect: detectPokemasterProfile, parse: parsePokemasterProfile };
