// A change-log segment's digest (src/store/log-digest.ts) stands in for decoding the bytes it
// covers. Whatever the log, however it grew since the digest was made, and whatever happened to
// the segment or to the digest file (cut short, edited by hand, replaced, half written), a reader
// must get exactly what decoding the segments whole gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdir, readFile, rename, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSegments, decodeWithDigests, encodeEntry, encodeFoldEntry, homesOf, previousSegmentOf, readLog, type LoggedChanges } from '../../src/store/change-log.js';
import { decodeDigest, encodeDigest, LogDigests, matches, readDigest, type SegmentDigest } from '../../src/store/log-digest.js';
import { shardIndexOf } from '../../src/store/layout.js';
import { encodeAccountLine } from '../../src/store/shard-codec.js';
import { Pool } from '../../src/store/pool.js';
import { keyOf } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';
import { openFilledPool } from '../helpers/pool.js';
import { changedNs } from '../../src/store/fs-clock.js';
import { stampOf } from '../../src/store/file-stamp.js';
import { settledRead } from '../helpers/log-note.js';
import { testdir } from '../helpers/testdir.js';

const USERNAMES = ['user1', 'User2', 'USER3', 'pokémon4', 'ÄRGER5', 'we"ird6', 'back\\slash7', 'x'];
const COUNT = 4;
const { names } = homesOf(COUNT);
const home = (key: string) => names[shardIndexOf(key, COUNT)]!;

/** Everything a reader of the log uses, as plain values (the pending records as allocate asks for them included). */
function seen(log: LoggedChanges) {
  const pending = log.pendingIn(home, names, homesOf(COUNT));
  const pendingByKey = log.pendingIn(home, names);
  return {
    lines: log.lines,
    positions: log.positions,
    recordKeys: log.recordKeys,
    recordPositions: log.recordPositions,
    bases: [...log.bases],
    events: log.events,
    marks: names.map((name) => log.markOf(name)),
    counts: [log.recordCount, log.previousRecords, log.previousEvents, log.entries, log.currentStart, log.nextPosition, log.validBytes, log.totalBytes],
    pending: [pending.lines, pending.positions, pending.recordKeys, pending.recordPositions, USERNAMES.map((u) => pending.baseAfter(keyOf(u), log.markOf(home(keyOf(u)))))],
    // What allocate reads of each pending record without its text (off the digest where it has it), and each base line's hash.
    facts: pending.keys.map((_, i) => [pending.standingOf(i), pending.seqOf(i)]),
    baseHashes: USERNAMES.map((u) => pending.baseHashAfter(keyOf(u), log.markOf(home(keyOf(u))))?.toString('hex')),
    pendingByKey: [pendingByKey.lines, pendingByKey.recordKeys, pendingByKey.recordPositions],
  };
}

const entry = fc.oneof(
  fc.record({ kind: fc.constant('tx' as const), accounts: fc.uniqueArray(fc.nat(USERNAMES.length - 1), { minLength: 1, maxLength: 4 }), bases: fc.boolean(), events: fc.nat(2), level: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('fold' as const), shards: fc.uniqueArray(fc.nat(COUNT - 1), { maxLength: COUNT }) }),
);

type Entry = { kind: 'tx'; accounts: number[]; bases: boolean; events: number; level: number } | { kind: 'fold'; shards: number[] };

function textOf(e: Entry, n: number): string {
  if (e.kind === 'fold') return encodeFoldEntry(e.shards.map((s) => names[s]!), `fold ${n}`);
  // Handed out (canonical times: read off the digest), plain, or with a time a hand edit leaves (its line is parsed).
  const standing = [{ holder: `i${n % 2}`, allocated_at: `2026-12-0${1 + (n % 3)}T10:00:00.000Z` }, {}, { allocated_at: '2026-12-01' }][n % 3];
  const accounts = e.accounts.map((u) => makeAccount(u, { username: USERNAMES[u]!, level: e.level + n, ...standing }));
  const bases = e.bases ? accounts.map((a) => encodeAccountLine({ ...a, level: 0 })) : [];
  const events = Array.from({ length: e.events }, (_, i) => ({ month: '2026-11', line: `event ${n}.${i}` }));
  return encodeEntry(accounts, `tx ${n}`, events, bases);
}

/** The digest of the first `entries` entries of `texts`, as a reader would have saved it (through the file's encoding), cut before fold entries after `cutRows` rows (log-digest.ts `CUT_ROWS`). */
function digestOfPrefix(texts: string[], entries: number, cutRows?: number): SegmentDigest | undefined {
  const file = prefixFile(texts, entries, cutRows);
  return file && decodeDigest(file);
}

/** That digest's file (a digest read from chunks is not encoded again as one: its hash is chained through them). */
function prefixFile(texts: string[], entries: number, cutRows?: number): Buffer | undefined {
  const { made } = decodeWithDigests('log', [Buffer.from(texts.slice(0, entries).join(''))], [], true, [], [], [], cutRows);
  return made[0] && encodeDigest(made[0]);
}

