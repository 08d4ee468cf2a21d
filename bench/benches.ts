// The operations `npm run bench` measures; each prepares its input and names its command.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runOnce, type Run } from './measure.js';
import { writeTableDump, type DumpKind } from './table-dumps.js';

export interface BenchContext {
  base: string;
  pool: string;
  size: number;
}

export interface Bench {
  name: string;
  prepare(ctx: BenchContext): Promise<Run> | Run;
  /** Pool sizes it runs at (default: every size). */
  when?: (size: number) => boolean;
  /** Runs to take the median of (default 5). */
  times?: (size: number) => number;
}

/** A dump of `lines` new accounts (`freshN:secret-N`), written in `base`; its path. */
function freshDump(base: string, lines: number): string {
  const dump = join(base, `dump-${lines}.txt`);
  writeFileSync(dump, Array.from({ length: lines }, (_, i) => `fresh${i}:secret-${i}`).join('\n'));
  return dump;
}

/**
 * Every run imports `lines` new accounts into the same starting pool, as a host's pool is after
 * any command has read it (`warm`): the copy's change log read once, untimed, by `status`.
 */
function importBench(lines: number): Bench['prepare'] {
  return (ctx) => {
    const dump = freshDump(ctx.base, lines);
    return restoring(({ pool }) => ['import', dump, '--level', '30', '--pool', pool], { warm: true })(ctx);
  };
}

/**
 * Every run imports the 1,000,000-line dump of importBench into a pool `init` made empty (64
 * shards), which it takes past 8,000 accounts a shard: the empty pool is resharded to 256 first,
 * and the accounts written once into those (stop 51 I2; until then the import wrote 64 shards of
 * ~16,000 accounts and the reshard wrote them all again, grow-shards.ts). The bench's other import rows go
 * into the pool of the row's size, which 1,000,000 new accounts never reshard (stop 49, I1);
 * this is the case stop 48 (P2) measured by hand (issue 16).
 */
function importIntoEmpty(lines: number): Bench['prepare'] {
  return ({ base }) => {
    const dump = freshDump(base, lines);
    const empty = join(base, 'empty-pool');
    const pristine = join(base, 'empty-pristine');
    for (const dir of [empty, pristine]) rmSync(dir, { recursive: true, force: true });
    runOnce(['init', '--pool', pristine]);
    const restore = () => {
      rmSync(empty, { recursive: true, force: true });
      cpSync(pristine, empty, { recursive: true });
    };
    const after = () => {
      for (const dir of [empty, pristine]) rmSync(dir, { recursive: true, force: true });
    };
    return { args: ['import', dump, '--level', '30', '--pool', empty], before: restore, after };
  };
}

/**
 * Each run `args` (a command that rewrites the pool) on the same starting pool, put back after
 * each run and after the last (the benchmarks that follow measure the pool as it was).
 * `warm`: after each copy, one untimed `status` on it. A copy's files are new inodes, and the
 * change log's digests and notes (.cache/log/<inode>.*, log-digest.ts) are named and checked by
 * the segment's inode and stamp: a copy's log is decoded whole by the timed command, which a
 * host's pool never is, its last command (an allocation, a status) having left them for its own
 * segments. The `status` reads the copy's log as that command would have.
 */
function restoring(args: (ctx: BenchContext) => string[], { warm = false } = {}): Bench['prepare'] {
  return (ctx) => {
    const pristine = join(ctx.base, 'pristine');
    rmSync(pristine, { recursive: true, force: true });
    cpSync(ctx.pool, pristine, { recursive: true });
    const restore = () => {
      rmSync(ctx.pool, { recursive: true, force: true });
      cpSync(pristine, ctx.pool, { recursive: true });
    };
    const put = warm
      ? () => {
          restore();
          runOnce(['status', '--pool', ctx.pool]);
        }
      : restore;
    return { args: args(ctx), before: put, after: put };
  };
}

/**
 * `import --dry-run` of a 1,000,000-row scanner CSV of new accounts: Monocle's accounts.csv with a
 * device on every row (its header, `"iPhone9,1"` quoted as Monocle's accounts.example.csv has it),
 * or RocketMap's `ptc,user,pass`. Nothing is written: the peak is the read and the merge (issue 16).
 */
function csvDryRun(kind: 'monocle' | 'rocketmap'): Bench['prepare'] {
  return ({ base, pool }) => {
    const dump = join(base, `${kind}-1m.csv`);
    const rows: string[] = kind === 'monocle' ? ['username,password,provider,model,iOS,id'] : [];
    for (let i = 0; i < 1_000_000; i++) {
      const name = `csv${String(i).padStart(7, '0')}x`;
      const password = `Pw${(i * 2654435761) % 1e9}!`;
      rows.push(kind === 'monocle' ? `${name},${password},ptc,"iPhone9,1",11.2.1,${(i * 40503).toString(16).padStart(32, 'a')}` : `ptc,${name},${password}`);
    }
    writeFileSync(dump, rows.join('\n') + '\n');
    return { args: ['import', '--dry-run', '--level', '30', dump, '--pool', pool] };
  };
}

/**
 * `import --dry-run --format KIND` of a 1,000,000-account dump of a table's shape (table-dumps.ts):
 * PGPool's table as `mysql -B` prints it (177 MB) and as `mysqldump --skip-extended-insert` writes it
 * (228 MB), our JSON lines export (148 MB), a `{"accounts": [...]}` document (83 MB). The read's
 * peak is the question (issue 16; docs/scale-log.md, stop 60 PG and stop 61 R).
 */
