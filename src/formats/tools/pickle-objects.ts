// How many lists, dicts, tuples, sets and objects a pickle makes, counted from its opcodes before
// pickleparser builds them. A pickle spends one byte on an empty list (`]`), and pickleparser about
// 210 bytes of memory on it (a 24 MB pickle of nested `]`s took 2.5 GB and 21 s of CPU; one of
// 50 MB, under max_dump_size, would abort the process out of memory, nothing to catch). Python's
// pickler (CPython Lib/pickle.py) writes a Monocle store as a dict an account, each with its keys
// and values, so a real store spends tens of bytes on each object it makes.
//
// The opcodes and their arguments are CPython's (Lib/pickletools.py, protocols 0-5): a fixed number
// of bytes, a length then that many bytes, or a line. An opcode this walk does not know ends the
// count: the parser then refuses the file as damaged.

/** No Monocle store makes more: one a dict an account and a few for its values, past what 300 MB holds. */
export const MAX_PICKLE_OBJECTS = 1_000_000;

const code = (c: string) => c.charCodeAt(0);

/** Opcodes that make a new container or object. */
const MAKES = new Set([
  ...[']', '}', ')', 'l', 'd', 't', 'i', 'o', 'R'].map(code),
  0x85, 0x86, 0x87, // TUPLE1-3
  0x81, 0x92, // NEWOBJ, NEWOBJ_EX
  0x8f, 0x91, // EMPTY_SET, FROZENSET
]);

/** Opcodes followed by a fixed number of bytes. */
const FIXED = new Map<number, number>([
  [code('J'), 4], [code('K'), 1], [code('M'), 2], [code('h'), 1], [code('j'), 4], [code('q'), 1], [code('r'), 4],
  [code('G'), 8], [0x80, 1], [0x82, 1], [0x83, 2], [0x84, 4], [0x95, 8],
]);

/** Opcodes followed by a little-endian length of this many bytes, then that many bytes. */
const COUNTED = new Map<number, number>([
  [code('U'), 1], [code('T'), 4], [0x8c, 1], [code('X'), 4], [0x8d, 8], [code('C'), 1], [code('B'), 4], [0x8e, 8], [0x96, 8], [0x8a, 1], [0x8b, 4],
]);

/** Opcodes followed by one line (protocol 0's text arguments), or two (a module and a name). */
const LINES = new Map<number, number>([
  ...['I', 'L', 'F', 'S', 'V', 'g', 'p', 'P'].map((c) => [code(c), 1] as [number, number]),
  [code('c'), 2], [code('i'), 2],
]);

/** Opcodes with no argument. */
const BARE = new Set([
  ...['(', '.', '0', '1', '2', 'N', 'a', 'e', 's', 'u', 'b', 'Q', ']', '}', ')', 'l', 'd', 't', 'o', 'R'].map(code),
  0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x97, 0x98,
]);

/** Whether `bytes` makes more than `max` containers and objects before its STOP (`.`). */
export function makesMoreObjects(bytes: Uint8Array, max = MAX_PICKLE_OBJECTS): boolean {
  let made = 0;
  let i = 0;
  while (i < bytes.length) {
    const op = bytes[i++]!;
    if (MAKES.has(op) && ++made > max) return true;
    if (op === 0x2e) return false; // STOP
    const fixed = FIXED.get(op);
    if (fixed !== undefined) {
      i += fixed;
      continue;
    }
    const width = COUNTED.get(op);
    if (width !== undefined) {
      let size = 0;
      for (let k = width - 1; k >= 0; k--) size = size * 256 + (bytes[i + k] ?? 0);
      i += width + size;
      continue;
    }
    const lines = LINES.get(op);
    if (lines !== undefined) {
      for (let k = 0; k < lines && i > 0; k++) i = bytes.indexOf(0x0a, i) + 1;
      if (i === 0) return false;
      continue;
    }
    if (!BARE.has(op)) return false;
  }
  return false;
}
