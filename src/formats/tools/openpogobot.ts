// OpenPoGoBot's settings, `config/config.yml` (tehp/OpenPoGoBot `config/config.yml.example`, read
// by `app/config.py` since it moved from JSON to YAML): one YAML document whose `login:` block
// holds the bot's one account, `auth_service`, `username`, `password`, beside its Maps key
// (`mapping: gmapkey`), location and plugin settings. The account is read; nothing else of the
// file enters the pool. Its JSON form before the move (`config.json`, the keys at the top) is
// PokemonGo-Bot's shape and read by pokemongo-bot.ts.
//
// The bot reads only `login.auth_service`, `login.username` and `login.password`
// (pokemongo_bot/__init__.py); any other login-looking key an operator adds (`backup_username`,
// `backup_password`) is left for left-pairs.ts to name. A file of that shape that is no YAML (a key
// indented two blanks under a block of four, a tab) does not start the bot either (app/kernel.py's
// ruamel.yaml.load raises): it is refused naming the line the YAML breaks at, never left to the
// list readers, which take it for a letter and hint at `--format email-text`.
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { lineProblem } from '../lists/account-line.js';
import { isObject } from '../jsonl.js';
import { yaml } from '../../yaml-lazy.js';
import { YAML_MAX, yamlTooBig, yamlTooDeep } from './yaml-config-size.js';
import { yamlShapeProblem } from '../../yaml-shape.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

/** The cheap look: a YAML mapping (no JSON) with `auth_service:` and `password:` keys on lines of their own. */
function looksLikeLogin(text: string): boolean {
  const c = text.trimStart()[0];
  if (c === '{' || c === '[') return false;
  const head = text.slice(0, 100_000);
  return /^[ \t]*auth_service[ \t]*:/m.test(head) && /^[ \t]*password[ \t]*:/m.test(head) && /^[ \t]*username[ \t]*:/m.test(head);
}

interface Login {
  block: string;
  login: Record<string, unknown>;
}

/** Why YAML refused the text (its message's first line) and the 1-based line, when it has OpenPoGoBot's shape. */
interface Broken {
  line: number;
  why: string;
  /** Nesting past what any config does, refused before the parser sees it (yaml-shape.ts). */
  deep?: true;
}

/**
 * OpenPoGoBot's shape by its lines alone: one `login:` block at the top level holding one
 * `auth_service:`, one `username:` and one `password:` line, and no other `username:` anywhere (a
 * seller's letter of `username:` / `password:` blocks is many accounts, for the list readers).
 */
function hasLoginBlockLines(text: string): boolean {
  const lines = text.slice(0, 100_000).split('\n');
  if (lines.filter((l) => /^[ \t]*username[ \t]*:/.test(l)).length !== 1) return false;
  const opens = lines.findIndex((l) => /^login[ \t]*:[ \t]*(?:#.*)?\r?$/.test(l));
  if (opens < 0 || lines.findIndex((l, i) => i > opens && /^login[ \t]*:/.test(l)) >= 0) return false;
  const found = new Set<string>();
  for (let i = opens + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^[^\s#]/.test(l)) break;
    const key = /^[ \t]+(auth_service|username|password)[ \t]*:/.exec(l)?.[1];
    if (key !== undefined) found.add(key);
  }
  return found.size === 3;
}

/** The mapping, at the top or one level in (`login:`), that names an auth service, a username and a password. */
function findLogin(input: DumpInput): Login | Broken | undefined {
  if (input.text.length > YAML_MAX || !looksLikeLogin(input.text)) return undefined;
  // The yaml package parses nesting by recursion: 5,000 `[` stopped its parse, and a list reader read the file.
  const shape = yamlShapeProblem(input.text, Infinity);
  if (shape) return hasLoginBlockLines(input.text) ? { line: shape.line, why: shape.what, deep: true } : undefined;
  let doc: unknown;
  try {
    // The failsafe schema keeps every value the text it was typed as: an unquoted `password: 0123456`
    // stays `0123456`, never the number 123456.
    doc = yaml().parse(input.text, { schema: 'failsafe', maxAliasCount: 100 });
  } catch (e) {
    if (!hasLoginBlockLines(input.text)) return undefined;
    const at = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { line: at, why };
  }
  if (!isObject(doc)) return undefined;
  const isLogin = (o: Record<string, unknown>) => 'auth_service' in o && 'username' in o && 'password' in o;
  if (isLogin(doc)) return { block: '', login: doc };
  for (const [key, value] of Object.entries(doc)) if (isObject(value) && isLogin(value)) return { block: key, login: value };
  return undefined;
}

/** A login-looking YAML far larger than a config (yaml-config-size.ts): claimed, to be refused for its size unparsed. */
function tooBig(input: DumpInput): boolean {
  return input.text.length > YAML_MAX && looksLikeLogin(input.text);
}

export function detectOpenpogobot(input: DumpInput): number {
  return tooBig(input) || findLogin(input) ? 0.98 : 0;
}

/** The line of the `username:` key inside the block (after the block's own key line). */
function usernameLine(text: string, block: string): number {
  const lines = text.split('\n');
  let from = 0;
  if (block !== '') {
    const opens = new RegExp(`^${block.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*:`);
    from = Math.max(0, lines.findIndex((l) => opens.test(l)));
  }
  for (let i = from; i < lines.length; i++) if (/^[ \t]*username[ \t]*:/.test(lines[i]!)) return i + 1;
  return 1;
}

export function parseOpenpogobot(input: DumpInput): DumpResult {
  if (tooBig(input)) throw new DumpError(yamlTooBig('a YAML config with a login block', input.text.length), input.name, 1);
  const found = findLogin(input);
  if (!found) throw new DumpError('is not an OpenPoGoBot config.yml (a login block with auth_service, username, password)', input.name, 1);
  if ('deep' in found) {
    throw new DumpError(yamlTooDeep('an OpenPoGoBot config.yml (a `login:` block with auth_service, username, password)', found.why), input.name, found.line);
  }
  if ('why' in found) {
    throw new DumpError(
      `an OpenPoGoBot config.yml (a \`login:\` block with auth_service, username, password) that is not valid YAML here (${found.why}): the bot could not read it either; nothing was imported. Fix the line (keys of a block at one indentation, blanks and no tabs) and import it again`,
      input.name,
      found.line,
    );
  }
  const line = usernameLine(input.text, found.block);
  const { login } = found;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const username = text(login.username).trim();
  const password = text(login.password);
  // The example file's own words (`YOURACCOUNT@gmail.com`, `YOURPASSWORD`): a bot never set up.
  const problem = /^YOUR/i.test(username) || /^YOUR/i.test(password) || isExampleAccount(username, password) ? EXAMPLE_REASON : lineProblem(username, password);
  if (problem) return { format: 'openpogobot', accounts: [], rejected: [{ line, reason: problem }] };
  const service = text(login.auth_service).trim().toLowerCase();
  const provider = service === 'google' || service === 'ptc' ? service : undefined;
  return { format: 'openpogobot', accounts: [{ username, password, line, ...(provider ? { provider } : {}) }], rejected: [] };
}

export const openpogobot: DumpFormat = { name: 'openpogobot', detect: detectOpenpogobot, parse: parseOpenpogobot };
