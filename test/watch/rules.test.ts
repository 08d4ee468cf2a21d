// The small rules of the inbox, one by one: what is ignored, which folder gives which level,
// how clashing names are suffixed, when a file counts as finished, how the queue behaves.
import { describe, expect, it } from 'vitest';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { testdir, waitFor } from '../helpers/testdir.js';
import { ignoreRule } from '../../src/watch/ignore.js';
import { folderLevel } from '../../src/watch/level-folder.js';
import { freeName, moveToFailed, openFailed, suffixed } from '../../src/watch/move.js';
import { openInboxFolder } from '../../src/watch/inbox-folder.js';
import { SettleCheck } from '../../src/watch/settle.js';
import { FileQueue } from '../../src/watch/queue.js';
import { isDumpFault } from '../../src/watch/import-file.js';
import { AppError, FileError, LockBusyError, LockLostError, WriteError } from '../../src/errors.js';

describe('ignore rule', () => {
  const inbox = '/home/me/.local/share/accountpool/inbox';
  const ignored = ignoreRule(inbox, ['/home/me/.local/share/accountpool/inbox/pool']);
  it('skips hidden files and folders, editor and download temp files, and its own folders', () => {
    for (const rel of ['.hidden', '.x.txt.swp', 'x.txt.swp', 'x.swo', 'dump.txt~', 'dump.txt.part', 'dump.txt.filepart', 'dump.crdownload', 'dump.TMP', '.git/dump.txt', 'level-30/.#dump.txt', 'imported', 'imported/2026-01-01/a.txt', 'failed', 'failed/a.txt.error.txt', 'pool/accountpool.yaml']) {
      expect(ignored(join(inbox, rel)), rel).toBe(true);
    }
  });
  it('takes ordinary dumps anywhere else, even when the inbox itself is under a hidden folder', () => {
    for (const rel of ['dump.txt', 'accounts.csv', 'level-30/dump.txt', '30/seller/mail.eml', 'sub/imported/x.txt', 'part', 'tmp.txt']) {
      expect(ignored(join(inbox, rel)), rel).toBe(false);
    }
    expect(ignored(inbox)).toBe(false);
    expect(ignored('/elsewhere/dump.txt')).toBe(true);
  });
});

describe('level folders', () => {
  it('level-N and N give the level; the nearest level folder counts', () => {
    expect(folderLevel('level-30/dump.txt')).toEqual({ level: 30 });
    expect(folderLevel('30/dump.txt')).toEqual({ level: 30 });
    expect(folderLevel('Level-7/seller/dump.txt')).toEqual({ level: 7 });
    expect(folderLevel('level-30/level-35/dump.txt')).toEqual({ level: 35 });
    expect(folderLevel('dump.txt')).toEqual({ level: undefined });
    expect(folderLevel('seller-x/dump.txt')).toEqual({ level: undefined });
  });
  it('a folder that means a level but is not one is an error, never a guess', () => {
    expect(folderLevel('level-99/dump.txt')).toEqual({ error: expect.stringContaining('levels go from 1 to 50') });
    expect(folderLevel('0/dump.txt')).toEqual({ error: expect.stringContaining('level 0') });
    expect(folderLevel('level-abc/dump.txt')).toEqual({ error: expect.stringContaining('not a level folder') });
  });
});

describe('names', () => {
  it('suffixes before the extension', () => {
    expect(suffixed('dump.txt', 1)).toBe('dump (1).txt');
    expect(suffixed('dump', 2)).toBe('dump (2)');
    expect(suffixed('archive.tar.gz', 1)).toBe('archive.tar (1).gz');
  });
  it('finds the first free name, and a failed file never takes a name whose note exists', async () => {
    const dir = await openInboxFolder(await realpath(await testdir({ 'dump.txt': 'a', 'dump (1).txt': 'b', 'x.txt.error.txt': 'someone else' })), '');
    expect(await freeName(dir, 'dump.txt')).toBe('dump (2).txt');
    expect(await freeName(dir, 'new.txt')).toBe('new.txt');
    await dir.close();
    const inbox = await realpath(await testdir({ 'x.txt': 'dump', 'failed/x.txt.error.txt': 'a note left alone' }));
    const [from, failed] = [await openInboxFolder(inbox, ''), await openFailed(inbox)];
    expect(await moveToFailed({ from, name: 'x.txt' }, failed, 'why')).toBe('failed/x (1).txt');
    await Promise.all([from.close(), failed.close()]);
  });
});

