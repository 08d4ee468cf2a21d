// `import` lets a dump's bytes go before the read when only text readers are left to read it
// (DumpFormat.textOnly, ReadOptions.letBytesGo): a 1,000,000-row Monocle CSV's 80 MB were held
// beside its 80 MB text to the end of the read (docs/scale-log.md, stop 44, issue 16). A reader
// that needs the bytes (a mail's parts decoded from them, a pickle store) must still get
// them, and every dump must read exactly as it did with its bytes held: the fixtures of every
// reader (test/fixtures/README.md names their tools) read both ways give the same accounts,
// refusals and messages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump, toDumpInput } from '../../src/formats/index.js';
import type { DumpInput } from '../../src/formats/types.js';

const DUMPS = new URL('../fixtures/dumps/', import.meta.url).pathname;

async function outcome(input: DumpInput, letBytesGo: boolean): Promise<string> {
  try {
    return JSON.stringify(await readDump(input, { columnsFrom: 0, letBytesGo }));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

function bytesLeftAfterRead(file: string): Promise<number> {
  const input = toDumpInput(file, readFileSync(join(DUMPS, file)));
  // Whether the reader finds accounts or refuses the file, what it was left holding is the point here.
  const read = readDump(input, { columnsFrom: 0, letBytesGo: true }).catch(() => undefined);
  return read.then(() => input.bytes.length);
}

describe('a dump read with its bytes let go', () => {
  it('a Monocle CSV, a RocketMap CSV and a list let their bytes go; a mail and an mbox read from theirs, then let them go', async () => {
    expect(await bytesLeftAfterRead('monocle-export-accounts.csv')).toBe(0);
    expect(await bytesLeftAfterRead('rocketmap-accounts.csv')).toBe(0);
    expect(await bytesLeftAfterRead('plain-seller.txt')).toBe(0);
    // A mail's parts are decoded from its bytes: held through its read (the same outcome as a read
    // that never lets them go); let go once a read found accounts (choose.ts, stop 60 PG), kept
    // after a refusal (another reader may be asked: otherWay).
    for (const [mail, found] of [['mail-deliveries-reply.mbox', true], ['mail-attachment-undeclared.eml', false]] as const) {
      const bytes = readFileSync(join(DUMPS, mail));
      const freed = toDumpInput(mail, Buffer.from(bytes));
      const read = await outcome(freed, true);
      expect(read.startsWith('error: '), mail).toBe(!found);
      expect(read, mail).toBe(await outcome(toDumpInput(mail, bytes), false));
      expect(freed.bytes.length, mail).toBe(found ? 0 : bytes.length);
    }
  });

  // sql.js copies the database into its own in-memory file when it opens it (sql.js 1.17
  // dist/sql-wasm-debug.js: `Database` calls `FS.createDataFile` without `canOwn`, and MEMFS's
  // `write` then slices the array): the file's own bytes beside that copy were 78 MB of the
  // 1,700,000-row accounts.db's dry run (docs/scale-log.md, stop 47).
  it("a NecroBot2 accounts.db lets its bytes go once sql.js holds its copy, and reads the same; with --format too, after the read", async () => {
    const file = 'necrobot2-accounts-2017-05.db';
    const bytes = readFileSync(join(DUMPS, file));
    const freed = toDumpInput(file, Buffer.from(bytes));
    const read = await readDump(freed, { columnsFrom: 0, letBytesGo: true });
    expect(freed.bytes.length).toBe(0);
    expect(read.columns?.length ?? read.accounts.length).toBeGreaterThan(0);
    expect(JSON.stringify(read)).toBe(JSON.stringify(await readDump(toDumpInput(file, bytes), { columnsFrom: 0 })));
    // Forced, no other reader reads the bytes after it (refuseMisread asks before: choose.ts sureContainer): the same read, then let go.
    const forced = toDumpInput(file, Buffer.from(bytes));
    const forcedRead = await readDump(forced, { format: 'sqlite', letBytesGo: true });
    expect(JSON.stringify(forcedRead)).toBe(JSON.stringify(await readDump(toDumpInput(file, bytes), { format: 'sqlite' })));
    expect(forced.bytes.length).toBe(0);
  });

  it('every fixture dump reads the same with its bytes let go as with them held', { timeout: 120_000 }, async () => {
    const files = readdirSync(DUMPS).filter((f) => statSync(join(DUMPS, f)).isFile() && statSync(join(DUMPS, f)).size < 1_000_000);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const bytes = readFileSync(join(DUMPS, file));
      let held: string;
      try {
        held = await outcome(toDumpInput(file, bytes), false);
      } catch (error) {
        held = `undecodable: ${(error as Error).message}`;
      }
      let freed: string;
      try {
        freed = await outcome(toDumpInput(file, Buffer.from(bytes)), true);
      } catch (error) {
        freed = `undecodable: ${(error as Error).message}`;
      }
      expect(freed, file).toBe(held);
    }
  });
});
