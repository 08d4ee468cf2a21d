// Accounts in a JavaScript config: the Node scanners and bots kept their logins in a `config.js`
// holding one object literal, never in a data file:
//   ashleykleynhans/raid-scanner `config.js`: `module.exports = { api: { authType: 'ptc',
//     username: '...', password: '...', hashingKey: '...' }, telegram: { token }, ... }`
//   CacaoRick/GoPatrol `example_config.js`: `module.exports = { account: [ { username: "...",
//     password: "...", provider: "google" }, ... ], telegramBotToken: "...", ... }`
// and the like written as `export default {` or `const config = { ... }; module.exports = config`.
// Read as Python configs are (python-accounts.ts): the file is parsed (acorn, a maintained
// ECMAScript parser) and only literals are read; nothing is executed, so a value computed at run
// time (`process.env.PTC_PASS`, `'a' + b`) is refused by its line, never guessed. An account is a
// username and a password paired in one object, or two parallel arrays (`usernames: [...]`,
// `passwords: [...]`) of the same length, and it must be said to be a game account: a provider
// (`ptc`/`google`) beside it, or a key such as `accounts`/`workers` above it. A database's, a
// webhook's, a proxy's or a chat bot's login (its key `db`, `mysql`, `telegram`, ..., or a `host`
// beside it) is never read; a pair the config does not say is an account is refused, named by its
// line and key, never read.
import type { Node as AcornNode, Property, ObjectExpression, ArrayExpression, Expression } from 'acorn';
import { fieldKind, KIND_NAME } from '../lists/line-kinds.js';
import { usernameProblem } from '../lists/account-line.js';
import { isExampleAccount, EXAMPLE_REASON } from '../lists/placeholder-passwords.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

