// `import --format NAME` of a big file reads it from the file a piece at a time for the readers
// that can (DumpFormat.piecewise; file-lines.ts, streamed-input.ts): the read must be the whole
// text's read, account for account, every refusal at its line, every note and the reader's `why`.
// Every fixture (test/fixtures/README.md) that the scan takes is read forced both ways: the
// reader's own files and every other file it refuses, so that its refusals are held too.
import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDump, toDumpInput } from '../../src/formats/index.js';
import { FileLines } from '../../src/formats/file-lines.js';
import { streamedInput } from '../../src/formats/streamed-input.js';
import { DEFAULT_MAX_LINES } from '../../src/formats/line-limit.js';
import type { DumpResult } from '../../src/formats/types.js';

const FIXTURES = join(__dirname, '../fixtures/dumps');
const dir = mkdtempSync(join(tmpdir(), 'forced-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every fixture file of up to 64 KB (the two bigger are archives and sheets the scan leaves). */
function fixtures(dir = FIXTURES): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, f.name);
    if (f.isDirectory()) out.push(...fixtures(path));
    else if (f.isFile() && statSync(path).size <= 64 << 10) out.push(path);
  }
  return out.sort();
}

/** What a user sees of a read: its accounts (columns as records), refusals, notes and reader. */
function seen(r: DumpResult): unknown {
  return { format: r.format, why: r.why, accounts: r.columns ? r.columns.records() : r.accounts, rejected: r.rejected, notes: r.notes, skipped: r.skipped, exported: r.exported };
}

/** The fixture read forced as `format`, whole and in `piece`-byte pieces; undefined where the scan leaves it to the whole read. */
async function both(path: string, format: string, piece: number): Promise<{ whole: unknown; pieces: unknown; madeWhole: string[] } | undefined> {
  const bytes = readFileSync(path);
  const read = (input: Parameters<typeof readDump>[0]) => readDump(input, { format, columnsFrom: 0 }).then(seen, (e: Error) => ({ error: e.message }));
  const fd = openSync(path, 'r');
  try {
    const lines = FileLines.scan('dump', fd, bytes.length, DEFAULT_MAX_LINES, piece);
    if (!lines) return undefined;
    const whole = await read(toDumpInput('dump', bytes));
    const madeWhole: string[] = [];
    const pieces = await read(streamedInput('dump', lines, DEFAULT_MAX_LINES, (what) => madeWhole.push(what)));
    return { whole, pieces, madeWhole };
  } finally {
    closeSync(fd);
  }
}

/** Whether the text's first line that holds anything is one JSON object (JSON lines' first line). */
function firstLineObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text.split('\n').find((l) => l.trim() !== '') ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

describe('a forced reader reading a file in pieces', () => {
  it('reads every fixture whose first line is a JSON object as jsonl as the whole text does, a clean file without its whole text', async () => {
    let read = 0;
    let accounts = 0;
    let clean = 0;
    // (Any other file is refused line by line, "not valid JSON", which asks the whole text anyway.)
    for (const path of fixtures().filter((p) => firstLineObject(readFileSync(p, 'utf8')))) {
      const got = await both(path, 'jsonl', 48);
      if (!got) continue;
      read++;
      expect(got.pieces, path).toEqual(got.whole);
      const seenAccounts = (got.whole as { accounts?: unknown[] }).accounts?.length ?? 0;
      accounts += seenAccounts;
      // A file of accounts alone (our export): its lines alone were read, never its whole text.
      if (seenAccounts > 0 && (got.whole as { rejected: unknown[] }).rejected.length === 0) {
        expect(got.madeWhole, path).toEqual([]);
        clean++;
      }
    }
    expect(read).toBeGreaterThan(5);
    expect(accounts).toBeGreaterThan(5);
    expect(clean).toBeGreaterThan(0);
  });
});

