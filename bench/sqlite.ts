// The yardstick: the same allocation done by SQLite, as a database user would do it. A table
// mirroring the account record (username the primary key, compared case-insensitively like ours),
// indexed on the least-recently-used order and on the holder; one `sqlite3` process per
// allocation, like one `accountpool allocate` process: in one transaction it gives the instance's
// previous accounts back, takes the 400 least-recently-used available accounts of level 30-31,
// marks them held (with a device where they had none) and writes them as a CSV file.
//
// SQLite's defaults are kept (rollback journal, synchronous=FULL: it fsyncs its journal and the
// database on every commit), as ours fsyncs every commit. sqlite3 is a Debian package
// (`apt-get install sqlite3`); without it the bench skips this column and says so.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure.js';

export const SQLITE_MISSING = 'sqlite3 not found: `apt-get install sqlite3` (Debian/Ubuntu) adds the sqlite3 column';

export function sqliteAvailable(): boolean {
  return spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
}

function sqlite(db: string, sql: string): string {
  const result = spawnSync('sqlite3', [db], { input: sql, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`sqlite3 failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** A database of accounts 0..size-1 with the same fields and values as bench/make-pool.ts writes. */
export function makeSqlitePool(db: string, size: number): void {
  sqlite(
    db,
    `CREATE TABLE accounts (
  username TEXT PRIMARY KEY COLLATE NOCASE,
  password TEXT NOT NULL,
  provider TEXT NOT NULL,
  level INTEGER NOT NULL,
  state TEXT NOT NULL,
  state_at TEXT,
  available_at TEXT,
  allocated_at TEXT,
  holder TEXT,
  held_until TEXT,
  device_model TEXT,
  device_ios TEXT,
  device_id TEXT,
  added_at TEXT NOT NULL,
  seq INTEGER NOT NULL,
  source TEXT
);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${size - 1})
INSERT INTO accounts (username, password, provider, level, state, added_at, seq, source)
SELECT printf('user%06d', i), 'pw-' || i || ':x,y"z', 'ptc', 30, 'ok', '2026-01-01T00:00:00.000Z', i + 1, 'test.txt' FROM n;
-- The circle's order: never used first (NULL sorts first), by import order, then least recently allocated.
CREATE INDEX accounts_lru ON accounts (allocated_at, seq, username);
CREATE INDEX accounts_holder ON accounts (holder);
`,
  );
}

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

function allocationSql(csv: string): string {
  return `.bail on
.mode csv
.headers on
BEGIN IMMEDIATE;
UPDATE accounts SET holder = NULL, held_until = NULL WHERE holder = 'bench';
.once ${csv}
UPDATE accounts
SET allocated_at = ${NOW}, holder = 'bench', held_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+12 hours'),
    device_model = coalesce(device_model, 'iPhone9,3'), device_ios = coalesce(device_ios, '11.1.0'), device_id = coalesce(device_id, lower(hex(randomblob(16))))
WHERE username IN (
  SELECT username FROM accounts
  WHERE level BETWEEN 30 AND 31 AND state = 'ok'
    AND (available_at IS NULL OR available_at <= ${NOW})
    AND (holder IS NULL OR held_until <= ${NOW})
  ORDER BY allocated_at, seq, username
  LIMIT 400)
RETURNING username, password, provider, device_model AS model, device_ios AS iOS, device_id AS id;
COMMIT;
`;
}

/** One sqlite3 allocation after another, on `db` (scratch files in `base`). */
export class SqliteAllocation {
  private readonly script: string;
  private readonly csv: string;
  readonly seconds: number[] = [];

  constructor(
    private readonly db: string,
    base: string,
  ) {
    this.script = join(base, 'allocate.sql');
    this.csv = join(base, 'sqlite-accounts.csv');
    writeFileSync(this.script, allocationSql(this.csv));
  }

  /** One allocation, a whole sqlite3 process, timed. */
  once(): void {
    const start = process.hrtime.bigint();
    const result = spawnSync('sqlite3', [this.db, `.read ${this.script}`], { encoding: 'utf8' });
    this.seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (result.status !== 0) throw new Error(`sqlite3 allocation failed: ${result.stderr}`);
    if (readFileSync(this.csv, 'utf8').trim().split('\n').length !== 401) throw new Error('sqlite3 allocation did not give 400 accounts');
  }

  get medianS(): number {
    return median(this.seconds);
  }

  /**
   * One more allocation, untimed, for the bytes it writes: a shell runs sqlite3, waits for it, and
   * prints its own /proc io, which then includes the waited-for child's counters (the shell itself
   * writes nothing to disk). Undefined where /proc is missing.
   */
  writtenBytes(): number | undefined {
    const counted = spawnSync('sh', ['-c', 'sqlite3 "$1" ".read $2" || exit 1; cat /proc/$$/io', 'sh', this.db, this.script], { encoding: 'utf8' });
    const written = /^write_bytes: (\d+)$/m.exec(counted.stdout ?? '')?.[1];
    return written === undefined ? undefined : Number(written);
  }
}

/** The query plan of the allocation's selection, to show it walks the LRU index rather than sorting. */
export function sqliteSelectionPlan(db: string): string {
  return sqlite(db, `EXPLAIN QUERY PLAN SELECT username FROM accounts WHERE level BETWEEN 30 AND 31 AND state = 'ok' AND (available_at IS NULL OR available_at <= ${NOW}) AND (holder IS NULL OR held_until <= ${NOW}) ORDER BY allocated_at, seq, username LIMIT 400;`);
}
