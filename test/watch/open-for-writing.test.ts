// A seller's upload still being written (sftp, scp, a script that writes and pauses longer than the
// settle time): its mtime older than the settle time, the watcher took it as finished, imported the
// first half, moved it to imported/ and the rest written after went into the moved file, never
// imported. A file another process holds open for writing (this test's own process here, as
// `fuser` finds it through /proc/PID/fd) now waits in the inbox, named with that process.
import { describe, expect, it } from 'vitest';
import { appendFile, mkdir, open, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliWithin } from '../helpers/cli.js';
import { importInboxOnce } from '../../src/watch/watcher.js';
import { drop, dumpText, importedNames, makeInboxPool, poolSize, waiting } from './helpers.js';

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

  // Stop 55: a file written to for ever whose writer holds no handle open between writes (a script
  // appending a line at a time, `>>` in a loop; another user's upload, whose handle cannot be seen)
  // never settled, and `watch --once` waited for it for ever: a cron job's later runs all refused
  // beside it, and the pre-start hook never got to its allocation, so the scanner never started.
  it('--once leaves a file still written to after the settle time plus its wait, and imports the rest', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/done.txt', dumpText('dn', 2));
    const file = join(pool.inbox, 'level-30', 'grow.txt');
    await mkdir(join(pool.inbox, 'level-30'), { recursive: true });
    let n = 0;
    await appendFile(file, dumpText('gr', 1, n++));
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await appendFile(file, dumpText('gr', 1, n++)); // opened and closed at each line: no writer to find
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    let err = '';
    let out = '';
    const opened = await pool.open();
    const options = { pool: opened, inbox: pool.inbox, settleMs: 100, onceWaitMs: 300, stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: (t: string) => ((err += t), true) } };
    const tally = await importInboxOnce(options).finally(async () => {
      writing = false;
      await writer;
    });
    expect(out).toBe('imported level-30/done.txt: 2 added, 0 updated, 0 rejected\n');
    expect(err).toMatch(/^cannot import level-30\/grow\.txt now: it is still being written to, \d+ s after this run first found it so; it stays in the inbox for the next run \(a file is taken once nothing was written to it for 100 ms\)\n$/);
    expect(tally.postponed).toBe(1);
    expect(await waiting(pool.inbox)).toEqual(['level-30/grow.txt']);
    expect(await poolSize(pool)).toBe(2);
    // Once its writer stopped, the next run takes it whole.
    out = '';
    const again = await importInboxOnce({ ...options, pool: await pool.open() });
    expect(again.postponed).toBe(0);
    expect(out).toBe(`imported level-30/grow.txt: ${n} added, 0 updated, 0 rejected\n`);
    expect(await poolSize(pool)).toBe(2 + n);
  });
});
