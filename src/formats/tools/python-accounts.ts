// Accounts written as Python tuples. Monocle (and pokeminer before it) took its accounts from
// its `config.py` until it read accounts.csv (Noctem/Monocle `config.example.py`, to March 2017):
//   ACCOUNTS = [
//       ('ash_ketchum', 'pik4chu', 'ptc'),     (or a list: ['ash_ketchum', 'pik4chu', 'ptc'],)
//       ('ziemniak_kalafior', 'ogorek', 'google'),
//   ]
// later `ALL_ACCOUNTS` of 6-tuples that add the device: ('user', 'pass', 'ptc', 'iPhone6,1',
// '9.3.4', '67c5...'); with `PASS = '...'` and `PROVIDER = 'ptc'` set, a tuple may leave both
// out: `('user',)` or `('user', 'iPhone6,1', '9.3.4', '67c5...')` (`create_account_dict` in
// Monocle's utils.py, December 2016: 1, 3, 4 or 6 values). Creators wrote their accounts ready to paste into that list, one tuple and a
// comma a line (ocjd/ptc-account-creator `account_creator.rb`: `('#{username}', '#{password}',
// 'ptc'),`, appended to accounts.txt). Only the tuples of a list named `...ACCOUNTS` are read from
// a config.py: its Maps key and other settings never are. PTCAccount's `random_account()` returns
// ('user', 'pass', 'mail@host') (jepayne1138/PTCAccount `README.rst`, "As package"; a script
// printing it in a loop writes one tuple a line): a third value that is an e-mail address is the
// account's mail, never a provider, and the account a PTC one.
// Monocle's later config.py (Noctem/Monocle from March 2017, and its forks: xLeevo/Monocle
// `config.example.py`) holds no accounts but `ACCOUNTS_CSV = 'accounts.csv'`, the file Monocle
// reads them from, beside DB_ENGINE, HASH_KEY, CAPTCHA_KEY and the like: such a config.py is
// refused naming that file, the way through, and never a value of its other settings. Python literal syntax is read with
// py-ast, literal nodes only (as ast.literal_eval does): nothing is evaluated.
import { PYTHON_TOO_DEEP, pythonTooDeep } from '../python-depth.js';
import type { ExprNode } from 'py-ast';
import { headLines } from '../decode.js';
import { fieldKind, isAddress, KIND_NAME, nonAccountKind } from '../lists/line-kinds.js';
import { monocleAccount } from './monocle-account.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

