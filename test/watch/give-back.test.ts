// Between two inbox files (once no other waits) the watcher holds nothing of the pool its last import read, and has
// handed that memory back: an idle process allocates nothing, so V8 would otherwise collect the
// import's garbage only during the next import, whose own memory comes on top (at a million
// accounts the watcher then sat at the first import's peak for good).
import { describe, expect, it } from 'vitest';
import { importInboxOnce } from '../../src/watch/watcher.js';
import type { ShardState } from '../../src/store/shard-state.js';
import { drop, dumpText, makeInboxPool } from './helpers.js';

describe('watcher memory between files', () => {
  // A process's first file is always collected (later ones once the heap in use grew by 16 MB,
  // which a million-account import does and this small one does not).
  it('the shards an import read are collected by the time its line is printed; within a burst, by the last file\'s', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/a.txt', dumpText('gb', 50));
    await drop(pool.inbox, 'level-30/b.txt', dumpText('gc', 50));
    const opened = await pool.open();
    // The real method, wrapped (the pool reads real files): a weak reference to every shard read.
    // (Not vi.spyOn: a spy keeps every result it returned.)
    const read: WeakRef<ShardState>[] = [];
    const readShard = opened.readShard.bind(opened);
    opened.readShard = async (...args) => {
      const state = await readShard(...args);
      read.push(new WeakRef(state));
      return state;
    };
    const alive: number[] = [];
    let out = '';
    const tally = await importInboxOnce({
      pool: opened,
      inbox: pool.inbox,
      settleMs: 0,
      // Counted when each file's line is written: the next file could come at once.
      stdout: { write: (t: string) => ((out += t), alive.push(read.filter((r) => r.deref() !== undefined).length)) },
      stderr: { write: () => true },
    });
    expect(tally.imported).toBe(2);
    expect(out).toContain('imported level-30/a.txt: 50 added');
    expect(out).toContain('imported level-30/b.txt: 50 added');
    expect(read.length).toBeGreaterThan(0);
    // The first file's read is kept while the second waits (its transaction takes the shards the
    // first did not write from the cache: stop 60 M2); the last file's line finds none alive.
    expect(alive[0]).toBeGreaterThan(0);
    expect(alive[1]).toBe(0);
  });
});
