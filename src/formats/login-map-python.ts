// `import --format login-map` on a dictionary Python printed: `print(accounts)`, `repr(accounts)`
// or `pprint.pprint(accounts)` of the same `accounts[username] = password` a script would have
// `json.dump`ed (login-map.ts). Python's repr quotes each string on its own (`'Magmar!126a'`, and
// `"it's"` where the text holds a `'`), escapes with backslashes (`\'`, `\\`, `\x85`), and pprint
// wraps a dict wider than 80 columns one member a line, cutting a long string into adjacent
// pieces; Python 2 prefixes its unicode strings with `u` and escapes a str's bytes
// past ASCII (`'P\xc3\xa4ss'`, the UTF-8 of `Päss`). Read with py-ast, the parser monocle-print.ts
// and python-accounts.ts read Python literals with, its literal nodes only (as ast.literal_eval
// does): nothing is evaluated. Loaded only when login-map reads a text JSON.parse refused (forced, or
// tried by a refusal: choose.ts forcedOnlyWay).
import type { ExprNode } from 'py-ast';
import type { Member, Value } from './login-map.js';
import type { Rejection } from './types.js';
import { python2StrText } from './tools/python2-strings.js';

/** An item of a list of dicts that is no dict (the JSON list's reason, said of Python's). */
export const NOT_A_DICT = 'an item of the list that is no object of logins and passwords';

/** A `\xhh` escape of a byte or character past ASCII, not itself escaped (`\\x85` is a backslash and `x85`). */
const HIGH_ESCAPE = /(?<!\\)(?:\\\\)*\\x[89a-fA-F][0-9a-fA-F]/;

const UNSURE = "a string whose `\\x..` escapes are not the UTF-8 of any text (a Python 2 str of other bytes, or characters Python 3 escapes): which characters it holds is unsure, so no account is made of it";


/** The literal's source as written, from its first quote to its last (pprint's pieces and all). */
function sourceOf(node: ExprNode, lines: Buffer[]): string {
  const first = node.lineno - 1;
  const last = (node.end_lineno ?? node.lineno) - 1;
  // py-ast's columns count UTF-8 bytes.
  if (first === last) return lines[first]!.subarray(node.col_offset, node.end_col_offset).toString('utf8');
  const middle = lines.slice(first + 1, last).map((l) => l.toString('utf8'));
  return [lines[first]!.subarray(node.col_offset).toString('utf8'), ...middle, lines[last]!.subarray(0, node.end_col_offset).toString('utf8')].join('\n');
}

/**
 * A string literal's text, or undefined where its characters are unsure. A `u'...'` string and
 * Python 3's str are text, their `\xhh` a character. A bytes literal, and a str whose escapes
 * give bytes past ASCII (Python 3's repr writes such characters as they are: an escape there is
 * Python 2's str, whose bytes were read from a UTF-8 file), is its bytes' UTF-8; other bytes are
 * never guessed at (python2-strings.ts' rule for a pickle's, python2StrText).
 */
function stringText(node: Constant, lines: () => Buffer[]): string | undefined {
  const value = node.value as string;
  // Text all ASCII came from no escape past ASCII (py-ast leaves a `\N{NAME}` escape as written; repr never writes one).
  if (/^[\x00-\x7f]*$/.test(value) && !value.includes('\\N{')) return value;
  const prefix = (node.quote_style ?? '').replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('r')) return value;
  const source = sourceOf(node, lines());
  if (/(?<!\\)(?:\\\\)*\\N\{/.test(source)) return undefined;
  const bytes = prefix.includes('b');
  if (!bytes && (prefix.includes('u') || !HIGH_ESCAPE.test(source))) return value;
  // Escaped bytes beside characters written as they are: neither Python's repr.
  if (!bytes && /[^\x00-\x7f]/.test(source)) return undefined;
  if ([...value].some((c) => c.codePointAt(0)! > 0xff)) return undefined;
  return python2StrText(Buffer.from(value, 'latin1'));
}

type Constant = Extract<ExprNode, { nodeType: 'Constant' }>;

/** The node as a string literal, or undefined. */
function asString(node: ExprNode): Constant | undefined {
  return node.nodeType === 'Constant' && typeof node.value === 'string' ? node : undefined;
}

/** What a value node is, as login-map.ts judges JSON's values. */
function valueOf(node: ExprNode, lines: () => Buffer[]): Value | undefined {
  const string = asString(node);
  if (string) {
    const text = stringText(string, lines);
    return text === undefined ? undefined : { kind: 'string', text };
  }
  if (node.nodeType === 'Constant') return { kind: node.value === null ? 'null' : typeof node.value === 'boolean' ? 'flag' : typeof node.value === 'number' || typeof node.value === 'bigint' ? 'number' : 'code' };
  if (node.nodeType === 'UnaryOp' && node.operand.nodeType === 'Constant' && typeof node.operand.value === 'number') return { kind: 'number' };
  if (node.nodeType === 'Dict') return { kind: 'object' };
  if (node.nodeType === 'List' || node.nodeType === 'Tuple' || node.nodeType === 'Set') return { kind: 'list' };
  // A name, a call, an f-string, an operation: code, never evaluated.
  return { kind: 'code' };
}

