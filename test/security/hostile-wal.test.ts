// A SQLite -wal file is made by whoever made the database: a copy of NecroBot2's config/ from a
// bot host, or a file dropped into the inbox. Its frames are checksummed, but the checksum is no
// secret (sqlite.org fileformat2, 4.4 "Checksum Algorithm"; SQLite's own src/wal.c,
// walChecksumBytes), so a hostile log passes it. Its commit frame states the database's size in
// pages after the commit (fileformat2, 4.2 "WAL Frame Header", bytes 4-7; the `nTruncate` of
// wal.c's walEncodeFrame): a 4 KB log stating 1,000,000 pages made `import` build a 4 GB
// database in memory (8 GB resident, then sql.js copied it), and 4294967295 pages failed with a
// bare RangeError. A database grows only by pages it writes, so a commit never states more pages
// than the database file and the log's own frames hold: a log that does is refused naming the
// file, before any memory is taken for it. The real CLI runs in a real process under a 300 MB
// heap (the memory goal), with a deadline that only bounds a hang.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyWal } from '../../src/formats/databases/sqlite-wal.js';
import { cliWithin } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

/** SQLite's WAL checksum, big-endian words (fileformat2 4.4; wal.c walChecksumBytes). */
function checksum(buf: Buffer, from: number, to: number, s: [number, number]): [number, number] {
  let [a, b] = s;
  for (let i = from; i < to; i += 8) {
    a = (a + buf.readUInt32BE(i) + b) >>> 0;
    b = (b + buf.readUInt32BE(i + 4) + a) >>> 0;
  }
  return [a, b];
}

/** A log of one valid commit frame (page `page`, holding the database's page 1) stating `pages` pages after it. */
function walStating(db: Buffer, pages: number, page = 1): Buffer {
  const size = db.readUInt16BE(16) === 1 ? 65536 : db.readUInt16BE(16);
  const wal = Buffer.alloc(32 + 24 + size);
  wal.writeUInt32BE(0x377f0683, 0); // big-endian checksums
  wal.writeUInt32BE(3007000, 4);
  wal.writeUInt32BE(size, 8);
  wal.writeUInt32BE(0x1234abcd, 16);
  wal.writeUInt32BE(0x5678ef01, 20);
  let sum = checksum(wal, 0, 24, [0, 0]);
  wal.writeUInt32BE(sum[0], 24);
  wal.writeUInt32BE(sum[1], 28);
  wal.writeUInt32BE(page, 32);
  wal.writeUInt32BE(pages, 36);
  wal.writeUInt32BE(0x1234abcd, 40);
  wal.writeUInt32BE(0x5678ef01, 44);
  db.copy(wal, 56, 0, size);
  sum = checksum(wal, 32, 40, sum);
  sum = checksum(wal, 56, 56 + size, sum);
  wal.writeUInt32BE(sum[0], 48);
  wal.writeUInt32BE(sum[1], 52);
  return wal;
}

/** NecroBot2's table (Model/Account.cs) with one account, made by the real sqlite3. */
async function necrobotDb(): Promise<string> {
  const file = join(await testdir(), 'accounts.db');
  execFileSync('sqlite3', [file], {
    input: "CREATE TABLE Account(Id INTEGER PRIMARY KEY, Username TEXT, Password TEXT, AuthType INTEGER, Level INTEGER); INSERT INTO Account(Username, Password, AuthType, Level) VALUES ('walhostile1', 'Hostile wal pw 1', 1, 30);",
  });
  return file;
}

