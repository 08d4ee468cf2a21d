// An account in two shards (a line copied by hand into another shard file, a peer's commit):
// every writer refuses the pool, naming both places (integrity.ts), but `status` counted it twice
// from the shards' summaries and said nothing, exit 0. It now names both places, exit 1, counted
// by the whole read; an account only moved by hand to another shard is no finding.
import { describe, expect, it } from 'vitest';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts, shardLine } from '../helpers/pool.js';

describe('status of a pool holding an account in two shards', () => {
  it('names both files and lines on stderr, exit 1, also in --json; moved (not copied) it is no finding', async () => {
    const pool = await poolWithAccounts(40);
    expect((await cli(['status', ...pool.args])).code).toBe(0); // the summaries made
    const { file, line } = await shardLine(pool.dir, 'acc3');
    const folder = join(pool.dir, 'shards');
    const other = join(folder, (await readdir(folder)).find((f) => f.endsWith('.yaml') && join(folder, f) !== file)!);
    await appendFile(other, `${line}\n`);
    const at = (await readFile(other, 'utf8')).split('\n').length - 1;

    const status = await cli(['status', ...pool.args]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain(`account acc3 is in ${file}:`);
    expect(status.stderr).toContain(`and in ${other}:${at}`);
    expect(status.stderr).toContain('Every write refuses until one is kept');
    const json = await cli(['status', '--json', ...pool.args]);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { twice: string[] }).twice).toHaveLength(1);

    // Moved: its home no longer holds it. Counted once, nothing said.
    const home = await readFile(file, 'utf8');
    await writeFile(file, home.replace(`${line}\n`, ''));
    const moved = await cli(['status', ...pool.args]);
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('40 accounts');
  });
});
