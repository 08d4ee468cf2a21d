// A bot's YAML settings whose one block holds its login: pogonode's `data/config.yaml` (pogosandbox/
// pogonode `data/config.example.yaml`: `credentials:` with `user:` and `password:` under a
// `# PTC Credentials` comment) and the `data/config.actual.yaml` it writes at each start
// (`src/helpers/config.ts`: `yaml.dump` of that file merged with its defaults, so `type: ptc` joins
// the block). The YAML form of json-nested-login.ts's class, read by its rule: the block sits under a
// key naming a login (`credentials`, `auth`, `login`, `account`, `ptc`, ...), holds a login and a
// password and nothing but an account's fields, and the game is named (a provider, a level, the key
// `ptc`/`google`); a `{host, user, password}` block or one beside a `database:` key is some
// connection's. For YAML a comment naming PTC on the lines just above the block names it too, as it
// names it for a reader of the file (pogonode's own example writes nothing else).
// OpenPoGoBot's `login:` block (auth_service, username, password) stays openpogobot.ts's: it is
// surer of it and names its broken YAML; a file this reader cannot parse is left to the others.
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { lineProblem } from '../lists/account-line.js';
import { roleOf } from '../lists/columns.js';
import { isObject } from '../jsonl.js';
import { jsonLevel } from '../json-level.js';
import { LOGIN_KEYS, withNestedLogin } from '../json-nested-login.js';
import { yaml } from '../../yaml-lazy.js';
import { YAML_MAX } from './yaml-config-size.js';
import { yamlShapeProblem } from '../../yaml-shape.js';
import { isProvider, type Provider } from '../../model.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

const OPENER = new RegExp(String.raw`^(${[...LOGIN_KEYS].join('|')})[ \t]*:[ \t]*(?:#.*)?\r?$`, 'i');

/** The cheap look: a top-level block key naming a login, and an indented password key. */
function looksLikeLoginBlock(text: string): boolean {
  const c = text.trimStart()[0];
  if (c === '{' || c === '[' || text.length > YAML_MAX) return false;
  const head = text.slice(0, 100_000);
  return /^[ \t]+(?:password|pass|passwd|pwd)[ \t]*:/im.test(head) && head.split('\n').some((l) => OPENER.test(l));
}

/** The block's key line (0-based) in the text. */
function openerLine(lines: string[], key: string): number {
  return lines.findIndex((l) => OPENER.test(l) && l.slice(0, key.length).toLowerCase() === key.toLowerCase() && /^[ \t]*:/.test(l.slice(key.length)));
}

/** A comment on the lines just above the block (blank lines between allowed) naming PTC. */
function commentNamesPtc(lines: string[], at: number): boolean {
  for (let i = at - 1, seen = 0; i >= 0 && seen < 3; i--) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    if (!l.startsWith('#')) return false;
    if (/\b(?:PTC|Pok[eé]mon Trainer Club)\b/i.test(l)) return true;
    seen++;
  }
  return false;
}

interface Found {
  fields: Record<string, unknown>;
  /** The 1-based line of the block's login key (its own key's line when none is found). */
  line: number;
}

/** The 1-based line of the login key inside the block that opens at `at` (0-based). */
function loginLine(lines: string[], at: number): number {
  for (let i = at + 1; i < lines.length && !/^[^\s#]/.test(lines[i]!); i++) {
    // One run to the first `:` (the loop keeps only indented lines): a run of blanks split three
    // ways cost 9 s at 3,000 blanks (stop 67's review).
    const key = /^([^:#]*):/.exec(lines[i]!)?.[1]?.trim();
    const role = key === undefined ? undefined : key === 'username' ? 'user' : roleOf(key);
    if (role === 'user' || role === 'email') return i + 1;
  }
  return at + 1;
}

function findBlock(input: DumpInput): Found | undefined {
  if (!looksLikeLoginBlock(input.text)) return undefined;
  // The yaml package parses nesting by recursion: a deep file is left to the readers that refuse it.
  if (yamlShapeProblem(input.text, Infinity)) return undefined;
  let doc: unknown;
  try {
    // Failsafe: every value the text it was typed as (`password: 0123456` stays `0123456`).
    doc = yaml().parse(input.text, { schema: 'failsafe', maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  const lines = input.text.split('\n');
  let lifted = withNestedLogin(doc);
  if (lifted === doc) {
    // The game named by the comment above the block alone.
    const key = Object.keys(doc).find((k) => LOGIN_KEYS.has(k.trim().toLowerCase()) && isObject(doc[k]) && commentNamesPtc(lines, openerLine(lines, k)));
    if (key === undefined) return undefined;
    lifted = withNestedLogin(doc, 'ptc');
    if (lifted === doc) return undefined;
  }
  const key = Object.keys(doc).find((k) => !(k in lifted));
  if (key === undefined) return undefined;
  return { fields: lifted, line: loginLine(lines, openerLine(lines, key)) };
}

export function detectYamlLogin(input: DumpInput): number {
  // Below openpogobot's 0.98: its `login:` block with auth_service is its own.
  return findBlock(input) ? 0.97 : 0;
}

export function parseYamlLogin(input: DumpInput): DumpResult {
  const found = findBlock(input);
  if (!found) throw new DumpError('is not a bot config.yaml with a login block (credentials: user, password)', input.name, 1);
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(found.fields)) {
    const role = k === 'username' ? 'user' : k === 'password' ? 'pass' : k === 'provider' || k === 'level' ? k : roleOf(k.trim());
    if (role !== undefined && !(role in named)) named[role] = v;
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const username = text(named.user ?? named.email).trim();
  const password = text(named.pass);
  const line = found.line;
  const problem = isExampleAccount(username, password) ? EXAMPLE_REASON : lineProblem(username, password);
  if (problem) return { format: 'yaml-login', accounts: [], rejected: [{ line, reason: problem }] };
  const level = jsonLevel(named.level);
  if ('reason' in level) return { format: 'yaml-login', accounts: [], rejected: [{ line, reason: level.reason }] };
  const service = text(named.provider).trim().toLowerCase();
  const provider: Provider | undefined = isProvider(service) ? service : undefined;
  const account: DumpAccount = { username, password, line, ...(provider ? { provider } : {}), ...(level.level !== undefined ? { level: level.level } : {}) };
  return { format: 'yaml-login', accounts: [account], rejected: [] };
}

export const yamlLogin: DumpFormat = { name: 'yaml-login', detect: detectYamlLogin, parse: parseYamlLogin };