/** `ACCOUNTS = [`, `ALL_ACCOUNTS = (`, `EXTRA_ACCOUNTS = [` at a line's start. */
const LIST_START = /^((?:[A-Z][A-Z0-9_]*_)?ACCOUNTS)[ \t]*=[ \t]*(?=[[(])/m;
/** `('user', 'pass', 'ptc'),`: a tuple of quoted strings, alone on its line. */
const TUPLE_LINE = /^\(\s*[uUrR]?(['"]).*(['"])\s*,?\s*\)\s*,?\s*(?:#.*)?$/;
const COMMENT = /^\s*(?:#.*)?$/;

/** The tuple lines among the first lines that are not blank or comments: all of them, or none. */
function tupleLines(text: string): boolean {
  const lines = headLines(text, 50).filter((l) => !COMMENT.test(l));
  return lines.length > 0 && lines.every((l) => TUPLE_LINE.test(l.trim()));
}

/** `ACCOUNTS_CSV = 'accounts.csv'` at a line's start (commented out, it names nothing). */
const ACCOUNTS_CSV = /^ACCOUNTS_CSV[ \t]*=[ \t]*(.*)$/m;
/** `NAME = value`: a Python settings file's line. */
const SETTING = /^[A-Z][A-Z0-9_]*[ \t]*=/;

/** A settings file (most of its lines `NAME = value`) that names its accounts' CSV file. */
function accountsCsvConfig(text: string): boolean {
  if (!ACCOUNTS_CSV.test(text)) return false;
  const lines = headLines(text, 400).filter((l) => !COMMENT.test(l) && /^\S/.test(l));
  return lines.filter((l) => SETTING.test(l)).length * 2 >= lines.length;
}

export function detectPythonAccounts(input: DumpInput): number {
  // Rows as tuples or as lists (HaloZero/pokeminer `config.py`: `['PokeHack06', '...', 'ptc'],`): Python reads both alike.
  if (LIST_START.test(input.text) && /^\s*[([]\s*[uUrR]?['"]/m.test(input.text)) return 0.95;
  if (accountsCsvConfig(input.text)) return 0.95;
  return tupleLines(input.text) ? 0.9 : 0;
}

/**
 * Where the bracket opened at `open` closes, skipping strings and comments; -1 when it never
 * does. Python's own rules for what a string is: quotes of either kind, triple quotes,
 * backslash escapes.
 */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"' || c === "'") {
      const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) {
        if (text[j] === '\\') j++;
        else if (quote.length === 1 && text[j] === '\n') return -1;
        j++;
      }
      if (j >= text.length) return -1;
      i = j + quote.length - 1;
    } else if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Python source of one list, on the same lines as in the file, so the parser's lines are the file's. */
async function parseList(input: DumpInput, source: string, firstLine: number): Promise<ExprNode> {
  const deep = pythonTooDeep(source);
  if (deep !== undefined) throw new DumpError(PYTHON_TOO_DEEP, input.name, firstLine + deep - 1);
  const { parse } = await import('py-ast');
  try {
    const module = parse('\n'.repeat(firstLine - 1) + '_ = ' + source);
    const only = module.body[0];
    if (module.body.length === 1 && only?.nodeType === 'Assign') return only.value;
  } catch (err) {
    // The parser's message names a line and column, never the text.
    const line = err instanceof Error ? /at line (\d+)/.exec(err.message)?.[1] : undefined;
    throw new DumpError('is not a Python list of account tuples (syntax error)', input.name, line ? Number(line) : firstLine);
  }
  throw new DumpError('is not a Python list of account tuples', input.name, firstLine);
}

/** The fields of a tuple of each length, as Monocle's `create_account_dict` reads them (any other length it refuses). */
const FIELDS: Record<number, string[]> = {
  1: ['username'],
  3: ['username', 'password', 'provider'],
  4: ['username', 'model', 'iOS', 'id'],
  6: ['username', 'password', 'provider', 'model', 'iOS', 'id'],
};
/** PTCAccount's tuple: the mail where Monocle's has the provider. */
const MAILED = ['username', 'password', 'email'];

/** The config's `PASS` and `PROVIDER`, for tuples that leave them out. */
interface Defaults {
  password?: string;
  provider?: string;
}

async function defaults(input: DumpInput): Promise<Defaults> {
  const found: Defaults = {};
  for (const m of input.text.matchAll(/^(PASS|PROVIDER)[ \t]*=(.*)$/gm)) {
    const value = await parseList(input, m[2]!, lineAt(input.text, m.index)).catch(() => undefined);
    if (value?.nodeType !== 'Constant' || typeof value.value !== 'string') continue;
    if (m[1] === 'PASS') found.password = value.value;
    else found.provider = value.value;
  }
  return found;
}

function readTuples(list: ExprNode, given: Defaults, accounts: DumpAccount[], rejected: Rejection[]): void {
  if (list.nodeType !== 'List' && list.nodeType !== 'Tuple') {
    rejected.push({ line: list.lineno, reason: 'not a list of account tuples' });
    return;
  }
  for (const item of list.elts) {
    const values = item.nodeType === 'Tuple' || item.nodeType === 'List' ? item.elts.map((e) => (e.nodeType === 'Constant' ? e.value : undefined)) : [];
    const fields = values.length === 3 && typeof values[2] === 'string' && isAddress(values[2]) ? MAILED : FIELDS[values.length];
    if (!fields || !values.every((v) => typeof v === 'string')) {
      rejected.push({ line: item.lineno, reason: 'not a (username, password, provider) tuple' });
      continue;
    }
    // Monocle refuses to start without them: no password is ever guessed.
    if (!fields.includes('password') && (given.password === undefined || given.provider === undefined)) {
      rejected.push({ line: item.lineno, reason: 'no password: the tuple leaves it to the config\'s PASS and PROVIDER, which are not set' });
      continue;
    }
    const at = (name: string) => {
      const i = fields.indexOf(name);
      return i >= 0 ? values[i] : name === 'password' ? given.password : name === 'provider' ? given.provider : undefined;
    };
    const read = monocleAccount(values[0] as string, at, item.lineno);
    // `('socks5://127.0.0.1:9050', '/usr/local/var/run/tor/control', 'ptc')`: the rules every reader shares (line-kinds.ts).
    // No login holds `:`, `/` or a backslash: such a first value is a URL, a proxy or a path.
    const kind = typeof read === 'string' ? undefined : /[:/\\]/.test(read.username) ? (nonAccountKind(read.username) ?? 'code') : fieldKind(read.username, read.password);
    if (typeof read === 'string') rejected.push({ line: item.lineno, reason: read });
    else if (kind) rejected.push({ line: item.lineno, reason: `looks like ${KIND_NAME[kind]}, not an account`, kind });
    else accounts.push(read);
  }
}

/** One plain string literal: either quote, no backslash, no quote of its kind inside. */
const STR = `(?:'([^'\\\\\\n]*)'|"([^"\\\\\\n]*)")`;
/** `('user', 'pass', 'ptc'),` of plain literals: read without the parser (a creator's file may hold thousands). */
const PLAIN_TUPLE = new RegExp(`^\\(\\s*${STR}\\s*,\\s*${STR}\\s*,\\s*${STR}\\s*,?\\s*\\)\\s*,?\\s*(?:#.*)?$`);

/** The tuples of a file of tuple lines, when every line is a plain one; undefined when the parser must read it. */
function plainTuples(text: string): ExprNode | undefined {
  const elts: ExprNode[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (s === '' || s.startsWith('#')) continue;
    const m = PLAIN_TUPLE.exec(s);
    if (!m) return undefined;
    const values = [m[1] ?? m[2], m[3] ?? m[4], m[5] ?? m[6]];
    const at = { lineno: i + 1, col_offset: 0 };
    elts.push({ nodeType: 'Tuple', elts: values.map((value) => ({ nodeType: 'Constant', value, ...at })), ctx: { nodeType: 'Load' }, ...at } as ExprNode);
  }
  return { nodeType: 'List', elts, ctx: { nodeType: 'Load' }, lineno: 1, col_offset: 0 } as ExprNode;
}

/** The refusal of a config.py whose accounts are in the CSV file it names (the path quoted only when plain). */
function accountsCsvRefusal(input: DumpInput): DumpError {
  const m = ACCOUNTS_CSV.exec(input.text)!;
  const path = /^(['"])([^'"\\\x00-\x1f\x7f]{1,200})\1[ \t]*(?:#.*)?$/.exec(m[1]!.trim())?.[2];
  return new DumpError(
    `is Monocle's config.py, which holds no accounts: Monocle reads them from the CSV file its ACCOUNTS_CSV names${path ? ` (${path})` : ''}; import that file`,
    input.name,
    lineAt(input.text, m.index),
  );
}

export async function parsePythonAccounts(input: DumpInput): Promise<DumpResult> {
  const text = input.text;
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const lists = [...text.matchAll(new RegExp(LIST_START.source, 'gm'))];
  const given = lists.length > 0 ? await defaults(input) : {};
  if (lists.length === 0 && accountsCsvConfig(text)) throw accountsCsvRefusal(input);
  if (lists.length === 0) {
    // A creator's lines to paste into the list: the whole file is the list's inside.
    readTuples(plainTuples(text) ?? (await parseList(input, `[${text}\n]`, 1)), given, accounts, rejected);
  }
  for (const m of lists) {
    const open = m.index + m[0].length;
    const close = closing(text, open);
    const line = lineAt(text, m.index);
    if (close < 0) throw new DumpError(`the list ${m[1]} is never closed`, input.name, line);
    readTuples(await parseList(input, text.slice(open, close + 1), line), given, accounts, rejected);
  }
  return { format: 'python-accounts', accounts, rejected };
}

export const pythonAccounts: DumpFormat = { name: 'python-accounts', detect: detectPythonAccounts, parse: parsePythonAccounts };
