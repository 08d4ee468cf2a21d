// `import --format pgpool-tsv` of a big file reads it from the file a piece at a time
// (file-lines.ts, streamed-input.ts): the read must be the whole text's read, account for account,
// every refusal at its line, every note, and the whole text never made for PGPool's own table.
// The tables are the TSV fixtures (test/fixtures/README.md: PGPool's `mysql -B` output as
// pgpool/pgpool's models and the mysql client write it) and a drawn 1,000-row table.
import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDump, toDumpInput } from '../../src/formats/index.js';
import { FileLines } from '../../src/formats/file-lines.js';
import { streamedInput } from '../../src/formats/streamed-input.js';
import { DEFAULT_MAX_LINES } from '../../src/formats/line-limit.js';
import type { DumpResult } from '../../src/formats/types.js';

const FIXTURES = join(__dirname, '../fixtures/dumps');
const dir = mkdtempSync(join(tmpdir(), 'tsv-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tsvFixtures(): string[] {
  const out: string[] = [];
  for (const sub of ['', 'pgpool-forks', 'pgpool-linefeeds', 'pgpool-column31']) {
    for (const f of readdirSync(join(FIXTURES, sub))) if (f.endsWith('.tsv')) out.push(join(FIXTURES, sub, f));
  }
  return out;
}

/** What a user sees of a read: its accounts (columns as records), refusals, notes and reader. */
function seen(r: DumpResult): unknown {
  return { format: r.format, why: r.why, accounts: r.columns ? r.columns.records() : r.accounts, rejected: r.rejected, notes: r.notes };
}

async function both(path: string, piece?: number): Promise<{ whole: unknown; pieces: unknown; madeWhole: string[] }> {
  const bytes = readFileSync(path);
  const read = (input: Parameters<typeof readDump>[0]) => readDump(input, { format: 'pgpool-tsv', columnsFrom: 0 }).then(seen, (e: Error) => ({ error: e.message }));
  const whole = await read(toDumpInput('dump.tsv', bytes));
  const fd = openSync(path, 'r');
  try {
    const lines = FileLines.scan('dump.tsv', fd, bytes.length, DEFAULT_MAX_LINES, piece);
    if (!lines) return { whole, pieces: undefined, madeWhole: [] };
    const madeWhole: string[] = [];
    const pieces = await read(streamedInput('dump.tsv', lines, DEFAULT_MAX_LINES, (what) => madeWhole.push(what)));
    return { whole, pieces, madeWhole };
  } finally {
    closeSync(fd);
  }
}

describe('a PGPool table read in pieces', () => {
  it('reads every TSV fixture as the whole text does', async () => {
    let read = 0;
    for (const path of tsvFixtures()) {
      const { whole, pieces, madeWhole } = await both(path, 32);
      if (pieces === undefined) continue;
      read++;
      expect(pieces, path).toEqual(whole);
      // PGPool's own header: nothing asks for the whole text.
      if (/^auth_service\t/.test(readFileSync(path, 'latin1'))) expect(madeWhole, path).toEqual([]);
    }
    expect(read).toBeGreaterThan(20);
  });

  it('refuses a broken row late in a big table by its line, as the whole text does, and reads the rest', async () => {
    const header = 'auth_service\tusername\tpassword\temail\tlast_modified\tlevel\tbanned\tshadowbanned\n';
    const rows = Array.from({ length: 1000 }, (_, i) => `ptc\ttrn${String(i).padStart(6, '0')}q\tPw${i}x!\t${i % 3 ? 'NULL' : `t${i}@mail.example`}\t2017-12-01 10:00:00\t${20 + (i % 12)}\t0\t0`);
    rows[900] = 'ptc\ttrn_broken\tPw1!\tNULL';
    const path = join(dir, 'big.tsv');
    writeFileSync(path, `${header}${rows.join('\r\n')}\r\n`);
    const { whole, pieces, madeWhole } = await both(path, 4096);
    expect(pieces).toEqual(whole);
    expect((pieces as { rejected: { line: number }[] }).rejected.map((r) => r.line)).toEqual([902]);
    expect((pieces as { accounts: unknown[] }).accounts).toHaveLength(999);
    expect(madeWhole).toEqual([]);
  });
});