describe('change-log segment digests', () => {
  it('a digest of any first entries of either segment, the segment grown or torn since, gives exactly the full decode, and is extended to what a fresh one holds', () => {
    fc.assert(
      // `cutRows`: a digest made in one read is cut into chunks before fold entries (log-digest.ts `inChunks`); read back, the same.
      fc.property(fc.array(entry, { maxLength: 12 }), fc.array(entry, { maxLength: 12 }), fc.nat(12), fc.nat(12), fc.nat(200), fc.constantFrom(1, 3, 2048), (older, newer, keptOld, keptNew, torn, cutRows) => {
        const oldTexts = older.map((e, n) => textOf(e, n));
        const newTexts = newer.map((e, n) => textOf(e, 100 + n));
        // A torn tail on the active segment: part of an entry, as a writer killed mid-append leaves.
        const tail = newTexts.length > 0 ? newTexts.at(-1)!.slice(0, torn % newTexts.at(-1)!.length) : '';
        const segments = [Buffer.from(oldTexts.join('')), Buffer.from(newTexts.join('') + tail)];
        const full = decodeSegments('log', segments);
        const files = [prefixFile(oldTexts, Math.min(keptOld, oldTexts.length), cutRows), prefixFile(newTexts, Math.min(keptNew, newTexts.length), cutRows)];
        const digests = files.map((file) => file && decodeDigest(file));
        for (const [s, digest] of digests.entries()) if (digest) expect(matches(digest, segments[s]!)).toBe(true);
        const { log, made } = decodeWithDigests('log', segments, digests, true, [], [], [], cutRows);
        expect(seen(log)).toEqual(seen(full));
        // The digest with the chunk made past it appended is what a reader without one makes, but
        // for its hash, chained through its chunks: of the same bytes all the same.
        const fresh = decodeWithDigests('log', segments, []).made;
        const unhashed = ({ sha256, chain, ...rest }: SegmentDigest) => rest;
        const reread: (SegmentDigest | undefined)[] = [];
        for (let s = 0; s < 2; s++) {
          const mine = made[s];
          const file = Buffer.concat([files[s], mine && encodeDigest(mine)].filter((d) => d !== undefined));
          if (fresh[s] === undefined) {
            expect(file.length).toBe(0);
            continue;
          }
          const read = readDigest(file);
          reread[s] = read.digest;
          expect(read.valid).toBe(file.length);
          expect(unhashed(read.digest!)).toEqual(unhashed(decodeDigest(encodeDigest(fresh[s]!))!));
          expect(read.digest!.chain.map((link) => link.length).at(-1)).toBe(fresh[s]!.length);
          expect(matches(read.digest!, segments[s]!)).toBe(true);
        }
        // Read back in two chunks (the prefix's and the one made past it), its rows taken as the
        // file holds them (log-records.ts `addStored`), or as typed columns (a copy by spreading
        // drops `stored`): the full decode either way.
        expect(seen(decodeWithDigests('log', segments, reread).log)).toEqual(seen(full));
        expect(seen(decodeWithDigests('log', segments, reread.map((d) => d && { ...d })).log)).toEqual(seen(full));
      }),
      { numRuns: 200 },
    );
  });

  // A transaction over the indexes reads the log told which shards it asks about (change-log.ts
  // `unreadBefore`): the digests' chunks before every one of their last folds are left unread (their
  // heads read, their columns checked through a reused stage: log-digest.ts `readPast`). Any reader
  // must still get exactly the full decode: one that asks about more shards (the floor lower) or
  // for the whole log reads those rows after all.
  it('a read told which shards it asks about leaves the chunks before all their folds unread, and gives exactly the full decode to any reader, the floor moved or not', async () => {
    const dir = await testdir();
    let run = 0;
    await fc.assert(
      // `whole`: the log read once only, its digests written whole (a copied pool's first reader), cut before its fold entries (log-digest.ts `inChunks`).
      fc.asyncProperty(fc.array(entry, { maxLength: 7 }), fc.array(entry, { maxLength: 7 }), fc.subarray(names.slice(), { minLength: 1 }), fc.boolean(), async (older, newer, asked, whole) => {
        // Whole folds of every shard among the entries, so that floors exist; each entry read (and digested) as it is appended: a chunk each.
        const all = (entries: Entry[]) => entries.flatMap((e, n): Entry[] => (n % 3 === 2 ? [e, { kind: 'fold', shards: [0, 1, 2, 3] }] : [e]));
        const path = join(dir, `${run++}.log`);
        const digests = new LogDigests(join(dir, `digests-${run}`), undefined, 1);
        const texts = [all(older).map((e, n) => textOf(e, n)), all(newer).map((e, n) => textOf(e, 100 + n))];
        for (const [s, file] of [previousSegmentOf(path), path].entries()) {
          for (const text of texts[s]!) {
            await writeFile(file, text, { flag: 'a' });
            if (!whole) await readLog(path, digests);
          }
        }
        if (whole) await readLog(path, digests);
        const full = decodeSegments('log', [Buffer.from(texts[0]!.join('')), Buffer.from(texts[1]!.join(''))]);
        const read = await readLog(path, digests, { unreadBefore: asked });
        const pending = read.pendingIn(home, asked, homesOf(COUNT));
        const expected = full.pendingIn(home, asked, homesOf(COUNT));
        expect([pending.lines, pending.positions, pending.recordKeys]).toEqual([expected.lines, expected.positions, expected.recordKeys]);
        expect(pending.keys.map((_, i) => [pending.standingOf(i), pending.seqOf(i), pending.judgedOf(i), pending.placeOf(i)])).toEqual(expected.keys.map((_, i) => [expected.standingOf(i), expected.seqOf(i), -1, -1]));
        // Every shard's pending records (a lower floor), then the whole log: the rows left unread are read.
        expect(seen(read)).toEqual(seen(full));
        expect(seen(await readLog(path, digests, { unreadBefore: asked }))).toEqual(seen(full));
      }),
      { numRuns: 15 },
    );
  });

  // A copied or restored pool's first reader (its digests named by the old inodes, pruned) writes
  // the digest whole: one chunk, nothing of it left unread until the log turned (docs/scale-log.md,
  // stop 52 A). Cut before the fold entries, the next read leaves the rows before the floor unread at once.
  it('a digest written whole is cut where fold entries begin, and the next read told which shards it asks about leaves the rows before their folds unread at once', async () => {
    const dir = await testdir();
    const path = join(dir, 'changes.log');
    const digests = new LogDigests(join(dir, 'digests'), undefined, 2);
    const texts: string[] = [];
    for (let n = 0; n < 6; n++) {
      texts.push(textOf({ kind: 'tx', accounts: [n % USERNAMES.length, (n + 3) % USERNAMES.length], bases: n % 2 === 0, events: 1, level: 5 }, n));
      if (n === 2 || n === 4) texts.push(encodeFoldEntry(names, `fold ${n}`));
    }
    await writeFile(path, texts.join(''));
    await readLog(path, digests); // the digest written whole
    const [file] = (await readdir(join(dir, 'digests'))).filter((name) => name.endsWith('.digest'));
    const folds = texts.flatMap((text, i) => (text.startsWith('#fold') ? [Buffer.byteLength(texts.slice(0, i).join(''))] : []));
    expect(digests.heads(file!.slice(0, -'.digest'.length))!.map(({ head }) => head.length)).toEqual([...folds, Buffer.byteLength(texts.join(''))]);
    const full = decodeSegments('log', [Buffer.alloc(0), await readFile(path)]);
    const read = await readLog(path, digests, { unreadBefore: names });
    expect(read.pendingIn(home, names, homesOf(COUNT)).lines).toEqual(full.pendingIn(home, names, homesOf(COUNT)).lines);
    // Left unread: a reader asking for those rows after the digest was written again is told to run again.
    await writeFile(join(dir, 'digests', file!), encodeDigest(decodeWithDigests('log', [await readFile(path)], []).made[0]!));
    expect(() => read.lines).toThrow(/digest changed while being read; run the command again/);
    expect(seen(await readLog(path, digests, { unreadBefore: names }))).toEqual(seen(full));
  });

  it('rows left unread are read again only from the digest as it was read: a digest changed since, the reader is told to run again', async () => {
    const dir = await testdir();
    const path = join(dir, 'changes.log');
    const digests = new LogDigests(join(dir, 'digests'));
    for (let n = 0; n < 6; n++) {
      await writeFile(path, textOf({ kind: 'tx', accounts: [n % USERNAMES.length, (n + 3) % USERNAMES.length], bases: true, events: 1, level: 5 }, n), { flag: 'a' });
      await readLog(path, digests);
      if (n === 3) await writeFile(path, encodeFoldEntry(names, 'fold'), { flag: 'a' });
    }
    const read = await readLog(path, digests, { unreadBefore: names });
    const full = decodeSegments('log', [Buffer.alloc(0), await readFile(path)]);
    expect(read.pendingIn(home, names, homesOf(COUNT)).lines).toEqual(full.pendingIn(home, names, homesOf(COUNT)).lines);
    // The digest written again whole meanwhile (another reader's, a file made anew): its first chunk is another.
    const [file] = (await readdir(join(dir, 'digests'))).filter((name) => name.endsWith('.digest'));
    const { made } = decodeWithDigests('log', [await readFile(path)], []);
    await writeFile(join(dir, 'digests', file!), encodeDigest(made[0]!));
    expect(() => read.lines).toThrow(/digest changed while being read; run the command again/);
    // Read anew: the whole log, as decoding it gives.
    expect(seen(await readLog(path, digests, { unreadBefore: names }))).toEqual(seen(full));
  });

  it('the rows of a digest are taken from the file as it was checked: one written again meanwhile is not read; one edited in place, the reader is told to run again', async () => {
    const dir = await testdir();
    const path = join(dir, 'changes.log');
    const digests = new LogDigests(join(dir, 'digests'));
    for (let n = 0; n < 4; n++) {
      await writeFile(path, textOf({ kind: 'tx', accounts: [n % USERNAMES.length, (n + 3) % USERNAMES.length], bases: true, events: 1, level: 5 }, n), { flag: 'a' });
      await readLog(path, digests);
    }
    const bytes = await readFile(path);
    const inode = String((await stat(path)).ino);
    const file = join(dir, 'digests', `${inode}.digest`);
    const original = await readFile(file);
    const full = seen(decodeSegments('log', [bytes]));
    // Renamed over (another reader writing it again whole): the rows come from the file as loaded.
    const loaded = (await digests.load(inode, bytes))!;
    await writeFile(`${file}.new`, 'not a digest');
    await rename(`${file}.new`, file);
    try {
      expect(seen(decodeWithDigests('log', [bytes], [loaded.digest]).log)).toEqual(full);
    } finally {
      loaded.close?.();
    }
    // Edited in place between the check and the read of the rows: no row of it is taken.
    await writeFile(file, original);
    const again = (await digests.load(inode, bytes))!;
    const edited = Buffer.from(original);
    edited[edited.length - 5] = edited[edited.length - 5]! ^ 1;
    await writeFile(file, edited);
    try {
      expect(() => decodeWithDigests('log', [bytes], [again.digest])).toThrow(/digest changed while being read; run the command again/);
    } finally {
      again.close?.();
    }
    expect(seen(await readLog(path, digests))).toEqual(full);
  });

  it('a digest no longer made from the segment (cut shorter, edited, another log) is not used', () => {
    const texts = Array.from({ length: 6 }, (_, n) => textOf({ kind: 'tx', accounts: [n % USERNAMES.length, (n + 3) % USERNAMES.length], bases: true, events: 1, level: 5 }, n));
    const bytes = Buffer.from(texts.join(''));
    const digest = digestOfPrefix(texts, 6)!;
    expect(matches(digest, bytes)).toBe(true);
    expect(matches(digest, bytes.subarray(0, bytes.length - 1))).toBe(false);
    const edited = Buffer.from(bytes);
    const middle = Math.floor(bytes.length / 2);
    edited[middle] = edited[middle]! ^ 1;
    expect(matches(digest, edited)).toBe(false);
    expect(matches(digest, Buffer.from(texts.slice(1).join('') + texts[0]))).toBe(false);
  });

  it('a record whose standing the digest names by a tuple it does not hold is read off its line', () => {
    const texts = Array.from({ length: 5 }, (_, n) => textOf({ kind: 'tx', accounts: [n % USERNAMES.length, (n + 2) % USERNAMES.length], bases: true, events: 0, level: 3 }, n));
    const bytes = Buffer.from(texts.join(''));
    const digest = digestOfPrefix(texts, 5)!;
    // Self-consistent (its check made again) and of these very bytes, yet naming tuples past its table.
    const forged = decodeDigest(encodeDigest({ ...digest, records: { ...digest.records, tuple: digest.records.tuple.map((t) => t + digest.tuples.length + 7) } }))!;
    expect(matches(forged, bytes)).toBe(true);
    const log = decodeWithDigests('log', [bytes], [forged]).log;
    const { facts, ...rest } = seen(log);
    const { facts: wholeFacts, ...wholeRest } = seen(decodeSegments('log', [bytes]));
    expect(rest).toEqual(wholeRest);
    // No standing made up: "parse the line" (circle-view.ts then reads the account off `lineAt`), the import number still plain.
    expect(facts).toEqual(wholeFacts.map(([, seq]) => [undefined, seq]));
  });

  it('a digest file cut short anywhere or with any byte changed is not read', () => {
    const texts = Array.from({ length: 4 }, (_, n) => textOf({ kind: 'tx', accounts: [n, n + 1], bases: n % 2 === 0, events: 1, level: 7 }, n));
    const file = encodeDigest(digestOfPrefix(texts, 4)!);
    expect(decodeDigest(file)).toBeDefined();
    for (let cut = 0; cut < file.length; cut += 7) expect(decodeDigest(file.subarray(0, cut)), `cut at ${cut}`).toBeUndefined();
    for (let at = 0; at < file.length; at += 5) {
      const changed = Buffer.from(file);
      changed[at] = changed[at]! ^ 0x10;
      const digest = decodeDigest(changed);
      // A change inside the head's JSON may leave it the same value (a digit's case is no change); any other is refused.
      if (digest) expect(encodeDigest(digest), `byte ${at}`).toEqual(file);
    }
  });
});