/** A statement that makes a file a JavaScript module's config, at a line's start. */
const JS_CONFIG = /^[ \t]*(?:module\.exports[ \t]*=|export[ \t]+default[ \t]*\{|(?:const|let|var)[ \t]+[A-Za-z_$][\w$]*[ \t]*=[ \t]*\{)/m;
/** An object key naming a login or a password (bare, or quoted as JSON-like JS writes them). */
const USER_KEY = /^(?:username|user_?name|user|login|account_?name|email|mail)$/i;
const PASS_KEY = /^(?:password|pass|passwd|pwd)$/i;
const USERS_KEY = /^(?:usernames|users|logins|emails)$/i;
const PASSES_KEY = /^(?:passwords|passes|passwds)$/i;
const PROVIDER_KEY = /^(?:provider|auth_?type|auth_?service|auth|service|type|login_?type|login_?provider|auth_?provider)$/i;
/** Keys above a pair that make it a game account's. */
const ACCOUNT_KEY = /^(?:accounts?|workers?|trainers?|bots?|ptc|google|pogo|pokemon_?go|scanners?|players?)$/i;
/** Keys above (or a key beside) a pair that make it another service's login: never read. */
const OTHER_SERVICE = /^(?:db|database|mysql|maria(?:db)?|mongo(?:db)?|postgres(?:ql)?|pg|sql|sqlite|redis|smtp|imap|mailer|nodemailer|webhooks?|discord|telegram|twitter|slack|irc|proxy|proxies|http|https|server|web|admin|dashboard|basic_?auth|captcha|2captcha|mqtt|amqp|rabbitmq|ftp|sftp|ssh|session|jwt|oauth)$/i;
const CONNECTION_KEY = /^(?:host|hostname|port|database|uri|url|dsn|connection_?string)$/i;

export function detectJsConfig(input: DumpInput): number {
  const text = input.text;
  if (!JS_CONFIG.test(text)) return 0;
  // A username-like key and a password-like key written as an object's keys somewhere.
  const keys = [...text.matchAll(/(?:^|[{,\s])['"]?([A-Za-z_$][\w$]*)['"]?[ \t]*:/gm)].map((m) => m[1]!);
  const user = keys.some((k) => USER_KEY.test(k) || USERS_KEY.test(k));
  const pass = keys.some((k) => PASS_KEY.test(k) || PASSES_KEY.test(k));
  return user && pass ? 0.95 : 0;
}

type Node = AcornNode & Record<string, unknown>;

const keyName = (p: Property): string | undefined =>
  p.key.type === 'Identifier' && !p.computed ? p.key.name : p.key.type === 'Literal' && typeof p.key.value === 'string' ? p.key.value : undefined;

/** A string written as a literal: a quoted string, or a template without `${}`. */
function literal(e: Expression | null | undefined): string | undefined {
  if (!e) return undefined;
  if (e.type === 'Literal' && typeof e.value === 'string') return e.value;
  if (e.type === 'TemplateLiteral' && e.expressions.length === 0) return e.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

const lineOf = (n: AcornNode) => n.loc?.start.line ?? 1;

interface Found {
  accounts: DumpAccount[];
  rejected: Rejection[];
  /** Pairs read as no account: what they were, for the refusal of a file with none. */
  seen: string[];
}

function provider(obj: ObjectExpression): 'ptc' | 'google' | undefined {
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const k = keyName(p);
    const v = k && PROVIDER_KEY.test(k) ? literal(p.value as Expression)?.trim().toLowerCase() : undefined;
    if (v === 'ptc' || v === 'google') return v;
  }
  return undefined;
}

function take(found: Found, username: string | undefined, password: string | undefined, line: number, prov: 'ptc' | 'google' | undefined, at: string): void {
  if (username === undefined || password === undefined) {
    found.rejected.push({ line, reason: `the login or password under ${at} is not a literal string (computed when the program runs; nothing here is run)` });
    return;
  }
  const problem = usernameProblem(username.trim()) ?? (password === '' ? 'missing password' : undefined);
  if (problem) return void found.rejected.push({ line, reason: problem });
  if (isExampleAccount(username.trim(), password)) return void found.rejected.push({ line, reason: EXAMPLE_REASON });
  const kind = fieldKind(username.trim(), password);
  if (kind) return void found.rejected.push({ line, reason: `looks like ${KIND_NAME[kind]}, not an account`, kind });
  const account: DumpAccount = { username: username.trim(), password, line, provider: prov ?? (/@(?:gmail|googlemail)\.com$/i.test(username.trim()) ? 'google' : 'ptc') };
  found.accounts.push(account);
}

/**
 * `above` is the provider an enclosing object names (`{ provider: 'google', users: [...] }`, `auth:
 * 'ptc'` once at the top): the program logs every login below it in with that provider, as a
 * single-account bot's own `loginProvider` beside its username does.
 */
function walk(node: Node | null | undefined, path: string[], found: Found, above?: 'ptc' | 'google'): void {
  if (!node || typeof node !== 'object') return;
  if (node.type === 'ObjectExpression') return object(node as unknown as ObjectExpression, path, found, above);
  if (node.type === 'ArrayExpression') {
    for (const e of (node as unknown as ArrayExpression).elements) walk(e as Node | null, path, found, above);
    return;
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const v of value) walk(v as Node, path, found, above);
    else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') walk(value as Node, path, found, above);
  }
}

function object(obj: ObjectExpression, path: string[], found: Found, above?: 'ptc' | 'google'): void {
  const props = obj.properties.filter((p): p is Property => p.type === 'Property');
  // `login: { username, password }`: a key whose value is an object or a list is a place, not a value.
  const nested = (p: Property) => p.value.type === 'ObjectExpression' || (p.value.type === 'ArrayExpression' && !USERS_KEY.test(keyName(p) ?? '') && !PASSES_KEY.test(keyName(p) ?? ''));
  const byKey = (re: RegExp) => props.find((p) => re.test(keyName(p) ?? '') && !nested(p));
  // A login key before an address: `{ email, username, password }` logs in with the username.
  const user = props.find((p) => USER_KEY.test(keyName(p) ?? '') && !/mail/i.test(keyName(p)!) && !nested(p)) ?? byKey(USER_KEY);
  const pass = byKey(PASS_KEY);
  const users = byKey(USERS_KEY);
  const passes = byKey(PASSES_KEY);
  const at = path.length > 0 ? path.join('.') : 'the top object';
  // The object's own provider, else the one an enclosing object names for every login below it.
  const prov = provider(obj) ?? above;
  const other = path.some((k) => OTHER_SERVICE.test(k)) || props.some((p) => CONNECTION_KEY.test(keyName(p) ?? ''));
  const sure = prov !== undefined || path.some((k) => ACCOUNT_KEY.test(k.replace(/\[\d+\]$/, '')));
  if (user && pass && user !== pass) {
    if (other) found.seen.push(`line ${lineOf(user)}: the login under ${at} is another service's (a database's, a bot's, a proxy's), never read`);
    // Named by its line even beside accounts: a login no reader takes is never dropped without a word.
    else if (!sure) found.rejected.push({ line: lineOf(user), reason: `a username and password under ${at}, not said to be a game account (no ptc/google provider beside them, no key such as accounts above them)` });
    else take(found, literal(user.value as Expression), literal(pass.value as Expression), lineOf(user.value), prov, at);
  } else if (users && passes && users.value.type === 'ArrayExpression' && passes.value.type === 'ArrayExpression') {
    const names = users.value.elements;
    const words = passes.value.elements;
    if (other) found.seen.push(`line ${lineOf(users)}: the logins under ${at} are another service's, never read`);
    else if (names.length !== words.length) found.rejected.push({ line: lineOf(users), reason: `${names.length} logins but ${words.length} passwords under ${at}: which password is whose is unsure` });
    else names.forEach((n, i) => take(found, literal(n as Expression), literal(words[i] as Expression), n ? lineOf(n) : lineOf(users), prov, at));
  }
  for (const p of props) {
    // Parallel lists are read above only beside each other; a `users:` list of objects alone is walked.
    if (((p === user || p === pass) && user && pass) || ((p === users || p === passes) && users && passes)) continue;
    const k = keyName(p) ?? '?';
    walk(p.value as Node, [...path, k], found, prov);
  }
}

export async function parseJsConfig(input: DumpInput): Promise<DumpResult> {
  const { parse } = await import('acorn');
  let program: Node;
  try {
    program = parse(input.text, { ecmaVersion: 'latest', sourceType: 'module', locations: true, allowHashBang: true, allowReturnOutsideFunction: true }) as unknown as Node;
  } catch (err) {
    // acorn's message is `Unexpected token (4:10)`: where, never the text.
    const where = err instanceof Error ? (err as Error & { loc?: { line: number } }).loc?.line : undefined;
    // acorn stops where its recursion would pass the stack (about 770 nested `[` or `{a:`), saying
    // so, where a config nests a few levels: named as what it is, never as a syntax error.
    if (err instanceof Error && err.message.startsWith('Not enough stack space')) {
      throw new DumpError('nests arrays, objects or expressions deeper than the JavaScript parser reads (hundreds of levels; a config nests a few); nothing of it was read', input.name, where ?? 1);
    }
    throw new DumpError('is not a JavaScript config that can be read (syntax error)', input.name, where ?? 1);
  }
  const found: Found = { accounts: [], rejected: [], seen: [] };
  walk(program, [], found);
  if (found.accounts.length === 0 && found.rejected.length === 0) {
    throw new DumpError(`is a JavaScript config holding no game account${found.seen.length > 0 ? `: ${found.seen.join('; ')}` : ''}`, input.name);
  }
  return { format: 'js-config', accounts: found.accounts, rejected: found.rejected };
}

export const jsConfig: DumpFormat = { name: 'js-config', detect: detectJsConfig, parse: parseJsConfig };
