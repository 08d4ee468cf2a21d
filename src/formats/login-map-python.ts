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

/**
 * The members of the dicts a text of Python literals holds: one dict or a list of them, or several
 * such printed one after the other (a loop's `print`); each member by the line of its key.
 * Undefined where the text is no such Python, or reads as JSON with Python's leniency alone (a
 * comma after the last member: login-map.ts reads it by its lines, with JSON's escapes).
 */
export async function pythonMembers(text: string): Promise<{ members: Member[]; rejected: Rejection[] } | undefined> {
  const t = text.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return undefined;
  const { parse } = await import('py-ast');
  let values: ExprNode[];
  try {
    const module = parse(text);
    values = module.body.map((s) => (s.nodeType === 'Expr' ? s.value : undefined)).filter((v): v is ExprNode => v !== undefined);
    if (values.length === 0 || values.length < module.body.length) return undefined;
  } catch {
    // A syntax error, or nesting deep enough to overflow the parser's stack: no Python literal to read.
    return undefined;
  }
  if (!values.every((v) => v.nodeType === 'Dict' || v.nodeType === 'List' || v.nodeType === 'Tuple') || !values.some(writtenByPython)) return undefined;
  // The lines as UTF-8 bytes (py-ast's columns), made only when a string holds text past ASCII.
  let bytes: Buffer[] | undefined;
  const lines = () => (bytes ??= text.split('\n').map((l) => Buffer.from(l, 'utf8')));
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