describe('a MySQL dump read in pieces', () => {
  it('reads every .sql fixture as pgpool-dump as the whole text does, in pieces of a few lines, without its whole text', async () => {
    let read = 0;
    let accounts = 0;
    for (const path of fixtures().filter((p) => p.endsWith('.sql'))) {
      // 1 KB: a statement, a string, a comment or a name goes on over two pieces or more.
      const got = await both(path, 'pgpool-dump', 1024);
      if (!got) continue;
      read++;
      expect(got.pieces, path).toEqual(got.whole);
      accounts += (got.whole as { accounts?: unknown[] }).accounts?.length ?? 0;
      if ((got.whole as { accounts?: unknown[] }).accounts?.length) expect(got.madeWhole, path).toEqual([]);
    }
    expect(read).toBeGreaterThan(40);
    expect(accounts).toBeGreaterThan(100);
  });

  it('reads a dump of 1,000 rows over many windows as the whole text does, a broken row refused by its line', async () => {
    const head = "-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `account` (\n  `auth_service` varchar(6) DEFAULT NULL,\n  `username` varchar(50) NOT NULL,\n  `password` varchar(50) DEFAULT NULL,\n  `level` int(11) DEFAULT NULL,\n  PRIMARY KEY (`username`)\n);\n";
    // Extended inserts of 25 rows a line, passwords with an escaped quote and backslash, a comment between.
    const rows = Array.from({ length: 1000 }, (_, i) => `('ptc','trn${String(i).padStart(5, '0')}q','${i % 97 ? `Pw${i}x!` : `P\\'w\\\\${i}`}',${20 + (i % 12)})`);
    rows[777] = "('ptc','trn_broken','Pw1!')";
    const inserts: string[] = [];
    for (let i = 0; i < rows.length; i += 25) inserts.push(`INSERT INTO \`account\` VALUES ${rows.slice(i, i + 25).join(',')};${i === 500 ? '\n/* a comment\n over lines */' : ''}`);
    const path = join(dir, 'dump.sql');
    writeFileSync(path, `${head}${inserts.join('\n')}\n-- Dump completed\n`);
    const got = await both(path, 'pgpool-dump', 4096);
    expect(got!.pieces).toEqual(got!.whole);
    expect((got!.pieces as { rejected: { line: number; reason: string }[] }).rejected.map((r) => r.line)).toEqual([9 + 31 + 2 + 1]);
    expect((got!.pieces as { accounts: unknown[] }).accounts).toHaveLength(999);
    expect(got!.madeWhole).toEqual([]);
  });
});

describe('JSON lines read in pieces', () => {
  it('reads a 600-line export as the whole text does, refusing its broken lines by their numbers', async () => {
    const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify({ username: `trn${String(i).padStart(5, '0')}q`, password: i % 7 ? `Pw${i}x!` : `Pässwörd ${i} ✓`, provider: 'ptc', level: 20 + (i % 12), ...(i % 10 ? {} : { state: 'blind', state_at: '2026-11-20T10:00:00.000Z' }) }));
    lines[250] = '';
    lines[400] = '# a comment';
    const path = join(dir, 'export.jsonl');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const clean = await both(path, 'jsonl', 1024);
    expect(clean!.pieces).toEqual(clean!.whole);
    expect((clean!.pieces as { accounts: unknown[] }).accounts).toHaveLength(598);
    expect(clean!.madeWhole).toEqual([]);
    // A line cut short and a line that is no object: refused at their lines, the rest read.
    lines[433] = lines[433]!.slice(0, 30);
    lines[590] = '[1, 2]';
    writeFileSync(path, `${lines.join('\n')}\n`);
    const broken = await both(path, 'jsonl', 1024);
    expect(broken!.pieces).toEqual(broken!.whole);
    expect((broken!.pieces as { rejected: { line: number }[] }).rejected.map((r) => r.line)).toEqual([434, 591]);
    expect((broken!.pieces as { accounts: unknown[] }).accounts).toHaveLength(596);
  });
});
