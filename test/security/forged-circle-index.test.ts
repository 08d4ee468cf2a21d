// A shard's circle index (.cache/circle/NN.idx) is derived: `allocate` and `serve` choose from
// its standings and read only the lines they take, each checked against the line's hash. The
// index's head keeps the standings as a JSON table of tuples; an edit of that table that keeps
// the file's length (a holder and its end turned to `null,null` and blanks) and every line's hash
// made the accounts another instance holds candidates: a third instance was handed them and the
// holder's hold was gone. The line read is now checked against the standing that chose it too.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

const COUNT = 20;

/** Every index whose head holds a tuple of `holder`, edited in place so that tuple has no holder. */
async function forgeFree(pool: string, holder: string): Promise<number> {
  const folder = join(pool, '.cache', 'circle');
  let forged = 0;
  for (const name of (await readdir(folder)).filter((f) => f.endsWith('.idx'))) {
    const bytes = await readFile(join(folder, name));
    const text = bytes.toString('latin1');
    const held = new RegExp(`"${holder}","[0-9T:.Z-]+"`).exec(text);
    if (!held) continue;
    const free = 'null,null'.padEnd(held[0].length, ' ');
    Buffer.from(free, 'latin1').copy(bytes, held.index);
    await writeFile(join(folder, name), bytes);
    forged++;
  }
  return forged;
}

describe('a circle index edited to call held accounts free', () => {
  it('hands none of them out: the holder keeps them and the allocation finds no candidate', async () => {
    const p = await poolWithAccounts(COUNT);
    const csv = (name: string) => join(p.base, `${name}.csv`);
    expect((await cli(['allocate', '--count', '3', '--instance', 'holder', '--no-check', '--accountcsv', csv('holder'), ...p.args])).code).toBe(0);
    // The holds into the shard lines, so the indexes made next hold them in their tuples.
    expect((await cli(['verify', '--fix', ...p.args])).code).toBe(0);
    const warm = await cli(['allocate', '--count', String(COUNT - 3), '--instance', 'warm', '--no-check', '--accountcsv', csv('warm'), ...p.args]);
    expect(warm.code, warm.stderr).toBe(0);
    expect(await forgeFree(p.dir, 'holder')).toBeGreaterThan(0);

    const thief = await cli(['allocate', '--count', '3', '--instance', 'thief', '--no-check', '--accountcsv', csv('thief'), ...p.args]);
    expect(thief.code, thief.stdout).toBe(3);
    expect(existsSync(csv('thief'))).toBe(false);
    const status = JSON.parse((await cli(['status', '--json', ...p.args])).stdout) as { holders: { instance: string; accounts: number }[] };
    expect(status.holders.map((h) => [h.instance, h.accounts]).sort()).toEqual([
      ['holder', 3],
      ['warm', COUNT - 3],
    ]);
  }, 60_000);
});
