// The pool: sharded YAML files under one lock. `read` is lock-free (every shard is replaced by
// rename, so each file read is whole, and an account never changes shard outside verify --fix);
// `transaction` is the only way to change anything.
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { keyOf, type Account } from '../model.js';
import { AppError } from '../errors.js';
import { loadConfig } from '../config-file.js';
import type { Config } from '../config.js';
import { layoutOf, shardFile, shardIndexOf, shardName, type PoolLayout } from './layout.js';
import { compareAccountKeys, decodeShard, encodeAccountLine, encodeShard, type DecodedShard } from './shard-codec.js';
import { Snapshot, type ShardState } from './snapshot.js';
import { Transaction } from './transaction.js';
import { acquireLock } from './lock.js';
import { commit, recover, type PendingWrite } from './journal.js';
import { tempPathFor } from './atomic-write.js';

export interface PoolOptions {
  /** The clock every transaction sees (tests inject one). */
  clock?: () => Date;
}

interface CachedShard {
  stamp: string;
  decoded: DecodedShard;
}

const SHARD_FILE = /^[^.].*\.yaml$/;

export class Pool {
  /** Parsed shards by file, valid while the file's inode, size and times are unchanged. */
  private readonly cache = new Map<string, CachedShard>();
  private readonly clock: () => Date;

  private constructor(
    readonly layout: PoolLayout,
    readonly config: Config,
    options: PoolOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Opens an existing pool (made by `accountpool init`). */
  static async open(dir: string, options: PoolOptions = {}): Promise<Pool> {
    const layout = layoutOf(dir);
    const info = await stat(layout.shardsDir).catch(() => undefined);
    if (!info?.isDirectory()) throw new AppError(`no pool at ${dir}: run \`accountpool init\` there, or give --pool DIR`);
    return new Pool(layout, await loadConfig(layout.config), options);
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
    const shards = await Promise.all((await this.shardNames()).map((name) => this.readShard(name)));
    return new Snapshot(shards);
  }

  /** The configured shards, plus any other shard file found (another shard count, or added by hand): no account is ever left out. */
  async shardNames(): Promise<string[]> {
    const names = new Set<string>();
    for (let i = 0; i < this.config.shards; i++) names.add(shardName(i, this.config.shards));
    for (const entry of await readdir(this.layout.shardsDir)) if (SHARD_FILE.test(entry)) names.add(entry.slice(0, -5));
    return [...names].sort();
  }

  async readShard(name: string): Promise<ShardState> {
    const file = shardFile(this.layout, name);
    const info = await stat(file, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) return { name, file, accounts: [], lines: [] };
    const stamp = `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
    let cached = this.cache.get(file);
    if (cached?.stamp !== stamp) {
      const text = await readFile(file, 'utf8');
      cached = { stamp, decoded: decodeShard(name, file, text) };
      this.cache.set(file, cached);
    }
    return { name, file, accounts: cached.decoded.accounts, lines: cached.decoded.lines };
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
        await commit(this.layout.journal, this.planWrites(tx), () => {
          if (lock.lost) throw new AppError(`lost the pool lock (${lock.lost.message}); nothing was written`);
        });
      }
      return result;
    } finally {
      await lock.release();
    }
  }

  /** New text for every shard the transaction touched, plus its extra files. */
  private planWrites(tx: Transaction): PendingWrite[] {
    const { shards } = tx.snapshot;
    const byName = new Map(shards.map((s, i) => [s.name, i]));
    const removed = new Map<number, Set<string>>();
    const added = new Map<number, Account[]>();
    const dirty = new Set<number>();
    const place = (account: Account, from: number | undefined) => {
      const home = byName.get(this.shardNameOf(account.username));
      const to = from !== undefined && !tx.relocateAll ? from : home!;
      if (from !== undefined) {
        if (!removed.has(from)) removed.set(from, new Set());
        removed.get(from)!.add(keyOf(account.username));
        dirty.add(from);
      }
      if (!added.has(to)) added.set(to, []);
      added.get(to)!.push(account);
      dirty.add(to);
    };
    if (tx.relocateAll) {
      shards.forEach((shard, s) => {
        for (const account of shard.accounts) place(tx.changes.get(keyOf(account.username)) ?? account, s);
      });
      for (const account of tx.changes.values()) if (!tx.snapshot.locate(account.username)) place(account, undefined);
    } else {
      for (const account of tx.changes.values()) place(account, tx.snapshot.locate(account.username)?.shard);
    }

    const writes: PendingWrite[] = [];
    for (const s of dirty) {
      const shard = shards[s]!;
      const gone = removed.get(s);
      const rows: { key: string; line: string }[] = [];
      shard.accounts.forEach((account, i) => {
        const key = keyOf(account.username);
        if (!gone?.has(key)) rows.push({ key, line: shard.lines[i] ?? encodeAccountLine(account) });
      });
      for (const account of added.get(s) ?? []) rows.push({ key: keyOf(account.username), line: encodeAccountLine(account) });
      rows.sort((a, b) => compareAccountKeys(a.key, b.key));
      const data = encodeShard(shard.name, rows.map((r) => r.line));
      writes.push({ target: shard.file, temp: tempPathFor(shard.file, 'tx'), data, mode: 0o600 });
    }
    for (const extra of tx.extraWrites) writes.push({ ...extra, temp: tempPathFor(extra.target, 'tx') });
    return writes;
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