describe('settle check', () => {
  it('an old file is finished at once; a fresh one after settleMs; a changing one never', () => {
    const check = new SettleCheck(500);
    expect(check.wait('old', { size: 10, mtimeMs: 1000 }, 5000)).toBe(0);
    expect(check.wait('fresh', { size: 10, mtimeMs: 4900 }, 5000)).toBe(400);
    expect(check.wait('fresh', { size: 10, mtimeMs: 4900 }, 5400)).toBe(0);
    expect(check.wait('growing', { size: 10, mtimeMs: 4900 }, 5000)).toBeGreaterThan(0);
    expect(check.wait('growing', { size: 20, mtimeMs: 5300 }, 5400)).toBeGreaterThan(0);
  });
  it('a file whose mtime is in the future (a network clock ahead) is finished once it stops changing', () => {
    const check = new SettleCheck(500);
    expect(check.wait('f', { size: 10, mtimeMs: 99_000 }, 5000)).toBeGreaterThan(0);
    expect(check.wait('f', { size: 10, mtimeMs: 99_000 }, 5200)).toBeGreaterThan(0);
    expect(check.wait('f', { size: 10, mtimeMs: 99_000 }, 5500)).toBe(0);
  });
});

describe('queue', () => {
  it('handles one file at a time, each path once, and waits for retries before it is idle', async () => {
    let running = 0;
    let most = 0;
    const handled: string[] = [];
    let retried = false;
    const queue: FileQueue = new FileQueue(async (path) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      handled.push(path);
      if (path === 'b' && !retried) {
        retried = true;
        queue.later('b', 20);
      }
      running--;
    }, () => {});
    for (const p of ['a', 'b', 'a', 'c', 'c', 'b']) queue.add(p);
    await queue.idle();
    // a was reported again while being handled (handled again at the end); b and c twice while
    // waiting (once each); b asked for a retry.
    expect(handled).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(most).toBe(1);
  });
  it('stop lets the current file finish and starts no other', async () => {
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const queue = new FileQueue(async (path) => {
      if (path === 'a') await gate;
      handled.push(path);
    }, () => {});
    queue.add('a');
    queue.add('b');
    const stopped = queue.stop();
    release();
    await stopped;
    expect(handled).toEqual(['a']);
  });
  it('reports a handler that throws and goes on', async () => {
    const errors: string[] = [];
    const handled: string[] = [];
    const queue = new FileQueue(async (path) => {
      if (path === 'bad') throw new Error('bug');
      handled.push(path);
    }, (path) => errors.push(path));
    queue.add('bad');
    queue.add('good');
    await waitFor(() => handled.length === 1);
    expect(errors).toEqual(['bad']);
  });
  it('says a burst is over only once no file waits: the watcher keeps the pool read within one (run.ts)', async () => {
    const seen: string[] = [];
    const queue: FileQueue = new FileQueue(
      async (path) => {
        await new Promise((r) => setImmediate(r)); // asked once the file is handled, as run.ts does
        seen.push(`${path}:${queue.hasWaiting ? 'more' : 'last'}`);
        if (path === 'b') queue.later('r', 5); // a retry's timer is no file waiting
      },
      () => {},
      () => seen.push('drained'),
    );
    for (const p of ['a', 'b', 'c']) queue.add(p);
    await queue.idle();
    expect(seen).toEqual(['a:more', 'b:more', 'c:last', 'drained', 'r:last', 'drained']);
  });
});

describe('whose fault', () => {
  it('errors naming the dump are the dump\'s; the lock, shards and the machine are not', () => {
    expect(isDumpFault(new AppError('level-30/d.txt:14: bad'), 'level-30/d.txt')).toBe(true);
    expect(isDumpFault(new AppError('level-30/d.txt: not a dump'), 'level-30/d.txt')).toBe(true);
    expect(isDumpFault(new TypeError('reader choked'), 'd.txt')).toBe(true);
    expect(isDumpFault(new LockBusyError('d.txt: busy'), 'd.txt')).toBe(false);
    expect(isDumpFault(new FileError('/pool/shards/3.yaml', 2, 'bad yaml'), 'd.txt')).toBe(false);
    expect(isDumpFault(new LockLostError('d.txt: lost the pool lock'), 'd.txt')).toBe(false);
    expect(isDumpFault(Object.assign(new Error('no space'), { code: 'ENOSPC' }), 'd.txt')).toBe(false);
    expect(isDumpFault(new WriteError('d.txt', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })), 'd.txt')).toBe(false);
  });
});
