// Which shard texts are known to be our own canonical output, by hash of their bytes.
//
// Proving a shard canonical means re-encoding every line (about 4 µs an account); knowing its
// hash was recorded when we wrote it costs one sha1 (10 ms for 100,000 accounts). The file is a
// cache, not a source of truth: a missing, stale or garbled cache only sends reads down the
// verifying path, never to a wrong answer, so it is written without the lock and outside the
// journal, and git-ignored.
//
// Each entry is a fact that stays true (these bytes, under this shard's name, are canonical), so
// a save puts this process's new entries over the file as it is now, never over the copy it loaded:
// a long-running process (serve, the watcher) that loaded the file before another process rewrote
// every shard, and saved after folding a few, wrote back its old hashes for all the others, and the
// next import decoded every shard it no longer knew (at 1,000,000 accounts 8 s and 824 MB).
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';

/**
 * The reader's rules the entries were made under, written before each hash (`r2:<sha1>`): a text
 * canonical to an older version may not be one now (stop 53: a time without a fraction,
 * `...00Z`, is rewritten on read), and its entry, by bytes alone, kept it trusted until they
 * changed. Bump it whenever what a canonical shard text is changes. An entry of other rules is
 * dropped on load (an older version's plain hash too), so the shard is verified and remembered
 * anew; an older version reading ours finds no hash equal to its own and verifies in turn.
 */
export const CANONICAL_RULES = 'r2';

/** A hash as the file holds it, stamped with the rules it was made under. */
export const canonicalEntry = (hash: string) => `${CANONICAL_RULES}:${hash}`;
const STAMP = `${CANONICAL_RULES}:`;

export class CanonicalCache {
  private hashes = new Map<string, string>();
  /** Remembered by this process since its last save: what a save adds to the file. */
  private fresh = new Map<string, string>();

  constructor(private readonly file: string) {}

  async load(): Promise<void> {
    this.hashes = await this.read();
    for (const [shard, hash] of this.fresh) this.hashes.set(shard, hash);
  }

  private async read(): Promise<Map<string, string>> {
    try {
      const entries = Object.entries(JSON.parse(unsealText(await readOwnFile(this.file)) ?? '{}') as Record<string, unknown>);
      const out = new Map<string, string>();
      for (const [shard, entry] of entries) if (typeof entry === 'string' && entry.startsWith(STAMP)) out.set(shard, entry.slice(STAMP.length));
      return out;
    } catch {
      return new Map();
    }
  }

  isKnown(shard: string, hash: string): boolean {
    return this.hashes.get(shard) === hash;
  }

  remember(shard: string, hash: string): void {
    if (this.hashes.get(shard) === hash) return;
    this.hashes.set(shard, hash);
    this.fresh.set(shard, hash);
  }

  async save(): Promise<void> {
    if (this.fresh.size === 0 || !sealsLast()) return; // a keyed process's cache is left for it (seal-key.ts)
    const fresh = this.fresh;
    this.fresh = new Map();
    // The file as another process may have left it since our load, with ours put over it.
    const hashes = await this.read();
    for (const [shard, hash] of fresh) hashes.set(shard, hash);
    const data = JSON.stringify(Object.fromEntries([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([shard, hash]) => [shard, canonicalEntry(hash)])));
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, sealText(data), 0o600, { durable: false });
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut, never data.
    }
  }
}
