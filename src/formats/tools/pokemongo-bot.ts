// PokemonGo-Bot's login file, `configs/auth.json` (PokemonGoF/PokemonGo-Bot
// `configs/auth.json.example`; before the split, `configs/config.json` held the same keys, and so
// did PokemonGo-Map's `config/config.json` of July 2016, AHAAAAAAA/PokemonGo-Map
// `config/config.example.json`, beside its step limit, host and port; and the
// `configs/temp/auth-N.json` PokemonGo-Bot's `MultiBot.py` writes for each account it runs): one
// JSON object with `auth_service`, `username` and `password`, next to the bot's location, its
// Google Maps key, hash key and Telegram/Discord tokens. The one account is read; nothing else
// of the file enters the pool (keys and tokens would otherwise sit in a git repository as the
// account's history, as the JSON reader keeps a generator's extra fields). The same bot in benmag's
// docker image takes its login from the container's environment (benmag-bot-docker.ts).
import { lineProblem } from '../lists/account-line.js';
import { isExampleAccount } from '../lists/placeholder-passwords.js';
import { jsonObject } from '../jsonl.js';
import { isPgpoolAnswer } from './pgpool-answer.js';
import { benmagLogins } from './benmag-bot-docker.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

function document(input: DumpInput): Record<string, unknown> | undefined {
  const text = input.text.trimStart();
  if (text[0] !== '{' || !/"auth_service"\s*:/.test(text.slice(0, 100_000))) return undefined;
  return jsonObject(text);
}

export function detectPokemongoBot(input: DumpInput): number {
  const o = document(input);
  // PGPool's answer for one account has `auth_service` too, beside its health flags: json.ts reads it.
  if (o) return 'username' in o && 'password' in o && !isPgpoolAnswer(o) ? 0.98 : 0;
  return benmagLogins(input.text.slice(0, 1_000_000), input.name, input.beside) ? 0.95 : 0;
}

/** The line a JSON key first opens, for the preview and messages (the bot readers' one login). */
export function lineOf(text: string, key: string): number {
  const at = text.search(new RegExp(`"${key}"\\s*:`));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

export function parsePokemongoBot(input: DumpInput): DumpResult {
  const o = document(input);
  const logins = o ? undefined : benmagLogins(input.text, input.name, input.beside);
  if (logins) {
    // An `extends:` cycle, or a base service its file lacks: compose starts no service of the file.
    const fatal = logins.find((l) => l.fatal);
    if (fatal) throw new DumpError(`line ${fatal.line}: ${fatal.problem}: nothing of it is imported`, input.name);
    const out: DumpResult = { format: 'pokemongo-bot', accounts: [], rejected: [] };
    for (const l of logins) {
      const problem = l.problem ?? lineProblem(l.username!, l.password!);
      if (problem) out.rejected.push({ line: l.line, reason: problem });
      else out.accounts.push({ username: l.username!, password: l.password!, provider: l.provider, line: l.line });
    }
    out.rejected.sort((a, b) => a.line - b.line);
    return out;
  }
  if (!o) throw new DumpError('is not a PokemonGo-Bot auth.json (one JSON object with auth_service, username, password)', input.name, 1);
  const line = lineOf(input.text, 'username');
  const username = typeof o.username === 'string' ? o.username.trim() : '';
  const password = typeof o.password === 'string' ? o.password : '';
  // The example file's own words (`YOUR_USERNAME`, `YOUR_PASSWORD`; PokemonGo-Map's `config.json`
  // of July 2016, the same keys: `MyUsername`, `MySuperStrongPassword`): a bot never set up.
  const example = /^YOUR_/i.test(username) || /^YOUR_/i.test(password) || isExampleAccount(username, password);
  const problem = example ? 'the example\'s placeholder, not an account' : lineProblem(username, password);
  if (problem) return { format: 'pokemongo-bot', accounts: [], rejected: [{ line, reason: problem }] };
  const service = typeof o.auth_service === 'string' ? o.auth_service.trim().toLowerCase() : '';
  const provider = service === 'google' || service === 'ptc' ? service : undefined;
  return { format: 'pokemongo-bot', accounts: [{ username, password, line, ...(provider ? { provider } : {}) }], rejected: [] };
}

export const pokemongoBot: DumpFormat = { name: 'pokemongo-bot', detect: detectPokemongoBot, parse: parsePokemongoBot, ownContainers: true };
