// A status looks up each pending record's account in its home shard file by bisection
// (src/store/shard-lookup.ts): each window read is a system call, ~400 lookups after every
// allocation at 1,000,000 accounts. The lookup must find every line a real-sized shard holds, say
// none for a name it does not hold, and read about log2(size / window) windows, not one per line
// halving (scale-log.md, stop 43).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bisectLines, FENCE, fencedLine, fencesOf, fileChunks, firstLineStart, WINDOW, type Chunks, type Fence } from '../../src/store/shard-lookup.js';
import { readFileSync } from 'node:fs';
import { encodeAccountLine, encodeShard } from '../../src/store/shard-codec.js';
import { makeAccount } from '../helpers/accounts.js';

const dir = mkdtempSync(join(tmpdir(), 'accountpool-lookup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A shard file of `count` accounts (some with long, multi-byte source notes), its lines by key. */
function shardFile(name: string, count: number, seed: number): { file: string; size: number; keys: string[]; lines: string[] } {
  const keys = [...new Set(Array.from({ length: count }, (_, i) => `u${((i * 7919 + seed) % 1_000_003).toString(36)}_${i % 13}`))].sort();
  const lines = keys.map((username, i) => encodeAccountLine(makeAccount(i, { username, source: i % 17 === 0 ? 'é'.repeat((i * seed) % 1500) : undefined })));
  const bytes = Buffer.from(encodeShard('00', lines));
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { file, size: bytes.length, keys, lines };
}

/** The file read as status reads it (one buffer reused for every window), counting the reads. */
function counted(fd: number): { read: Chunks; reads: () => number } {
  const chunks = fileChunks(fd);
  let n = 0;
  return { read: (at, length) => (n++, chunks(at, length)), reads: () => n };
}

describe('bisectLines over a shard file', () => {
  it('finds every line of a shard of thousands of accounts, none for names it lacks, in ~log2(size / window) reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4000 }), fc.nat(1000), (count, seed) => {
        const { file, size, keys, lines } = shardFile(`s${seed}.yaml`, count, seed);
        const fd = openSync(file, 'r');
        try {
          // Most reads a lookup may make: the header, one per halving down to a window, two at the end.
          const most = Math.ceil(Math.log2(Math.max(size / WINDOW, 1))) + 4;
          const probe = (key: string) => {
            const { read, reads } = counted(fd);
            const line = bisectLines(read, size, key);
            expect(reads()).toBeLessThanOrEqual(most);
            return line;
          };
          for (let i = 0; i < keys.length; i += Math.max(1, Math.floor(keys.length / 150))) expect(probe(keys[i]!)).toBe(lines[i]);
          expect(probe(keys[keys.length - 1]!)).toBe(lines[keys.length - 1]);
          // Before the first, after the last, and between two neighbours.
          for (const missing of ['a', 'zzz', `${keys[0]}0`, `${keys[keys.length - 1]}0`]) if (!keys.includes(missing)) expect(probe(missing)).toBeUndefined();
        } finally {
          closeSync(fd);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('with the header read once for the file, finds the same lines in one read fewer a lookup', () => {
    // status reads a shard's header once for all its lookups (pool-standings.ts `heldIn`).
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.nat(1000), (count, seed) => {
        const { file, size, keys, lines } = shardFile(`h${seed}.yaml`, count, seed);
        const fd = openSync(file, 'r');
        try {
          const from = firstLineStart(fileChunks(fd));
          expect(from).toBe(Buffer.from(encodeShard('00', [])).length);
          const probe = (key: string) => {
            const whole = counted(fd);
            const once = counted(fd);
            const line = bisectLines(once.read, size, key, from);
            expect(line).toBe(bisectLines(whole.read, size, key));
            expect(once.reads()).toBe(whole.reads() - 1);
            return line;
          };
          for (let i = 0; i < keys.length; i += Math.max(1, Math.floor(keys.length / 100))) expect(probe(keys[i]!)).toBe(lines[i]);
          for (const missing of ['a', 'zzz', `${keys[0]}0`]) if (!keys.includes(missing)) expect(probe(missing)).toBeUndefined();
        } finally {
          closeSync(fd);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('says it cannot tell (null) for a header longer than the window, given or read', () => {
    const file = join(dir, 'long-header.yaml');
    writeFileSync(file, `# ${'x'.repeat(WINDOW + 10)}\n${encodeAccountLine(makeAccount(1, { username: 'a1' }))}\n`);
    const fd = openSync(file, 'r');
    try {
      expect(firstLineStart(fileChunks(fd))).toBeNull();
      expect(bisectLines(fileChunks(fd), WINDOW + 400, 'a1')).toBeNull();
      expect(bisectLines(fileChunks(fd), WINDOW + 400, 'a1', null)).toBeNull();
    } finally {
      closeSync(fd);
    }
  });

  it('between the fences of its bytes, finds every line and none for names it lacks, in one read', () => {
    // A status after an allocation at 1,000,000 accounts looks ~400 accounts up in 1 MB shards:
    // one read of ~32 KB each, not ~9 windows (pool-standings.ts `heldIn`, scale-log.md stop 45).
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4000 }), fc.nat(1000), (count, seed) => {
        const { file, size, keys, lines } = shardFile(`f${seed}.yaml`, count, seed);
        const bytes = readFileSync(file);
        const fences = fencesOf(bytes)!;
        // One a FENCE bytes (none in a file smaller), each at the start of one of its lines.
        expect(fences.length).toBeLessThanOrEqual(Math.floor(size / FENCE));
        if (size > 2 * FENCE) expect(fences.length).toBeGreaterThan(0);
        for (const [key, at] of fences) {
          expect(keys).toContain(key);
          expect(bytes[at - 1]).toBe(10);
        }
        const fd = openSync(file, 'r');
        try {
          const from = firstLineStart(fileChunks(fd))!;
          const probe = (key: string) => {
            const { read, reads } = counted(fd);
            const line = fencedLine(read, size, key, fences, () => from);
            expect(reads()).toBe(1);
            return line;
          };
          for (let i = 0; i < keys.length; i += Math.max(1, Math.floor(keys.length / 150))) expect(probe(keys[i]!)).toBe(lines[i]);
          expect(probe(keys[keys.length - 1]!)).toBe(lines[keys.length - 1]);
          for (const [key] of fences) expect(probe(key)).toBe(lines[keys.indexOf(key)]);
          for (const missing of ['a', 'zzz', `${keys[0]}0`, `${keys[keys.length - 1]}0`, ...fences.map(([key]) => `${key}0`)]) if (!keys.includes(missing)) expect(probe(missing)).toBeUndefined();
        } finally {
          closeSync(fd);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("with fences that are not the file's (stale, shifted, of another file), never a wrong answer: the line, or null", () => {
    // A summary's fences are derived: an older accountpool's fold carries them unchanged while
    // the offsets move; a lookup must then find the line anyway, or say so (null: bisect the file).
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 3000 }), fc.nat(1000), fc.integer({ min: -300, max: 300 }), fc.nat(3), (count, seed, shift, other) => {
        const { file, size, keys, lines } = shardFile(`g${seed}.yaml`, count, seed);
        const real = fencesOf(readFileSync(file))!;
        const elsewhere = fencesOf(readFileSync(shardFile(`g${seed}x.yaml`, count + 37, seed + 1 + other).file))!;
        const forged: Fence[][] = [real.map(([key, at]) => [key, at + shift]), elsewhere, real.map(([key, at], i) => [real[(i + 1) % real.length]![0], at])];
        const fd = openSync(file, 'r');
        try {
          const from = firstLineStart(fileChunks(fd))!;
          for (const fences of forged) {
            for (let i = 0; i < keys.length; i += Math.max(1, Math.floor(keys.length / 60))) {
              const line = fencedLine(fileChunks(fd), size, keys[i]!, fences, () => from);
              if (line !== null) expect(line).toBe(lines[i]);
            }
            for (const missing of ['a', 'zzz', `${keys[0]}0`]) if (!keys.includes(missing)) expect([undefined, null]).toContain(fencedLine(fileChunks(fd), size, missing, fences, () => from));
          }
        } finally {
          closeSync(fd);
        }
      }),
      { numRuns: 25 },
    );
  });
});