describe('a -wal file whose commit states a database larger than it and the database hold', () => {
  it('refused before any memory is taken: never a buffer of the stated size', async () => {
    const db = readFileSync(await necrobotDb());
    const pages = db.length / 4096;
    for (const stated of [100_000, 0xffffffff]) {
      expect(applyWal(db, walStating(db, stated))).toBe(`its -wal file states a database of ${stated} pages, more than the ${pages} of the database and its log together`);
    }
    // One frame for the last of 100,000 pages: the pages between are written by no one.
    expect(applyWal(db, walStating(db, 100_000, 100_000))).toBe(`its -wal file states a database of 100000 pages, more than the ${pages + 1} of the database and its log together`);
    // The database's own size, as every honest commit that neither grows nor shrinks it states; one page more, written by the log.
    expect(applyWal(db, walStating(db, pages))).toMatchObject({ commits: 1 });
    expect(applyWal(db, walStating(db, pages + 1, pages + 1))).toMatchObject({ commits: 1 });
  });

  it('the real import of a 4 KB log stating 16 TB: exit 1 naming the file and what is wrong with it', async () => {
    const pool = await makePool(2);
    const file = await necrobotDb();
    writeFileSync(`${file}-wal`, walStating(readFileSync(file), 0xffffffff));
    const run = await cliWithin(['import', ...pool.args, '--dry-run', file], 60_000, { env: { NODE_OPTIONS: '--max-old-space-size=300' } });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}: its -wal file states a database of 4294967295 pages`);
    expect(run.stderr + run.stdout).not.toContain('Hostile wal pw');
  });
});

describe('the watcher given such a log with its database', () => {
  it('sets the pair aside in failed/ with the reason, imports nothing, and goes on', async () => {
    const pool = await makePool(2);
    const db = await necrobotDb();
    const level = join(pool.base, 'inbox', 'level-30');
    mkdirSync(level, { recursive: true });
    writeFileSync(join(level, 'accounts.db'), readFileSync(db));
    writeFileSync(join(level, 'accounts.db-wal'), walStating(readFileSync(db), 0xffffffff));
    const run = await cliWithin(['watch', '--once', ...pool.args], 60_000, { env: { NODE_OPTIONS: '--max-old-space-size=300' } });
    expect(run.signal).toBeNull();
    expect(run.stdout + run.stderr).toContain('failed level-30/accounts.db: its -wal file states a database of 4294967295 pages');
    expect(readdirSync(join(pool.base, 'inbox', 'failed')).sort()).toEqual(['accounts.db', 'accounts.db-wal', 'accounts.db.error.txt']);
    expect((await cliWithin(['export', ...pool.args], 30_000)).stdout).not.toContain('walhostile1');
  });
});

describe('a -wal file beside the database that is no file', () => {
  // `import config/accounts.db` reads config/accounts.db-wal too, a file the operator never named:
  // made a FIFO it hung import for ever, made a link to /dev/zero it was read until memory ran out.
  const cases: [string, (wal: string) => void, string][] = [
    ['a FIFO', (wal) => execFileSync('mkfifo', [wal]), 'is a FIFO, not a file'],
    ['a link to /dev/zero', (wal) => symlinkSync('/dev/zero', wal), 'is a character device, not a file'],
    ['a folder', (wal) => mkdirSync(wal), 'is a folder, not a file'],
  ];
  for (const [what, make, says] of cases) {
    it(`${what}: refused at once naming it, nothing imported`, async () => {
      const pool = await makePool(2);
      const file = await necrobotDb();
      make(`${file}-wal`);
      const run = await cliWithin(['import', ...pool.args, '--level', '30', file], 30_000);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${file}: its -wal file ${file}-wal ${says}`);
      expect((await cliWithin(['export', ...pool.args], 30_000)).stdout).not.toContain('walhostile1');
    });
  }

  it('a log over max_dump_size: refused naming the setting, never read whole', async () => {
    const pool = await makePool(2);
    await pool.configure({ max_dump_size: '100000' });
    const file = await necrobotDb();
    writeFileSync(`${file}-wal`, Buffer.alloc(200_000));
    const run = await cliWithin(['import', ...pool.args, '--level', '30', file], 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}: its -wal file holds more than 100000 bytes, over max_dump_size`);
  });
});
