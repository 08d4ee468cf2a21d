// A canonical shard's lines read off its bytes (byte-lines.ts) are exactly the lines the text
// reader (trustedLines) splits the decoded file into, with the same keys, and a file the text
// reader does not trust is not trusted either: shards of our own lines with awkward usernames
// (non-ASCII, quotes, backslashes, case variants), mixed with hand-edited lines of any text; and
// each line's import number read off the bytes is the one trustedLineSeq reads off its text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertPagedUnchanged, ByteLines, closePagedFiles } from '../../src/store/byte-lines.js';
import { stampOf } from '../../src/store/file-stamp.js';
import { compareAccountKeys, firstKeyAfter } from '../../src/store/shard-codec.js';
import { testdir } from '../helpers/testdir.js';
import { ShardState } from '../../src/store/shard-state.js';
import { encodeAccountLine, shardHeader, trustedLineKey, trustedLineSeq, trustedLines } from '../../src/store/shard-codec.js';
import { credentialProblem, keyOf, type Account } from '../../src/model.js';

const awkward = fc.oneof(
  fc.constantFrom('"', '\\', '": {', '{}', '}', 'ü', 'Ü', '日本', '😀', '\ud800', '\u2028', ' ', 'A', 'a', ':'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const name = fc.array(awkward, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
// A username the store takes (no blanks or control characters), awkward as it may be otherwise.
const username = name.filter((u) => credentialProblem(u, 'x') === null);
const lineOf = (username: string, password: string, seq: number) =>
  encodeAccountLine({ username, password, provider: 'ptc', level: 30, state: 'ok', added_at: '2026-01-01T00:00:00.000Z', seq, source: 'x' } as Account);
const ourLine = fc.record({ username, password: name, seq: fc.oneof(fc.nat(), fc.constantFrom(0, 9, 10, Number.MAX_SAFE_INTEGER)) }).map(({ username, password, seq }) => lineOf(username, password, seq));
// What a hand edit or a broken copy leaves: any text, or our line cut or run together.
const otherLine = fc.oneof(
  fc.string({ maxLength: 20 }),
  name,
  fc.constantFrom('', '"a": {}', '"a": {', 'x": {y}', '"a": {"b": 1}}', '"a\\": {"b": 1}'),
  // Import numbers trustedLineSeq must read, or leave to the parser: huge, fractional, nested, twice, in a string.
  fc.constantFrom('"a": {"seq": 12345678901234567890}', '"a": {"seq": 1.5}', '"a": {"d": {"seq": 3}, "seq": 4}', '"a": {"seq": -1}', '"a": {"seq": 7, "seq": 8}', '"a": {"seq": }', '"a": {"p": "\\"seq\\": 9", "seq": 2}', '"ü": {"seq": 05}'),
  // Read from the line's end back first: a mark after the last mapping or list, or one inside them.
  fc.constantFrom('"a": {"x": ["seq": 3], "seq": 4}', '"a": {"seq": 4, "x": ["seq": 3]}', '"a": {"seq": 4, "x": {"seq": 3}}', '"a": {"seq": 4, "s": "}"}', '"a": {"seq": 4, "s": "x"}', '"a": {"seq": 4, "seq": 1.5}', '"a": {"s": "{", "seq": 4}'),
  // The device's mapping, read past (a `}` or `"seq": ` in its strings included), or not: a mapping in it, a backslash, a second mapping, no end.
  fc.constantFrom(
    '"a": {"device": {"model": "x}", "ios": "1", "id": "ab"}, "seq": 5}',
    '"a": {"device": {"model": "é{ü", "seq": 3}, "seq": 4}',
    '"a": {"device": {"seq": 3}}',
    '"a": {"seq": 6, "device": {"id": "ab"}}',
    '"a": {"device": {"m": {"x": 1}}, "seq": 4}',
    '"a": {"device": {"m": "\\"q"}, "seq": 4}',
    '"a": {"device": {"m": "x"}, "zz": {"seq": 1}, "seq": 4}',
    '"a": {"device": {"m": "x", "seq": 4}',
    '"a": {"p": "x\\"device\\": {", "seq": 2}',
    '"a": {"xdevice": {"m": "x"}, "seq": 4}',
  ),
  ourLine.map((l) => l.slice(0, -1)),
  // A name the store refuses (`": {` in it) written as we would: its key does not read.
  fc.record({ username: name, password: name }).map(({ username, password }) => lineOf(username, password, 1)),
);
/** What `read` gives, or that it throws. */
function outcome<T>(read: () => T): T | 'throws' {
  try {
    return read();
  } catch {
    return 'throws';
  }
}
const file = fc.record({
  lines: fc.array(fc.oneof({ weight: 4, arbitrary: ourLine }, { weight: 1, arbitrary: otherLine }), { maxLength: 8 }),
  header: fc.constantFrom('ours', 'other', 'none'),
  end: fc.constantFrom('\n', '', '\n\n'),
});

describe('ByteLines', () => {
  it('reads the lines and keys trustedLines reads from the decoded text, and trusts the same files', () => {
    fc.assert(
      fc.property(file, ({ lines, header, end }) => {
        const head = header === 'ours' ? shardHeader('07') : header === 'other' ? shardHeader('08') : '';
        const bytes = Buffer.from(`${head}${lines.join('\n')}${lines.length > 0 ? end : ''}`);
        const expected = trustedLines('07', bytes.toString('utf8'));
        const read = ByteLines.of('07', bytes);
        expect(read === null).toBe(expected === null);
        if (!read || !expected) return;
        expect(read.count).toBe(expected.length);
        for (let i = 0; i < expected.length; i++) {
          expect(read.line(i)).toBe(expected[i]);
          expect(outcome(() => read.key(i))).toBe(outcome(() => trustedLineKey(expected[i]!)));
          expect(read.seq(i)).toBe(trustedLineSeq(expected[i]!));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a shard state read off the bytes gives the lines, keys and accounts of one made from the text lines', () => {
    fc.assert(
      fc.property(fc.array(ourLine, { maxLength: 6 }), (lines) => {
        const bytes = Buffer.from(`${shardHeader('07')}${lines.map((l) => `${l}\n`).join('')}`);
        const fromBytes = new ShardState('07', '07.yaml', ByteLines.of('07', bytes)!);
        const fromText = new ShardState('07', '07.yaml', trustedLines('07', bytes.toString('utf8'))!);
        expect(fromBytes.size).toBe(fromText.size);
        expect(fromBytes.canonical).toBe(true);
        expect(fromBytes.keys()).toEqual(fromText.keys());
        expect(fromBytes.maxSeq(0)).toBe(fromText.maxSeq(0));
        expect(fromBytes.accounts).toEqual(fromText.accounts);
        expect(fromBytes.lines).toEqual(fromText.lines);
      }),
      { numRuns: 200 },
    );
  });

  // Paged (byte-lines.ts `page`): the bytes let go, read again from the file in blocks.
  const sortedShard = fc
    .record({
      // Up to 1,200 lines: several blocks, and a pass reading on past the first ones.
      names: fc.uniqueArray(fc.oneof(fc.stringMatching(/^[a-z0-9]{1,8}$/), username), { minLength: 0, maxLength: 1200, size: 'max', selector: keyOf }),
      seqs: fc.array(fc.nat(), { minLength: 1200, maxLength: 1200 }),
    })
    .map(({ names, seqs }) => names.sort((a, b) => compareAccountKeys(keyOf(a), keyOf(b))).map((u, i) => lineOf(u, `pw${i}`, seqs[i]!)));

  it('paged, reads the same lines, keys and import numbers in any order, and finds each key where a plain search does', async () => {
    const dir = await testdir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(sortedShard, fc.array(fc.nat(), { maxLength: 60 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 20 }), async (lines, asks, probes) => {
        const bytes = Buffer.from(`${shardHeader('07')}${lines.map((l) => `${l}\n`).join('')}`);
        const file = join(dir, `${n++}.yaml`);
        writeFileSync(file, bytes);
        const whole = ByteLines.of('07', bytes)!;
        const paged = ByteLines.of('07', Buffer.from(bytes))!;
        paged.page(file, stampOf(statSync(file, { bigint: true })));
        expect(paged.paged).toBe(true);
        try {
          // A pass in order (read on past each block), then lookups anywhere.
          for (let i = 0; i < whole.count; i++) expect([paged.line(i), paged.key(i), paged.seq(i)]).toEqual([whole.line(i), whole.key(i), whole.seq(i)]);
          for (const ask of asks) {
            if (whole.count === 0) break;
            const i = ask % whole.count;
            expect([paged.line(i), paged.key(i), paged.seq(i)]).toEqual([whole.line(i), whole.key(i), whole.seq(i)]);
          }
          // Together (export's read ahead), any order and twice over; and a line read alone.
          const picked = whole.count === 0 ? [] : asks.map((ask) => ask % whole.count);
          expect(paged.linesApart(picked)).toEqual(picked.map((i) => whole.line(i)));
          for (const i of picked) expect(paged.line(i, true)).toBe(whole.line(i));
          expect(paged.bytes.equals(bytes)).toBe(true);
          const keys = Array.from({ length: whole.count }, (_, i) => whole.key(i));
          for (const key of [...keys.filter((_, i) => i % 7 === 0), ...probes.map((p) => p.toLowerCase())]) {
            for (const lo of [0, Math.floor(keys.length / 3), keys.length]) {
              let expected = lo;
              while (expected < keys.length && compareAccountKeys(keys[expected]!, key) <= 0) expected++;
              expect(paged.upperBound(key, lo, keys.length)).toBe(expected);
              expect(whole.upperBound(key, lo, keys.length)).toBe(expected);
            }
          }
        } finally {
          closePagedFiles();
        }
      }),
      { numRuns: 40 },
    );
  });

  // linesApart reads a paged file in runs: lines far apart (more than 16 KB between) each alone,
  // near ones with what lies between, no run over 1 MB. A 2.3 MB file asked sparse, dense and both.
  it('paged, lines asked together are read right however far apart, in runs under 1 MB', async () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => lineOf(`user${String(i).padStart(6, '0')}`, `secret-${'x'.repeat(i % 90)}`, i + 1));
    const bytes = Buffer.from(`${shardHeader('07')}${lines.map((l) => `${l}\n`).join('')}`);
    const file = join(await testdir(), '07.yaml');
    writeFileSync(file, bytes);
    const paged = ByteLines.of('07', Buffer.from(bytes))!;
    paged.page(file, stampOf(statSync(file, { bigint: true })));
    expect(paged.paged).toBe(true);
    try {
      const sparse = Array.from({ length: 100 }, (_, k) => (k * 997) % 12_000);
      const dense = Array.from({ length: 11_000 }, (_, k) => 11_999 - k);
      for (const asked of [sparse, dense, [...sparse, ...dense], [0, 11_999, 0, 5_000]]) {
        expect(paged.linesApart(asked)).toEqual(asked.map((i) => lines[i]));
      }
    } finally {
      closePagedFiles();
    }
  });

  // A transaction's paged files are opened by their path as read, at most 256 at once (byte-lines.ts
  // `byPathCap`: a pool of 1,024 shards held 1,024, EMFILE under the common limit): past it the one
  // opened first is closed. Its lines read again open it again; one edited in place after it was
  // closed is still refused by assertPagedUnchanged, naming it; one replaced by a rename is not.
  it('paged, more files than stay open at once: each read right, a closed one edited in place refused', async () => {
    const dir = await testdir();
    const files = Array.from({ length: 300 }, (_, f) => {
      const lines = Array.from({ length: 3 }, (_, i) => lineOf(`user${f}x${i}`, `secret-${f}-${i}`, 3 * f + i + 1));
      const file = join(dir, `${String(f).padStart(3, '0')}.yaml`);
      const bytes = Buffer.from(`${shardHeader('07')}${lines.map((l) => `${l}\n`).join('')}`);
      writeFileSync(file, bytes);
      const paged = ByteLines.of('07', Buffer.from(bytes))!;
      paged.page(file, stampOf(statSync(file, { bigint: true })));
      return { file, lines, paged };
    });
    try {
      for (const round of [0, 1]) for (const { lines, paged } of files) expect(paged.line(round + 1, true)).toBe(lines[round + 1]);
      expect(() => assertPagedUnchanged()).not.toThrow();
      renameSync(files[1]!.file, `${files[1]!.file}.old`);
      writeFileSync(files[1]!.file, readFileSync(`${files[1]!.file}.old`)); // replaced by a rename (a commit): not an edit
      expect(() => assertPagedUnchanged()).not.toThrow();
      appendFileSync(files[0]!.file, ' '); // the file opened first, closed since: edited in place
      expect(() => assertPagedUnchanged()).toThrow(`${files[0]!.file} changed while this command read it`);
    } finally {
      closePagedFiles();
    }
  });

  // Every paged file's blocks are read into one buffer (byte-lines.ts `blockBytes`): lines of
  // several files asked for in turn, as the log view's lookups ask across shards, are each read
  // from their own file.
  it('paged, lines of several files asked for in turn are each read from their own file', async () => {
    const dir = await testdir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(sortedShard, { minLength: 2, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }), async (shards, asks) => {
        const files = shards.map((lines) => {
          const bytes = Buffer.from(`${shardHeader('07')}${lines.map((l) => `${l}\n`).join('')}`);
          const file = join(dir, `${n++}.yaml`);
          writeFileSync(file, bytes);
          const paged = ByteLines.of('07', Buffer.from(bytes))!;
          paged.page(file, stampOf(statSync(file, { bigint: true })));
          return { whole: ByteLines.of('07', bytes)!, paged };
        });
        try {
          for (const [f, line] of asks) {
            const { whole, paged } = files[f % files.length]!;
            if (whole.count === 0) continue;
            const i = line % whole.count;
            expect([paged.line(i), paged.key(i), paged.seq(i)]).toEqual([whole.line(i), whole.key(i), whole.seq(i)]);
          }
          for (const { whole, paged } of files) expect(paged.bytes.equals(whole.bytes)).toBe(true);
        } finally {
          closePagedFiles();
        }
      }),
      { numRuns: 30 },
    );
  });

  // What an import asks of every line, answered when the file is paged (while its bytes are
  // there): where each key is (by a table of the keys' hashes, read off the bytes for plain names),
  // and the highest import number. Files of our lines with awkward names (case variants, non-ASCII,
  // escapes, a key twice) and hand-edited lines the seq is not read plainly from.
  it('paged, finds every key where a map of the keys does, no key it does not hold, and the highest import number', async () => {
    const dir = await testdir();
    let n = 0;
    const twice = fc.array(fc.record({ username, seq: fc.nat() }), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 6, arbitrary: ourLine }, { weight: 1, arbitrary: otherLine }), { maxLength: 300 }), twice, fc.array(username, { maxLength: 20 }), async (lines, repeated, probes) => {
        // A key held twice (a hand-made file): the lookup gives the last, as a Map of the keys does.
        const all = [...lines, ...repeated.flatMap(({ username: u, seq }) => [lineOf(u, 'a', seq), lineOf(u.toUpperCase(), 'b', seq + 1)])];
        const bytes = Buffer.from(`${shardHeader('07')}${all.map((l) => `${l}\n`).join('')}`);
        const whole = ByteLines.of('07', bytes);
        if (!whole) return; // a file the text reader does not trust either (the test above)
        // page() reads the first key of each 32-line block: one that does not read is not paged (as before).
        for (let i = 0; i < whole.count; i += 32) if (outcome(() => whole.key(i)) === 'throws') return;
        const file = join(dir, `${n++}.yaml`);
        writeFileSync(file, bytes);
        const paged = ByteLines.of('07', Buffer.from(bytes))!;
        expect(whole.indexOfKey('a')).toBeUndefined(); // not paged: no table
        paged.page(file, stampOf(statSync(file, { bigint: true })));
        try {
          const keys = new Map<string, number>();
          for (let i = 0; i < whole.count; i++) {
            const key = outcome(() => whole.key(i));
            if (key !== 'throws') keys.set(key, i);
          }
          // A line whose key does not read (a name the store refuses): no table, the searches of old.
          const unread = Array.from({ length: whole.count }, (_, i) => outcome(() => whole.key(i))).includes('throws');
          for (const key of [...keys.keys(), ...probes.map(keyOf), ...probes]) expect(paged.indexOfKey(key)).toBe(unread ? undefined : (keys.get(key) ?? -1));
          // Its bytes held (a pool read whole, stop 52): the same table made off them, and the
          // binary search of a merge comparing plain names as bytes finds what one over the keys does.
          const held = ByteLines.of('07', Buffer.from(bytes))!;
          expect(held.hashKeys()).toBe(!unread);
          for (const key of [...keys.keys(), ...probes.map(keyOf), ...probes]) {
            expect(held.indexOfKey(key)).toBe(unread ? undefined : (keys.get(key) ?? -1));
            if (!unread) expect(held.upperBound(key, 0, held.count)).toBe(firstKeyAfter(key, 0, whole.count, (i) => whole.key(i)));
          }
          const seqs = Array.from({ length: whole.count }, (_, i) => whole.seq(i));
          expect(paged.maxSeq(0)).toBe(seqs.includes(undefined) ? undefined : Math.max(0, ...(seqs as number[])));
          // The shard's own answer is the whole read's, whether the paged one knows it or not.
          expect(outcome(() => new ShardState('07', file, paged).maxSeq(0))).toBe(outcome(() => new ShardState('07', file, whole).maxSeq(0)));
        } finally {
          closePagedFiles();
        }
      }),
      { numRuns: 150, examples: [[['": {{}'], [], []]] }, // a line with no name before its `": {` (seed -1147423287)
    );
  });

  it('held, plain names (any case): the binary search of a merge off the bytes and the table of key hashes answer as the keys do', () => {
    // Printable ASCII a login may hold, both cases, and characters sorting between the two (`_`, `@`, `~`).
    const plain = fc.string({ unit: fc.constantFrom(...'aAbBzZ09_.@!~-'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 40 }), fc.array(plain, { maxLength: 12 }), (names, probes) => {
        // A shard as our writers leave it: each key once, in key order, the names as spelled.
        const byKey = new Map(names.map((u) => [keyOf(u), u]));
        const sorted = [...byKey.keys()].sort(compareAccountKeys).map((k) => byKey.get(k)!);
        const bytes = Buffer.from(`${shardHeader('07')}${sorted.map((u, i) => `${lineOf(u, 'pw', i)}\n`).join('')}`);
        const whole = ByteLines.of('07', bytes)!;
        const held = ByteLines.of('07', Buffer.from(bytes))!;
        expect(held.hashKeys()).toBe(true);
        expect(held.keysPlain).toBe(true);
        for (const key of [...byKey.keys(), ...probes.map(keyOf), ...probes]) {
          expect(held.upperBound(key, 0, held.count)).toBe(firstKeyAfter(key, 0, whole.count, (i) => whole.key(i)));
          expect(held.indexOfKey(key)).toBe(sorted.findIndex((u) => keyOf(u) === key));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('paged, a file edited in place since it was read is refused, naming it', async () => {
    const dir = await testdir();
    const lines = Array.from({ length: 100 }, (_, i) => lineOf(`user${String(i).padStart(3, '0')}`, 'pw', i));
    const bytes = Buffer.from(`${shardHeader('07')}${lines.map((l) => `${l}\n`).join('')}`);
    const file = join(dir, '07.yaml');
    writeFileSync(file, bytes);
    const paged = ByteLines.of('07', bytes)!;
    paged.page(file, stampOf(statSync(file, { bigint: true })));
    try {
      expect(paged.key(5)).toBe('user005');
      assertPagedUnchanged();
      // The same length, another name: offsets that still fit, bytes that are not the ones read.
      writeFileSync(file, bytes.toString('latin1').replace('user050', 'userXYZ'), 'latin1');
      expect(() => assertPagedUnchanged()).toThrow(/07\.yaml changed while this command read it/);
    } finally {
      closePagedFiles();
    }
    // Opened again after, it is found changed at once.
    expect(() => paged.key(90)).toThrow(/07\.yaml changed/);
    closePagedFiles();
  });
});
