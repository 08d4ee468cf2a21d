// The inbox's record of content it took before (.cache/inbox-taken/, watch/taken-files.ts), found
// as a link to /dev/zero or a FIFO (put by hand: only the pool's commit writes it). The watcher read
// /dev/zero for 25 s and 600 MB, then its transaction refused to write the record over a device, so
// the dump stayed in the inbox and every run paid again; a FIFO hung it. Now such a record reads as
// none and is made again, as every cache is (odd-own-files.test.ts): the dump is imported and filed.
// Real `watch --once` processes with a deadline (a bound on a hang, not a speed).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readFile, realpath, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWithin } from '../helpers/cli.js';
import { drop, importedNames, makeInboxPool, poolSize, waiting } from '../watch/helpers.js';

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

const ODD: Record<string, (path: string) => Promise<void>> = {
  'a link to /dev/zero': (path) => symlink('/dev/zero', path),
  'a FIFO': async (path) => void execFileSync('mkfifo', [path]),
};

describe('a record of what the inbox took that is no file', () => {
  for (const [what, make] of Object.entries(ODD)) {
    it(`${what}: the dump is imported and filed, the record made again as a file`, async () => {
      const pool = await makeInboxPool(2);
      const text = 'taken01:pw-taken-1\ntaken02:pw-taken-2\n';
      await drop(pool.inbox, 'level-30/stock.txt', text);
      const dir = join(pool.dir, '.cache', 'inbox-taken', sha1(await realpath(pool.inbox)).slice(0, 16));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const record = join(dir, `${sha1(text)}.json`);
      await make(record);
      const run = await cliWithin(['watch', '--once', ...pool.args], 60_000);
      expect(run.signal, 'hung').toBeNull();
      expect(run.code, run.stderr).toBe(0);
      expect(await waiting(pool.inbox)).toEqual([]);
      expect(await importedNames(pool.inbox)).toEqual(['stock.txt']);
      expect(await poolSize(pool)).toBe(2);
      expect((await lstat(record)).isFile()).toBe(true);
      expect(JSON.parse(await readFile(record, 'utf8'))).toMatchObject({ name: 'level-30/stock.txt' });
    });
  }
});

// The same for the inbox's receipts (.inbox-receipts/, watch/receipts.ts): the one of the dump
// being imported, and a stray one that the watcher's start reads to remove it when stale.
describe('an inbox receipt that is no file', () => {
  for (const [what, make] of Object.entries(ODD)) {
    it(`${what}, in the dump's receipt's place and as a stray one: the dump is imported and filed`, async () => {
      const pool = await makeInboxPool(2);
      const text = 'receipt01:pw-receipt-1\nreceipt02:pw-receipt-2\n';
      await drop(pool.inbox, 'level-30/stock.txt', text);
      const dir = join(pool.dir, '.inbox-receipts', sha1(await realpath(pool.inbox)).slice(0, 16));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await make(join(dir, `${sha1('level-30/stock.txt').slice(0, 24)}.json`));
      await make(join(dir, `${'0'.repeat(24)}.json`));
      const run = await cliWithin(['watch', '--once', ...pool.args], 60_000);
      expect(run.signal, 'hung').toBeNull();
      expect(run.code, run.stderr).toBe(0);
      expect(await waiting(pool.inbox)).toEqual([]);
      expect(await importedNames(pool.inbox)).toEqual(['stock.txt']);
      expect(await poolSize(pool)).toBe(2);
    });
  }
});