/** What the pool's own reader gets (through the digests), and what decoding the log whole gives. */
async function bothReads(pool: Pool) {
  const digested = await readLog(pool.layout.changeLog, new LogDigests(pool.layout.logDigestDir));
  const whole = await readLog(pool.layout.changeLog);
  return { digested: seen(digested), whole: seen(whole) };
}

async function digestFiles(pool: Pool): Promise<string[]> {
  return (await readdir(pool.layout.logDigestDir).catch(() => [])).filter((name) => name.endsWith('.digest'));
}

/** Logged transactions that set levels, on accounts spread over the shards. */
async function setLevels(pool: Pool, round: number, count = 40): Promise<void> {
  await pool.transaction((tx) => {
    for (let n = 0; n < count; n++) {
      const account = tx.get(`user${String((round * 13 + n * 7) % 400).padStart(6, '0')}`)!;
      tx.put({ ...account, level: 1 + ((round + n) % 40) });
    }
  });
}

describe('change-log digests in a real pool', () => {
  it('are made by the pool as it reads its log, follow the segment when the log turns, and are removed with their segment', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const pool = await Pool.open(filled.layout.dir, { folds: { capacity: 100 } });
    let turned = false;
    let chunks = 0;
    for (let round = 1; round <= 14; round++) {
      const before = await stat(previousSegmentOf(pool.layout.changeLog)).catch(() => undefined);
      await setLevels(pool, round);
      const after = await stat(previousSegmentOf(pool.layout.changeLog)).catch(() => undefined);
      turned ||= before?.ino !== after?.ino && after !== undefined;
      // A fresh process reads through the digests, and they never say other than the log.
      const fresh = await Pool.open(pool.layout.dir);
      await fresh.read();
      const { digested, whole } = await bothReads(fresh);
      expect(digested, `round ${round}`).toEqual(whole);
      // Appended to as the segment is: a chunk per reader that decoded past it, each file read whole.
      for (const name of await digestFiles(fresh)) {
        const bytes = await readFile(join(pool.layout.logDigestDir, name));
        expect(readDigest(bytes).valid).toBe(bytes.length);
        // Standings, never passwords (these accounts' are `secret-<n>`: helpers/pool.ts).
        expect(bytes.includes('secret-')).toBe(false);
        chunks = Math.max(chunks, bytes.toString('latin1').split('{"version":').length - 1);
      }
      // One digest per segment at most: those of segments gone are removed.
      const inodes = await Promise.all([previousSegmentOf(pool.layout.changeLog), pool.layout.changeLog].map((f) => stat(f).then((s) => String(s.ino), () => undefined)));
      for (const name of await digestFiles(fresh)) expect(inodes, `round ${round}: ${name}`).toContain(name.replace('.digest', ''));
    }
    expect(turned).toBe(true);
    expect(chunks).toBeGreaterThan(1);
  });

  // An import's whole transaction reads the log only to apply it to the shards, and its commit
  // folds the log away: it decodes no record's facts for a digest nobody would read (pool.ts).
  it('a read that makes no digest (a whole transaction\'s) gives what a read making one gives, writes none, and still uses one there is', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const pool = await Pool.open(filled.layout.dir, { folds: { capacity: 10_000 } });
    for (let round = 1; round <= 3; round++) await setLevels(pool, round);
    const digests = new LogDigests(pool.layout.logDigestDir);
    const whole = seen(await readLog(pool.layout.changeLog));
    for (const name of await digestFiles(pool)) await unlink(join(pool.layout.logDigestDir, name));
    expect(seen(await readLog(pool.layout.changeLog, digests, { make: false }))).toEqual(whole);
    expect(await digestFiles(pool)).toEqual([]);
    expect(seen(await readLog(pool.layout.changeLog, digests))).toEqual(whole);
    const [made] = await digestFiles(pool);
    const bytes = await readFile(join(pool.layout.logDigestDir, made!));
    // Grown since: read through the digest, decoded past it, and the digest left as it was.
    await setLevels(pool, 4);
    expect(seen(await readLog(pool.layout.changeLog, digests, { make: false }))).toEqual(seen(await readLog(pool.layout.changeLog)));
    expect(await readFile(join(pool.layout.logDigestDir, made!))).toEqual(bytes);
  });

  it('a segment edited by hand, cut short or replaced under its digest is read as the log itself says', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const dir = filled.layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 10_000 } });
    for (let round = 1; round <= 4; round++) await setLevels(pool, round);
    const log = pool.layout.changeLog;
    const original = await readFile(log);
    const read = async () => {
      const fresh = await Pool.open(dir);
      return bothReads(fresh);
    };
    // Digests made for the whole log.
    await (await Pool.open(dir)).read();
    expect((await digestFiles(pool)).length).toBe(1);

    // A record's level changed by hand in place (same length, same inode): its entry no longer checks out.
    const text = original.toString('latin1');
    const at = text.indexOf('"level": ', text.indexOf('\n#tx ') + 10) + '"level": '.length;
    const edited = Buffer.from(original);
    edited[at] = edited[at] === 0x39 ? 0x38 : 0x39;
    await writeFile(log, edited);
    let { digested, whole } = await read();
    expect(whole.counts[3]).toBeLessThan(4); // the edited entry and those after it do not count
    expect(digested).toEqual(whole);

    // Cut short in the middle of the part a digest covers.
    await writeFile(log, original);
    await (await Pool.open(dir)).read();
    await truncate(log, Math.floor(original.length / 2));
    ({ digested, whole } = await read());
    expect(digested).toEqual(whole);

    // Replaced by another log (renamed over it: another inode), and by one written in place.
    const other = Buffer.from(original.toString('latin1').split('\n#tx ').slice(0, 2).join('\n#tx ') + '\n', 'latin1');
    await writeFile(`${log}.new`, other);
    await rename(`${log}.new`, log);
    ({ digested, whole } = await read());
    expect(digested).toEqual(whole);
    await writeFile(log, original);
    await (await Pool.open(dir)).read();
    await writeFile(log, Buffer.concat([other, original.subarray(other.length)]));
    ({ digested, whole } = await read());
    expect(digested).toEqual(whole);
  });

  it('a digest file cut short by a crash, edited by hand, or with a chunk appended twice or torn is read up to there, and made whole again', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const dir = filled.layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 10_000 } });
    for (let round = 1; round <= 3; round++) await setLevels(pool, round);
    await (await Pool.open(dir)).read();
    const [name] = await digestFiles(pool);
    const file = join(pool.layout.logDigestDir, name!);
    const good = await readFile(file);
    const spoilt = [Buffer.concat([good, good]), Buffer.concat([good, good.subarray(0, 60)]), good.subarray(0, Math.floor(good.length / 3)), good.subarray(0, good.length - 1), Buffer.from(good.toString('latin1').replace(/"ordinals":(\d+)/, (_, n: string) => `"ordinals":${Number(n) - 1}`), 'latin1'), Buffer.concat([good.subarray(0, good.length - 8), Buffer.alloc(8)])];
    let round = 3;
    for (const bytes of spoilt) {
      await writeFile(file, bytes);
      const fresh = await Pool.open(dir);
      const { digested, whole } = await bothReads(fresh);
      expect(digested).toEqual(whole);
      // Made again: whole, at the latest by the next reader that decodes an entry past it.
      await setLevels(pool, ++round);
      expect(seen(await readLog(pool.layout.changeLog, new LogDigests(pool.layout.logDigestDir)))).toEqual(seen(await readLog(pool.layout.changeLog)));
      const again = await readFile(join(pool.layout.logDigestDir, (await digestFiles(pool))[0]!));
      expect(readDigest(again).valid).toBe(again.length);
    }
  });
});