function dictMembers(dict: ExprNode & { nodeType: 'Dict' }, lines: () => Buffer[], members: Member[], rejected: Rejection[]): void {
  dict.keys.forEach((keyNode, i) => {
    const valueNode = dict.values[i]!;
    const line = keyNode?.lineno ?? valueNode.lineno;
    // `**other` (no key) or a key that is no string (`1: ...`, `('a', 'b'): ...`): no login.
    const keyString = keyNode ? asString(keyNode) : undefined;
    if (!keyString) {
      rejected.push({ line, reason: 'a key that is no string where a login goes: a program\'s data, no account', kind: 'code' });
      return;
    }
    const key = stringText(keyString, lines);
    const value = valueOf(valueNode, lines);
    if (key === undefined || value === undefined) rejected.push({ line, reason: UNSURE });
    else members.push({ line, key, value });
  });
}

/** Whether the text is written as Python writes it, not JSON (whose `"a": "b",}` Python parses too). */
function writtenByPython(node: ExprNode): boolean {
  if (node.nodeType === 'Constant') return node.value === null || typeof node.value === 'boolean' || (typeof node.value === 'string' && node.quote_style !== '"');
  if (node.nodeType === 'Dict') return node.keys.some((k) => k !== null && writtenByPython(k)) || node.values.some(writtenByPython);
  if (node.nodeType === 'List' || node.nodeType === 'Tuple' || node.nodeType === 'Set') return node.elts.some(writtenByPython);
  return false;
}

/** The expressions of a Python text, or undefined where it does not parse as expressions alone. */
async function expressions(text: string): Promise<ExprNode[] | undefined> {
  const { parse } = await import('py-ast');
  try {
    const module = parse(text);
    const values = module.body.map((s) => (s.nodeType === 'Expr' ? s.value : undefined)).filter((v): v is ExprNode => v !== undefined);
    return values.length === 0 || values.length < module.body.length ? undefined : values;
  } catch {
    // A syntax error, or nesting deep enough to overflow the parser's stack: no Python literal to read.
    return undefined;
  }
}

/** The lines of a text as UTF-8 bytes (py-ast's columns), made only when a string holds text past ASCII. */
function byteLines(text: string): () => Buffer[] {
  let bytes: Buffer[] | undefined;
  return () => (bytes ??= text.split('\n').map((l) => Buffer.from(l, 'utf8')));
}

/** A Python string literal opening the text: a quote, after `u`, `b` or `r` prefixes or none. */
const OPENS_STRING = /^[rRuUbB]{0,2}['"]/;

/**
 * The members of the dicts a text of Python literals holds: one dict or a list of them, or several
 * such printed one after the other (a loop's `print`); each member by the line of its key.
 * Undefined where the text is no such Python, or reads as JSON with Python's leniency alone (a
 * comma after the last member: login-map.ts reads it by its lines, with JSON's escapes).
 *
 * Or a dict's members alone (`'lavaCave01': 'Magmar!126a',` a line): the lines pprint writes
 * between its braces (CPython Lib/pprint.py `_format_dict_items`: each key's repr, `': '`, the
 * value, `',\n'` and the indent), or a settings file's dict, copied out of them. Read as the body
 * of a dict by the same parser; where the whole does not parse so, each line alone (one line's
 * break refuses that line); lines JSON quotes alone stay with login-map.ts's JSON reading.
 */
export async function pythonMembers(text: string): Promise<{ members: Member[]; rejected: Rejection[] } | undefined> {
  if (text.length > PYTHON_MAX_CHARS) return undefined;
  const t = text.trimStart();
  if (OPENS_STRING.test(t)) return membersAlone(text);
  if (t[0] !== '{' && t[0] !== '[') return undefined;
  const values = await expressions(text);
  if (!values) return undefined;
  if (!values.every((v) => v.nodeType === 'Dict' || v.nodeType === 'List' || v.nodeType === 'Tuple') || !values.some(writtenByPython)) return undefined;
  const lines = byteLines(text);
  const members: Member[] = [];
  const rejected: Rejection[] = [];
  for (const v of values) {
    if (v.nodeType === 'Dict') dictMembers(v, lines, members, rejected);
    else if (v.nodeType === 'List' || v.nodeType === 'Tuple') {
      for (const item of v.elts) {
        if (item.nodeType === 'Dict') dictMembers(item, lines, members, rejected);
        else rejected.push({ line: item.lineno, reason: NOT_A_DICT, kind: 'code' });
      }
    }
  }
  return { members, rejected };
}

/** A dict's members without its braces, read as its body: `{` on a line of its own before them. */
async function membersAlone(text: string): Promise<{ members: Member[]; rejected: Rejection[] } | undefined> {
  const whole = await bodyMembers(text);
  if (whole) return whole.python ? whole.read : undefined;
  const members: Member[] = [];
  const rejected: Rejection[] = [];
  let python = false;
  const lines = text.split('\n');
  // Each line parsed alone costs a parse: a long text that is no dict's body is refused as one.
  if (lines.length > LINES_ALONE) return undefined;
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (s === '') continue;
    // A text of this one line (and its newline) is what the whole parse just refused: parsed as
    // `{\nLINE\n}` against `{\nLINE\n\n}`, which Python reads alike, so not parsed again.
    const one = s === text || `${s}\n` === text ? undefined : await bodyMembers(s);
    if (!one) {
      // `'Star#56'` alone under `'misty_k2': 'Star#12'`: Python joins adjacent strings, so the member above may go on here.
      if (OPENS_STRING.test(s) && members.at(-1)?.line === previousContent(lines, i)) {
        const cut = members.at(-1)!.line;
        while (members.at(-1)?.line === cut) members.pop();
        rejected.push({ line: cut, reason: CONTINUED, kind: 'code' });
      }
      rejected.push({ line: i + 1, reason: NOT_A_MEMBER, kind: 'code' });
      continue;
    }
    python ||= one.python;
    for (const m of one.read.members) members.push({ ...m, line: i + 1 });
    for (const r of one.read.rejected) rejected.push({ ...r, line: i + 1 });
  }
  return python && members.length > 0 ? { members, rejected } : undefined;
}

