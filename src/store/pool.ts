// The pool: sharded YAML files under one lock. `read` is lock-free (every shard is replaced by
// rename, so each file read is whole, and an account never changes shard outside verify --fix);
// `transaction` is the only way to change anything.
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { loadConfig } from '../config-file.js';
import type { Config } from '../config.js';
import { layoutOf, shardFile, shardIndexOf, shardName, type PoolLayout } from './layout.js';
import { decodeShard, shardHash } from './shard-codec.js';
import { planShards, type PlannedShard } from './plan-shards.js';
import { CanonicalCache } from './canonical-cache.js';
import { Snapshot, type ShardState } from './snapshot.js';
import { Transaction } from './transaction.js';
import { acquireLock } from './lock.js';
import { commit, recover, type PendingWrite } from './journal.js';
import { tempPathFor } from './atomic-write.js';
import { commitAfterTransaction } from '../git/commit.js';

export interface PoolOptions {
  /** The clock every transaction sees (tests inject one). */
  clock?: () => Date;
}

/** Told after every commit, still under the lock: what changed, in files and in words. */
export type CommitListener = (commit: { files: string[]; message: string }) => Promise<void>;

interface CachedShard {
  stamp: string;
  state: ShardState;
}

const SHARD_FILE = /^[^.].*\.yaml$/;

/** Changes whenever the file does: every write replaces it by rename (new inode); a hand edit moves its times. */
function stampOf(info: { ino: bigint; size: bigint; mtimeNs: bigint; ctimeNs: bigint }): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

export class Pool {
  /** Parsed shards by file, valid while the file's inode, size and times are unchanged. */
  private readonly cache = new Map<string, CachedShard>();
  private readonly clock: () => Date;
  private readonly canonical: CanonicalCache;
  /** Runs after each commit while the lock is still held (git commits, see src/git/). */
  afterCommit: CommitListener | undefined;

  private constructor(
    readonly layout: PoolLayout,
    readonly config: Config,
    options: PoolOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.canonical = new CanonicalCache(layout.canonicalCache);
  }

  /** Opens an existing pool (made by `accountpool init`). */
  static async open(dir: string, options: PoolOptions = {}): Promise<Pool> {
    const layout = layoutOf(dir);
    const info = await stat(layout.shardsDir).catch(() => undefined);
    if (!info?.isDirectory()) throw new AppError(`no pool at ${dir}: run \`accountpool init\` there, or give --pool DIR`);
    const pool = new Pool(layout, await loadConfig(layout.config), options);
    if (pool.config.git.commit) pool.afterCommit = commitAfterTransaction(layout.dir);
    return pool;
  }

  /** Makes the folders of a new pool (0700). Idempotent. */
  static async create(dir: string): Promise<PoolLayout> {
    const layout = layoutOf(dir);
    await mkdir(layout.shardsDir, { recursive: true, mode: 0o700 });
    return layout;
  }

  now(): Date {
    return this.clock();
  }

  shardNameOf(username: string): string {
    return shardName(shardIndexOf(username, this.config.shards), this.config.shards);
  }

  /** Every shard as it is on disk now. Throws FileError for a shard that is not valid YAML. */
  async read(): Promise<Snapshot> {
    await this.canonical.load();
    const shards = await Promise.all((await this.shardNames()).map((name) => this.readShard(name)));
    await this.canonical.save();
    const byName = new Map(shards.map((s, i) => [s.name, i]));
    return new Snapshot(shards, (username) => byName.get(this.shardNameOf(username)));
  }

  /** The configured shards, plus any other shard file found (another shard count, or added by hand): no account is ever left out. */
  async shardNames(): Promise<string[]> {
    const names = new Set<string>();
    for (let i = 0; i < this.config.shards; i++) names.add(shardName(i, this.config.shards));
    for (const entry of await readdir(this.layout.shardsDir)) if (SHARD_FILE.test(entry)) names.add(entry.slice(0, -5));
    return [...names].sort();
  }

  /** One shard. `verify: true` proves it canonical line by line instead of trusting a known hash. */
  async readShard(name: string, { verify = false } = {}): Promise<ShardState> {
    const file = shardFile(this.layout, name);
    const info = await stat(file, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) return { name, file, accounts: [], lines: [] };
    const stamp = stampOf(info);
    let cached = this.cache.get(file);
    if (cached?.stamp !== stamp || verify) {
      // Hash the bytes as read: hashing the decoded text would encode it to UTF-8 all over again.
      const bytes = await readFile(file);
      const hash = shardHash(bytes);
      const text = bytes.toString('utf8');
      const decoded = decodeShard(name, file, text, !verify && this.canonical.isKnown(name, hash));
      if (decoded.canonical) this.canonical.remember(name, hash);
      cached = { stamp, state: { name, file, accounts: decoded.accounts, lines: decoded.lines } };
      this.cache.set(file, cached);
    }
    return cached.state;
  }

  /** Finishes or rolls back a transaction a killed process left behind. */
  async recoverInterrupted(): Promise<string> {
    const lock = await acquireLock(this.layout.dir, this.layout.lock, { waitMs: this.config.lock_wait });
    try {
      const done = await recover(this.layout.journal);
      await this.removeStrayTemps();
      return done;
    } finally {
      await lock.release();
    }
  }

  /**
   * Runs `work` under the pool lock on a fresh snapshot and commits what it put, all or nothing.
   * An interrupted earlier transaction is finished or rolled back first.
   */
  async transaction<T>(work: (tx: Transaction) => T | Promise<T>): Promise<T> {
    const lock = await acquireLock(this.layout.dir, this.layout.lock, { waitMs: this.config.lock_wait });
    try {
      await recover(this.layout.journal);
      await this.removeStrayTemps();
      const tx = new Transaction(await this.read(), this.clock());
      const result = await work(tx);
      if (!tx.isEmpty) {
        const planned = planShards(tx, (username) => this.shardNameOf(username));
        const writes: PendingWrite[] = [
          ...planned.map(({ state, bytes }) => ({ target: state.file, temp: tempPathFor(state.file, 'tx'), data: bytes, mode: 0o600 })),
          ...tx.extraWrites.map((extra) => ({ ...extra, temp: tempPathFor(extra.target, 'tx') })),
        ];
        await commit(this.layout.journal, writes, () => {
          if (lock.lost) throw new AppError(`lost the pool lock (${lock.lost.message}); nothing was written`);
        });
        await this.rememberWritten(planned);
        await this.afterCommit?.({ files: writes.map((w) => w.target).filter((f) => f.startsWith(this.layout.dir)), message: tx.message });
      }
      return result;
    } finally {
      await lock.release();
    }
  }

  /**
   * What we just wrote is canonical by construction, and we hold its parsed form: remember both,
   * so neither this process nor the next one has to prove or parse it again.
   */
  private async rememberWritten(planned: PlannedShard[]): Promise<void> {
    for (const { state, bytes } of planned) {
      this.canonical.remember(state.name, shardHash(bytes));
      const info = await stat(state.file, { bigint: true }).catch(() => undefined);
      if (info) this.cache.set(state.file, { stamp: stampOf(info), state });
    }
    await this.canonical.save();
  }

  /** Temp files left by a process killed before its journal existed (never a live one: we hold the lock). */
  private async removeStrayTemps(): Promise<void> {
    for (const dir of [this.layout.dir, this.layout.shardsDir]) {
      for (const entry of await readdir(dir)) {
        if (entry.startsWith('.') && entry.endsWith('.tmp')) await unlink(join(dir, entry)).catch(() => {});
      }
    }
  }
}
