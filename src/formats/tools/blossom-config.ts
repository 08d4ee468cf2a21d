// Blossom's Pokémon Go Manager (Wolfsblvt/BlossomsPokemonGoManager, 2016-2017) keeps the login
// it was given in its `config.json` when the user lets it save it ("Save login data"), one
// account beside the window's and the table's settings. Its layout changed twice:
// - from commit 3006c4e (August 2016, `utils/ConfigNew.java`, `utils/ConfigKey.java`; the keys
//   from 898883d, September 2016): `login.ptc.username` / `login.ptc.password`, or a Google
//   login by app password in `login.google.username` / `login.google.password` (a token alone in
//   `login.google.authToken`: no password), `login.saveAuth`, the hash key in `login.pokehash.key`;
// - from 47ef207 (August 2016): `login.PTCUsername` / `login.PTCPassword`, `login.GoogleAuthToken`;
// - the first release (55478b3): `PTCUsername` / `PTCPassword` at the top.
// Since 835aca9 (9 August 2016, a day after the `login` block came) every string is stored
// through `StringEscapeUtils.escapeJson` before org.json writes it (`setString`), so the JSON
// holds `\/`, `\"`, `\\` and `\u00F3` escaped once more, and `getString` undoes it with
// `unescapeJson` (java-escapes.ts): the password is that, never the JSON's string as it stands.
// The first release stored strings as they are. Nothing else of the file enters the pool (the
// hash key, a Google token, the device settings).
import { lineProblem } from '../lists/account-line.js';
import { isObject } from '../jsonl.js';
import { lineOf } from './pokemongo-bot.js';
import { unescapeJava } from '../java-escapes.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

const NAME = 'blossom-config';

interface Login {
  username: unknown;
  password: unknown;
  provider: 'ptc' | 'google';
  /** Stored through escapeJson (every layout with a `login` block). */
  escaped: boolean;
  key: string;
}

/** The login the file holds, in the layout of its era; `null` when it holds a token login alone. */
function findLogin(o: Record<string, unknown>): Login | null | undefined {
  // The first release's keys at the top (beside the empty `login` and `options` it began with).
  // Pokewatch's keys beside them (`GAUsername`, its node port's `Provider`) make the file Pokewatch's (pokewatch-config.ts).
  if ('PTCUsername' in o) return 'GAUsername' in o || 'Provider' in o ? undefined : { username: o.PTCUsername, password: o.PTCPassword, provider: 'ptc', escaped: false, key: 'PTCUsername' };
  const login = o.login;
  if (isObject(login)) {
    const ptc = login.ptc;
    if (isObject(ptc) && 'username' in ptc) return { username: ptc.username, password: ptc.password, provider: 'ptc', escaped: true, key: 'username' };
    const google = login.google;
    if (isObject(google) && 'username' in google) return { username: google.username, password: google.password, provider: 'google', escaped: true, key: 'username' };
    if ('PTCUsername' in login) return { username: login.PTCUsername, password: login.PTCPassword, provider: 'ptc', escaped: true, key: 'PTCUsername' };
    if (isObject(google) || 'GoogleAuthToken' in login) return null;
  }
  return 'GoogleAuthToken' in o ? null : undefined;
}

/** The cheap look: the keys only this program writes. */
const KEYS = /"(?:PTCUsername|GoogleAuthToken|saveAuth|SaveAuth|authToken|pokehash)"\s*:/;

function document(input: DumpInput): Record<string, unknown> | undefined {
  const text = input.text.trimStart();
  if (text[0] !== '{' || text.length > 1_000_000 || !KEYS.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) && findLogin(value) !== undefined ? value : undefined;
  } catch {
    return undefined;
  }
}

export function detectBlossomConfig(input: DumpInput): number {
  return document(input) ? 0.98 : 0;
}


export function parseBlossomConfig(input: DumpInput): DumpResult {
  const o = document(input);
  if (!o) throw new DumpError("is not Blossom's Pokémon Go Manager config.json (a login block with ptc or google username and password)", input.name, 1);
  const login = findLogin(o);
  if (!login) {
    const line = lineOf(input.text, 'login');
    return { format: NAME, accounts: [], rejected: [{ line, reason: 'a Google token login (no username or password saved): nothing to import' }] };
  }
  const line = lineOf(input.text, login.key);
  const stored = (v: unknown) => (typeof v !== 'string' ? '' : login.escaped ? unescapeJava(v) : v);
  const username = stored(login.username);
  const password = stored(login.password);
  if (username === undefined || password === undefined) return { format: NAME, accounts: [], rejected: [{ line, reason: 'a \\u escape the program could not read back either' }] };
  if (password === '') return { format: NAME, accounts: [], rejected: [{ line, reason: 'the username alone: the password was not saved ("Save login data" declined)' }] };
  const problem = lineProblem(username, password);
  if (problem) return { format: NAME, accounts: [], rejected: [{ line, reason: problem }] };
  return { format: NAME, accounts: [{ username, password, provider: login.provider, line }], rejected: [] };
}

export const blossomConfig: DumpFormat = { name: NAME, detect: detectBlossomConfig, parse: parseBlossomConfig };
