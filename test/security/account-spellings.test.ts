// One account under two spellings must not become two entries, or two scanners get it at once.
// Gmail reads `john.doe@gmail.com`, `JohnDoe+pogo@gmail.com` and `johndoe@googlemail.com` as
// `johndoe@gmail.com`; a fullwidth `ａｓｈ` or an `ash` with a zero-width space (left by a seller's
// web page) shows as `ash` on every screen. The import refuses the second spelling, naming file,
// line and the spelling already held; `serve` never adds one from a post. Real files; the first
// import and `serve` as real processes, the other commands in this process (cli(): the same main).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, runCli, startCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { sharedPool, useGitEnv } from '../git/helpers.js';

const SPELLINGS = ['johndoe@gmail.com', 'john.doe@gmail.com', 'JohnDoe+pogo@gmail.com', 'johndoe@googlemail.com', 'J.O.H.N.D.O.E@GMail.com'];

async function exported(args: string[]): Promise<string[]> {
  const r = await cli(['export', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { username: string }).username);
}

beforeAll(useGitEnv);

describe('one account under two spellings', () => {
  it('a Google account under five spellings is imported once, and only one scanner gets it', async () => {
    const pool = await makePool(8);
    const first = join(pool.base, 'first.csv');
    await writeFile(first, SPELLINGS.slice(0, 3).map((u, i) => `google,${u},pw-${i}`).join('\n') + '\n');
    const a = await runCli(['import', first, '--level', '30', ...pool.args]);
    // 1, not 0: lines 2 and 3 rejected: exit 1, line 1's account in.
    expect(a.code, a.stderr).toBe(1);
    expect(a.stdout).toContain('1 added, 0 updated, 2 rejected (lines 2, 3)');
    expect(a.stderr).toContain(`first.csv:2: rejected: another spelling of johndoe@gmail.com (line 1): Gmail reads dots, a +tag and googlemail.com as one address; not added twice`);
    // A later dump with the other spellings: refused against the pool.
    const later = join(pool.base, 'later.csv');
    await writeFile(later, SPELLINGS.slice(3).map((u, i) => `google,${u},pw-later-${i}`).join('\n') + '\ngoogle,john.doe@example.com,pw-x\ngoogle,johndoe@example.com,pw-y\n');
    const b = await cli(['import', later, '--level', '30', ...pool.args]);
    // 1, not 0: lines rejected against the pool: exit 1, the others in.
    expect(b.code, b.stderr).toBe(1);
    expect(b.stderr).toContain('later.csv:1: rejected: another spelling of johndoe@gmail.com (in the pool)');
    expect(b.stderr).toContain('later.csv:2: rejected: another spelling of johndoe@gmail.com (in the pool)');
    expect(b.stderr).not.toMatch(/pw-/);
    // Dots matter outside Gmail: two accounts there.
    expect((await exported(pool.args)).sort()).toEqual(['john.doe@example.com', 'johndoe@example.com', 'johndoe@gmail.com']);
    // Two scanners asking for everything: the Google account is in one file only.
    const files = ['east', 'west'].map((n) => join(pool.base, `${n}.csv`));
    for (const [i, instance] of ['east', 'west'].entries()) {
      const r = await cli(['allocate', '--count', '2', '--accountcsv', files[i]!, '--instance', instance, '--no-check', '--allow-partial', ...pool.args]);
      expect(r.code, r.stderr).toBe(0);
    }
    const handed = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
    expect(handed.match(/johndoe@g(oogle)?mail\.com|john\.doe@gmail|johndoe\+pogo/gi)?.length).toBe(1);
  });

  it('a fullwidth or invisible-character look-alike of a known name is refused; distinct names stay distinct', async () => {
    const pool = await makePool(8);
    const dump = join(pool.base, 'lookalikes.txt');
    const names = ['ash', 'ash\u200b', '\uff41\uff53\uff48', 'a\u017fh', '\u00adash', 'asha', 'ash2'];
    await writeFile(dump, names.map((n, i) => `${n}:pw-${i}`).join('\n') + '\n');
    const r = await cli(['import', dump, '--level', '30', ...pool.args]);
    // 1, not 0: lines rejected: exit 1, the distinct names in.
    expect(r.code, r.stderr).toBe(1);
    // A zero-width space is a paste's leftover: lists drop it as they read, so line 2 is `ash` again.
    expect(r.stdout).toContain('3 added, 0 updated, 1 duplicate, 3 rejected (lines 3, 4, 5)');
    expect(r.stderr).toContain('lookalikes.txt:2: duplicate of line 1, skipped');
    expect(r.stderr).toContain('lookalikes.txt:3: rejected: another spelling of ash (line 1): the two show the same');
    expect((await exported(pool.args)).sort()).toEqual(['ash', 'ash2', 'asha']);
  });

  it('serve adds no second spelling of a known account from a post, and applies it to the known one', async () => {
    const pool = await makePool(8);
    const dump = join(pool.base, 'g.csv');
    await writeFile(dump, 'google,johndoe@gmail.com,pw-g\n');
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    const child = startCli(['serve', '--port', '0', ...pool.args]);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    try {
      const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], { what: 'serve to listen' });
      const post = await fetch(`${url}/account/update`, { method: 'POST', body: JSON.stringify([{ username: 'john.doe@gmail.com', password: 'pw-post', auth_service: 'google', level: 30 }, { username: 'other@gmail.com', password: 'pw-o', auth_service: 'google', level: 30 }]) });
      expect(await post.text()).toBe('ok');
      const east = await (await fetch(`${url}/account/request?system_id=east&count=5`)).json();
      const west = await (await fetch(`${url}/account/request?system_id=west&count=5`)).json();
      const given = [...east, ...west].map((a: { username: string }) => a.username).sort();
      expect(given).toEqual(['johndoe@gmail.com', 'other@gmail.com']);
      // The post's item about the other spelling is about the account the pool holds (spelling-twins.test.ts).
      await waitFor(() => /respelled.*john\.doe@gmail\.com.*as.*johndoe@gmail\.com/.test(out) || undefined, { what: 'the log line naming the spelling' });
      expect(out).not.toMatch(/pw-/);
    } finally {
      child.kill('SIGTERM');
      await child.closed;
    }
  });

  it('two hosts of a git pool each importing one spelling: verify on both names the two lines and exits 1, allocate hands out neither', async () => {
    const { clones } = await sharedPool(2, 30);
    const [a, b] = clones as [string, string];
    for (const [dir, name] of [[a, 'johndoe@gmail.com'], [b, 'John.Doe@gmail.com']] as const) {
      const dump = join(dir, '..', `${name}.csv`);
      await writeFile(dump, `google,${name},pw-${name}\n`);
      expect((await cli(['import', dump, '--level', '30', '--pool', dir])).code).toBe(0);
    }
    for (const dir of [a, b, a]) expect((await cli(['sync', '--pool', dir])).code).toBe(0);
    for (const dir of [a, b]) {
      const verify = await cli(['verify', '--pool', dir]);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toMatch(/shards\/\d+\.yaml:\d+: account (John\.Doe|johndoe)@gmail\.com is another spelling of (johndoe|John\.Doe)@gmail\.com in .*shards\/\d+\.yaml:\d+ \(one account: Gmail reads dots/);
      expect(verify.stdout).not.toMatch(/pw-/);
      // Until one line is removed, no host hands out either spelling (the two are in two shards).
      const file = join(dir, '..', 'accounts.csv');
      const allocate = await cli(['allocate', '--count', '100', '--accountcsv', file, '--instance', 'east', '--no-check', '--allow-partial', '--pool', dir]);
      expect(allocate.code, allocate.stderr).toBe(0);
      expect(allocate.stdout).toContain('left out 2 accounts under two spellings in the pool');
      expect(await readFile(file, 'utf8')).not.toMatch(/john\.?doe@/i);
    }
  });
});
