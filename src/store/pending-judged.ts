// What `status` found of each change-log record still pending (pool-standings.ts): the line of its
// account its home shard holds, as the index of that line's standing among the shard summary's
// tuples, or that the shard holds none; kept so that the next status takes it as it is instead of
// looking every pending record up in its shard again. At 1,000,000 accounts mid fold cycle
// (~30,000 records pending) those lookups read ~190 MB of shards at every status, though only the
// records appended since the last status, and those of the shards a fold or a hand edit changed,
// can have moved. The same idea as log-judged.ts for allocate, held against a shard's summary
// (standing-summary.ts) instead of its circle index.
//
// Derived, never the only record of anything: .cache/pending-records.judged, git-ignored, written
// without the lock or fsync, whole. A row is named by the log segment holding the record (its
// inode), the record's entry position and its account's key, and says the sha1 of the home
// shard's bytes it was judged against. It is taken only where the segment, position and key are
// the same record now and the home shard's summary was made from bytes of that same sha1 (a
// shard's summary is deterministic from its bytes, so the tuple index means the same standing),
// in a pool of the same shard count and with the same accounts moved by hand (strays: a key
// found in no shard depends on all of them). A record's base line is then still the line judged:
// a later base of its account comes with a later record, which then is the pending one; the log's
// entries carry checksums, so a hand edit inside one is no entry. Anything else (a shard folded or
// edited since, a garbled file, another shard count): looked up as before, and the row made anew.
// Read and kept only where status reads the log (no pending-records file, or accounts moved by
// hand): the pending-records file holds what was found of its own rows (pending-records.ts `judged`).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';

const VERSION = 2;
const FILE = 'pending-records.judged';

/**
 * As saved: the pool's shard count and the hash of its strays when the rows were judged; then a
 * row per pending record (an account has one), by its account's key: ROW numbers each in `rows`,
 * the segment's inode and the shard's sha1 as indexes into `inodes` and `shas` (parallel arrays
 * parse several times faster than an object of 30,000 names).
 */
interface Saved {
  version: number;
  shards: number;
  strays: string;
  inodes: string[];
  shas: string[];
  keys: string[];
  rows: number[];
}

/** A row: [inode index, entry position, sha index, tuple index (-1: no line)]. */
const ROW = 4;

/** A record's row judged now. */
interface Judged {
  key: string;
  inode: string;
  position: number;
  sha: string;
  tuple: number;
}

/** The judged rows as read, and those taken or judged now (saved when they differ). */
export class PendingJudged {
  private readonly next: Judged[] = [];
  private taken = 0;
  private judged = 0;

  private constructor(
    private readonly dir: string,
    private readonly shards: number,
    private readonly strays: string,
    private readonly saved: Saved | undefined,
    private readonly rowOf: Map<string, number>,
  ) {}

  /** The rows saved for a pool of `shards` shards with these strays; none where the file is absent, garbled or of another pool shape. */
  static async load(dir: string, shards: number, strays: string): Promise<PendingJudged> {
    let saved: Saved | undefined;
    try {
      // Sealed (cache-seal.ts): a row whose tuple was edited (a held line judged a free one) is none.
      const text = unsealText(await readOwnFile(join(dir, FILE)));
      const parsed = text === undefined ? undefined : (JSON.parse(text) as Saved);
      const fits = parsed && parsed.version === VERSION && parsed.shards === shards && parsed.strays === strays;
      if (fits && [parsed.inodes, parsed.shas, parsed.keys, parsed.rows].every(Array.isArray) && parsed.rows.length === ROW * parsed.keys.length) saved = parsed;
    } catch {
      saved = undefined;
    }
    // Filled by a loop, not from [key, i] pairs: at 1,000,000 accounts mid fold cycle (~27,000 keys)
    // the pairs cost ~15 ms more of CPU in every status (in process, fresh process each).
    const rowOf = new Map<string, number>();
    const keys = saved?.keys ?? [];
    for (let i = 0; i < keys.length; i++) rowOf.set(keys[i]!, i);
    return new PendingJudged(dir, shards, strays, saved, rowOf);
  }

  /**
   * The tuple index (-1: no line) judged for `key`'s record at entry `position` of the segment of
   * inode `inode`, against a home shard of sha1 `sha`; undefined: look it up. Kept for the next save.
   */
  take(key: string, inode: string, position: number, sha: string): number | undefined {
    const i = this.rowOf.get(key);
    if (i === undefined) return undefined;
    const { inodes, shas, rows } = this.saved!;
    const [at, tuple] = [ROW * i, rows[ROW * i + 3]];
    if (inodes[rows[at]!] !== inode || rows[at + 1] !== position || shas[rows[at + 2]!] !== sha || !Number.isInteger(tuple) || tuple! < -1) return undefined;
    this.next.push({ key, inode, position, sha, tuple: tuple! });
    this.taken++;
    return tuple;
  }

  /** `key`'s record at entry `position` of the segment of inode `inode` judged now: its home shard (sha1 `sha`) holds its line at tuple index `tuple` (-1: none). */
  judge(key: string, inode: string, position: number, sha: string, tuple: number): void {
    this.next.push({ key, inode, position, sha, tuple });
    this.judged++;
  }

  /** Saves the rows taken or judged in this count (the records no longer pending go), where they differ from what was read. */
  async save(): Promise<void> {
    if (this.saved && this.judged === 0 && this.taken === this.saved.keys.length) return;
    if (!sealsLast()) return; // a keyed process's rows are left for it (seal-key.ts)
    const out: Saved = { version: VERSION, shards: this.shards, strays: this.strays, inodes: [], shas: [], keys: [], rows: [] };
    const intern = (table: string[], ids: Map<string, number>, value: string) => {
      let n = ids.get(value);
      if (n === undefined) ids.set(value, (n = table.push(value) - 1));
      return n;
    };
    const inodeIds = new Map<string, number>();
    const shaIds = new Map<string, number>();
    for (const { key, inode, position, sha, tuple } of this.next) {
      out.keys.push(key);
      out.rows.push(intern(out.inodes, inodeIds, inode), position, intern(out.shas, shaIds, sha), tuple);
    }
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(join(this.dir, FILE), sealText(`${JSON.stringify(out)}\n`), 0o600, { durable: false });
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }
}
