// A circle index read part by part (src/store/circle-index.ts, VERSION 4): what a load reads (the
// header and the block of the circle's front and held lines) and what it reads later, part by
// part, must answer exactly as the whole file does; a part that does not check, a file cut short
// or replaced since its header was read is never used, and its sighting goes so that the next
// look makes the index again from the shard.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GarbledCircle, ShardCircle, type Sighting } from '../../src/store/circle-index.js';
import { CircleStore } from '../../src/store/circle-store.js';
import { circleOf } from '../../src/store/circle-build.js';
import { decodeShard, encodeAccountLine, encodeShard, shardHash } from '../../src/store/shard-codec.js';
import { ShardState } from '../../src/store/shard-state.js';
import { makeAccount } from '../helpers/accounts.js';
import { testdir } from '../helpers/testdir.js';

const NAME = '1';
// Times as the store writes them: one without its fraction (`12:00:00Z`) never stands in a line read as ours (account-times.ts hasWrittenTimes).
const times = ['2026-05-31T00:00:00.000Z', '2026-06-01T11:00:00.000Z', '2026-06-01T12:00:00.500Z', undefined, undefined];

const line = fc.record({
  allocated_at: fc.constantFrom(...times),
  seq: fc.integer({ min: 1, max: 5 }),
  level: fc.constantFrom(29, 30, 31),
  holder: fc.option(fc.constantFrom('east', 'west'), { nil: undefined }),
});

/** A shard of those lines (more than the block's 128 front entries where asked), and its index as made and saved. */
async function saved(lines: (typeof line extends fc.Arbitrary<infer L> ? L : never)[], accented = false) {
  const accounts = lines.map((l, i) =>
    makeAccount(i, {
      // Names that are not ASCII in some shards: their keys are searched as text, not bytes.
      username: `${accented && i % 7 === 3 ? 'é' : 'u'}${String(i).padStart(5, '0')}`,
      seq: l.seq,
      level: l.level,
      ...(l.allocated_at ? { allocated_at: l.allocated_at } : {}),
      ...(l.holder ? { holder: l.holder, held_until: '2026-06-02T00:00:00.000Z' } : {}),
    }),
  );
  const texts = accounts.map(encodeAccountLine).sort(); // a shard's lines are sorted by key
  const bytes = Buffer.from(encodeShard(NAME, texts));
  const decoded = decodeShard(NAME, 'shard', bytes.toString('utf8'));
  const dir = join(await testdir(), 'circle');
  const store = new CircleStore(dir);
  const sighting: Sighting = store.newSighting(NAME, shardHash(bytes), 1, 'stamp', 0);
  const made = circleOf(new ShardState(NAME, 'shard', decoded.lines, decoded.accounts), bytes, sighting, () => false);
  await store.save(sighting, made.encoded);
  return { dir, sighting, whole: made.index, encoded: made.encoded, keys: decoded.lines.map((_, i) => made.index.keyAt(i)) };
}

/** The index as a fresh process loads it: header and block only. */
async function loaded(dir: string, sighting: Sighting): Promise<ShardCircle> {
  const index = await new CircleStore(dir).load(sighting);
  expect(index).toBeDefined();
  return index!;
}

