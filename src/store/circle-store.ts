// Where a pool's circle indexes live (.cache/circle): each shard's sighting (the small file) and
// columns (the .idx file, circle-layout.ts), read as the other caches are (own-file.ts), kept per
// process by the sha1 of the bytes they were made from, and saved without the lock or fsync.
import { mkdir } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readOwnFile, readOwnPrefix } from './own-file.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { SharedFsClock } from './fs-clock.js';
import { PREFIX_BYTES, VERSION } from './circle-layout.js';
import { ShardCircle, type Sighting } from './circle-index.js';
import { dropHeads } from './circle-heads.js';

/** Where the indexes live (.cache/circle), and how one is read and saved. */
export class CircleStore {
  /** The folder was made (or found) by this store: saving many indexes makes it once. */
  private made = false;
  /**
   * The columns last loaded or saved for each shard, by the sha1 of the bytes they were made
   * from: a process that looks again (each batch of `serve`, each file the watcher imports)
   * reads and checks a shard's columns file once, not at every look. Whether the shard still
   * holds those bytes is decided at each look as before (the sighting, else the sha1): columns
   * made from the same bytes are the same wherever they were read from.
   */
  private readonly kept = new Map<string, ShardCircle>();

  constructor(
    /** The folder (.cache/circle); circle-heads.ts keeps its file there. */
    readonly dir: string,
    /** Shared with the log's digests (pool.ts): one probe of the file system's clock per transaction. */
    private readonly probe = new SharedFsClock(),
  ) {}

  private fileOf(name: string, ext: 'json' | 'idx'): string {
    return join(this.dir, `${name}.${ext}`);
  }

  /** The last sighting of shard `name` in a pool of `shards`, if there is one that is not garbled. */
  async sighting(name: string, shards: number): Promise<Sighting | undefined> {
    try {
      const s = JSON.parse((await readOwnFile(this.fileOf(name, 'json'))) ?? 'null') as Sighting;
      const fine = s.version === VERSION && s.name === name && s.shards === shards && typeof s.sha1 === 'string' && typeof s.stamp === 'string' && typeof s.checkedAt === 'number' && (s.clock === undefined || typeof s.clock === 'string');
      return fine ? s : undefined;
    } catch {
      return undefined;
    }
  }

  /** The index made from the bytes `sighting` names, if it is there and not garbled: its header and front read, the rest as asked. */
  async load(sighting: Sighting): Promise<ShardCircle | undefined> {
    return this.loadSync(sighting);
  }

  /** `load`, for a view that reads an index only when its choice reaches the shard (circle-heads.ts). */
  loadSync(sighting: Sighting): ShardCircle | undefined {
    const kept = this.kept.get(sighting.name);
    if (kept?.head.sha1 === sighting.sha1) {
      const again = kept.seen(sighting);
      this.kept.set(sighting.name, again); // the parts it reads are kept with it
      return again;
    }
    // Read as the other caches are (own-file.ts): never through a link, a FIFO or a file of gigabytes.
    const path = this.fileOf(sighting.name, 'idx');
    const read = readOwnPrefix(path, (this.scratch ??= Buffer.allocUnsafeSlow(PREFIX_BYTES)));
    const index = read && ShardCircle.opened(path, read.prefix, read.length, read.stamp, sighting, () => this.forget(sighting.name));
    if (index) this.kept.set(sighting.name, index);
    return index;
  }

  /** Reused for every index's first bytes (see `load`). */
  private scratch: Buffer | undefined;

  /** Shard `name`'s index did not check: its sighting goes, so the next look makes it again from the shard. */
  private forget(name: string): void {
    this.kept.delete(name);
    try {
      unlinkSync(this.fileOf(name, 'json'));
    } catch {
      // Gone already, or a read-only pool: the whole read goes on regardless.
    }
    dropHeads(this.dir); // it holds the same sighting (circle-heads.ts): not to be trusted either
  }

  newSighting(name: string, sha1: string, shards: number, stamp: string, checkedAt: number, clock?: string): Sighting {
    return clock === undefined ? { version: VERSION, name, sha1, shards, stamp, checkedAt } : { version: VERSION, name, sha1, shards, stamp, checkedAt, clock };
  }

  /** The file system's clock now (fs-clock.ts), read in the store's folder; undefined where it cannot be (none yet, read-only). */
  clock(): string | undefined {
    return this.probe.now(join(this.dir, 'clock'));
  }

  /** The shared reading of the file system's clock if one is recent (`SharedFsClock.recent`): nothing written. */
  recentClock(): string | undefined {
    return this.probe.recent();
  }

  /** The file system's clock read now (`SharedFsClock.fresh`): for files written since the last reading. */
  freshClock(): string | undefined {
    return this.probe.fresh(join(this.dir, 'clock'));
  }

  /** Saves a sighting, and with it the columns when they are new. */
  async save(sighting: Sighting, encoded?: Buffer): Promise<void> {
    if (encoded) this.kept.delete(sighting.name); // read back from the file at the next look
    try {
      if (!this.made) await mkdir(this.dir, { recursive: true, mode: 0o700 });
      this.made = true;
      if (encoded) writeFileAtomicSync(this.fileOf(sighting.name, 'idx'), encoded);
      writeFileAtomicSync(this.fileOf(sighting.name, 'json'), JSON.stringify(sighting));
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }
}
