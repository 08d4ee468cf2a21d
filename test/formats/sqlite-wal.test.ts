// NecroBot2's config/accounts.db copied while NecroBot runs: what it wrote since the last
// checkpoint is only in accounts.db-wal beside it. The fixtures are the real SQLite's
// (test/fixtures/generators/make-necrobot-wal.py: Python's sqlite3 in WAL mode, the connection
// held open while both files were copied). The log is applied as SQLite applies it (sqlite.org
// fileformat2, 4 "The Write-Ahead Log"): committed frames only, checksums checked; the CLI reads
// the -wal file beside the database, and says so when a database in WAL mode comes without one.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { toDumpInput } from '../../src/formats/decode.js';
import { applyWal, isWalDatabase } from '../../src/formats/databases/sqlite-wal.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { FIXTURES, fixtureBytes } from './helpers.js';

const DB = 'necrobot2-accounts-running.db';
const db = () => fixtureBytes(DB);
const wal = () => fixtureBytes(`${DB}-wal`);

const read = async (bytes: Buffer, log?: Buffer) => {
  const input = toDumpInput('accounts.db', bytes);
  if (log) input.wal = log;
  const r = await readDump(input);
  return r.accounts.map((a) => [a.username, a.password, a.level, a.state]);
};

/** Before the session: what the database file alone holds. */
const CHECKPOINTED = [
  ['necro2_ash01', 'Necr0:pw,1', 23, undefined],
  ['necro2_misty02', 'Necr0 pw "2"', undefined, undefined],
  ['necro2.brock03@gmail.com', 'Onix Rock 3', 19, 'temp_banned'],
  ['necro2_fail04', 'wrong pass 4', undefined, undefined],
  ['necro2_warn05', 'Warn 5!', 12, 'warned'],
];
/** After both of the session's transactions. */
const RUNNING = [
  ['necro2_ash01', 'Necr0:pw,1', 24, undefined],
  ['necro2_misty02', 'Necr0 pw "2"', 7, 'temp_banned'],
  ['necro2.brock03@gmail.com', 'Onix Rock 3', 19, 'temp_banned'],
  ['necro2_fail04', 'wrong pass 4', undefined, undefined],
  ['necro2_warn05', 'Warn 5!', 12, 'warned'],
  ['necro2_wal06', "Wal'n\tNéw 6", 3, undefined],
];

const PAGE = 4096;
const FRAME = 24 + PAGE;
/** The log cut after its first `frames` frames. */
const firstFrames = (log: Buffer, frames: number) => log.subarray(0, 32 + frames * FRAME);
/** Frames of the log, and which of them commit. */
const commitFrames = (log: Buffer) => {
  const out: number[] = [];
  for (let i = 0, at = 32; at + FRAME <= log.length; i++, at += FRAME) if (log.readUInt32BE(at + 4) > 0) out.push(i);
  return out;
};