describe('a circle index read part by part', () => {
  it('answers as the whole file does, from its block alone and from its parts', async () => {
    await fc.assert(
      // Shards of a few lines (the block holds them all; a file the first read holds is read whole)
      // and of more than the first read (32 KB): the block, then the parts.
      fc.asyncProperty(fc.oneof(fc.array(line, { minLength: 1, maxLength: 20 }), fc.array(line, { minLength: 700, maxLength: 1000 })), fc.boolean(), async (lines, accented) => {
        const { dir, sighting, whole, keys, encoded } = await saved(lines, accented);
        if (lines.length > 20) expect(encoded.length).toBeGreaterThan(32 * 1024); // read part by part
        expect(whole.head.ascii).toBe(!accented || lines.length <= 3);
        const n = whole.size;
        const holds = whole.head.tuples.map(([, , , , holder]) => holder !== null);
        const heldLines = Array.from({ length: n }, (_, i) => i).filter((i) => holds[whole.tuple[i]!]);
        const asWhole = (index: ShardCircle, i: number) => [index.tupleAt(i), index.seqAt(i), index.spanOf(i), index.keyAt(i), index.allocatedAt(i), index.hashAt(i)];

        // From the block alone (no part read yet): the front of the circle, then the held lines.
        const front = await loaded(dir, sighting);
        // The block's share: an eighth of the shard (16 at least), the front 128 at most.
        const share = Math.min(n, Math.max(16, Math.ceil(n / 8)));
        const first = Math.min(128, share);
        expect(front.head.front).toBe(first);
        for (let p = 0; p < first; p++) {
          expect(front.orderAt(p)).toBe(whole.order[p]);
          expect(asWhole(front, front.orderAt(p))).toEqual(asWhole(whole, whole.order[p]!));
        }
        const listed = front.heldLines();
        if (heldLines.length <= share) {
          expect(listed?.map((h) => h.line).sort((a, b) => a - b)).toEqual(heldLines);
          for (const h of listed!) expect(asWhole(front, h.line)).toEqual(asWhole(whole, h.line));
        } else expect(listed).toBeUndefined();

        // The first place from each place on whose tuple is wanted and whose line is not skipped,
        // from the block and then the parts, as the whole file's columns give it.
        const wanted = whole.head.tuples.map((_, t) => t % 3 !== 1);
        const skip = new Set(Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 === 2));
        const expected = new Array<number>(n + 1).fill(n);
        for (let p = n - 1; p >= 0; p--) expected[p] = wanted[whole.tuple[whole.order[p]!]!] && !skip.has(whole.order[p]!) ? p : expected[p + 1]!;
        const placed = await loaded(dir, sighting);
        expect(Array.from({ length: n + 1 }, (_, p) => placed.firstPlace(p, wanted, skip))).toEqual(expected);

        // The change log's lookups, through borrowed parts, then every place and line through the kept ones.
        const later = await loaded(dir, sighting);
        const asked = [...keys.filter((_, i) => i % 3 === 0), 'nobody', 'é99999'];
        const found = new Map<number, { line: number; tuple: number; hashed: boolean; other: boolean }>();
        const other = Buffer.alloc(8);
        // Hints right, one line off, past the end, or none: each only a place to look first.
        const hints = asked.map((key, k) => [keys.indexOf(key), keys.indexOf(key) + 1, n + k, -1][k % 4]!);
        for (const given of [undefined, hints]) {
          found.clear();
          later.lookUp(asked, given, (k, line, tuple, hashIs) => found.set(k, { line, tuple, hashed: hashIs(Buffer.from(whole.hashAt(line), 'hex')), other: hashIs(other) }));
          asked.forEach((key, k) => {
            const i = keys.indexOf(key);
            expect(found.get(k)).toEqual(i < 0 ? undefined : { line: i, tuple: whole.tuple[i], hashed: true, other: false });
          });
        }
        for (let p = 0; p < n; p++) expect(later.orderAt(p)).toBe(whole.order[p]);
        for (let i = 0; i < n; i++) {
          expect(asWhole(later, i)).toEqual(asWhole(whole, i));
          expect(later.find(keys[i]!)).toBe(i);
        }
        expect(later.find('nobody')).toBe(-1);
      }),
      { numRuns: 12 },
    );
  });

  it('is never used where a part was forged, the file cut short, or replaced since its header was read; the next look makes it again', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => ({ allocated_at: times[i % times.length], seq: 1 + (i % 5), level: 30 as const, holder: i % 50 === 0 ? ('east' as const) : undefined }));
    const { dir, sighting, whole, encoded, keys } = await saved(lines);
    const idx = join(dir, `${NAME}.idx`);
    const json = join(dir, `${NAME}.json`);
    expect(encoded.length).toBeGreaterThan(32 * 1024); // more than a load's first read: its parts are read from the file
    const beyond = whole.order[300]!; // a line past the front, and not held
    expect(whole.heldLines()!.some((h) => h.line === beyond)).toBe(false);

    // A tuple forged in its part (still a tuple the header lists: only the counts tell).
    const forged = Buffer.from(encoded);
    const other = whole.tuple[beyond] === 0 ? 1 : 0;
    expect(whole.head.tuples.length).toBeGreaterThan(1);
    forged.writeInt32LE(other, partStart(encoded, whole) + 4 * beyond);
    await writeFile(idx, forged);
    const index = await loaded(dir, sighting);
    expect(index.tupleAt(whole.order[0]!)).toBe(whole.tuple[whole.order[0]!]); // the block holds
    expect(() => index.tupleAt(beyond)).toThrow(GarbledCircle);
    expect(existsSync(json)).toBe(false); // the sighting went: the next look makes the index again
    expect(await new CircleStore(dir).sighting(NAME, 1)).toBeUndefined();

    // Cut short: not loaded at all.
    await writeFile(idx, encoded.subarray(0, encoded.length - 8));
    expect(await new CircleStore(dir).load(sighting)).toBeUndefined();

    // Replaced after its header was read (another process made it again meanwhile): its parts are not read from the new file.
    await writeFile(idx, encoded);
    const early = await loaded(dir, sighting);
    await writeFile(idx + '.new', encoded);
    await rename(idx + '.new', idx);
    expect(() => early.keyAt(beyond)).toThrow(GarbledCircle);
    expect((await readFile(idx)).equals(encoded)).toBe(true);
  });
  it('keeps in its block a front of an eighth of a large shard: the circle walked past a fold cycle\'s hidden lines reads no part', async () => {
    // A shard of 4,000 lines, as at 1,000,000 accounts in 256 shards; late in a fold cycle ~200 of
    // its circle's first lines are handed out and pending in the log (hidden), and the allocation
    // walks past them. With a front of 128 that walk read the order, tuple and key parts of every
    // shard (stop 36: 17 % of such an allocation).
    const lines = Array.from({ length: 4000 }, (_, i) => ({ allocated_at: undefined, seq: 1 + (i % 5), level: 30 as const, holder: undefined }));
    const { dir, sighting, whole } = await saved(lines);
    const index = await loaded(dir, sighting);
    expect(index.head.front).toBe(500);
    // The file's parts gone after the load: a part asked for now cannot be read.
    await rename(join(dir, `${NAME}.idx`), join(dir, 'gone.idx'));
    const hidden = new Set(Array.from({ length: 300 }, (_, p) => whole.order[p]!));
    const wanted = index.head.tuples.map(() => true);
    expect(index.firstPlace(0, wanted, hidden)).toBe(300);
    const line = index.orderAt(300);
    expect(line).toBe(whole.order[300]);
    expect([index.keyAt(line), index.seqAt(line), index.allocatedAt(line)]).toEqual([whole.keyAt(line), whole.seqAt(line), whole.allocatedAt(line)]);
  });

  it('is not loaded where its front block lists a line twice, and a line past the front is found in its parts', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => ({ allocated_at: times[i % times.length], seq: 1 + (i % 5), level: 30 as const, holder: undefined }));
    const { dir, sighting, whole, encoded } = await saved(lines);
    const idx = join(dir, `${NAME}.idx`);
    // The block after the header: `block` seqs (8 bytes each), then the lines of its entries (4 bytes each).
    const frontAt = 4 + encoded.readUInt32LE(0);
    const linesAt = frontAt + 8 * whole.head.block;
    expect(encoded.readInt32LE(linesAt)).toBe(whole.order[0]);
    // Entry 1 forged to name entry 0's line (of the same tuple: only the repeat tells).
    const forged = Buffer.from(encoded);
    expect(whole.tuple[whole.order[0]!]).toBe(whole.tuple[whole.order[1]!]);
    forged.writeInt32LE(whole.order[0]!, linesAt + 4);
    await writeFile(idx, forged);
    expect(await new CircleStore(dir).load(sighting)).toBeUndefined();
    // As made: every line answers as the whole file does, those in the block and those past it.
    await writeFile(idx, encoded);
    const index = await loaded(dir, sighting);
    for (const line of [whole.order[0]!, whole.order[1]!, whole.order[whole.head.front]!, whole.order[999]!]) {
      expect([index.keyAt(line), index.seqAt(line), index.tupleAt(line), index.allocatedAt(line)]).toEqual([whole.keyAt(line), whole.seqAt(line), whole.tuple[line], whole.allocatedAt(line)]);
    }
  });
});

/** Where the tuple part starts in `encoded` (the first part after the block: its file length less every part's). */
function partStart(encoded: Buffer, whole: ShardCircle): number {
  const n = whole.size;
  const pad8 = (x: number) => (x + 7) & ~7;
  const parts = pad8(4 * n) + pad8(4 * (n + 1)) + 8 * n + pad8(4 * n + whole.head.keyBytes) + pad8(16 * n + whole.head.allocatedBytes);
  return encoded.length - parts;
}
