// Readers skip the records of the change log that a partial fold already wrote into their shard
// (src/store/log-records.ts, change-log.ts `pendingIn`): without making them into text, by their
// keys, by the earliest of the shards' last folds, and by the shard read off a record's bytes.
// Whatever the log, what a reader gets must be exactly the full decode with the folded records
// left out: the same latest records, the same records per shard, the same base lines.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSegments, decodeWithDigests, encodeEntry, encodeFoldEntry, homesOf } from '../../src/store/change-log.js';
import { LineSpans } from '../../src/store/log-records.js';
import { pendingOf } from '../../src/store/log-view.js';
import { keyHashOfBytes, shardIndexOf, shardIndexOfBytes } from '../../src/store/layout.js';
import { encodeAccountLine, parseTrustedLines, trustedLineKey } from '../../src/store/shard-codec.js';
import { lineHash } from '../../src/store/circle-layout.js';
import { CIRCLE_FIELDS, keyOf, type Account } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';

/**
 * What an entry's accounts stand as: plain, handed out (canonical times), released, sent to a
 * device (a line whose standing its text does not tell alone), or with times a hand edit leaves
 * (not canonical: `allocated_at` as a date, an offset), and with an import number or without.
 */
const standing = fc.oneof(
  fc.constant({}),
  fc.record({ holder: fc.constantFrom('a', 'b'), allocated_at: fc.constantFrom('2026-12-01T10:00:00.000Z', '2026-12-02T11:30:00.500Z'), held_until: fc.constantFrom('2026-12-03T00:00:00.000Z') }),
  fc.record({ state: fc.constantFrom('warned' as const, 'temp_banned' as const), available_at: fc.constantFrom('2026-12-04T00:00:00.000Z'), allocated_at: fc.constantFrom('2026-12-01T10:00:00.000Z') }),
  fc.record({ device: fc.constant({ model: 'iPhone9,3', ios: '10.3.2', id: 'abc' }), allocated_at: fc.constantFrom('2026-12-01T10:00:00.000Z') }),
  fc.record({ allocated_at: fc.constantFrom('2026-12-01', '2026-12-01T10:00:00+02:00', '2026-12-01T10:00:00Z') }),
  fc.record({ seq: fc.constant(undefined) }),
);

/** The circle standing of an account as the circle indexes give a line's: only whether there is a password counts. */
function circleOf(account: Account) {
  const s: Record<string, unknown> = {};
  for (const field of CIRCLE_FIELDS) if (account[field] !== undefined) s[field] = field === 'password' ? '' : account[field];
  return s;
}

// Plain names, capitals, non-ASCII (whose lower case is not ASCII's), and the characters JSON escapes.
// Then two names whose usernames' hashes are the same (FNV-1a, layout.ts `keyHashOfBytes`: the
// selection tells accounts apart by them first), one of them in capitals, and a name whose lower
// case is a plain one's though it is not ASCII (the Kelvin sign: U+212A lowers to "k").
// And names longer than the selection copies byte by byte (log-records.ts SHORT_NAME: 64 bytes
// quoted), plain and with escapes, which it copies with Buffer.copy.
const USERNAMES = ['user1', 'User2', 'USER3', 'pokémon4', 'ÄRGER5', 'we"ird6', 'back\\slash7', 'tab\there8', 'ǅemal9', 'x', 'user449599', 'user612382', 'USER449599', '\u212Aelvin', 'kelvin', `long${'a'.repeat(70)}`, `Long${'"'.repeat(40)}`];

const entry = fc.oneof(
  fc.record({ kind: fc.constant('tx' as const), accounts: fc.uniqueArray(fc.nat(USERNAMES.length - 1), { minLength: 1, maxLength: 5 }), bases: fc.boolean(), level: fc.integer({ min: 1, max: 40 }), standing }),
  fc.record({ kind: fc.constant('fold' as const), shards: fc.uniqueArray(fc.nat(4), { maxLength: 5 }) }),
);

