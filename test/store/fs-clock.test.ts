// A shard's circle index is trusted by its stat stamp once the file system's own clock, read
// before the stat, had passed the shard's times (src/store/fs-clock.ts): a change after that
// stat cannot keep the stamp. A tie, another file system or no clock at all falls back to
// hashing the shard (the racy-timestamp rule), so an edit that kept the stamp is still read.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { candidatesIn } from '../../src/allocate/select.js';
import { changedNs, clockText, readFsClock, settledByClock, SharedFsClock } from '../../src/store/fs-clock.js';
import { stampOf } from '../../src/store/file-stamp.js';
import { Pool } from '../../src/store/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { editLine, shardLine } from '../helpers/pool.js';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');

describe('the file system clock', () => {
  it('settles a stamp only on the same file system, with times strictly before the clock', () => {
    const info = { dev: 7n, mtimeNs: 1_000n, ctimeNs: 1_500n };
    expect(settledByClock(info, '7:1501')).toBe(true);
    expect(settledByClock(info, '7:1500')).toBe(false); // a tie: the tick may hide a change
    expect(settledByClock(info, '7:1200')).toBe(false); // the ctime is the later time
    expect(settledByClock(info, '8:9999')).toBe(false); // another file system's clock says nothing
    expect(settledByClock(info, undefined)).toBe(false);
    expect(settledByClock(info, '7:x')).toBe(false);
    expect(settledByClock(info, '71501')).toBe(false);
  });

  it('reads a time no earlier than any file written before it and no later than any written after', async () => {
    const dir = await testdir();
    await writeFile(join(dir, 'before'), 'a');
    const clock = readFsClock(join(dir, 'clock'))!;
    await writeFile(join(dir, 'after'), 'b');
    const before = await stat(join(dir, 'before'), { bigint: true });
    const after = await stat(join(dir, 'after'), { bigint: true });
    expect(clock.dev).toBe(before.dev);
    expect(changedNs(before) <= clock.ns).toBe(true);
    expect(changedNs(after) >= clock.ns).toBe(true);
  });

  it('writes through no link and into no FIFO', async () => {
    const dir = await testdir();
    await writeFile(join(dir, 'target'), 'kept');
    await symlink(join(dir, 'target'), join(dir, 'link'));
    expect(readFsClock(join(dir, 'link'))).toBeUndefined();
    expect(await readFile(join(dir, 'target'), 'utf8')).toBe('kept');
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(readFsClock(join(dir, 'fifo'))).toBeUndefined(); // and did not wait for a reader
  });

  it('is probed once for a pool\'s readers while the probe is recent, and again once it is not', async () => {
    const dir = await testdir();
    const shared = new SharedFsClock(60 * 60 * 1000); // an hour: however slow the machine, still recent below
    const first = shared.now(join(dir, 'circle-clock'));
    expect(first).toBeDefined();
    expect(shared.now(join(dir, 'log-clock'))).toBe(first); // the second reader's probe is not written
    expect(existsSync(join(dir, 'log-clock'))).toBe(false);
    const never = new SharedFsClock(0); // nothing is recent: each reader probes its own file
    expect(never.now(join(dir, 'a'))).toBeDefined();
    expect(never.now(join(dir, 'b'))).toBeDefined();
    expect(existsSync(join(dir, 'b'))).toBe(true);
    expect(new SharedFsClock().now(join(dir, 'missing', 'clock'))).toBeUndefined(); // no folder: no clock, nothing kept
  });
});

describe('a circle index trusted by the file system clock', () => {
  async function available(pool: Pool) {
    return pool.transaction(
      (tx) => {
        const c = candidatesIn(tx, pool.config, { min: 30, max: 31 }, 'east');
        // Counted off the indexes' columns; no account read (reading one checks its line's hash).
        return { indexed: tx.circleView !== undefined, available: c.available };
      },
      { lean: true },
    );
  }

  /** A pool of 20 accounts in 2 shards, the shard holding user4 and its sighting's file. */
  async function twentyAccounts() {
    const dir = join(await testdir(), 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '2'])).code).toBe(0);
    const pool = await Pool.open(dir, { clock: () => NOW });
    await pool.transaction((tx) => {
      for (let i = 0; i < 20; i++) tx.put(makeAccount(i, { username: `user${i}`, level: 30 }));
    });
    const { file } = await shardLine(dir, 'user4');
    return { dir, pool, file, sightingFile: join(dir, '.cache', 'circle', `${file.split('/').pop()!.replace('.yaml', '')}.json`) };
  }

  it('is hashed again where the shard\'s times tie with the clock or the clock is another file system\'s, so an edit that kept the stamp is read', async () => {
    const { dir, pool, file, sightingFile } = await twentyAccounts();
    expect(await available(pool)).toMatchObject({ indexed: true, available: 20 });
    const indexed = JSON.parse(await readFile(sightingFile, 'utf8'));
    const columns = await readFile(sightingFile.replace(/json$/, 'idx'));
    // An edit of the same size, as if made in the same timestamp tick as the sighting's stat: the
    // sighting (the index of the bytes before it) claims the stamp the edited file has now.
    await editLine(dir, 'user4', (line) => line.replace('"level": 30', '"level": 29'));
    const info = await stat(file, { bigint: true });
    const forged = async (clock: string) => {
      await writeFile(sightingFile.replace(/json$/, 'idx'), columns); // a look that hashed it made it again
      await writeFile(sightingFile, JSON.stringify({ ...indexed, stamp: stampOf(info), checkedAt: 0, clock }));
      // The heads file (circle-heads.ts) holds each shard's sighting too, as the last look made it: gone, the forged one is what is read.
      await rm(join(dirname(sightingFile), 'heads.json'), { force: true });
    };
    const fresh = () => Pool.open(dir, { clock: () => NOW });

    await forged(`${info.dev}:${changedNs(info)}`); // the clock ties with the edit's times
    expect(await available(await fresh())).toMatchObject({ indexed: true, available: 19 });
    await forged(`${info.dev + 1n}:${changedNs(info) + 1_000_000_000n}`); // later, but another file system's
    expect(await available(await fresh())).toMatchObject({ indexed: true, available: 19 });
    // Read strictly after the edit's times, on its file system: the stamp is trusted unread (here,
    // wrongly, as only a forged sighting can make it), which is what spares the hashing.
    await forged(`${info.dev}:${changedNs(info) + 1n}`);
    expect(await available(await fresh())).toMatchObject({ indexed: true, available: 20 });
  });

  it('saves a sighting with the clock read before its stat, once the shard\'s times are before it', async () => {
    const { dir, file, sightingFile } = await twentyAccounts();
    const written = await stat(file, { bigint: true });
    // The first look makes the index (no folder for the clock's file yet); the next, within the
    // racy margin of the write, hashes the shard once and saves the clock it read before the stat.
    expect(await available(await Pool.open(dir, { clock: () => NOW }))).toMatchObject({ indexed: true, available: 20 });
    const clock = readFsClock(join(dir, '.cache', 'probe'))!;
    expect(changedNs(written) < clock.ns).toBe(true);
    expect(await available(await Pool.open(dir, { clock: () => NOW }))).toMatchObject({ indexed: true, available: 20 });
    const sighting = JSON.parse(await readFile(sightingFile, 'utf8'));
    expect(sighting.stamp).toBe(stampOf(written));
    expect(sighting.clock.split(':')[0]).toBe(clockText(clock)!.split(':')[0]);
    expect(BigInt(sighting.clock.split(':')[1]) >= clock.ns).toBe(true);
    expect(settledByClock(written, sighting.clock)).toBe(true);
  });
});
