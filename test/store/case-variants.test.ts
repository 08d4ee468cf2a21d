// One account entered twice (`ash` and a hand-added `ASH`, in one shard or in two) once gave the
// account two holders and was written back as two `"ash"` keys. Now every writer refuses with the
// file and both lines, nothing is written, and verify reports it.
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { writeSealed } from '../helpers/sealed-cache.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { readDump, toDumpInput } from '../../src/formats/index.js';
import { Pool } from '../../src/store/pool.js';
import { layoutOf } from '../../src/store/layout.js';
import { encodeAccountLine, shardHash } from '../../src/store/shard-codec.js';
import { canonicalEntry } from '../../src/store/canonical-cache.js';

async function poolWithAsh(): Promise<TestPool & { shard: string }> {
  const pool = await makePool(4);
  const dump = join(pool.base, 'dump.txt');
  await writeFile(dump, ['ash:pw-ash', 'brock:pw-brock', 'misty:pw-misty'].join('\n'));
  expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
  const store = await Pool.open(pool.dir);
  return { ...pool, shard: join(pool.dir, 'shards', `${store.shardNameOf('ash')}.yaml`) };
}

/** `"ASH": {...}` as a hand edit adds it: another password, appended at the end of `file`. */
async function addVariant(file: string, username = 'ASH'): Promise<number> {
  const text = await readFile(file, 'utf8');
  const line = `${username}: {password: other-pw, provider: ptc, level: 30, state: ok, added_at: "2026-01-01T00:00:00.000Z", seq: 99}`;
  await writeFile(file, `${text}${line}\n`);
  return text.split('\n').length; // its line number
}

async function lineOf(file: string, username: string): Promise<number> {
  return (await readFile(file, 'utf8')).split('\n').findIndex((l) => l.startsWith(`"${username}"`)) + 1;
}

async function usernamesIn(file: string): Promise<string[]> {
  return (await readDump(toDumpInput(file, await readFile(file)))).accounts.map((a) => a.username.toLowerCase());
}

describe('one account entered twice', () => {
  it('in the shard that holds it: allocating for two instances refuses (file, both lines), never hands it out twice, writes nothing', async () => {
    const pool = await poolWithAsh();
    const first = await lineOf(pool.shard, 'ash');
    const second = await addVariant(pool.shard);
    const edited = await readFile(pool.shard, 'utf8');
    const files = [join(pool.base, 'east.csv'), join(pool.base, 'west.csv')];
    const results = [];
    // east takes ash, brock and misty; west the one left, ASH.
    for (const [i, [instance, count]] of [['east', '3'], ['west', '1']].entries()) {
      results.push(await cli(['allocate', '--count', count!, '--no-check', '--accountcsv', files[i]!, '--instance', instance!, ...pool.args]));
    }
    // Before: both scanners' files held ash.
    const holders = await Promise.all(files.map((f) => usernamesIn(f).catch(() => [] as string[])));
    expect(holders.flat().filter((u) => u === 'ash').length).toBeLessThanOrEqual(1);
    for (const result of results) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${pool.shard}:${second}: the account of line ${first} again`);
      expect(result.stderr).not.toContain('other-pw');
    }
    for (const args of [['mark', 'ash', '--verdict', 'blind'], ['release', '--instance', 'east'], ['verify', '--fix']]) {
      expect((await cli([...args, ...pool.args])).code).toBe(1);
    }
    expect(await readFile(pool.shard, 'utf8')).toBe(edited);
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`${pool.shard}:${second}: the account of line ${first} again`);
    // The operator keeps one line: everything works again.
    await writeFile(pool.shard, edited.split('\n').filter((_, i) => i !== second - 1).join('\n'));
    expect((await cli(['allocate', '--count', '3', '--no-check', '--accountcsv', files[0]!, '--instance', 'east', ...pool.args])).code).toBe(0);
  });

  it('in another shard (moved by hand, or merged by git across a change of the shard count): writers refuse naming both files and lines', async () => {
    const pool = await poolWithAsh();
    const store = await Pool.open(pool.dir);
    const other = join(pool.dir, 'shards', `${['0', '1', '2', '3'].find((n) => n !== store.shardNameOf('ash'))!}.yaml`);
    const second = await addVariant(other);
    const result = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east', ...pool.args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`account (ash|ASH) is in [^ ]+\\.yaml:\\d+ and in [^ ]+\\.yaml:\\d+`));
    expect(result.stderr).toContain(`${pool.shard}:${await lineOf(pool.shard, 'ash')}`);
    expect(result.stderr).toContain(`${other}:${second}`);
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/account (ash|ASH) is also in .*\.yaml:\d+/);
  });

  it('in a shard known by its hash as our own output (written before this check): still refused, never written back twice', async () => {
    const pool = await poolWithAsh();
    const store = await Pool.open(pool.dir);
    const account = (await store.read()).get('ash')!;
    const name = store.shardNameOf('ash');
    // Two keys for one account, each line canonical, as the old code could write them.
    const header = (await readFile(pool.shard, 'utf8')).split('\n')[0]!;
    const text = `${header}\n${encodeAccountLine({ ...account, username: 'ASH' })}\n${encodeAccountLine(account)}\n`;
    await writeFile(pool.shard, text);
    const cache = layoutOf(pool.dir).canonicalCache;
    await mkdir(dirname(cache), { recursive: true });
    // Sealed, as the program writes it: the shard is trusted through the cache, not re-read whole.
    await writeSealed(cache, { [name]: canonicalEntry(shardHash(text)) });
    const result = await cli(['allocate', '--count', '3', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east', ...pool.args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`account ASH is in ${pool.shard}:2 and in ${pool.shard}:3`);
    expect(await readFile(pool.shard, 'utf8')).toBe(text);
  });
});
