// `release` and `mark` racing allocations, each a real process (stop 66 X): instance a allocates
// and releases, b allocates, and a mark gives verdicts to accounts a or b may hold, all started at
// once, two rounds. After each round: no account in both scanners' files while both hold it, the
// pool's holds of each instance are exactly the accounts its file lists (or none, where a's release
// came last: a release leaves the file as it was), b's hold never ended by a's release, and a
// verdict never moves or ends a hold (mark changes the state, never the holder).
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, runCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { readDump, toDumpInput } from '../../src/formats/index.js';

async function listed(file: string): Promise<Set<string>> {
  return new Set((await readDump(toDumpInput(file, await readFile(file)))).accounts.map((a) => a.username));
}

describe('release and mark racing allocate across processes', () => {
  it('never an account held by two, never a hold ended by another instance\'s release or moved by a mark', async () => {
    const pool = await makePool(4);
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, Array.from({ length: 120 }, (_, i) => `race${i}:secret-pw-${i}`).join('\n'));
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    const [fileA, fileB] = [join(pool.base, 'a.csv'), join(pool.base, 'b.csv')];
    const allocate = (file: string, instance: string) => runCli(['allocate', '--count', '25', '--no-check', '--accountcsv', file, '--instance', instance, ...pool.args]);
    for (let round = 0; round < 2; round++) {
      const marked = Array.from({ length: 6 }, (_, i) => `race${(round * 37 + i * 19) % 120}`);
      const results = await Promise.all([
        allocate(fileA, 'a'),
        allocate(fileB, 'b'),
        runCli(['release', '--instance', 'a', ...pool.args]),
        runCli(['mark', ...marked, '--verdict', 'warned', ...pool.args]),
      ]);
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const snapshot = await (await pool.open()).read();
      const holds = { a: new Set<string>(), b: new Set<string>() };
      for (let i = 0; i < 120; i++) {
        const account = snapshot.get(`race${i}`)!;
        if (account.holder === 'a' || account.holder === 'b') holds[account.holder].add(account.username);
      }
      const [inA, inB] = [await listed(fileA), await listed(fileB)];
      // b allocated this round and nobody released b: its file is its holds, exactly.
      expect(holds.b).toEqual(inB);
      expect(holds.b.size).toBe(25);
      // a: its holds are its file, or none if the release came after the allocation.
      if (holds.a.size > 0) expect(holds.a).toEqual(inA);
      for (const name of holds.a) expect(holds.b.has(name)).toBe(false);
      // Each mark landed, on held accounts too, and the holds above are unchanged by it.
      for (const name of marked) expect(snapshot.get(name)!.state).toBe('warned');
    }
  });
});