describe('the change log read by a reader that skips folded records', () => {
  it('reads the shard of a username off its bytes as shardIndexOf does from the text, or says it cannot', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...USERNAMES), fc.string(), fc.string({ unit: 'grapheme' })), fc.integer({ min: 1, max: 300 }), (username, count) => {
        const quoted = Buffer.from(JSON.stringify(username));
        const shard = shardIndexOfBytes(quoted, 1, quoted.length - 1, count);
        if (shard !== undefined) expect(shard).toBe(shardIndexOf(username, count));
        if (/^[\x20-\x7e]*$/.test(username) && !/["\\]/.test(username)) expect(shard).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  it('gives exactly the full decode without the records folded into their home shard, over any log of entries, bases and fold entries in one or two segments', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 14 }), fc.integer({ min: 1, max: 5 }), fc.nat(14), (entries, count, split) => {
        const { names } = homesOf(count);
        const texts = entries.map((e, n) => {
          if (e.kind === 'fold') return encodeFoldEntry(e.shards.filter((s) => s < count).map((s) => names[s]!), `fold ${n}`);
          const accounts = e.accounts.map((u) => makeAccount(u, { username: USERNAMES[u]!, level: e.level + n, ...e.standing }));
          const bases = e.bases ? accounts.map((a) => encodeAccountLine({ ...a, level: 0 })) : [];
          return encodeEntry(accounts, `tx ${n}`, [], bases);
        });
        const cut = Math.min(split, texts.length);
        const segments = [Buffer.from(texts.slice(0, cut).join('')), Buffer.from(texts.slice(cut).join(''))];
        // Decoded as a reader that keeps no digest does, and as one that makes them (the usernames' hashes read).
        for (const full of [decodeSegments('log', segments), decodeWithDigests('log', segments, []).log]) {
          const home = (key: string) => names[shardIndexOf(key, count)]!;
          for (const pending of [full.pendingIn(home, names, homesOf(count)), full.pendingIn(home, names)]) {
            const kept = (key: string, position: number) => !full.isFolded(position, home(key));
            const keys = full.recordKeys.filter((key, i) => kept(key, full.recordPositions[i]!));
            expect(pending.recordKeys).toEqual(keys);
            expect(pending.recordPositions).toEqual(full.recordPositions.filter((p, i) => kept(full.recordKeys[i]!, p)));
            // The record lines pending per shard, as the fold plan counts them (log-view.ts `pendingOf`,
            // read off the usernames' hashes where the selection was made with the homes): every kept
            // line once, in its home, the full decode's keys counted here.
            const counts = new Map<string, number>();
            for (const key of keys) counts.set(home(key), (counts.get(home(key)) ?? 0) + 1);
            expect(pendingOf(pending, home)).toEqual(counts);
            const latest = full.lines.map((line, i) => [line, full.positions[i]!] as const).filter(([, p], i) => kept(keyOf(full.records[i]!.username), p));
            expect(pending.lines).toEqual(latest.map(([line]) => line));
            expect(pending.keys).toEqual(pending.lines.map(trustedLineKey));
            expect(pending.positions).toEqual(latest.map(([, p]) => p));
            // The latest record of each account, as told from every kept record's key (not from the selection's own lists).
            const lastOf = new Map(pending.recordKeys.map((key, i) => [key, i]));
            const isLast = (i: number) => lastOf.get(pending.recordKeys[i]!) === i;
            expect(pending.keys).toEqual(pending.recordKeys.filter((_, i) => isLast(i)));
            expect(pending.positions).toEqual(pending.recordPositions.filter((_, i) => isLast(i)));
            // Each record's standing and import number as read without its text are what its text says (circle-view.ts judges by them).
            pending.lines.forEach((line, i) => {
              expect(pending.lineAt(i)).toBe(line);
              const [account] = parseTrustedLines([line], 'log', 'log');
              const read = pending.standingOf(i);
              if (read !== undefined) expect(read).toEqual(circleOf(account!));
              else expect(account!.device !== undefined || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(account!.allocated_at ?? '')).toBe(true);
              const seq = pending.seqOf(i);
              expect(seq === undefined || seq === account!.seq).toBe(true);
              if (account!.device === undefined && account!.seq !== undefined) expect(seq).toBe(account!.seq);
            });
            for (const username of USERNAMES) {
              const key = keyOf(username);
              expect(pending.baseAfter(key, full.markOf(home(key)))).toBe(full.baseAfter(key, full.markOf(home(key))));
              // The base's hash read off the log's bytes is the hash of its text (circle-view.ts compares it with the index's).
              const base = full.baseAfter(key, full.markOf(home(key)));
              for (const log of [pending, full]) expect(log.baseHashAfter(key, full.markOf(home(key)))?.toString('hex')).toBe(base === undefined ? undefined : lineHash(base));
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps two accounts whose usernames hash alike apart, and an account logged twice once, by its latest record', () => {
    const hashOf = (name: string) => keyHashOfBytes(Buffer.from(name), 0, name.length);
    expect(hashOf('user449599')).toBe(hashOf('user612382'));
    // The last name: the Kelvin sign (not ASCII, no hash: the map decides), or capitals (every username hashed: the table alone).
    for (const last of ['\u212Aelvin', 'KELVIN']) {
      const texts = [
        encodeEntry([makeAccount(1, { username: 'User449599', level: 1 }), makeAccount(2, { username: 'user612382', level: 2 })], 'tx 0'),
        encodeEntry([makeAccount(3, { username: 'Kelvin', level: 3 }), makeAccount(1, { username: 'user449599', level: 4 })], 'tx 1'),
        encodeEntry([makeAccount(4, { username: last, level: 5 })], 'tx 2'),
      ];
      for (const segments of [[Buffer.from(texts.join(''))], [Buffer.from(texts[0]!), Buffer.from(texts.slice(1).join(''))]]) {
        const { log } = decodeWithDigests('log', segments, []);
        expect(log.keys).toEqual(['user612382', 'user449599', 'kelvin']);
        expect(log.records.map((account) => account.level)).toEqual([2, 4, 5]);
        expect(log.recordKeys).toEqual(['user449599', 'user612382', 'kelvin', 'user449599', 'kelvin']);
      }
    }
  });

  it('takes a digest\'s rows with room for the lines decoded after them: an allocation\'s entries past the digest copy no column', () => {
    // As a segment's digest at 1,000,000 accounts mid fold cycle (~100,000 record rows), then the
    // entries appended since it was made: an allocation's 800 records and a fold's.
    const n = 100_000;
    const rows = { start: new Uint32Array(n), end: new Uint32Array(n), ordinal: new Uint32Array(n), keyEnd: new Uint32Array(n), keyHash: new Float64Array(n), tuple: new Int32Array(n), allocated: new Float64Array(n), seq: new Float64Array(n), hash: new Uint8Array(0) };
    rows.start.forEach((_, i) => (rows.start[i] = 10 * i));
    const spans = new LineSpans();
    spans.addRows(0, rows, 5);
    const columns = [spans.start, spans.end, spans.position, spans.keyEnd, spans.keyHash, spans.tuple, spans.allocated, spans.seq, spans.place, spans.hash];
    for (let i = 0; i < 1600; i++) spans.add(0, 10 * (n + i), 10 * (n + i) + 9, 7);
    expect([spans.start, spans.end, spans.position, spans.keyEnd, spans.keyHash, spans.tuple, spans.allocated, spans.seq, spans.place, spans.hash].every((column, c) => column === columns[c])).toBe(true);
    // What is there is what was given: the digest's rows, then those added.
    expect(spans.length).toBe(n + 1600);
    expect([spans.start[n - 1], spans.position[n - 1], spans.start[n], spans.end[n + 1599], spans.position[n + 1599], spans.keyEnd[n], spans.tuple[n]]).toEqual([10 * (n - 1), 5, 10 * n, 10 * (n + 1599) + 9, 7, -1, -2]);
  });

  it('takes the sealed segment\'s digest and the active one\'s into columns sized once for both: the sealed rows are not copied again when the active rows come', () => {
    // As after a fold cycle's turn at 1,000,000 accounts: ~140,000 sealed rows, then the active
    // segment's digest and an allocation's entries past it (docs/scale-log.md, stop 51 A).
    const digestRows = (n: number, from: number) => {
      const rows = { start: new Uint32Array(n), end: new Uint32Array(n), ordinal: new Uint32Array(n), keyEnd: new Uint32Array(n), keyHash: new Float64Array(n), tuple: new Int32Array(n), allocated: new Float64Array(n), seq: new Float64Array(n), hash: new Uint8Array(0) };
      rows.start.forEach((_, i) => (rows.start[i] = from + 10 * i));
      return rows;
    };
    const [sealed, active] = [140_000, 60_000];
    const spans = new LineSpans();
    spans.sizeFor(sealed + active);
    spans.addRows(0, digestRows(sealed, 0), 0);
    const columns = [spans.start, spans.end, spans.position, spans.keyEnd, spans.keyHash, spans.tuple, spans.allocated, spans.seq, spans.place, spans.hash];
    spans.addRows(1, digestRows(active, 3), 9);
    for (let i = 0; i < 1600; i++) spans.add(1, 10 * (active + i), 10 * (active + i) + 9, 11);
    expect([spans.start, spans.end, spans.position, spans.keyEnd, spans.keyHash, spans.tuple, spans.allocated, spans.seq, spans.place, spans.hash].every((column, c) => column === columns[c])).toBe(true);
    expect(spans.length).toBe(sealed + active + 1600);
    expect([spans.segment[sealed - 1], spans.start[sealed - 1], spans.segment[sealed], spans.start[sealed], spans.position[sealed], spans.start[sealed + active - 1], spans.position[sealed + active]]).toEqual([0, 10 * (sealed - 1), 1, 3, 9, 3 + 10 * (active - 1), 11]);
  });
});
