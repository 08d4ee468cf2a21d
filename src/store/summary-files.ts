// Where a kind of per-shard summary is kept (.cache/standings, .cache/timed: one sealed JSON file
// a shard), and the checks every kind shares before one is believed: sealed by this pool
// (cache-seal.ts), made of that shard in a pool of that many shards, and stamped with the sha1,
// stat stamp and time the checks against the shard's file need. The kind's own shape is checked
// by the kind (`shapeOf`): a garbled file is none, made again from the shard. Whether a saved one
// still describes its shard is one choice for every kind (`current`).
import { mkdir } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';
import { settled, stampOf } from './file-stamp.js';
import { shardHash } from './shard-codec.js';

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

/** How a kind's summary of one shard is counted and made (SummaryFiles `current`). */
export interface SummaryMaking<T extends SummaryHead> {
  /** How many accounts the record of the shards (manifest.ts, written by each commit) gives the shard; undefined: unknown. */
  recorded: number | undefined;
  /** How many accounts a summary counts. */
  size(summary: T): number;
  /** The shard's bytes; undefined when the file is gone since its stat. */
  bytesOf(): Promise<Buffer | undefined>;
  /** The summary made from the shard's bytes, named as `made` says. */
  make(bytes: Buffer, made: Pick<SummaryHead, 'name' | 'sha1' | 'shards' | 'stamp' | 'checkedAt'>): T;
  /** What of a saved summary is made again from the bytes when they are read anyway (set on `summary`); true when that changed it. */
  refresh?(summary: T, bytes: Buffer): boolean;
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

  /**
   * Shard `name`'s summary as its file is now (`info`, its stat taken after `checkedAt`): the saved
   * one where its stamp is the file's and settled (pool-standings.ts says why that is enough: no
   * read); else the shard's bytes are read and hashed, and the saved one taken (its stamp and
   * sighting brought up to date) where it was made from those bytes, made again otherwise. A
   * saved one whose total is not the record's is none: a summary is derived and git-ignored, and
   * an edit of its counts that kept its stamp and sha1 was believed. `bytes`: where they were read.
   * Undefined when the file is gone since its stat (the caller reads again).
   */
  async current(name: string, shards: number, info: BigIntStats, checkedAt: number, making: SummaryMaking<T>): Promise<{ summary: T; bytes?: Buffer } | undefined> {
    const stamp = stampOf(info);
    const loaded = await this.load(name, shards);
    const saved = loaded && (making.recorded === undefined || making.size(loaded) === making.recorded) ? loaded : undefined;
    if (saved?.stamp === stamp && settled(info, saved.checkedAt)) return { summary: saved };
    const bytes = await making.bytesOf();
    if (!bytes) return undefined;
    const sha1 = shardHash(bytes);
    if (saved?.sha1 === sha1) {
      const summary: T = { ...saved, stamp, checkedAt };
      const refreshed = making.refresh?.(summary, bytes) ?? false;
      // Saved again only where it says more than the saved one: a new stamp, or one settled now.
      if (saved.stamp !== stamp || settled(info, checkedAt) || refreshed) await this.save(summary);
      return { summary, bytes };
    }
    const summary = making.make(bytes, { name, sha1, shards, stamp, checkedAt });
    await this.save(summary);
    return { summary, bytes };
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
