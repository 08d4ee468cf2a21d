// A shard that gains accounts is written by copying its kept lines from the bytes it was read from
// and encoding the new ones only as the file is written (plan-shards.ts reorder, ShardState
// reordered): on random shards, that file is exactly what the canonical encoder writes for the
// same accounts, whether the shard was read off its bytes (with the change log's records over
// some of its lines or not), from text lines, or was hand-edited.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyChanges } from '../../src/store/plan-shards.js';
import { ByteLines } from '../../src/store/byte-lines.js';
import { Snapshot, ShardState } from '../../src/store/snapshot.js';
import { compareAccountKeys, encodeAccountLine, encodeShard, shardBytes } from '../../src/store/shard-codec.js';
import { credentialProblem, keyOf, type Account } from '../../src/model.js';

const awkward = fc.oneof(fc.constantFrom('"', '\\', 'ü', 'Ü', '日本', '😀', '\ud800', 'A', 'a', '{', '}'), fc.string({ unit: 'grapheme', maxLength: 5 }));
const awkwardText = fc.array(awkward, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
// Printable ASCII, as nearly every import's accounts are: their lines are written as bytes
// (fresh-line.ts), with a quote or a backslash now and then, which sends a line to the encoder.
const asciiText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 });

function accountOf(text: fc.Arbitrary<string>): fc.Arbitrary<Account> {
  // Few distinct names, in two spellings: a new account often replaces a kept one (`Ash` over `ash`).
  const username = fc.oneof(fc.constantFrom('ash', 'ASH', 'brock', 'Misty', 'misty', 'gary'), text).filter((u) => credentialProblem(u, 'x') === null);
  // Seqs around the powers of ten the digits are counted at; a source or a level now and then
  // other than the import's (the shared parts of a fresh line change between lines).
  const seq = fc.oneof(fc.nat(), fc.constantFrom(0, 9, 10, 99, 100, 999999, 1000000, Number.MAX_SAFE_INTEGER));
  return fc
    // A long note now and then: runs of kept lines long enough to be written from the bytes read.
    .record({ username, password: text, seq, level: fc.constantFrom(30, 30, 30, 1), source: fc.constantFrom('dump.txt', 'dump.txt', 'ü.txt'), note: fc.option(fc.oneof(text, text.map((t) => t.repeat(1500))), { nil: undefined }) })
    .map(({ username, password, seq, level, source, note }) => {
      const a = { username, password, provider: 'ptc', level, state: 'ok', added_at: '2026-01-01T00:00:00.000Z', seq, source } as Account;
      return note === undefined ? a : ({ ...a, note } as Account);
    });
}

/** The accounts sorted and unique by key, as a shard holds them. */
function sorted(accounts: Account[]): Account[] {
  const unique = new Map(accounts.map((a) => [keyOf(a.username), a]));
  return [...unique.values()].sort((a, b) => compareAccountKeys(keyOf(a.username), keyOf(b.username)));
}

type How = 'bytes' | 'logged' | 'text' | 'hand-edited';

function stateOf(kept: Account[], how: How): ShardState {
  const lines = kept.map(encodeAccountLine);
  if (how === 'bytes') return new ShardState('07', '07.yaml', ByteLines.of('07', Buffer.from(encodeShard('07', lines)))!);
  if (how === 'logged') {
    // Read off the bytes of an older file, with the change log's records of every other account
    // over it (log-view.ts): those lines as text, the rest still in the bytes.
    // The older lines had other passwords and higher import numbers: reading under a record shows.
    const older = kept.map((a, i) => (i % 2 ? { ...a, password: `${a.password}-old`, seq: a.seq + 1 } : a));
    const read = new ShardState('07', '07.yaml', ByteLines.of('07', Buffer.from(encodeShard('07', older.map(encodeAccountLine))))!);
    return read.withLines(new Map(lines.flatMap((line, i) => (i % 2 ? [[i, line] as const] : []))));
  }
  if (how === 'text') return new ShardState('07', '07.yaml', lines);
  return new ShardState('07', '07.yaml', new Array(kept.length).fill(undefined), kept);
}

