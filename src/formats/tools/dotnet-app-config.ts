// The C# bots of July-August 2016 built on FeroxRev's Pokemon-Go-Rocket-API (its console, the first
// NecroBot, Spegeli's GottaCatchEmAll, PokeRoadie, d-haxton's HaxtonBot and their many forks) kept
// their one account in the program's .NET config file: `App.config` in the source, beside the
// program as `PokemonGo.RocketAPI.Console.exe.config`, and the `user.config` .NET's
// `Settings.Save()` writes under the user's AppData. Two shapes, both read here:
// - Visual Studio's settings designer (NecronomiconCoding/NecroBot and FeroxRev's forks,
//   `PokemonGo.RocketAPI.Console/App.config`): `<setting name="PtcUsername" serializeAs="String">`
//   with the value in a `<value>` element (`<value />` an empty one), under `<userSettings>` or
//   `<applicationSettings>`; `Settings.cs` reads `AuthType` (`Enum.Parse(..., true)`: any case),
//   `PtcUsername`, `PtcPassword`, and `GoogleEmail`/`GooglePassword` in GottaCatchEmAll.
// - `<appSettings>`' `<add key="PtcUsername" value="..." />` (d-haxton/HaxtonBot
//   `PokemonGo.Haxton.Console/App.config`, read by `ConfigurationManager.AppSettings` in
//   `PokemonGo.Haxton.Bot/Settings/Settings.cs`: `AccountType`, `PtcUsername`, `PtcPassword`,
//   `GoogleEmail`, `GooglePassword`).
// - `<appSettings>` with the login in `Email`/`Password` for Google beside `PtcUsername`/`PtcPassword`
//   (brianzhouzc/RocketBot `PokemonGo/RocketAPI/Window/Settings.cs`, August 2016, whose settings form
//   saves them back with `SetSetting`), or in `Username`/`Password` for both (xidus90/PokemonGo-Bot
//   `bhelper/Settings.cs`, July 2016). Both read `AuthType` as `(value or "Ptc") == "Ptc" ? Ptc : Google`:
//   exactly `Ptc` is PTC, any other spelling Google, so a `ptc` or `PTC` there is refused as unsure.
// The bot logs in with the pair its auth type names and nothing else: a Google config's PTC
// fields (NecroBot's own `App.config` has `AuthType` Google beside `PtcUsername` `username2`) are
// never an account, and a Google login by refresh token alone has no password to import. The
// examples as published (`PtcUsername`/`PtcPassword`, `username`/`pw`, `ptcusername`/`ptcpassword`)
// are refused by their line. None of the bot's other settings enter the pool.
import { lineProblem } from '../lists/account-line.js';
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { unescape } from '../databases/mysql-xml.js';
import { namedProvider } from './login-provider.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

const NAME = 'dotnet-app-config';

/** The keys naming the login; any other setting is the bot's and never read. */
const KEYS = new Set(['authtype', 'accounttype', 'ptcusername', 'ptcpassword', 'googleemail', 'googleusername', 'googlepassword', 'email', 'username', 'password']);

