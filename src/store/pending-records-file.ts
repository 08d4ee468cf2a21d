// The bytes of the pending-records file (pending-records.ts): a JSON head, then its columns as
// typed numbers and two texts of lines, so that loading it parses no JSON of ~26,000 rows.
//
// Why: at 1,000,000 accounts mid fold cycle the file holds ~28,000 rows; as one JSON text
// (~1.3 MB) every status right after an allocation parsed it (~35 ms of CPU under load, a
// fresh process), encoded it to UTF-8 to check its seal, and stringified it again to write it
// back: ~60 ms of a ~0.55 s status (scale-log.md, stop 46). Here the numbers are copied out of the
// bytes and the keys and base hashes are one `split` each.
//
// Layout (after the seal line, cache-seal.ts `sealBytes`):
//   a JSON line: everything but the rows (version, names, segments, positions, tuples, shas),
//                the row count `rows` and the byte lengths of the two texts;
//   zero bytes up to a multiple of 8;
//   positions    `rows` float64 (little-endian, as every host this runs on: checked on load);
//   homes, standings, judged, judgedIn   `rows` int32 each;
//   keys         UTF-8, one a line ('\n' between them; a key holding a line break is never written);
//   bases        ASCII, one a line ('' for none).
// Anything that does not add up (lengths, counts) reads as no file.
import type { Covered } from './change-log.js';
import type { summaryTuple } from './standing-summary.js';

export type Tuple = ReturnType<typeof summaryTuple>;

/** The file's content: parallel columns, one row per pending record. */
export interface Saved {
  version: number;
  /** The pool's shard names, in order: `homes` index them. */
  names: string[];
  /** The previous and the current segment as covered (null: none). */
  segments: (Covered | null)[];
  /** The position the current segment's first entry has, and the one the next entry gets. */
  currentStart: number;
  nextPosition: number;
  keys: string[];
  positions: number[];
  homes: number[];
  /** Into `tuples`. */
  standings: number[];
  tuples: Tuple[];
  bases: string[];
  /**
   * What a status found of each row in its home shard (pool-standings.ts `withLog`): the index of
   * its account's line's tuple among the shard summary's tuples (-1: no line there; -2: not judged
   * yet), and the sha1 of the shard's bytes it was found in, as an index into `shas` (-1: none).
   */
  judged: number[];
  judgedIn: number[];
  shas: string[];
}

/** What the JSON line holds besides the rows' own columns. */
type Head = Omit<Saved, 'keys' | 'positions' | 'homes' | 'standings' | 'bases' | 'judged' | 'judgedIn'> & { rows: number; keyBytes: number; baseBytes: number };

const INT_COLUMNS = ['homes', 'standings', 'judged', 'judgedIn'] as const;

const align8 = (n: number) => (n + 7) & ~7;

/** `saved` as the file's body; undefined where a key holds a line break (such a pool keeps no file). */
export function encodeSaved(saved: Saved): Buffer | undefined {
  const rows = saved.keys.length;
  if (saved.keys.some((key) => key.includes('\n'))) return undefined;
  const keys = Buffer.from(saved.keys.join('\n'), 'utf8');
  const bases = Buffer.from(saved.bases.join('\n'), 'latin1');
  const { version, names, segments, currentStart, nextPosition, tuples, shas } = saved;
  const head: Head = { version, names, segments, currentStart, nextPosition, tuples, shas, rows, keyBytes: keys.length, baseBytes: bases.length };
  const headBytes = Buffer.from(`${JSON.stringify(head)}\n`, 'utf8');
  const numbersAt = align8(headBytes.length);
  const body = Buffer.alloc(numbersAt + 8 * rows + 16 * rows + keys.length + bases.length);
  headBytes.copy(body, 0);
  Buffer.from(Float64Array.from(saved.positions).buffer).copy(body, numbersAt);
  INT_COLUMNS.forEach((column, c) => Buffer.from(Int32Array.from(saved[column]).buffer).copy(body, numbersAt + 8 * rows + 4 * rows * c));
  keys.copy(body, numbersAt + 24 * rows);
  bases.copy(body, numbersAt + 24 * rows + keys.length);
  return body;
}

/** A body `encodeSaved` wrote, or undefined where it does not add up (its values are checked by the caller). */
export function decodeSaved(body: Buffer): Saved | undefined {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) return undefined; // a big-endian host: made again, never misread
  const newline = body.indexOf(10);
  if (newline < 0) return undefined;
  let head: Head;
  try {
    head = JSON.parse(body.toString('utf8', 0, newline + 1)) as Head;
  } catch {
    return undefined;
  }
  const { rows, keyBytes, baseBytes } = head ?? {};
  if (![rows, keyBytes, baseBytes].every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
  const numbersAt = align8(newline + 1);
  if (body.length !== numbersAt + 24 * rows + keyBytes + baseBytes) return undefined;
  // Copied out into aligned memory (the body sits anywhere in the buffer it was read into).
  const numbers = body.buffer.slice(body.byteOffset + numbersAt, body.byteOffset + numbersAt + 24 * rows);
  const lines = (from: number, length: number, encoding: BufferEncoding) => (rows === 0 ? (length === 0 ? [] : undefined) : body.toString(encoding, from, from + length).split('\n'));
  const keys = lines(numbersAt + 24 * rows, keyBytes, 'utf8');
  const bases = lines(numbersAt + 24 * rows + keyBytes, baseBytes, 'latin1');
  if (keys?.length !== rows || bases?.length !== rows) return undefined;
  // Copied by a loop: `Array.from` of a typed array goes through its iterator (~30 ms for these
  // columns in a fresh process, against ~8).
  const column = (typed: Int32Array | Float64Array) => {
    const out = new Array<number>(typed.length);
    for (let r = 0; r < typed.length; r++) out[r] = typed[r]!;
    return out;
  };
  const int = (c: number) => column(new Int32Array(numbers, 8 * rows + 4 * rows * c, rows));
  const { rows: _rows, keyBytes: _keys, baseBytes: _bases, ...rest } = head;
  return { ...rest, keys, bases, positions: column(new Float64Array(numbers, 0, rows)), homes: int(0), standings: int(1), judged: int(2), judgedIn: int(3) };
}
