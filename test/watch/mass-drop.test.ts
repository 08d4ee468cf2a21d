// Many files dropped into the inbox at once, as a shop's bulk delivery or a folder synced in
// lands: the same accounts in many files (sellers resell), some files no dump at all, some still
// being written by another process when the watcher first sees them. What the operator depends on:
// every file is taken exactly once, into imported/ or, with its reason beside it, into failed/;
// a file still being written waits until its writer closes it and is then imported whole; every
// account is in the pool once, with its password.
// 84 files, each kind of file among many: the count of hundreds (205 files at once, each imported
// once) is test/watch/inbox.test.ts's. 208 files here took 23.5 / 18.4 s of CPU, 84 take 13.7 / 11.3 s
// (the whole vitest run of this file, stop 44, load 18 / 9): every import is a transaction of its own.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from '../helpers/testdir.js';
import { drop, failedNames, importedNames, makeInboxPool, startWatching, waiting } from './helpers.js';

const FILES = 60;
const PER_FILE = 10;
const DISTINCT = 100;
const MALFORMED = 12;
const WRITERS = 4;
/** Copies of earlier files under other names. */
const COPIES = 8;

/** File i's accounts: ten of DISTINCT, overlapping the files around it (each account in ~6 files). */
function accountsOf(i: number): string[] {
  return Array.from({ length: PER_FILE }, (_, k) => `mass${(i * 17 + k * 41) % DISTINCT}`);
}

/** A real process that writes the first half of a dump, holds it open until `go` exists, then writes the rest. */
function slowWriter(file: string, first: string, rest: string, go: string): ChildProcess {
  const script = `
    const fs = require('node:fs');
    const fd = fs.openSync(process.argv[1], 'w');
    fs.writeSync(fd, process.argv[2]);
    fs.fsyncSync(fd);
    process.stdout.write('open\\n');
    const wait = setInterval(() => {
      if (!fs.existsSync(process.argv[4])) return;
      clearInterval(wait);
      fs.writeSync(fd, process.argv[3]);
      fs.closeSync(fd);
    }, 20);`;
  return spawn(process.execPath, ['-e', script, file, first, rest, go], { stdio: ['ignore', 'pipe', 'inherit'] });
}

describe('hundreds of files dropped at once', () => {
  it.skipIf(process.platform !== 'linux')('each taken once: imported or set aside with its reason; one still written waits for its writer; every account once', async () => {
    const pool = await makeInboxPool(4);
    const level = join(pool.inbox, 'level-30');
    await mkdir(level, { recursive: true });
    const go = join(pool.base, 'go');
    // Writers first, so the watcher's first look finds their files open.
    const writers = await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const lines = Array.from({ length: 6 }, (_, k) => `slow${w}x${k}:pw-slow${w}x${k}`);
        const child = slowWriter(join(level, `upload-${w}.txt`), `${lines.slice(0, 3).join('\n')}\n`, `${lines.slice(3).join('\n')}\n`, go);
        await new Promise<void>((resolve, reject) => {
          child.stdout!.once('data', () => resolve());
          child.once('exit', (code) => reject(new Error(`writer ${w} exited ${code} before writing`)));
        });
        return child;
      }),
    );
    const watcher = await startWatching(pool, { settleMs: 50, rescanMs: 200 });
    try {
      await Promise.all([
        ...Array.from({ length: FILES }, (_, i) => drop(pool.inbox, `level-30/${i % 3 === 0 ? `batch-${i % 7}/` : ''}dump-${i}.txt`, accountsOf(i).map((u) => `${u}:pw-${u}`).join('\n') + '\n')),
        // A copy of an earlier file under another name, dropped beside it: imported too, changing nothing.
        ...Array.from({ length: COPIES }, (_, i) => drop(pool.inbox, `level-30/copy-of-${i}.txt`, accountsOf(i).map((u) => `${u}:pw-${u}`).join('\n') + '\n')),
        ...Array.from({ length: MALFORMED }, (_, i) =>
          drop(pool.inbox, `level-30/broken-${i}.txt`, i % 2 === 0 ? Buffer.from(Array.from({ length: 4096 }, (_, b) => (b * 31 + i) % 256)) : 'thank you for your order\nyour accounts will follow\n'),
        ),
      ]);
      const dropped = FILES + COPIES + MALFORMED;
      await waitFor(async () => (await importedNames(pool.inbox)).length + (await failedNames(pool.inbox)).filter((n) => !n.endsWith('.error.txt')).length >= dropped, { timeoutMs: 120_000, what: `${dropped} files filed` });
      // The open ones wait, none imported half.
      expect((await waiting(pool.inbox)).filter((p) => p.includes('upload-'))).toHaveLength(WRITERS);
      await writeFile(go, '');
      await Promise.all(writers.map((child) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())))));
      await waitFor(async () => (await waiting(pool.inbox)).length === 0, { timeoutMs: 60_000, what: 'the written files taken' });
      // A file shows in imported/ a moment before its line is printed (helpers.ts waitForLines).
      await waitFor(() => (watcher.stdout().match(/^imported .*$/gm)?.length ?? 0) >= FILES + COPIES + WRITERS, { timeoutMs: 30_000, what: 'every import reported' });

      const imported = await importedNames(pool.inbox);
      const failed = (await failedNames(pool.inbox)).filter((n) => !n.endsWith('.error.txt'));
      // Each file once: in one place, under its own name (batch folders filed flat keep their names).
      expect(new Set(imported).size).toBe(imported.length);
      expect(imported.filter((n) => /^dump-\d+\.txt$/.test(n))).toHaveLength(FILES);
      expect(imported.filter((n) => n.startsWith('copy-of-'))).toHaveLength(COPIES);
      expect(imported.filter((n) => n.startsWith('upload-'))).toHaveLength(WRITERS);
      expect(failed.sort()).toEqual(Array.from({ length: MALFORMED }, (_, i) => `broken-${i}.txt`).sort());
      for (const name of failed) expect(existsSync(join(pool.inbox, 'failed', `${name}.error.txt`)), name).toBe(true);
      expect(watcher.stdout().match(/^imported .*$/gm)).toHaveLength(FILES + COPIES + WRITERS);

      // Every account once, with its own password; the slow writers' files whole.
      const accounts = await (await pool.open()).read();
      const expected = new Set(Array.from({ length: FILES }, (_, i) => accountsOf(i)).flat());
      for (let w = 0; w < WRITERS; w++) for (let k = 0; k < 6; k++) expected.add(`slow${w}x${k}`);
      expect(accounts.size).toBe(expected.size);
      for (const name of expected) expect(accounts.get(name)?.password, name).toBe(`pw-${name}`);
      // A failed file's reason names it.
      expect(await readFile(join(pool.inbox, 'failed', 'broken-1.txt.error.txt'), 'utf8')).toContain('broken-1.txt');
    } finally {
      await writeFile(go, '');
      for (const child of writers) if (child.exitCode === null) child.kill();
      await watcher.stop();
    }
  }, 300_000);
});