describe('the previous segment trusted by its stamp', () => {
  it('skips the hash only where a reader hashed it at this stamp, settled by the file system clock it read before; an edit that kept the stamp is read where the clock ties or is another file system\'s', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const dir = filled.layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 100 } });
    const previous = previousSegmentOf(pool.layout.changeLog);
    for (let round = 1; round <= 14 && !(await stat(previous).catch(() => undefined)); round++) await setLevels(pool, round);
    await setLevels(pool, 15); // an entry in the active segment too
    await (await Pool.open(dir)).read(); // the digests made
    const inode = String((await stat(previous)).ino);
    const digestFile = join(pool.layout.logDigestDir, `${inode}.digest`);
    const digest = decodeDigest(await readFile(digestFile))!;
    expect(digest.length).toBe((await stat(previous)).size);
    const entries = seen(await readLog(pool.layout.changeLog)).counts[3]!;
    // A record's level changed by hand in place (same length, same inode): its entry no longer checks out.
    const original = await readFile(previous);
    const text = original.toString('latin1');
    const at = text.indexOf('"level": ', text.indexOf('\n#tx ') + 10) + '"level": '.length;
    const edited = Buffer.from(original);
    edited[at] = edited[at] === 0x39 ? 0x38 : 0x39;
    await writeFile(previous, edited);
    const info = await stat(previous, { bigint: true });
    const digestBytes = await readFile(digestFile);
    // As if a reader had hashed the segment at the stamp it has now, before the edit in the same tick.
    const forged = async (seen: object) => {
      await writeFile(digestFile, digestBytes); // a read that decoded past it wrote it again
      await writeFile(join(pool.layout.logDigestDir, `${inode}.seen`), JSON.stringify({ stamp: stampOf(info), length: digest.length, sha256: digest.sha256, ...seen }));
      return bothReads(await Pool.open(dir));
    };
    let { digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info)}` }); // a tie
    expect(whole.counts[3]).toBeLessThan(entries); // the edited entry and those after it in its segment do not count
    expect(digested).toEqual(whole);
    ({ digested, whole } = await forged({ clock: `${info.dev + 1n}:${changedNs(info) + 1_000_000_000n}` })); // another file system's
    expect(digested).toEqual(whole);
    ({ digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info) + 1n}`, stamp: 'another' })); // another stamp
    expect(digested).toEqual(whole);
    ({ digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info) + 1n}`, sha256: '0'.repeat(64) })); // another digest
    expect(digested).toEqual(whole);
    // Settled strictly before the clock, at the same stamp: trusted unhashed (here wrongly, as only
    // a forged note can make it), which is what spares the hash of the segment.
    ({ digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info) + 1n}` }));
    expect(digested).not.toEqual(whole);
  });

  // sealed-bytes.ts: a process that reads the log again while it still holds the first read takes
  // the previous segment's bytes from it; never once the segment was edited since.
  it('bytes a reader still holds are taken again only while the segment is as they were read: an edit in place is read', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const pool = await Pool.open(filled.layout.dir, { folds: { capacity: 100 } });
    const previous = previousSegmentOf(pool.layout.changeLog);
    for (let round = 1; round <= 14 && !(await stat(previous).catch(() => undefined)); round++) await setLevels(pool, round);
    await setLevels(pool, 15);
    const digests = new LogDigests(pool.layout.logDigestDir);
    const files = async () => seen(decodeSegments(pool.layout.changeLog, [await readFile(previous), await readFile(pool.layout.changeLog)]));
    const held = await readLog(pool.layout.changeLog, digests); // kept alive below: its bytes may be taken again
    expect(seen(await readLog(pool.layout.changeLog, digests))).toEqual(await files());
    // A record's level changed by hand in place: same length, same inode.
    const original = await readFile(previous);
    const at = original.indexOf('"level": ', original.indexOf('\n#tx ') + 10) + '"level": '.length;
    const edited = Buffer.from(original);
    edited[at] = edited[at] === 0x39 ? 0x38 : 0x39;
    await writeFile(previous, edited);
    const after = seen(await readLog(pool.layout.changeLog, digests));
    expect(after).toEqual(await files());
    expect(after).not.toEqual(seen(held));
  });

  it('is noted by a reader that hashed it after the clock passed its times, and the note goes with its segment', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const dir = filled.layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 100 } });
    const previous = previousSegmentOf(pool.layout.changeLog);
    let round = 1;
    for (; round <= 14 && !(await stat(previous).catch(() => undefined)); round++) await setLevels(pool, round);
    const inode = String((await stat(previous)).ino);
    const note = join(pool.layout.logDigestDir, `${inode}.seen`);
    await (await Pool.open(dir)).read(); // the digest made
    await (await Pool.open(dir)).read(); // hashed against it, after a clock later than the segment's times
    const info = await stat(previous, { bigint: true });
    const seenNote = JSON.parse(await readFile(note, 'utf8'));
    expect(seenNote.stamp).toBe(stampOf(info));
    expect(BigInt(seenNote.clock.split(':')[1]) > changedNs(info)).toBe(true);
    const { digested, whole } = await bothReads(await Pool.open(dir));
    expect(digested).toEqual(whole);
    // The log turns again: the segment is gone, and its note with it.
    for (; round <= 40 && String((await stat(previous)).ino) === inode; round++) await setLevels(pool, round);
    await setLevels(pool, round + 1);
    await (await Pool.open(dir)).read();
    // The file system may give a later segment the freed inode, and so the same note name (its
    // stamp then tells it apart): what must be gone is every note named for no live segment, and
    // what is left must never make a read differ from the whole decode.
    const live = await Promise.all([previous, pool.layout.changeLog].map((file) => stat(file).then((info) => String(info.ino), () => undefined)));
    const notes = (await readdir(pool.layout.logDigestDir)).filter((name) => name.endsWith('.seen'));
    for (const name of notes) expect(live).toContain(name.slice(0, -'.seen'.length));
    const after = await bothReads(await Pool.open(dir));
    expect(after.digested).toEqual(after.whole);
  });
});

