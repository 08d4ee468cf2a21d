// Which shard texts are known to be our own canonical output, by hash of their bytes.
//
// Proving a shard canonical means re-encoding every line (about 4 µs an account); knowing its
// hash was recorded when we wrote it costs one sha1 (10 ms for 100,000 accounts). The file is a
// cache, not a source of truth: a missing, stale or garbled cache only sends reads down the
// verifying path, never to a wrong answer, so it is written without the lock and outside the
// journal, and git-ignored.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';

export class CanonicalCache {
  private hashes = new Map<string, string>();
  private dirty = false;

  constructor(private readonly file: string) {}

  async load(): Promise<void> {
    try {
      const entries = JSON.parse(unsealText(await readOwnFile(this.file)) ?? '{}') as Record<string, string>;
      this.hashes = new Map(Object.entries(entries));
    } catch {
      this.hashes = new Map();
    }
    this.dirty = false;
  }

  isKnown(shard: string, hash: string): boolean {
    return this.hashes.get(shard) === hash;
  }

  remember(shard: string, hash: string): void {
    if (this.hashes.get(shard) === hash) return;
    this.hashes.set(shard, hash);
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty || !sealsLast()) return; // a keyed process's cache is left for it (seal-key.ts)
    this.dirty = false;
    const data = JSON.stringify(Object.fromEntries([...this.hashes].sort(([a], [b]) => (a < b ? -1 : 1))));
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, sealText(data), 0o600, { durable: false });
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut, never data.
    }
  }
}
