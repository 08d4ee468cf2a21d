// The pool's own folders an inbox import writes through (receipts.ts's `.inbox-receipts/`,
// taken-files.ts's `.cache/inbox-taken/`) are checked for a link twice per file per folder
// (own-folders.ts): at its first look and again under the pool lock right before the commit writes
// (links-while-waiting.test.ts says why), not at every call for the file (three for a receipt, two
// for a taken record: ten lstat calls of each receipts folder for three files, six of each taken
// folder), plus once at the start (stale receipts; the taken records' prune); and each file is
// checked afresh, so a link made between two files is refused before the second is written.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, symlinkSync } from 'node:fs';
import { mkdir, readdir, realpath } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { importInboxOnce } from '../../src/watch/watcher.js';
import { RECEIPTS_DIR } from '../../src/watch/receipts.js';
import { drop, dumpText, importedNames, makeInboxPool, waiting } from './helpers.js';

// node:fs/promises' lstat watched by a spy on the builtin's own object, its ESM exports (which
// src/ imports) made to follow (`syncBuiltinESMExports`), not by vi.mock: the file runs in the
// workers' shared module graph (vitest.config.ts), so the spy is put back after each test.
const fsPromises = createRequire(import.meta.url)('node:fs/promises') as typeof import('node:fs/promises');
afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

/** Every path lstat is asked for from now on, in order. */
function lstatsFrom(): string[] {
  const paths: string[] = [];
  const real = fsPromises.lstat;
  vi.spyOn(fsPromises, 'lstat').mockImplementation(((path: Parameters<typeof real>[0], ...rest: unknown[]) => {
    paths.push(String(path));
    return (real as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof real);
  syncBuiltinESMExports();
  return paths;
}

const sink = { write: () => true };

describe('the inbox import\'s own folders checked for links', () => {
  it('twice per file per folder: three files, six lstat calls of each (one more at the start, for stale receipts and the taken records\' prune)', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    for (const n of [1, 2, 3]) await drop(pool.inbox, `sellers-${n}.txt`, dumpText(`mew${n}_`, 5));
    const inboxFolder = createHash('sha1').update(await realpath(pool.inbox)).digest('hex').slice(0, 16);
    const folders = [join(pool.dir, RECEIPTS_DIR), join(pool.dir, RECEIPTS_DIR, inboxFolder), join(pool.dir, '.cache', 'inbox-taken'), join(pool.dir, '.cache', 'inbox-taken', inboxFolder)];
    const lstats = lstatsFrom();
    const tally = await importInboxOnce({ pool: await pool.open(), inbox: pool.inbox, stdout: sink, stderr: sink });
    expect(await importedNames(pool.inbox)).toEqual(['sellers-1.txt', 'sellers-2.txt', 'sellers-3.txt']);
    expect(tally).toBeDefined();
    expect(folders.map((folder) => lstats.filter((path) => path === folder).length)).toEqual([7, 7, 7, 7]);
  });

  it('afresh for each file: a link made between two files of one run is refused at the second, nothing written through it', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    await drop(pool.inbox, 'sellers-1.txt', dumpText('mew1_', 5));
    await drop(pool.inbox, 'sellers-2.txt', dumpText('mew2_', 5));
    const outside = join(pool.base, 'my-app');
    await mkdir(outside);
    const link = join(pool.dir, RECEIPTS_DIR);
    let out = '';
    let err = '';
    // Made as the first file's line is written: it is filed and its receipts' folder gone, the second not begun.
    const stdout = {
      write: (text: string) => {
        out += text;
        if (out.startsWith('imported ') && !existsSync(link)) symlinkSync(outside, link);
        return true;
      },
    };
    await importInboxOnce({ pool: await pool.open(), inbox: pool.inbox, stdout, stderr: { write: (text: string) => ((err += text), true) } }).catch((error: Error) => (err += error.message));
    expect(out.split('\n').filter((line) => line.startsWith('imported '))).toHaveLength(1);
    expect(err).toContain(`${link} is a link (to ${outside}), not the pool's own folder of inbox receipts`);
    expect(await readdir(outside, { recursive: true })).toEqual([]);
    expect(await importedNames(pool.inbox)).toHaveLength(1);
    expect(await waiting(pool.inbox)).toHaveLength(1);
  });
});
