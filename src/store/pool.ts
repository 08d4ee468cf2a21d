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
import { compareAccountKeys, decodeShard, encodeAccountLine, encodeShard, shardHash, type DecodedShard } from './shard-codec.js';
import { CanonicalCache } from './canonical-cache.js';
import { Snapshot, type ShardState } from './snapshot.js';
import { Transaction } from './transaction.js';
import { acquireLock } from './lock.js';
import { commit, recover, type PendingWrite } from './journal.js';
import { tempPathFor } from './atomic-write.js';

export interface PoolOptions {
  /** The clock every transaction sees (tests inject one). */
  clock?: () => Date;
}

/** Told after every commit, still under the lock: what changed, in files and in words. */
export type CommitListener = (commit: { files: string[]; message: string }) => Promise<void>;

interface CachedShard {
  stamp: string;
  decoded: DecodedShard;
}

const SHARD_FILE = /^[^.].*\.yaml$/;

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
    await this.canonical.load();
    const shards = await Promise.all((await this.shardNames()).map((name) => this.readShard(name)));
    await this.canonical.save();
    return new Snapshot(shards);
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
    const stamp = `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
    let cached = this.cache.get(file);
    if (cached?.stamp !== stamp || verify) {
      const text = await readFile(file, 'utf8');
      const hash = shardHash(text);
      const decoded = decodeShard(name, file, text, !verify && this.canonical.isKnown(name, hash));
      if (decoded.canonical) this.canonical.remember(name, hash);
      cached = { stamp, decoded };
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
        const writes = this.planWrites(tx);
        await commit(this.layout.journal, writes, () => {
          if (lock.lost) throw new AppError(`lost the pool lock (${lock.lost.message}); nothing was written`);
        });
        await this.rememberWritten(tx, writes);
        await this.afterCommit?.({ files: writes.map((w) => w.target).filter((f) => f.startsWith(this.layout.dir)), message: tx.message });
      }
      return result;
    } finally {
      await lock.release();
    }
  }

  /** What we just wrote is canonical by construction: the next read need not prove it. */
  private async rememberWritten(tx: Transaction, writes: PendingWrite[]): Promise<void> {
    const shardFiles = new Map(tx.snapshot.shards.map((s) => [s.file, s.name]));
    for (const write of writes) {
      const name = shardFiles.get(write.target);
      if (name !== undefined && typeof write.data === 'string') this.canonical.remember(name, shardHash(write.data));
    }
    await this.canonical.save();
  }

  /** New text for every shard the transaction touched, plus its extra files. */
  private planWrites(tx: Transaction): PendingWrite[] {
    const { shards } = tx.snapshot;
    const byName = new Map(shards.map((s, i) => [s.name, i]));
    // Per dirty shard: lines replaced in place (by index), indexes moved out, accounts moved in.
    const edits = new Map<number, { replaced: Map<number, string>; removed: Set<number>; added: Account[] }>();
    const editsOf = (s: number) => {
      let e = edits.get(s);
      if (!e) edits.set(s, (e = { replaced: new Map(), removed: new Set(), added: [] }));
      return e;
    };
    const place = (account: Account) => {
      const at = tx.snapshot.locate(account.username);
      const home = byName.get(this.shardNameOf(account.username))!;
      if (at && (at.shard === home || !tx.relocateAll)) {
        editsOf(at.shard).replaced.set(at.index, encodeAccountLine(account));
        return;
      }
      if (at) editsOf(at.shard).removed.add(at.index);
      editsOf(home).added.push(account);
    };
    if (tx.relocateAll) {
      for (const account of tx.snapshot.accounts()) if (!tx.changes.has(keyOf(account.username))) place(account);
      shards.forEach((_, s) => editsOf(s)); // every shard is rewritten canonically
    }
    for (const account of tx.changes.values()) place(account);

    const writes: PendingWrite[] = [];
    for (const [s, { replaced, removed, added }] of edits) {
      const shard = shards[s]!;
      const rows: { key: string | undefined; index: number; line: string }[] = [];
      shard.accounts.forEach((account, i) => {
        if (!removed.has(i)) rows.push({ key: undefined, index: i, line: replaced.get(i) ?? shard.lines[i] ?? encodeAccountLine(account) });
      });
      let lines = rows.map((r) => r.line);
      const canonicalOrder = shard.lines.every((l) => l !== undefined);
      if (added.length > 0 || !canonicalOrder) {
        // Only now are keys needed: a canonical shard is already sorted, so most writes never sort.
        const all = [...rows.map((r) => ({ key: keyOf(shard.accounts[r.index]!.username), line: r.line })), ...added.map((a) => ({ key: keyOf(a.username), line: encodeAccountLine(a) }))];
        all.sort((a, b) => compareAccountKeys(a.key, b.key));
        lines = all.map((r) => r.line);
      }
      writes.push({ target: shard.file, temp: tempPathFor(shard.file, 'tx'), data: encodeShard(shard.name, lines), mode: 0o600 });
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
