// A seller's upload still being written (sftp, scp, a script that writes and pauses longer than the
// settle time): its mtime older than the settle time, the watcher took it as finished, imported the
// first half, moved it to imported/ and the rest written after went into the moved file, never
// imported. A file another process holds open for writing (this test's own process here, as
// `fuser` finds it through /proc/PID/fd) now waits in the inbox, named with that process.
import { describe, expect, it } from 'vitest';
import { mkdir, open, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliWithin } from '../helpers/cli.js';
import { dumpText, importedNames, makeInboxPool, poolSize, waiting } from './helpers.js';

describe('a dump still open for writing', () => {
  it.skipIf(process.platform !== 'linux')('waits in the inbox naming the writer (watch --once exit 1); closed, it is imported whole', async () => {
    const pool = await makeInboxPool(4);
    const dir = join(pool.inbox, 'level-30');
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'upload.txt');
    const writer = await open(file, 'w');
    try {
      await writer.write(dumpText('up', 3));
      await writer.sync();
      const past = new Date(Date.now() - 3_600_000);
      await utimes(file, past, past); // long settled by its mtime
      const run = await cliWithin(['watch', '--once', ...pool.args], 120_000); // a real process: this one is the writer
      expect(run.stderr).toContain(`waiting for level-30/upload.txt: `);
      expect(run.stderr).toContain(`(PID ${process.pid}) still has it open for writing; the file is taken once it is closed; it stays in the inbox`);
      expect(run.code).toBe(1);
      expect(await poolSize(pool)).toBe(0);
      expect(await waiting(pool.inbox)).toEqual(['level-30/upload.txt']);
      await writer.write(dumpText('up', 3, 3));
    } finally {
      await writer.close();
    }
    const after = await cli(['watch', '--once', ...pool.args]);
    expect(after.stdout).toBe('imported level-30/upload.txt: 6 added, 0 updated, 0 rejected\n');
    expect(after.code).toBe(0);
    expect(await importedNames(pool.inbox)).toEqual(['upload.txt']);
    expect(await poolSize(pool)).toBe(6);
  });
});