const LINES_ALONE = 5_000;

const CONTINUED = "a member followed by a line holding a string alone: Python joins adjacent strings, so where its password ends is unsure, no account";

/** The 1-based line of the last line with content before index `i`, or 0. */
function previousContent(lines: string[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (lines[j]!.trim() !== '') return j + 1;
  return 0;
}

const NOT_A_MEMBER = "not a `'login': 'password'` member (a Python string, a colon and a Python string), nor a dict of them";

async function bodyMembers(text: string): Promise<{ read: { members: Member[]; rejected: Rejection[] }; python: boolean } | undefined> {
  const wrapped = `{\n${text}\n}`;
  const values = await expressions(wrapped);
  const dict = values?.length === 1 && values[0]!.nodeType === 'Dict' ? values[0] : undefined;
  if (!dict) return undefined;
  const members: Member[] = [];
  const rejected: Rejection[] = [];
  dictMembers(dict, byteLines(wrapped), members, rejected);
  const back = <T extends { line: number }>(x: T): T => ({ ...x, line: x.line - 1 });
  return { read: { members: members.map(back), rejected: rejected.map(back) }, python: writtenByPython(dict) };
}

/**
 * Past this, a text JSON refused is not read as Python's dicts: py-ast tokenizes and builds a tree
 * of it all, tens of bytes of memory a character. A JSON list of 680,000 accounts (46 MB, under
 * max_dump_size) broken in its last object was parsed so twice (whole, then as its one line, a
 * dict's body): 2.07 GB peak and 27 s of CPU, where the same list whole took 194 MB and 6.8 s
 * (stop 63). 2,000,000 characters is print(accounts) of ~50,000 logins; a larger one is read by
 * its lines (login-map.ts lineMembers), each refused where it is no JSON member.
 */
export const PYTHON_MAX_CHARS = 2_000_000;

/** Past this, a refused text is not parsed again to say it is Python (py-ast builds a tree of it all). */
const LITERAL_MAX_CHARS = 1_000_000;

/**
 * A text that is Python literals as Python writes them (a settings dict, a printed one: single
 * quotes, `True`, `None`), not JSON: what it is and the lines it spans, for a refusal that would
 * else name JSON's break in a file that never was JSON (choose.ts). Undefined for anything else.
 */
export async function pythonLiteral(text: string): Promise<{ what: string; first: number; last: number } | undefined> {
  const t = text.trimStart();
  if ((t[0] !== '{' && t[0] !== '[') || text.length > LITERAL_MAX_CHARS) return undefined;
  const values = await expressions(text);
  if (!values || !values.every((v) => (v.nodeType === 'Dict' || v.nodeType === 'List' || v.nodeType === 'Tuple') && isLiteral(v)) || !values.some(writtenByPython)) return undefined;
  const what = values.length > 1 ? 'Python literals one after another (dicts or lists, as a loop prints them)' : values[0]!.nodeType === 'Dict' ? 'a Python dict' : 'a Python list';
  return { what, first: values[0]!.lineno, last: values.at(-1)!.end_lineno ?? values.at(-1)!.lineno };
}

/** Literals alone, as ast.literal_eval takes them: a name (`port`), a call or an operation is code. */
function isLiteral(node: ExprNode): boolean {
  if (node.nodeType === 'Constant') return true;
  if (node.nodeType === 'UnaryOp') return node.operand.nodeType === 'Constant' && typeof node.operand.value === 'number';
  if (node.nodeType === 'Dict') return node.keys.every((k) => k !== null && isLiteral(k)) && node.values.every(isLiteral);
  if (node.nodeType === 'List' || node.nodeType === 'Tuple' || node.nodeType === 'Set') return node.elts.every(isLiteral);
  return false;
}