describe("a SQLite database's write-ahead log", () => {
  it('the fixture is what the issue says: a database in WAL mode whose file alone lacks the session', async () => {
    expect(isWalDatabase(db())).toBe(true);
    expect(await read(db())).toEqual(CHECKPOINTED);
    expect(commitFrames(wal())).toHaveLength(2);
  });

  it("with its -wal file, every committed change is read: a new level, a login that said Banned, an account added", async () => {
    expect(await read(db(), wal())).toEqual(RUNNING);
  });

  it('a transaction whose frames were cut short (the copy taken mid-write) is not read, the ones before it are', async () => {
    const [first, second] = commitFrames(wal());
    // Every frame of the first transaction, and all but the commit frame of the second.
    const cut = firstFrames(wal(), second!);
    const afterFirst = await read(db(), cut);
    expect(afterFirst).toEqual([['necro2_ash01', 'Necr0:pw,1', 24, undefined], ...CHECKPOINTED.slice(1)]);
    expect(await read(db(), firstFrames(wal(), first!))).toEqual(CHECKPOINTED); // the first commit frame itself missing
  });

  it('a frame whose checksum fails ends the log there: its transaction and every later one are not read', async () => {
    const [, second] = commitFrames(wal());
    const broken = Buffer.from(wal());
    broken[32 + second! * FRAME + 24 + 100]! ^= 0xff; // a byte of the second commit frame's page
    expect(await read(db(), broken)).toEqual([['necro2_ash01', 'Necr0:pw,1', 24, undefined], ...CHECKPOINTED.slice(1)]);
  });

  it("frames of an older log (other salts) are not read, as after a checkpoint that reset it", async () => {
    const old = Buffer.from(wal());
    old.writeUInt32BE((old.readUInt32BE(16) + 1) >>> 0, 16); // the header's salt-1 changed: no frame matches
    // The header's own checksum then fails too: the whole log is ignored, as SQLite ignores it.
    expect(await read(db(), old)).toEqual(CHECKPOINTED);
  });

  it("a log that cannot be the database's is refused naming the file, never half-read", async () => {
    const other = Buffer.from(wal());
    other.writeUInt32BE(1024, 8);
    await expect(readDump(Object.assign(toDumpInput('accounts.db', db()), { wal: other }))).rejects.toThrow(/^accounts\.db: its -wal file's page size is not the database's; copy the database and its -wal file again/);
    expect(applyWal(db(), Buffer.from('not a log at all, but longer than a header'))).toBe('its -wal file is no SQLite write-ahead log');
  });
});

describe('accountpool import of a database with its -wal file', () => {
  it('reads the -wal file beside the database: every account as NecroBot last wrote it', async () => {
    const pool = await makePool(4);
    const path = join(pool.base, 'accounts.db');
    await copyFile(join(FIXTURES, DB), path);
    await copyFile(join(FIXTURES, `${DB}-wal`), `${path}-wal`);
    const result = await cli(['import', path, '--level', '30', ...pool.args]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`imported ${path}: 6 added, 0 updated, 0 rejected\n`);
    const view = await (await pool.open()).read();
    expect(view.get('necro2_wal06')).toMatchObject({ password: "Wal'n\tNéw 6", level: 3 });
    expect(view.get('necro2_misty02')).toMatchObject({ level: 7, state: 'temp_banned' });
  });

  it('import of the folder reads the pair once, never the -wal file as a dump of its own', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'config');
    await mkdir(dir);
    await copyFile(join(FIXTURES, DB), join(dir, 'accounts.db'));
    await copyFile(join(FIXTURES, `${DB}-wal`), join(dir, 'accounts.db-wal'));
    const result = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('6 added');
    expect(result.stderr).toBe('');
  });

  it('says so when a database in WAL mode comes without its -wal file, and reads what the file holds', async () => {
    const pool = await makePool(4);
    const path = join(pool.base, 'accounts.db');
    await copyFile(join(FIXTURES, DB), path);
    const result = await cli(['import', path, '--level', '30', ...pool.args]);
    expect(result.stderr).toBe(`accountpool import: ${path}: the database is in WAL mode and no accounts.db-wal is beside it: if the tool was running when it was copied, what it wrote since its last checkpoint is in that file; copy both together, or copy the database while the tool is stopped\n`);
    expect(result.stdout).toBe(`imported ${path}: 5 added, 0 updated, 0 rejected\n`);
  });
});

describe('a -wal file given alone', () => {
  it('is refused naming the database to import with it beside it, not as "a binary file"', () => {
    // Refused as the bytes are decoded, before any reader: as a LiteDB file is.
    expect(() => toDumpInput('config/accounts.db-wal', wal())).toThrow(
      'config/accounts.db-wal: is a SQLite write-ahead log, changes to a database rather than a database; import the database with it beside it (accountpool import config/accounts.db), which reads both',
    );
  });

  it('names the database as one word a shell takes, whatever its name holds', () => {
    // A download's `accounts (1).db`, a name with `;`: the hint is pasted (src/shell-word.ts).
    expect(() => toDumpInput('bot 2;x/accounts (1).db-wal', wal())).toThrow("(accountpool import 'bot 2;x/accounts (1).db'), which reads both");
  });
});