describe('the active segment trusted by its stamp', () => {
  /** A record's level changed by hand in place in the first entry after the first (same length, same inode). */
  async function editInPlace(file: string): Promise<void> {
    const original = await readFile(file);
    const at = original.indexOf('"level": ', original.indexOf('\n#tx ') + 10) + '"level": '.length;
    const edited = Buffer.from(original);
    edited[at] = edited[at] === 0x39 ? 0x38 : 0x39;
    await writeFile(file, edited);
  }

  it('a writer carries the note past its own append under the lock; a byte edited by hand in what the note covers, the size kept, is read', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const dir = filled.layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 1000 } });
    for (let round = 1; round <= 3; round++) await setLevels(pool, round);
    await settledRead(dir, pool.layout.changeLog); // the digest made, and noted at the segment's stamp
    const covered = (await stat(pool.layout.changeLog)).size;
    await setLevels(pool, 4); // its read takes the digest on the note; its append carries the note
    const info = await stat(pool.layout.changeLog, { bigint: true });
    const note = JSON.parse(await readFile(join(pool.layout.logDigestDir, `${info.ino}.seen`), 'utf8'));
    expect(note.stamp).toBe(stampOf(info));
    expect(note.length).toBe(covered);
    expect(BigInt(note.clock.split(':')[1]) > changedNs(info)).toBe(true);
    await settledRead(dir, pool.layout.changeLog); // extends the digest over the appended entry, and notes the whole segment
    const before = await bothReads(await Pool.open(dir));
    expect(before.digested).toEqual(before.whole);
    const extended = JSON.parse(await readFile(join(pool.layout.logDigestDir, `${info.ino}.seen`), 'utf8'));
    expect(extended.length).toBe(Number(info.size));
    await editInPlace(pool.layout.changeLog);
    const { digested, whole } = await bothReads(await Pool.open(dir));
    expect(whole.counts[3]).toBeLessThan(before.whole.counts[3]!); // the edited entry and those after it do not count
    expect(digested).toEqual(whole);
  });

  it('a journaled commit (an entry with a file beside it, as an inbox receipt) carries the note past its append as a lone entry does', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const dir = filled.layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 1000 } });
    for (let round = 1; round <= 3; round++) await setLevels(pool, round);
    await settledRead(dir, pool.layout.changeLog);
    const covered = (await stat(pool.layout.changeLog)).size;
    await pool.transaction((tx) => {
      const account = tx.get('user000007')!;
      tx.put({ ...account, level: account.level === 30 ? 31 : 30 });
      tx.writeFile(join(dir, 'beside.txt'), 'written in the same commit\n');
    });
    expect(await readFile(join(dir, 'beside.txt'), 'utf8')).toBe('written in the same commit\n');
    const info = await stat(pool.layout.changeLog, { bigint: true });
    expect(Number(info.size)).toBeGreaterThan(covered);
    const note = JSON.parse(await readFile(join(pool.layout.logDigestDir, `${info.ino}.seen`), 'utf8'));
    expect(note.stamp).toBe(stampOf(info));
    expect(note.length).toBe(covered);
    const { digested, whole } = await bothReads(await Pool.open(dir));
    expect(digested).toEqual(whole);
  });

  it('is trusted only for its very stamp settled by its clock: a tie, another file system, another stamp or digest is hashed', async () => {
    const filled = await openFilledPool(COUNT, 400);
    const dir = filled.layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 1000 } });
    for (let round = 1; round <= 3; round++) await setLevels(pool, round);
    await (await Pool.open(dir)).read();
    const inode = String((await stat(pool.layout.changeLog)).ino);
    const digestFile = join(pool.layout.logDigestDir, `${inode}.digest`);
    const digest = decodeDigest(await readFile(digestFile))!;
    const digestBytes = await readFile(digestFile);
    const entries = seen(await readLog(pool.layout.changeLog)).counts[3]!;
    await editInPlace(pool.layout.changeLog);
    const info = await stat(pool.layout.changeLog, { bigint: true });
    // As if the note had been written for the stamp the segment has now, before the edit in the same tick.
    const forged = async (seen: object) => {
      await writeFile(digestFile, digestBytes); // a read that decoded it whole wrote it again
      await writeFile(join(pool.layout.logDigestDir, `${inode}.seen`), JSON.stringify({ stamp: stampOf(info), length: digest.length, sha256: digest.sha256, ...seen }));
      return bothReads(await Pool.open(dir));
    };
    let { digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info)}` }); // a tie
    expect(whole.counts[3]).toBeLessThan(entries);
    expect(digested).toEqual(whole);
    ({ digested, whole } = await forged({ clock: `${info.dev + 1n}:${changedNs(info) + 1_000_000_000n}` })); // another file system's
    expect(digested).toEqual(whole);
    ({ digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info) + 1n}`, stamp: 'another' }));
    expect(digested).toEqual(whole);
    ({ digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info) + 1n}`, sha256: '0'.repeat(64) }));
    expect(digested).toEqual(whole);
    ({ digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info) + 1n}`, length: digest.length - 1 })); // no chunk ends there
    expect(digested).toEqual(whole);
    // Settled strictly before the clock, at the same stamp: trusted unhashed (wrongly, as only a
    // forged note can make it), which is what spares the hash of the segment.
    ({ digested, whole } = await forged({ clock: `${info.dev}:${changedNs(info) + 1n}` }));
    expect(digested).not.toEqual(whole);
  });

  /** A pool whose active segment holds three logged rounds (no fold yet). */
  const threeRounds = async () => {
    const dir = (await openFilledPool(COUNT, 400)).layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 1000 } });
    for (let round = 1; round <= 3; round++) await setLevels(pool, round);
    return { dir, pool, log: pool.layout.changeLog };
  };

  it('is carried by no append after the segment changed, nor past one that is not exactly the bytes appended to the same file; a torn tail cut off is read', async () => {
    const { dir, pool, log } = await threeRounds();
    await settledRead(dir, log);
    const digests = new LogDigests(pool.layout.logDigestDir);
    const noteOf = async () => JSON.parse(await readFile(join(pool.layout.logDigestDir, `${(await stat(log)).ino}.seen`), 'utf8')) as { stamp: string };
    const entry = encodeEntry([makeAccount(1, { level: 12 })], 'by hand');
    // Appended past what the writer said: not carried.
    let before = (await digests.beforeAppend(log))!;
    expect(before).toBeDefined();
    await writeFile(log, entry + entry, { flag: 'a' });
    await digests.afterAppend(log, before, Buffer.byteLength(entry));
    expect((await noteOf()).stamp).not.toBe(stampOf(await stat(log, { bigint: true })));
    await settledRead(dir, log); // hashed, and noted again
    // The segment replaced by another file (a new inode) between the two: not carried.
    before = (await digests.beforeAppend(log))!;
    expect(before).toBeDefined();
    const bytes = await readFile(log);
    await writeFile(`${log}.new`, Buffer.concat([bytes, Buffer.from(entry)])); // made while the segment is there: another inode
    await rename(`${log}.new`, log);
    await digests.afterAppend(log, before, Buffer.byteLength(entry));
    await expect(noteOf()).rejects.toThrow();
    expect((await bothReads(await Pool.open(dir))).digested).toEqual((await bothReads(await Pool.open(dir))).whole);
    // Edited in place after the note: nothing to carry.
    await settledRead(dir, log);
    expect(await digests.beforeAppend(log)).toBeDefined();
    await editInPlace(log);
    expect(await digests.beforeAppend(log)).toBeUndefined();
    // A torn tail (a writer killed mid-append): read as the log says, cut by the next writer, whose append carries nothing.
    await writeFile(log, bytes);
    await (await Pool.open(dir)).read();
    await writeFile(log, entry.slice(0, entry.length >> 1), { flag: 'a' });
    let reads = await bothReads(await Pool.open(dir));
    expect(reads.digested).toEqual(reads.whole);
    await setLevels(pool, 5);
    reads = await bothReads(await Pool.open(dir));
    expect(reads.digested).toEqual(reads.whole);
    expect(reads.whole.counts[6]).toBe(reads.whole.counts[7]); // whole: the torn part cut off
  });

  it("is carried across a fold cycle's turn to the sealed segment's stamp (the rename's new ctime), and by no rename that puts other bytes there", async () => {
    // Without it the first reader after every turn hashed the whole sealed segment (~60 MB at 1,000,000 accounts: docs/scale-log.md, stop 51 A).
    const { dir, pool, log } = await threeRounds();
    const previous = previousSegmentOf(log);
    await settledRead(dir, log);
    const digests = new LogDigests(pool.layout.logDigestDir);
    const noteOf = async (file: string) => digests.noteOf(String((await stat(file)).ino));
    const noted = (await noteOf(log))!;
    expect(noted).toBeDefined();
    await digests.carryingNoteAcross(log, previous, () => rename(log, previous));
    expect(await noteOf(previous)).toMatchObject({ stamp: stampOf(await stat(previous, { bigint: true })), length: noted.length, sha256: noted.sha256 });
    const reads = await bothReads(await Pool.open(dir));
    expect(reads.digested).toEqual(reads.whole);
    // Other bytes renamed over the sealed segment's name (another inode): its note is not theirs.
    await setLevels(pool, 4);
    await settledRead(dir, log);
    const other = `${log}.other`;
    await writeFile(other, await readFile(log));
    await digests.carryingNoteAcross(log, previous, () => rename(other, previous));
    expect(await noteOf(previous)).toBeUndefined();
  });
});
