// A shard's circle index made from its lines (read and decoded whole): each line's key, standing
// tuple, allocated_at, import number, offset and hash, the keys spelled otherwise than written
// (`odd`), the strays, and the lines in circle order (src/circle-order.ts).
import { byKey, circleOrder } from '../circle-order.js';
import { trustedLineSeq } from './shard-codec.js';
import type { ShardState } from './shard-state.js';
import { spellingNeedsProvider, spellingOf } from '../account-spelling.js';
import { tupleOfStanding } from './circle-tuple.js';
import { encodeCircle, GOOGLE_LINE, lineHash, spellingHash, VERSION, type HeadGiven } from './circle-layout.js';
import { ShardCircle, type Sighting } from './circle-index.js';

/** The spelling of the key `key` at line `line` of a shard (whose provider `providerAt` reads), and how `odd` lists that line. */
function oddEntry(key: string, providerAt: () => string): { spelling: string; line: number } {
  const google = spellingNeedsProvider(key) && providerAt() === 'google';
  return { spelling: spellingOf(key, google ? 'google' : undefined), line: google ? GOOGLE_LINE : 0 };
}

/** The index of `shard` as read from `bytes` (whose sha1 and stamp `sighting` gives). */
export function circleOf(shard: ShardState, bytes: Buffer, sighting: Sighting, isStray: (key: string) => boolean): { index: ShardCircle; encoded: Buffer } {
  const n = shard.size;
  const head: HeadGiven = { version: VERSION, name: shard.name, sha1: sighting.sha1, sortedLines: false, strays: [], odd: '', tuples: [] };
  const empty = { seq: [], tuple: [], starts: [0], order: [], keys: [], allocated: [], hashes: Buffer.alloc(0) };
  const unsorted = () => {
    const encoded = encodeCircle(head, empty);
    return { index: ShardCircle.decode(encoded, sighting)!, encoded };
  };
  const keys: string[] = new Array(n);
  const starts: number[] = new Array(n + 1);
  // Taken once: the getter looks at every line each time it is asked.
  const lines = shard.lines;
  let at = n === 0 ? bytes.length : bytes.indexOf(10) + 1; // after the header line
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    keys[i] = shard.keyAt(i);
    if (line === undefined || (i > 0 && keys[i]! <= keys[i - 1]!)) return unsorted();
    starts[i] = at;
    at += Buffer.byteLength(line) + 1;
    if (bytes[at - 1] !== 10) return unsorted(); // not the file its lines say
  }
  if (at !== bytes.length) return unsorted();
  starts[n] = at;
  const ids = new Map<string, number>();
  const tuple: number[] = new Array(n);
  const allocated: (string | undefined)[] = new Array(n);
  const seq: number[] = new Array(n);
  const hashes = Buffer.alloc(8 * n);
  const odd: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    const circle = shard.circleAt(i);
    const t = tupleOfStanding(circle);
    const id = JSON.stringify(t);
    let k = ids.get(id);
    if (k === undefined) {
      ids.set(id, (k = head.tuples.length));
      head.tuples.push(t);
    }
    tuple[i] = k;
    allocated[i] = circle.allocated_at;
    seq[i] = trustedLineSeq(line) ?? shard.accountAt(i).seq;
    hashes.write(lineHash(line), 8 * i, 'hex');
    if (isStray(keys[i]!)) head.strays.push([keys[i]!, i]);
    const { spelling, line: google } = oddEntry(keys[i]!, () => shard.providerAt(i)); // the key itself, at once, for a PTC name
    if (spelling !== keys[i]) odd.push([spellingHash(spelling), (i | google) >>> 0]);
  }
  head.odd = Buffer.from(Uint32Array.from(odd.sort(([a, x], [b, y]) => a - b || x - y).flat()).buffer).toString('base64');
  const order = Array.from({ length: n }, (_, i) => i);
  const inCircle = (i: number) => ({ allocated_at: allocated[i], seq: seq[i]! });
  order.sort((a, b) => circleOrder(inCircle(a), inCircle(b)) || byKey(keys[a]!, keys[b]!));
  const encoded = encodeCircle({ ...head, sortedLines: true }, { seq, tuple, starts, order, keys, allocated, hashes });
  return { index: ShardCircle.decode(encoded, sighting)!, encoded };
}
