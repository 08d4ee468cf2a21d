// Big dumps of the shapes issue 16's readers-in-300-MB work measures (docs/scale-log.md, stop 60 PG
// and stop 61 R): PGPool's account table as `mysql -B` prints it and as `mysqldump
// --skip-extended-insert` writes it, accountpool's own JSON lines export, and a JSON document
// `{"accounts": [...]}`. Written in pieces straight to the file: a 1,000,000-row table is 175-220 MB,
// never one string in the bench's own process.
// Usage alone: `node --import tsx bench/table-dumps.ts KIND ROWS FILE` (KIND: one of DUMP_KINDS).
import { closeSync, openSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';

export const DUMP_KINDS = ['pgpool-tsv', 'pgpool-dump', 'jsonl', 'json'] as const;
export type DumpKind = (typeof DUMP_KINDS)[number];

/** PGPool's schema-2 `account` table in its CREATE TABLE order (test/fixtures/dumps/pgpool-account.sql). */
const COLUMNS = [
  'auth_service', 'username', 'password', 'email', 'last_modified', 'system_id', 'latitude', 'longitude', 'level', 'xp',
  'encounters', 'balls_thrown', 'captures', 'spins', 'walked', 'team', 'coins', 'stardust', 'warn', 'banned', 'ban_flag',
  'tutorial_state', 'captcha', 'rareless_scans', 'shadowbanned', 'balls', 'total_items', 'pokemon', 'eggs', 'incubators', 'lures',
];
const TEAMS = ['mystic', 'valor', 'instinct'];

function login(i: number): string {
  return `trn${String(i).padStart(7, '0')}q`;
}

function password(i: number): string {
  return `Pw${createHash('md5').update(String(i)).digest('hex').slice(0, 8)}!`;
}

/** Row `i`'s cells, every column filled (a third with an e-mail), most numbers new on each row; null for NULL. */
function pgpoolCells(i: number): (string | number | null)[] {
  const day = 1 + (i % 28);
  const time = `2017-12-${String(day).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
  return [
    'ptc', login(i), password(i), i % 3 === 0 ? `${login(i)}@mail.example` : null, time, null,
    (40 + (i % 1000) / 1000).toFixed(4), (-74 + (i % 997) / 997).toFixed(4), 20 + (i % 12), 100_000 + i * 7,
    i % 5000, i % 7000, i % 4000, i % 3000, ((i % 4000) / 10).toFixed(1), TEAMS[i % 3]!, i % 50_000, 10_000 + i * 3,
    0, 0, 0, '0,1,3,4,7', 0, i % 10, 0, i % 300, i % 350, i % 250, i % 9, i % 3, i % 2,
  ];
}

function header(kind: DumpKind): string {
  if (kind === 'pgpool-tsv') return `${COLUMNS.join('\t')}\n`;
  if (kind === 'pgpool-dump') {
    const types = COLUMNS.map((c) => `  \`${c}\` ${c === 'last_modified' ? 'datetime NOT NULL' : c === 'username' || c === 'auth_service' ? 'varchar(191) NOT NULL' : 'varchar(191) DEFAULT NULL'},`);
    return `-- MySQL dump 10.13  Distrib 5.7.42, for Linux (x86_64)\n--\n-- Host: localhost    Database: pgpool\n\n` +
      `DROP TABLE IF EXISTS \`account\`;\nCREATE TABLE \`account\` (\n${types.join('\n')}\n  PRIMARY KEY (\`username\`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\n` +
      'LOCK TABLES `account` WRITE;\n';
  }
  return kind === 'json' ? '{"accounts": [\n' : '';
}

function footer(kind: DumpKind): string {
  if (kind === 'pgpool-dump') return 'UNLOCK TABLES;\n-- Dump completed on 2017-12-31 23:59:59\n';
  return kind === 'json' ? ']}\n' : '';
}

function row(kind: DumpKind, i: number, rows: number): string {
  if (kind === 'pgpool-tsv') return `${pgpoolCells(i).map((c) => (c === null ? 'NULL' : String(c))).join('\t')}\n`;
  if (kind === 'pgpool-dump') return `INSERT INTO \`account\` VALUES (${pgpoolCells(i).map((c) => (c === null ? 'NULL' : typeof c === 'number' ? String(c) : `'${c}'`)).join(',')});\n`;
  if (kind === 'jsonl') {
    // As `export` writes an account (export/jsonl.ts): a state and its time, a level, its place.
    const state = i % 10 === 0 ? ',"state":"blind","state_at":"2026-11-20T10:00:00.000Z"' : ',"state":"ok"';
    return `${JSON.stringify({ username: login(i), password: password(i), provider: 'ptc', level: 30 + (i % 2) }).slice(0, -1)}${state},"added_at":"2026-11-01T09:00:00.000Z","seq":${i + 1}}\n`;
  }
  return `  ${JSON.stringify({ username: login(i), password: password(i), provider: 'ptc', level: 30 + (i % 2) })}${i === rows - 1 ? '' : ','}\n`;
}

/** `rows` accounts of `kind` written to `file`. */
export function writeTableDump(kind: DumpKind, rows: number, file: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, header(kind));
    let chunk = '';
    for (let i = 0; i < rows; i++) {
      chunk += row(kind, i, rows);
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk + footer(kind));
  } finally {
    closeSync(fd);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, rows, file] = process.argv.slice(2);
  if (!DUMP_KINDS.includes(kind as DumpKind) || !rows || !file) throw new Error(`usage: table-dumps.ts ${DUMP_KINDS.join('|')} ROWS FILE`);
  writeTableDump(kind as DumpKind, Number(rows), file);
}
