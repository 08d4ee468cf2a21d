// `import --format pgpool-tsv` of a big file takes its lines from the file (cli/read-input.ts
// openLines, import-dump.ts): the read is the one of the file's bytes, and a file that is no plain
// text (a zip's start) or is not there is left to the whole read, which names it as before.
import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openLines } from '../../src/cli/read-input.js';
import { readForImport } from '../../src/import/import-dump.js';
import { recordsOf } from '../../src/import/dump-columns.js';

const dir = mkdtempSync(join(tmpdir(), 'read-in-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TABLE = join(__dirname, '../fixtures/dumps/pgpool-accounts.tsv');

describe('a big file read for import in pieces', () => {
  it('reads the same accounts and refusals as its bytes', async () => {
    const lines = await openLines(TABLE, { cwd: dir, limit: 1 << 30, maxLines: 1000, from: 0 });
    expect(lines).toBeDefined();
    try {
      const read = (dump: Awaited<ReturnType<typeof readForImport>>) => {
        const records = recordsOf(dump);
        return { accounts: Array.from({ length: records.length }, (_, i) => records.at(i)), rejected: dump.rejected };
      };
      const pieces = read(await readForImport('t.tsv', { name: 't.tsv', bytes: Buffer.alloc(0), lines: lines! }, { format: 'pgpool-tsv' }));
      const whole = read(await readForImport('t.tsv', { name: 't.tsv', bytes: readFileSync(TABLE) }, { format: 'pgpool-tsv' }));
      expect(pieces.accounts.length).toBeGreaterThan(0);
      expect(pieces).toEqual(whole);
    } finally {
      closeSync(lines!.fd);
    }
  });

  it('leaves a zip, a missing file, a small file and standard input to the whole read', async () => {
    const zip = join(dir, 'stock.tsv');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('a\tb\n'.repeat(100))]));
    expect(await openLines(zip, { cwd: dir, limit: 1 << 30, maxLines: 1000, from: 0 })).toBeUndefined();
    expect(await openLines(join(dir, 'gone.tsv'), { cwd: dir, limit: 1 << 30, maxLines: 1000, from: 0 })).toBeUndefined();
    expect(await openLines(TABLE, { cwd: dir, limit: 1 << 30, maxLines: 1000 })).toBeUndefined();
    expect(await openLines('-', { cwd: dir, limit: 1 << 30, maxLines: 1000, from: 0 })).toBeUndefined();
  });

  it('leaves a FIFO to the whole read (which names it) without waiting for a writer', async () => {
    // Judged by what was opened, without waiting: an open by name of a FIFO blocks until a writer comes.
    const fifo = join(dir, 'dump.tsv');
    execFileSync('mkfifo', [fifo]);
    expect(await openLines(fifo, { cwd: dir, limit: 1 << 30, maxLines: 1000, from: 0 })).toBeUndefined();
  });
});
