// PokemonGoBot, the Kotlin bot of jabbink/PokemonGoBot (2016), keeps one account per bot in two
// shapes, both read here; nothing else of either file enters the pool (its proxy login, REST API
// password and Maps keys would otherwise sit in the pool's history as the account's):
// - `config.properties`, typed by hand from `config.properties.template` and read with
//   `Properties.load` (`Main.kt` `loadProperties`; java-properties.ts): `Settings.kt`
//   `SettingsParser` makes a PTC login of `username`, a Google one when the username holds `@`
//   (`GoogleAutoCredentials`), and a token login when it is empty (`GoogleCredentials`, no
//   password: refused by line); the password is `password`, or `base64_password` decoded when
//   `password` is blank (`getPasswordProperty`). `latitude` and `longitude` must be there
//   (`getPropertyOrDie`), which tells the file from other programs' properties.
// - `bot-settings/NAME.json`, written by `util/io/SettingsJSONWriter.kt` `save` (Jackson's
//   default pretty printer over the `Settings` data class): the login in a `credentials` object
//   whose `type` is `ptc`, `google-auto` (both with `username` and `password`) or `google` (a
//   `token` alone), as `util/credentials/Credentials.kt` names them.
import { lineProblem } from '../lists/account-line.js';
import { isObject } from '../jsonl.js';
import { lineOf } from './pokemongo-bot.js';
import { readProperties, type Property } from '../java-properties.js';
import { botEnvironments } from './jabbink-docker.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';
import { appendAll } from '../long-arrays.js';

const NAME = 'jabbink-bot';

/** `credentials.type` to provider; `google` is a token login with no password. */
const TYPES: Record<string, 'ptc' | 'google' | undefined> = { ptc: 'ptc', 'google-auto': 'google', google: undefined };

const TOKEN_ONLY = 'a Google token login (no username or password in the file): nothing to import';

function settingsJson(input: DumpInput): Record<string, unknown> | undefined {
  const text = input.text.trimStart();
  if (text[0] !== '{' || !/"credentials"\s*:\s*\{\s*"type"\s*:/.test(text.slice(0, 100_000))) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!isObject(value) || !isObject(value.credentials)) return undefined;
    const type = value.credentials.type;
    return typeof type === 'string' && type in TYPES ? value : undefined;
  } catch {
    return undefined;
  }
}

function configProperties(input: DumpInput): Map<string, Property> | undefined {
  const text = input.text;
  if (text.length > 1_000_000 || !/^[ \t]*username[ \t]*[=:]/m.test(text) || !/^[ \t]*latitude[ \t]*[=:]/m.test(text)) return undefined;
  const props = readProperties(text);
  return props && props.has('username') && props.has('latitude') && props.has('longitude') ? props : undefined;
}

export function detectJabbinkBot(input: DumpInput): number {
  if (settingsJson(input) || configProperties(input)) return 0.98;
  return botEnvironments(input.text.slice(0, 1_000_000), input.name, input.beside) ? 0.95 : 0;
}

function result(account: DumpAccount | undefined, line: number, reason?: string): DumpResult {
  return { format: NAME, accounts: account ? [account] : [], rejected: reason ? [{ line, reason }] : [] };
}

function one(username: string, password: string, provider: 'ptc' | 'google', line: number): DumpResult {
  const problem = lineProblem(username, password);
  return problem ? result(undefined, line, problem) : result({ username, password, provider, line }, line);
}

/** `String(Base64.getDecoder().decode(...))`: the basic alphabet, padding optional; `undefined` when the JDK would throw. */
function base64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64').toString('utf8');
}

/**
 * A value as the bot has it: `Properties.load` keeps the blanks at the end of a value (the JDK's
 * javadoc: "all remaining characters on the line become part of the associated element string")
 * and `SettingsParser` passes `getProperty` on untrimmed, so a password ending in blanks is logged in
 * with them, and is read with them here, as the bot sends it. A username ending so is no login
 * (no login holds a blank): refused by its line, saying so, never cut to a login the bot never sent.
 */
function typed(p: Property | undefined): string {
  return p?.value ?? '';
}

const USERNAME_BLANKS = 'the username ends in blanks (a space or a tab after it on its line), which Properties.load keeps and the bot would send as part of it; no login holds a blank: delete them';

function parseProperties(props: Map<string, Property>): DumpResult {
  const user = props.get('username')!;
  const username = typed(user);
  if (username === '') return result(undefined, props.get('token')?.line ?? user.line, TOKEN_ONLY);
  if (/^\S+[ \t\f]+$/.test(username)) return result(undefined, user.line, USERNAME_BLANKS);
  let password = typed(props.get('password'));
  if (password.trim() === '') {
    const encoded = props.get('base64_password');
    const decoded = base64(typed(encoded));
    if (decoded === undefined) return result(undefined, encoded!.line, 'base64_password is not base64 (the bot cannot decode it either)');
    password = decoded;
  }
  return one(username, password, username.includes('@') ? 'google' : 'ptc', user.line);
}


function parseJson(text: string, o: Record<string, unknown>): DumpResult {
  const c = o.credentials as Record<string, unknown>;
  const provider = TYPES[c.type as string];
  if (!provider) return result(undefined, lineOf(text, 'credentials'), TOKEN_ONLY);
  const username = typeof c.username === 'string' ? c.username : '';
  const password = typeof c.password === 'string' ? c.password : '';
  return one(username, password, provider, lineOf(text, 'username'));
}

export function parseJabbinkBot(input: DumpInput): DumpResult {
  const o = settingsJson(input);
  if (o) return parseJson(input.text, o);
  const props = configProperties(input);
  if (props) return parseProperties(props);
  // The bot in konstantinj's docker image: each container's POGO_* variables (jabbink-docker.ts).
  const envs = botEnvironments(input.text, input.name, input.beside);
  if (envs) {
    // An `extends:` cycle, or a base service its file lacks: compose starts no service of the file.
    const fatal = envs.flatMap((e) => e.unsure).find((u) => u.fatal);
    if (fatal) throw new DumpError(`line ${fatal.line}: ${fatal.reason}: nothing of it is imported`, input.name);
    const out: DumpResult = { format: NAME, accounts: [], rejected: [] };
    for (const env of envs) {
      appendAll(out.rejected, env.unsure);
      if (env.unsure.length > 0 || !env.props.has('username')) continue;
      const r = parseProperties(env.props);
      appendAll(out.accounts, r.accounts);
      appendAll(out.rejected, r.rejected);
    }
    out.rejected.sort((a, b) => a.line - b.line);
    return out;
  }
  throw new DumpError('is not a PokemonGoBot (jabbink) config.properties or bot-settings JSON (username, password, latitude, longitude; or a credentials object)', input.name, 1);
}

export const jabbinkBot: DumpFormat = { name: NAME, detect: detectJabbinkBot, parse: parseJabbinkBot, ownContainers: true };
