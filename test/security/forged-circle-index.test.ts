// A shard's circle index (.cache/circle/NN.idx) and a change-log segment's digest
// (.cache/log/<inode>.digest) are derived: `allocate` and `serve` choose from the standings they
// keep and read only the lines they take, each checked against the line's hash (the index) or the
// segment's sha256 (the digest). Both keep the standings as a JSON table of tuples; an edit of
// that table (a holder and its end turned to nulls: the index's in place, the digest's with its
// check made again) made the accounts another instance holds candidates: a third instance was
// handed them and the holder's hold was gone. The line read is now checked against the standing
// that chose it too. Format: src/store/circle-layout.ts, src/store/log-digest.ts.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
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

/** Each digest chunk (a JSON head line, then its rows: log-digest.ts) whose tuples name `holder`, given none, its check made again. */
async function forgeDigestFree(pool: string, holder: string): Promise<number> {
  const folder = join(pool, '.cache', 'log');
  let forged = 0;
  for (const name of (await readdir(folder)).filter((f) => f.endsWith('.digest'))) {
    const bytes = await readFile(join(folder, name));
    const out: Buffer[] = [];
    for (let at = 0; at < bytes.length; ) {
      const newline = bytes.indexOf(10, at);
      const { check: _check, ...head } = JSON.parse(bytes.toString('utf8', at, newline)) as { rows: number[]; tuples: unknown[][]; check: string };
      const next = newline + 1 + head.rows[0]! * 44 + head.rows[1]! * 32 + head.rows[2]! * 12;
      const columns = bytes.subarray(newline + 1, next);
      for (const tuple of head.tuples) if (tuple[4] === holder) (tuple[4] = null), (tuple[5] = null), forged++;
      const check = createHash('sha256').update(JSON.stringify(head)).update(columns).digest('hex');
      out.push(Buffer.from(`${JSON.stringify({ ...head, check })}\n`), columns);
      at = next;
    }
    await writeFile(join(folder, name), Buffer.concat(out));
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

  it('a change-log digest edited to call held accounts free hands none of them out either', async () => {
    const p = await poolWithAccounts(COUNT);
    const csv = (name: string) => join(p.base, `${name}.csv`);
    // Both holds only in the change log (no fold yet): the digest keeps their standings.
    expect((await cli(['allocate', '--count', '3', '--instance', 'holder', '--no-check', '--accountcsv', csv('holder'), ...p.args])).code).toBe(0);
    expect((await cli(['allocate', '--count', String(COUNT - 3), '--instance', 'warm', '--no-check', '--accountcsv', csv('warm'), ...p.args])).code).toBe(0);
    expect(await forgeDigestFree(p.dir, 'holder')).toBeGreaterThan(0);

    const thief = await cli(['allocate', '--count', '3', '--instance', 'thief', '--no-check', '--accountcsv', csv('thief'), ...p.args]);
    expect(thief.code, thief.stdout).toBe(3);
    expect(existsSync(csv('thief'))).toBe(false);
    const verify = await cli(['verify', '--fix', ...p.args]);
    expect(verify.code, verify.stderr).toBe(0);
    const status = JSON.parse((await cli(['status', '--json', ...p.args])).stdout) as { holders: { instance: string; accounts: number }[] };
    expect(status.holders.map((h) => [h.instance, h.accounts]).sort()).toEqual([
      ['holder', 3],
      ['warm', COUNT - 3],
    ]);
  }, 60_000);
});
