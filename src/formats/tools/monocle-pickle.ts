// Monocle's account store, pickles/accounts.pickle: a dict of username → account dict, written
// with pickle.dump(accounts, f, HIGHEST_PROTOCOL) (Noctem/Monocle, monocle/utils.py dump_pickle,
// load_accounts; monocle/overseer.py and scan.py dump it again on exit). Read with pickleparser,
// which decodes the pickle opcodes without running anything: a pickle that names classes gets
// inert placeholders, never code. Dicts come back as Maps, so a username such as `__proto__`
// is just a key. A binary file has no lines: an account's "line" is its place in the store.
// The library is loaded only when a pickle arrives: every import of a plain list starts faster.
import { isPythonPickle } from '../decode.js';
import { monocleAccount } from './monocle-account.js';
import { unknownKeys, unknownKeysNote } from './monocle-flags.js';
import { isUnsureBytes, python2Reader } from './python2-strings.js';
import { MAX_PICKLE_OBJECTS, makesMoreObjects } from './pickle-objects.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

export function detectMonoclePickle(input: DumpInput): number {
  // A dump read from its file in pieces is never a pickle (file-lines.ts' scan): its bytes are not read whole to tell.
  return !input.lines && isPythonPickle(input.bytes) ? 0.99 : 0;
}

/** A dict subclass's REDUCE: its items (a dict, or Python 2 OrderedDict's list of pairs) as a Map; a defaultdict's factory dropped. */
function dictLike(...args: unknown[]): Map<unknown, unknown> {
  const [items] = args;
  if (items instanceof Map) return new Map(items);
  if (Array.isArray(items) && items.every((p) => Array.isArray(p) && p.length === 2)) return new Map(items as [unknown, unknown][]);
  return new Map();
}

async function unpickle(input: DumpInput): Promise<unknown> {
  // Counted before anything is built: one byte of a pickle makes an object of ~210 bytes (pickle-objects.ts).
  if (makesMoreObjects(input.bytes)) {
    throw new DumpError(
      `is a Python pickle making more than ${MAX_PICKLE_OBJECTS.toLocaleString('en-US')} lists, dicts, tuples and objects (a Monocle store makes a dict an account and a few for its values): a pickle bomb's shape, or a store too large to read under 300 MB; nothing of it was read`,
      input.name,
    );
  }
  const { Parser, BufferReader, NameRegistry } = await import('pickleparser');
  // The dicts of the standard library a fork may keep (an OrderedDict of items, a defaultdict of
  // counts, a Counter) come back as Maps, their items set on them as on a dict; any other class
  // stays pickleparser's inert placeholder.
  const nameResolver = new NameRegistry();
  for (const name of ['OrderedDict', 'defaultdict', 'Counter']) nameResolver.register('collections', name, dictLike);
  const parser = new Parser({ nameResolver, unpicklingTypeOfDictionary: 'Map', unpicklingTypeOfSet: 'array' });
  // Items set on an object that is no dict (a fork's own class whose pickle adds them, SETITEMS
  // after REDUCE) are passed over: pickleparser's Map provider would throw, failing the store.
  const inner = parser as unknown as { _dictionaryProvider: { create: () => unknown; setMethod: (d: unknown, k: unknown, v: unknown) => void } };
  const provider = inner._dictionaryProvider;
  inner._dictionaryProvider = { create: provider.create, setMethod: (d, k, v) => (d instanceof Map ? provider.setMethod(d, k, v) : undefined) };
  // pickleparser warns on the console about integers past 2^53; what it would print comes from
  // the file, so it is kept off the console (parse is synchronous: nothing else runs meanwhile).
  const warn = console.warn;
  console.warn = () => {};
  try {
    // Python 2's str and protocol 0's escapes read exactly (python2-strings.ts).
    return parser.read(python2Reader(BufferReader, input.bytes));
  } catch {
    // The library's message may quote bytes of the file.
    throw new DumpError('is a damaged Python pickle (it ends or breaks before its last opcode)', input.name);
  } finally {
    console.warn = warn;
  }
}

export async function parseMonoclePickle(input: DumpInput): Promise<DumpResult> {
  const store = await unpickle(input);
  const notMonocle = new DumpError("is a Python pickle, but not Monocle's account store (a dict of username to account)", input.name);
  if (!(store instanceof Map)) throw notMonocle;
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  let records = 0;
  let line = 0;
  // Keys no fork we read writes: said once for the store, never silently passed over.
  const unknown = new Map<string, number>();
  for (const [key, value] of store) {
    line++;
    if (!(value instanceof Map) || typeof key !== 'string') {
      rejected.push({ line, reason: 'not an account record' });
      continue;
    }
    if (value.has('password') || value.has('username')) records++;
    // Python 2 bytes that are not UTF-8 (latin-1, cp1252?): refused, never read as one guess of them.
    const unsure = isUnsureBytes(key) ? 'username' : (['username', 'password'] as const).find((k) => isUnsureBytes(value.get(k)));
    if (unsure) {
      rejected.push({ line, reason: `its ${unsure} is Python 2 bytes that are not UTF-8 (latin-1? another code page?): which characters they are is unsure` });
      continue;
    }
    const read = monocleAccount(key, (k) => value.get(k), line, value.keys());
    if (typeof read === 'string') rejected.push({ line, reason: read });
    else accounts.push(read);
    for (const k of new Set(unknownKeys(value.keys()))) unknown.set(k, (unknown.get(k) ?? 0) + 1);
  }
  // Monocle's other pickles (spawns, cells, landmarks) are dicts too, of something else.
  if (store.size > 0 && records === 0) throw notMonocle;
  const notes = unknownKeysNote(unknown);
  return { format: 'monocle-pickle', accounts, rejected, ...(notes.length > 0 ? { notes } : {}) };
}

export const monoclePickle: DumpFormat = { name: 'monocle-pickle', detect: detectMonoclePickle, parse: parseMonoclePickle };
