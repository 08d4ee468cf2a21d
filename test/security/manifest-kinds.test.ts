// shards/.manifest, the record of what the pool holds, is committed with the shards and comes with
// every pull of a pool shared through git, where a committed link is checked out as a link. One
// leading to a FIFO hung every command for ever. Read as absent it would turn the check for lost
// accounts off; so it is refused, naming the file and what it is, and every write waits for it.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { cliWithin } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

/** A real process, killed at a 20 s deadline that bounds a hang (each command ends in a second or two). */
const run = (args: string[]) => cliWithin(args, 20_000);

describe('a shards/.manifest that is a link to a FIFO', () => {
  it('status and a write name it at once; moved back, both go through', async () => {
    const pool = await poolWithAccounts(20);
    const manifest = join(pool.dir, 'shards', '.manifest');
    const kept = join(pool.base, 'manifest.kept');
    await rename(manifest, kept);
    const fifo = join(pool.base, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await symlink(fifo, manifest);
    for (const args of [['status'], ['allocate', '--count', '2', '--instance', 'east', '--no-check', '--accountcsv', join(pool.base, 'accounts.csv')]]) {
      const result = await run([...args, ...pool.args]);
      expect(result.signal, args[0]).toBeNull();
      expect(result.code, args[0]).toBe(1);
      expect(result.stderr, args[0]).toContain(`${manifest}:1: is a link`);
    }
    await rm(manifest);
    await rename(kept, manifest);
    expect((await run(['status', ...pool.args])).code).toBe(0);
  }, 90_000);
});
