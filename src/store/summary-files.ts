// Where a kind of per-shard summary is kept (.cache/standings, .cache/timed: one sealed JSON file
// a shard), and the checks every kind shares before one is believed: sealed by this pool
// (cache-seal.ts), made of that shard in a pool of that many shards, and stamped with the sha1,
// stat stamp and time the checks against the shard's file need. The kind's own shape is checked
// by the kind (`shapeOf`): a garbled file is none, made again from the shard.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';

/** What every saved summary names of the shard it was made from. */
export interface SummaryHead {
  name: string;
  /** sha1 of the shard's bytes (shardHash) and the shard count of the pool it was made in. */
  sha1: string;
  shards: number;
  /** The shard file's stat stamp (file-stamp.ts) when those bytes were read, and when (ms) that stamp was last seen with them. */
  stamp: string;
  checkedAt: number;
}

export class SummaryFiles<T extends SummaryHead> {
  /** `shapeOf`: the summary when the rest of it is as the kind makes it, else undefined. */
  constructor(
    private readonly dir: string,
    private readonly shapeOf: (summary: T) => T | undefined,
  ) {}

  private fileOf(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  /** The saved summary of shard `name` made in a pool of `shards`, if there is one that is not garbled. */
  async load(name: string, shards: number): Promise<T | undefined> {
    try {
      // Sealed: a summary whose counts were edited with its total kept is none.
      const text = unsealText(await readOwnFile(this.fileOf(name)));
      if (text === undefined) return undefined;
      const summary = JSON.parse(text) as T;
      if (summary.name !== name || summary.shards !== shards || typeof summary.sha1 !== 'string' || typeof summary.stamp !== 'string' || typeof summary.checkedAt !== 'number') return undefined;
      return this.shapeOf(summary);
    } catch {
      return undefined;
    }
  }

  async save(summary: T): Promise<void> {
    if (!sealsLast()) return; // a keyed process's summary is left for it (seal-key.ts)
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.fileOf(summary.name), sealText(`${JSON.stringify(summary)}\n`), 0o600, { durable: false });
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }
}