function tableDryRun(kind: DumpKind): Bench['prepare'] {
  return ({ base, pool }) => {
    const dump = join(base, `${kind}-1m`);
    writeTableDump(kind, 1_000_000, dump);
    return { args: ['import', '--dry-run', '--level', '30', '--format', kind, dump, '--pool', pool], after: () => rmSync(dump, { force: true }) };
  };
}

/** 400 usernames spread over every shard (every size/400-th account). */
export function spread(size: number, count = 400): string[] {
  const step = Math.floor(size / count);
  return Array.from({ length: count }, (_, i) => `user${String(i * step).padStart(6, '0')}`);
}

export const BENCHES: Bench[] = [
  {
    name: 'status',
    prepare: ({ pool }) => ({ args: ['status', '--pool', pool] }),
  },
  {
    name: 'transaction: mark 400 accounts',
    prepare: ({ pool, size }) => ({ args: ['mark', '--verdict', 'warned', '--from', '-', '--pool', pool], input: spread(size).join('\n') }),
  },
  {
    name: 'allocate 400 --no-check',
    prepare: ({ pool, base }) => ({ args: ['allocate', '--count', '400', '--min-level', '30', '--max-level', '31', '--no-check', '--accountcsv', join(base, 'accounts.csv'), '--pool', pool] }),
  },
  {
    name: 'allocate 400 --checker command (instant checker)',
    prepare: ({ pool, base }) => {
      // A checker program that answers "ok" at once: what remains is our own checking overhead.
      const program = join(base, 'instant-checker.mjs');
      writeFileSync(program, `import { createInterface } from 'node:readline';\nfor await (const line of createInterface({ input: process.stdin })) console.log(JSON.stringify({ username: JSON.parse(line).username, verdict: 'ok' }));\n`);
      const config = join(pool, 'accountpool.yaml');
      writeFileSync(config, readFileSync(config, 'utf8').replace(/^checker_command:.*$/m, `checker_command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(program)}]`));
      return { args: ['allocate', '--count', '400', '--checker', 'command', '--concurrency', '1', '--accountcsv', join(base, 'checked.csv'), '--instance', 'checked', '--pool', pool] };
    },
  },
  {
    // Every account in circle order, as json lines to a file (the shards paged: their bytes let go once read).
    name: 'export --out (json lines)',
    prepare: ({ pool, base }) => ({ args: ['export', '--out', join(base, 'export.jsonl'), '--pool', pool] }),
    times: (size) => (size >= 1_000_000 ? 3 : 5),
  },
  {
    // The same under `ulimit -n 64`: no shard file can be held open, each shard copied as read to one
    // spill file in the pool's .cache and paged from there (365 MB when their bytes were kept, stop 42).
    name: 'export --out under ulimit -n 64 (shards copied to the spill file)',
    prepare: ({ pool, base }) => ({ args: ['export', '--out', join(base, 'export-low-limit.jsonl'), '--pool', pool], openFiles: 64 }),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    name: 'import 100,000-line dump',
    prepare: importBench(100_000),
  },
  {
    name: 'import 1,000,000-line dump',
    prepare: importBench(1_000_000),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    name: 'import 1,000,000-line dump into an empty pool (reshards 64 -> 256)',
    prepare: importIntoEmpty(1_000_000),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    name: 'import --dry-run 1,000,000-row Monocle CSV with devices',
    prepare: csvDryRun('monocle'),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    name: 'import --dry-run 1,000,000-row RocketMap CSV',
    prepare: csvDryRun('rocketmap'),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    name: 'import --dry-run --format pgpool-tsv of 1,000,000 accounts',
    prepare: tableDryRun('pgpool-tsv'),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    name: 'import --dry-run --format pgpool-dump of 1,000,000 accounts',
    prepare: tableDryRun('pgpool-dump'),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    name: 'import --dry-run --format jsonl of 1,000,000 accounts',
    prepare: tableDryRun('jsonl'),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    name: 'import --dry-run --format json of 1,000,000 accounts',
    prepare: tableDryRun('json'),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    // Every shard read with the full reader, the change log the allocations above left folded into
    // the shards, every shard read again (issue 16: its peak was 446-626 MB at 1,000,000).
    name: 'verify --fix (folds the change log)',
    prepare: restoring(({ pool }) => ['verify', '--fix', '--pool', pool]),
    when: (size) => size >= 1_000_000,
    times: () => 3,
  },
  {
    // A NecroBot2 accounts.db of 1,700,000 rows (test/fixtures/generators/make-necrobot-big.py,
    // the real SQLite through Python's sqlite3) into the pool: 2,700,000 accounts, resharded.
    name: 'import NecroBot accounts.db, 1,700,000 rows',
    prepare: (ctx) => {
      const db = join(ctx.base, 'necrobot-big.db');
      const made = spawnSync('python3', [fileURLToPath(new URL('../test/fixtures/generators/make-necrobot-big.py', import.meta.url)), '1700000', db], { stdio: 'inherit' });
      if (made.status !== 0) throw new Error('make-necrobot-big.py failed (python3 with its sqlite3 module is needed)');
      return restoring(({ pool }) => ['import', db, '--pool', pool], { warm: true })(ctx);
    },
    when: (size) => size >= 1_000_000,
    times: () => 1,
  },
];
