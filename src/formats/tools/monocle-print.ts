// What Monocle's scripts/print_accounts.py prints: the account store as a Python dict,
// `PrettyPrinter(indent=3).pprint(accounts)`, with `time`, `created` and `expiry` turned into
// `%x %X` strings first (Noctem/Monocle, scripts/print_accounts.py):
//   {   'ash_ketchum93': {   'auth': None,
//                            'banned': False,
//                            'captcha': True,
//                            'iOS': '10.2.1',
//                            ...
// Python literal syntax (quotes chosen per string, backslash escapes, long strings cut into
// adjacent pieces by pprint), read with py-ast, a parser of Python source: only literal nodes
// are ever turned into values (as ast.literal_eval does), nothing is evaluated. The parser is
// loaded only when such a file arrives. A fork prints more than one store, one dict after the
// other (RobTwoThree/Monocle-Level30 scripts/print_accounts.py: accounts.pickle, then its
// level-30 workers' accounts30.pickle): every dict is read, in order.
import { PYTHON_TOO_DEEP, pythonTooDeep } from '../python-depth.js';
import type { ExprNode } from 'py-ast';
import { headLines } from '../decode.js';
import { monocleAccount } from './monocle-account.js';
import { unknownKeys, unknownKeysNote } from './monocle-flags.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

const FIELD = /'(?:provider|banned|captcha|iOS|model)':/;

export function detectMonoclePrint(input: DumpInput): number {
  const head = headLines(input.text, 40).join('\n');
  if (head.trimStart()[0] !== '{') return 0;
  return /'password':/.test(head) && FIELD.test(head) ? 0.96 : 0;
}

/** A literal's value: strings, numbers, True/False/None, negative numbers; anything else is not a field value. */
function literal(node: ExprNode): unknown {
  if (node.nodeType === 'Constant') return node.value;
  if (node.nodeType === 'UnaryOp' && node.op.nodeType === 'USub' && node.operand.nodeType === 'Constant' && typeof node.operand.value === 'number') return -node.operand.value;
  return { nodeType: node.nodeType };
}

async function parsePython(input: DumpInput): Promise<ExprNode[]> {
  const deep = pythonTooDeep(input.text);
  if (deep !== undefined) throw new DumpError(PYTHON_TOO_DEEP, input.name, deep);
  const { parse } = await import('py-ast');
  try {
    const module = parse(input.text);
    const dicts = module.body.map((statement) => (statement.nodeType === 'Expr' && statement.value.nodeType === 'Dict' ? statement.value : undefined));
    if (dicts.length > 0 && dicts.every((d) => d !== undefined)) return dicts as ExprNode[];
  } catch (err) {
    // The parser's message names a line and column, never the text; a deep nesting overflows the stack.
    const line = err instanceof Error ? /at line (\d+)/.exec(err.message)?.[1] : undefined;
    throw new DumpError('is not a Python dict as print_accounts.py prints it (syntax error)', input.name, line ? Number(line) : undefined);
  }
  throw new DumpError('is Python, but not dicts of accounts as print_accounts.py prints them', input.name);
}

export async function parseMonoclePrint(input: DumpInput): Promise<DumpResult> {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const unknown = new Map<string, number>();
  for (const store of await parsePython(input)) {
    if (store.nodeType !== 'Dict') throw new DumpError('holds no dict of accounts', input.name);
    store.keys.forEach((keyNode, i) => {
      const value = store.values[i]!;
      const line = keyNode?.lineno ?? value.lineno;
      const key = keyNode ? literal(keyNode) : undefined;
      if (typeof key !== 'string' || value.nodeType !== 'Dict') {
        rejected.push({ line, reason: 'not a username with its account dict' });
        return;
      }
      const fields = new Map<unknown, ExprNode>();
      value.keys.forEach((k, j) => k && fields.set(literal(k), value.values[j]!));
      const read = monocleAccount(key, (name) => {
        const node = fields.get(name);
        return node ? literal(node) : undefined;
      }, line, fields.keys());
      if (typeof read === 'string') rejected.push({ line, reason: read });
      else accounts.push(read);
      for (const k of new Set(unknownKeys(fields.keys()))) unknown.set(k, (unknown.get(k) ?? 0) + 1);
    });
  }
  const notes = unknownKeysNote(unknown);
  return { format: 'monocle-print', accounts, rejected, ...(notes.length > 0 ? { notes } : {}) };
}

export const monoclePrint: DumpFormat = { name: 'monocle-print', detect: detectMonoclePrint, parse: parseMonoclePrint };
