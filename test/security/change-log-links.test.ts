// The change log (`.changes.log`, and `.changes.old.log` before it) holds every changed account's
// line, password included. A link in its place (made by hand, or pulled: `git add -f` carries a
// link past the .gitignore, and git checks links out as links) once made `mark` append both
// passwords to the file it led to, keeping that file's mode (world-readable, say), and a torn tail
// was cut off that file too; a FIFO there hung every command. Now the command fails naming the
// log, the linked file is untouched, the pool unchanged; moved away, the command goes through.
// (Found by the stop-25 attacker review.)
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

async function poolWithTwo() {
  const pool = await makePool(2);
  const dump = join(pool.base, 'dump.txt');
  await writeFile(dump, 'hu1:Secret111\nhu2:Secret222\n');
  expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
  return pool;
}

async function stateOf(pool: Awaited<ReturnType<typeof makePool>>, name: string): Promise<string> {
  const shown = await cli(['show', name, '--json', ...pool.args]);
  expect(shown.code).toBe(0);
  return JSON.parse(shown.stdout).state;
}

describe('a change log that is no file of the pool', () => {
  for (const segment of ['.changes.log', '.changes.old.log']) {
    it(`${segment} a link: mark fails naming it, nothing reaches the linked file (not even a torn-tail cut); moved away, mark goes through`, async () => {
      const pool = await poolWithTwo();
      const outside = join(pool.base, 'operators-notes.txt');
      const text = 'not the pool\'s, and no line break at the end';
      await writeFile(outside, text);
      const log = join(pool.dir, segment);
      await rm(log, { force: true });
      await symlink(outside, log);
      const run = await cli(['mark', 'hu1', '--verdict', 'blind', ...pool.args]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(`${log} is a link, not the pool's own change log`);
      expect(run.stderr + run.stdout).not.toMatch(/Secret/);
      expect(await readFile(outside, 'utf8')).toBe(text);
      await rm(log);
      expect((await cli(['mark', 'hu1', '--verdict', 'blind', ...pool.args])).code).toBe(0);
      expect(await stateOf(pool, 'hu1')).toBe('blind');
      expect(await readFile(outside, 'utf8')).toBe(text);
    });
  }

  it('a FIFO: mark fails at once naming it instead of waiting for a writer for ever; nothing was changed', async () => {
    const pool = await poolWithTwo();
    const log = join(pool.dir, '.changes.log');
    await rm(log, { force: true });
    execFileSync('mkfifo', [log]);
    const run = await cli(['mark', 'hu1', '--verdict', 'blind', ...pool.args]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${log} is a FIFO, not the pool's own change log`);
    await rm(log);
    expect(await stateOf(pool, 'hu1')).toBe('ok');
  });
});