const SETTING = /<setting\s+name\s*=\s*(["'])([^"'<>]*)\1[^>]*>\s*(?:<value\s*\/>|<value>([\s\S]*?)<\/value>)/g;
const ADD = /<add\s+key\s*=\s*(["'])([^"'<>]*)\1\s+value\s*=\s*(?:"([^"<]*)"|'([^'<]*)')\s*\/?>/g;

interface Found {
  value: string;
  line: number;
  /** Set when the value cannot be read for certain (markup inside `<value>`). */
  unsure?: string;
}

/**
 * Blanks the comments, keeping their line breaks, so a commented-out `<add>` is never read and
 * lines still count. Only up to the last `-->`: a `<!--` after it closes nowhere, and the regex
 * read on to the end from each one (64 KB of `<!--` cost 0.3 s, 2 MB minutes).
 */
function withoutComments(text: string): string {
  const last = text.lastIndexOf('-->');
  if (last < 0) return text;
  return text.slice(0, last + 3).replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' ')) + text.slice(last + 3);
}

function looksLikeConfig(text: string): boolean {
  const head = text.slice(0, 4096);
  if (!/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<configuration[\s>]/.test(head)) return false;
  const body = text.slice(0, 1_000_000);
  // xidus90's bot names its login `Username` alone: a bot's config only beside its `AuthType`.
  return /(?:name|key)\s*=\s*["'](?:PtcUsername|GoogleEmail|GooglePassword)["']/i.test(body) || (/key\s*=\s*["']AuthType["']/.test(body) && /key\s*=\s*["'](?:Username|Email)["']/.test(body));
}

export function detectDotnetAppConfig(input: DumpInput): number {
  return looksLikeConfig(input.text) ? 0.98 : 0;
}

/** The login settings by lower-case name; a name given twice with two values is unsure (which one the bot takes depends on the section). */
function loginSettings(text: string): Map<string, Found> {
  const settings = new Map<string, Found>();
  const clean = withoutComments(text);
  const found: { key: string; at: number; item: Omit<Found, 'line'> }[] = [];
  for (const m of clean.matchAll(SETTING)) {
    const key = m[2]!.toLowerCase();
    if (!KEYS.has(key)) continue;
    const raw = m[3] ?? '';
    // .NET reads a String setting's `<value>` as text; markup inside (CDATA, an element) is not read here.
    found.push({ key, at: m.index, item: raw.includes('<') ? { value: '', unsure: `the value of ${m[2]} holds markup (CDATA or an element), not read here` } : { value: unescape(raw) } });
  }
  for (const m of clean.matchAll(ADD)) {
    const key = m[2]!.toLowerCase();
    if (!KEYS.has(key)) continue;
    // XML attribute-value normalization: a literal tab or line break in an attribute is a space.
    found.push({ key, at: m.index, item: { value: unescape((m[3] ?? m[4]!).replace(/[\t\n\r]/g, ' ')) } });
  }
  found.sort((a, b) => a.at - b.at);
  let line = 1;
  let counted = 0;
  for (const f of found) {
    for (; counted < f.at; counted++) if (clean.charCodeAt(counted) === 10) line++;
    const before = settings.get(f.key);
    if (before && before.value !== f.item.value) {
      before.unsure = `${f.key} is set twice (lines ${before.line} and ${line}) to different values: which the bot takes depends on the section`;
      continue;
    }
    settings.set(f.key, { ...f.item, line: before?.line ?? line });
  }
  return settings;
}

const EXAMPLE_USERNAMES = /^(?:ptcusername|googleemail|google@gmail\.com|username\d?|user|email)$/i;
const EXAMPLE_PASSWORDS = /^(?:ptcpassword|googlepassword|password|pw)$/i;

export function parseDotnetAppConfig(input: DumpInput): DumpResult {
  if (!looksLikeConfig(input.text)) throw new DumpError('is not a .NET App.config or user.config with a bot\'s PtcUsername or GoogleEmail setting', input.name, 1);
  const settings = loginSettings(input.text);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const out = (): DumpResult => ({ format: NAME, accounts, rejected });
  const auth = settings.get('authtype') ?? settings.get('accounttype');
  const anyLine = [...settings.values()][0]?.line ?? 1;
  if (!auth) {
    rejected.push({ line: anyLine, reason: 'no AuthType (or AccountType) setting: which login the bot uses is unknown' });
    return out();
  }
  if (auth.unsure) {
    rejected.push({ line: auth.line, reason: auth.unsure });
    return out();
  }
  // RocketBot's `Email` or xidus90's `Username`: their Settings.cs compares AuthType with "Ptc" exactly.
  const exactAuth = settings.has('email') || (settings.has('username') && !settings.has('ptcusername'));
  const type = namedProvider(auth.value);
  if (!type) {
    rejected.push({ line: auth.line, reason: `the auth type is neither Ptc nor Google: ${JSON.stringify(auth.value.slice(0, 40))}` });
    return out();
  }
  if (exactAuth && type === 'ptc' && auth.value !== 'Ptc') {
    rejected.push({ line: auth.line, reason: `the bot logs in with Google unless AuthType is exactly \`Ptc\` (${JSON.stringify(auth.value.slice(0, 40))}): which login was meant is unsure` });
    return out();
  }
  const ptcUser = settings.get('ptcusername');
  const user = type === 'ptc' ? ptcUser ?? settings.get('username') : settings.get('googleemail') ?? settings.get('googleusername') ?? settings.get('email') ?? settings.get('username');
  // `Password` is RocketBot's Google password: a PTC login takes it only beside xidus90's `Username`.
  const pass = type === 'ptc' ? (ptcUser ? settings.get('ptcpassword') : settings.get('password')) : settings.get('googlepassword') ?? settings.get('password');
  if (type === 'google' && (!user?.value || !pass?.value) && !user?.unsure && !pass?.unsure) {
    rejected.push({ line: auth.line, reason: 'a Google login by refresh token (no Google e-mail and password in the file): nothing to import' });
    return out();
  }
  const unsure = user?.unsure ?? pass?.unsure;
  const line = user?.line ?? auth.line;
  if (unsure) rejected.push({ line, reason: unsure });
  else if (!user || !pass) rejected.push({ line, reason: `no ${type === 'ptc' ? 'PtcUsername and PtcPassword' : 'GoogleEmail and GooglePassword'} to log in with` });
  else if (EXAMPLE_USERNAMES.test(user.value) || EXAMPLE_PASSWORDS.test(pass.value) || isExampleAccount(user.value, pass.value)) rejected.push({ line, reason: EXAMPLE_REASON });
  else {
    const problem = lineProblem(user.value, pass.value);
    if (problem) rejected.push({ line, reason: problem });
    else accounts.push({ username: user.value, password: pass.value, provider: type, line });
  }
  return out();
}

export const dotnetAppConfig: DumpFormat = { name: NAME, detect: detectDotnetAppConfig, parse: parseDotnetAppConfig };