describe('planning a shard that gains accounts', () => {
  it.each([
    ['awkward', awkwardText],
    ['ASCII', asciiText],
  ])('writes the bytes the canonical encoder gives for the kept, replaced and added accounts (%s text)', (_, text) => {
    const account = accountOf(text);
    fc.assert(
      fc.property(fc.array(account, { maxLength: 8 }), fc.array(account, { minLength: 1, maxLength: 6 }), fc.constantFrom<How>('bytes', 'logged', 'text', 'hand-edited'), (before, put, how) => {
        const kept = sorted(before);
        const shard = stateOf(kept, how);
        // The next import number counts the lines as they are now (the records, not what is under them).
        expect(shard.maxSeq(0)).toBe(Math.max(0, ...kept.map((a) => a.seq)));
        const snapshot = new Snapshot([shard], () => 0);
        const changes = new Map(put.map((a) => [keyOf(a.username), a]));
        const state = applyChanges(snapshot, changes, () => '07').get(0)!;
        const pieces = state.splicedPieces();
        const bytes = pieces ? Buffer.concat(pieces) : shardBytes(state.name, state.lines as string[]);
        const expected = sorted([...kept.filter((a) => !changes.has(keyOf(a.username))), ...changes.values()]);
        expect(bytes.toString('utf8')).toBe(encodeShard('07', expected.map(encodeAccountLine)));
        // The state says what it holds, line by line, as the file does.
        expect(state.lines).toEqual(expected.map(encodeAccountLine));
        expect(state.canonical).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('writes long runs of kept lines as pieces of the bytes read, short ones copied, the file as the encoder gives it', () => {
    const name = (i: number) => `user${String(i).padStart(4, '0')}`;
    const account = (username: string, seq: number) => ({ username, password: `pw-${seq}`, provider: 'ptc', level: 30, state: 'ok', added_at: '2026-01-01T00:00:00.000Z', seq, source: 'dump.txt' }) as Account;
    const kept = Array.from({ length: 200 }, (_, i) => account(name(i * 2), i));
    const old = Buffer.from(encodeShard('07', kept.map(encodeAccountLine)));
    const shard = new ShardState('07', '07.yaml', ByteLines.of('07', old)!);
    // One account among the first lines (short runs around it), one in the middle, one after the last.
    const added = [account(name(3), 1000), account(name(201), 1001), account('zed', 1002)];
    const state = applyChanges(new Snapshot([shard], () => 0), new Map(added.map((a) => [keyOf(a.username), a])), () => '07').get(0)!;
    const pieces = state.splicedPieces()!;
    expect(Buffer.concat(pieces).toString('utf8')).toBe(encodeShard('07', sorted([...kept, ...added]).map(encodeAccountLine)));
    // The two long runs (lines 2-100, 101-199) are the old file's own bytes, not copies.
    const shared = pieces.filter((piece) => piece.buffer === old.buffer && piece.byteOffset >= old.byteOffset && piece.byteOffset < old.byteOffset + old.length);
    expect(shared.map((piece) => piece.length)).toEqual([old.indexOf(`"${name(202)}"`) - old.indexOf(`"${name(4)}"`), old.length - old.indexOf(`"${name(202)}"`)]);
    // Committed as pieces, then asked for whole (a later transaction in the same process): the same file.
    state.setPieces(pieces);
    expect(state.bytes!.equals(Buffer.concat(pieces))).toBe(true);
  });

  it('holds as text only the lines not in the bytes read: no list of a shard\'s length of empty places (issue 16)', () => {
    // Each such list was 8 bytes a line: a paged read, the change log over it and an import's
    // plan made one for every shard, ~32 MB held through an import at 1,000,000 accounts (stop 54 I).
    const held = (state: ShardState) => (state as unknown as { lineList: unknown[] }).lineList.length;
    const account = (i: number, seq = i) => ({ username: `user${String(i).padStart(4, '0')}`, password: `pw-${seq}`, provider: 'ptc', level: 30, state: 'ok', added_at: '2026-01-01T00:00:00.000Z', seq, source: 'dump.txt' }) as Account;
    const kept = Array.from({ length: 2000 }, (_, i) => account(i * 2));
    const read = new ShardState('07', '07.yaml', ByteLines.of('07', Buffer.from(encodeShard('07', kept.map(encodeAccountLine))))!);
    expect(held(read)).toBe(0);
    // The log's records over lines 3 and 7 (log-view.ts), then an import's account after the last.
    const logged = read.withLines(new Map([3, 7].map((i) => [i, encodeAccountLine(account(i * 2, 5000 + i))])));
    expect(logged.size).toBe(2000);
    expect(held(logged)).toBe(8);
    const state = applyChanges(new Snapshot([logged], () => 0), new Map([[keyOf('zed'), { ...account(0), username: 'zed' }]]), () => '07').get(0)!;
    expect(state.size).toBe(2001);
    expect(held(state)).toBe(8);
    // What they hold is the whole shard all the same.
    expect(state.lines).toEqual(sorted([...kept.map((a, i) => (i === 3 || i === 7 ? account(i * 2, 5000 + i) : a)), { ...account(0), username: 'zed' }]).map(encodeAccountLine));
  });
});
