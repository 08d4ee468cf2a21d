// A month file of the pool's history that is a link (committed by another host of a pool shared
// through git, where git checks links out as links, or made by hand) or a FIFO. History is appended
// in place, so the pool's lines once went into the file the link leads to, outside the pool, and a
// FIFO hung the command. Now the transaction that would add to it fails alone, naming the file:
// nothing outside is written, nothing of the pool changes, and a file moved back lets it through.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAppend } from '../../src/store/history-files.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { poolSize } from '../watch/helpers.js';

const NOW = new Date('2026-12-02T10:00:00.000Z');
const clock = () => NOW;

async function poolWithMonthFile(): Promise<{ pool: Awaited<ReturnType<typeof makePool>>; month: string; dump: string }> {
  const pool = await makePool(2);
  const dump = join(pool.base, 'dump.txt');
  await writeFile(dump, 'ash01:Secret111\nmisty02:Secret222\n');
  expect((await cli(['import', dump, '--level', '30', ...pool.args], { clock })).code).toBe(0);
  const month = join(pool.dir, 'history', '2026-12.txt');
  expect(await readFile(month, 'utf8')).toMatch(/ import /);
  await writeFile(dump, 'brock03:Secret333\n');
  return { pool, month, dump };
}

describe('a history month file that is no file of the pool', () => {
  it('a link: the import fails naming it, the file it leads to is untouched, no account added; moved away, the import goes through', async () => {
    const { pool, month, dump } = await poolWithMonthFile();
    const outside = join(pool.base, 'operators-notes.txt');
    await writeFile(outside, 'not the pool\'s\n');
    await rm(month);
    await symlink(outside, month);
    const run = await cli(['import', dump, '--level', '30', ...pool.args], { clock });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${month} is a link`);
    expect(await readFile(outside, 'utf8')).toBe('not the pool\'s\n');
    expect(await poolSize(pool)).toBe(2);
    await rm(month);
    expect((await cli(['import', dump, '--level', '30', ...pool.args], { clock })).code).toBe(0);
    expect(await poolSize(pool)).toBe(3);
    expect(await readFile(month, 'utf8')).toMatch(/ import .*dump\.txt/);
  });

  it('history/ itself a link to another folder (as git checks out a folder a peer replaced by a link): nothing is written there', async () => {
    const { pool, dump } = await poolWithMonthFile();
    const elsewhere = join(pool.base, 'elsewhere');
    await mkdir(elsewhere);
    const history = join(pool.dir, 'history');
    await rm(history, { recursive: true });
    await symlink(elsewhere, history);
    const run = await cli(['import', dump, '--level', '30', ...pool.args], { clock });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${history} is a link`);
    expect(await readdir(elsewhere)).toEqual([]);
    expect(await poolSize(pool)).toBe(2);
  });

  it('a link planted after the plan (a crashed commit redone by the next command): the append refuses it, naming it', async () => {
    const { pool, month } = await poolWithMonthFile();
    const outside = join(pool.base, 'operators-notes.txt');
    await writeFile(outside, 'not the pool\'s\n');
    await rm(month);
    await symlink(outside, month);
    await expect(writeAppend({ target: month, at: 0, text: '2026-12-02T10:00:00.000Z import {}\n' })).rejects.toThrow(`${month} is a link`);
    expect(await readFile(outside, 'utf8')).toBe('not the pool\'s\n');
  });

  it('a FIFO: the import fails at once naming it, never waits for a writer', async () => {
    const { pool, month, dump } = await poolWithMonthFile();
    await rm(month);
    execFileSync('mkfifo', [month]);
    const run = await cli(['import', dump, '--level', '30', ...pool.args], { clock });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${month} is a FIFO`);
    expect(await poolSize(pool)).toBe(2);
  });
});
