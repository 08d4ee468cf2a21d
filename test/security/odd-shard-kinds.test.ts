// A shard file that is a FIFO, a device or a socket: a peer of a pool shared through git commits
// `shards/2.yaml` as a link to /dev/zero (git checks a committed link out as the link), or a FIFO
// or socket is left there by hand. Before, every command that read the pool waited on the FIFO for
// ever (a synchronous open on node's one thread: not even SIGTERM stopped it) or read /dev/zero
// until memory ran out. Now every command refuses at once, naming the shard and what it is;
// nothing is written over it, its accounts are not counted lost; the file put back, all works.
// Real processes with a deadline: the old behaviour hangs, which an in-process run could not survive.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { lstat, readFile, rename, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { cliWithin } from '../helpers/cli.js';
import { poolWithAccounts, shardLine } from '../helpers/pool.js';

const kinds = {
  'a FIFO': (path: string) => execFileSync('mkfifo', [path]),
  'a character device (a link to /dev/zero)': (path: string) => symlink('/dev/zero', path),
} as const;

describe('a shard that is no regular file', () => {
  for (const [kind, make] of Object.entries(kinds)) {
    it(`${kind}: every command refuses at once naming it, writes nothing; put back, the pool is whole`, async () => {
      const pool = await poolWithAccounts(12);
      const { file } = await shardLine(pool.dir, 'acc3');
      const away = join(pool.base, 'away.yaml');
      const text = await readFile(file, 'utf8');
      await rename(file, away);
      await make(file);
      const commands = [
        ['status'],
        ['allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'a.csv')],
        ['import', join(pool.base, 'dump.txt'), '--level', '30'],
        ['verify', '--fix'],
        ['export', '--out', join(pool.base, 'out.json')],
      ];
      for (const args of commands) {
        const run = await cliWithin([...args, ...pool.args], 20_000);
        expect(run.signal, args[0]).toBeNull();
        expect(run.code, args[0]).toBe(1);
        expect(run.stderr, args[0]).toContain(`${file}: the shard is ${kind}, not a file`);
        expect(run.stderr, args[0]).not.toContain('secret-');
      }
      expect((await lstat(file)).isFile()).toBe(false); // nothing written over it
      await rename(away, file).catch(async () => {
        execFileSync('rm', ['-f', file]);
        await rename(away, file);
      });
      expect(await readFile(file, 'utf8')).toBe(text);
      const status = await cliWithin(['status', '--json', ...pool.args], 20_000);
      expect(status.code).toBe(0);
      const allocate = await cliWithin(['allocate', '--count', '12', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args], 20_000);
      expect(allocate.code).toBe(0);
      expect((await readFile(join(pool.base, 'a.csv'), 'utf8')).match(/secret-/g)).toHaveLength(12);
    }, 180_000);
  }
});
