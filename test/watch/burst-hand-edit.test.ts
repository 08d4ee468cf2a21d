// A shard edited by hand (or by another process) between two files of one burst of the inbox:
// within a burst the watcher keeps the pool as the last transaction read it (stop 60 M2, run.ts),
// and each transaction takes a shard from that read where the shard's stamp is the one its last
// commit left. An edit in place, of the same size, right after that commit (within one tick of
// the kernel's file clock: the same mtime, size and inode) must still be read, and the next
// file's commit, to the same shard, must write it back as edited, never the kept copy.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { importInboxOnce } from '../../src/watch/watcher.js';
import { drop, dumpText, makeInboxPool } from './helpers.js';

describe('a hand edit between two files of a burst', () => {
  it('is read by the next file\'s transaction and kept by its commit', async () => {
    // One shard: both files' accounts and the edit are in the same file.
    const pool = await makeInboxPool(1);
    await drop(pool.inbox, 'level-30/a.txt', dumpText('he', 3));
    await drop(pool.inbox, 'level-30/b.txt', dumpText('hf', 3));
    const opened = await pool.open();
    const shards = join(pool.dir, 'shards');
    const shard = join(shards, readdirSync(shards).find((name) => name.endsWith('.yaml'))!);
    let edited = false;
    let out = '';
    const tally = await importInboxOnce({
      pool: opened,
      inbox: pool.inbox,
      settleMs: 0,
      stdout: {
        write: (text: string) => {
          out += text;
          // a.txt's line: its commit is done, b.txt waits (the read is kept). The operator fixes
          // he1's password in place, same length: nothing of the file's stat but its bytes moves.
          if (!edited && text.includes('imported level-30/a.txt')) {
            const before = readFileSync(shard, 'utf8');
            expect(before).toContain('"password": "pw-he1"');
            writeFileSync(shard, before.replace('"password": "pw-he1"', '"password": "PW-HE1"'), { flag: 'r+' });
            edited = true;
          }
          return true;
        },
      },
      stderr: { write: () => true },
    });
    expect(out).toContain('imported level-30/b.txt: 3 added');
    expect(tally.imported).toBe(2);
    expect(edited).toBe(true);
    const accounts = new Map([...(await (await pool.open()).read()).accounts()].map((a) => [a.username, a.password]));
    expect(accounts.get('he1')).toBe('PW-HE1');
    expect([...accounts.keys()].sort()).toEqual(['he0', 'he1', 'he2', 'hf0', 'hf1', 'hf2']);
    expect(readFileSync(shard, 'utf8')).toContain('"password": "PW-HE1"');
  });

  it('another process\'s allocation between two files is kept: the next file\'s commit rewrites the held accounts\' shard', async () => {
    const pool = await makeInboxPool(1);
    await drop(pool.inbox, 'level-30/a.txt', dumpText('ha', 4));
    // b.txt gives ha0..ha3 new passwords: its commit rewrites every line the allocation held.
    await drop(pool.inbox, 'level-30/b.txt', dumpText('ha', 4).replace(/pw-/g, 'new-'));
    const opened = await pool.open();
    const csv = `${pool.dir}/../scanner.csv`;
    let allocated = '';
    const tally = await importInboxOnce({
      pool: opened,
      inbox: pool.inbox,
      settleMs: 0,
      stdout: {
        write: (text: string) => {
          // A real allocate process, between a.txt's commit and b.txt's transaction (the read kept).
          if (!allocated && text.includes('imported level-30/a.txt')) {
            allocated = execFileSync(process.execPath, [BIN, 'allocate', '--count', '2', '--no-check', '--accountcsv', csv, '--instance', 'east', ...pool.args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) || 'done';
          }
          return true;
        },
      },
      stderr: { write: () => true },
    });
    expect(tally.imported).toBe(2);
    expect(allocated).not.toBe('');
    const accounts = [...(await (await pool.open()).read()).accounts()];
    const held = accounts.filter((a) => a.holder === 'east').map((a) => a.username);
    expect(held).toHaveLength(2);
    expect(readFileSync(csv, 'utf8').split('\n').filter((l) => l.startsWith('ha')).map((l) => l.split(',')[0]).sort()).toEqual([...held].sort());
    expect(accounts.every((a) => a.password?.startsWith('new-'))).toBe(true);
    // The next allocation, asking for all four, finds two held by another instance (exit 3, all or nothing).
    const west = spawnSync(process.execPath, [BIN, 'allocate', '--count', '4', '--no-check', '--accountcsv', `${csv}.west`, '--instance', 'west', ...pool.args], { encoding: 'utf8' });
    expect(west.status).toBe(3);
    expect(west.stderr).toContain('only 2 of 4 accounts could be allocated');
    expect(west.stderr).toContain('2 held by other instances');
  });
});
