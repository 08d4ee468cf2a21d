// What a pull changed in the shards: the shard files that differ between HEAD before it and HEAD
// after it, and their accounts before and after, one shard at a time.
//
// A pull of a few allocations changes a few shards; the rest are the same bytes before and after,
// so whatever is read off the pool to see what the pull brought is read off those shards only
// (a whole read of 1,000,000 accounts: ~9 s CPU and ~700 MB, at every sync). A reshard taken
// changes every shard file: then every one is read, still one at a time.
//
// Two readers need it after each rebase that takes other hosts' commits: the damage check
// (taken-check.ts: HEAD's accounts must all still be in the pool) and the clock sightings
// (clock-sightings.ts: which holds were this host's own). `sync` makes one PulledShards per rebase
// and hands it to both, so the range is diffed once and each old copy is read out of git once
// (they each asked git themselves: a `diff` and a `cat-file` per shard twice over). Neither the old
// copies nor the new files are kept (at a reshard they are the whole pool): a reader that needs
// them from a read the other made watches the reads (`watchBefore`, `watchAfter`), so each new file
// is decoded once too (the check's verified read; the sightings decoded each again, ~9 s of CPU
// for a pull that touched every shard at 1,000,000 accounts).
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Account } from '../model.js';
import { decodeShard } from '../store/shard-codec.js';
import { git } from './run-git.js';
import { blobText } from './blob-read.js';

/** V8's longest string is ~512 MB: no shard larger was ever read here as text. */
const SHARD_TEXT_MAX_BYTES = 512 * 1024 * 1024;

/** The shard files one range changed. */
export interface ShardChanges {
  /** Every changed path under `shards/` (the record `.manifest` included). */
  readonly paths: readonly string[];
  /** Shard files (`*.yaml`) that were there before: changed or deleted. */
  readonly before: readonly string[];
  /** Shard files that are there after: changed or added. */
  readonly after: readonly string[];
}

/** Sees the accounts of each shard's copy before the pull (or file after it), as it is read. */
export type ShardWatcher = (accounts: readonly Account[]) => void;

export class PulledShards {
  private changed: Promise<ShardChanges> | undefined;
  private readonly watchers: ShardWatcher[] = [];
  private readonly read = new Set<string>();
  private readonly afterWatchers: ShardWatcher[] = [];
  private readonly readAfter = new Set<string>();

  /** `before`: HEAD before the rebase (a commit, never a name that moves with it). */
  constructor(
    readonly dir: string,
    readonly before: string,
  ) {}

  /** The shard files that differ between `before` and HEAD: one `git diff`, asked after the rebase, kept for every reader. */
  changes(): Promise<ShardChanges> {
    return (this.changed ??= this.diff());
  }

  private async diff(): Promise<ShardChanges> {
    // `STATUS\0PATH\0` pairs.
    const fields = (await git(['diff', '--name-status', '-z', '--no-renames', this.before, 'HEAD', '--', 'shards/'], { cwd: this.dir })).stdout.split('\0');
    const paths: string[] = [];
    const before: string[] = [];
    const after: string[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const path = fields[i + 1]!;
      paths.push(path);
      if (!path.endsWith('.yaml')) continue;
      if (fields[i] !== 'A') before.push(path);
      if (fields[i] !== 'D') after.push(path);
    }
    return { paths, before, after };
  }

  /** `watcher` sees every copy before the pull read from now on, by whichever reader asks. */
  watchBefore(watcher: ShardWatcher): void {
    this.watchers.push(watcher);
  }

  /** `watcher` sees every shard file the pull left (`changes().after`) read from now on, by whichever reader reads it. */
  watchAfter(watcher: ShardWatcher): void {
    this.afterWatchers.push(watcher);
  }

  /** A reader read shard file `path` as the pull left it (taken-check.ts, verified): its accounts shown to every watcher. */
  sawAfter(path: string, accounts: readonly Account[]): void {
    this.readAfter.add(path);
    for (const watcher of this.afterWatchers) watcher(accounts);
  }

  /**
   * The accounts shard file `path` held before the pull, shown to every watcher; undefined when
   * that copy does not decode (every write here refused it already). A GitError when git cannot read it.
   */
  async accountsBefore(path: string): Promise<readonly Account[] | undefined> {
    const text = await blobText(this.dir, this.before, path, SHARD_TEXT_MAX_BYTES);
    this.read.add(path);
    let accounts: readonly Account[];
    try {
      accounts = decodeShard(basename(path, '.yaml'), path, text).accounts;
    } catch {
      return undefined;
    }
    for (const watcher of this.watchers) watcher(accounts);
    return accounts;
  }

  /** The copies before the pull that no reader asked for yet, read now for the watchers (one git cannot read shows nothing). */
  async readRest(): Promise<void> {
    for (const path of (await this.changes()).before) if (!this.read.has(path)) await this.accountsBefore(path).catch(() => undefined);
  }

  /** The files the pull left that no reader read, read now for the watchers (a FileError when one does not decode). */
  async readRestAfter(): Promise<void> {
    for (const path of (await this.changes()).after) if (!this.readAfter.has(path)) this.sawAfter(path, await shardAccountsNow(this.dir, path));
  }
}

/** The accounts of shard file `path` in the work tree (a pull's result, as every write reads it); none when it is gone. */
export async function shardAccountsNow(dir: string, path: string): Promise<readonly Account[]> {
  const file = join(dir, path);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return text === undefined ? [] : decodeShard(basename(path, '.yaml'), file, text).accounts;
}
