// Two spellings of one account already in the pool (`johndoe@gmail.com` and `john.doe@gmail.com`,
// imported on two hosts of a git pool or by an older version, which the import now refuses): one
// Google account, so allocate and serve must never hand one spelling to a scanner and the other to
// a second. They hand out neither and name both, until the operator removes one line; a `serve`
// post about a spelling the pool does not hold is about the account it does hold. Real files; the
// second spelling is written into the shard as the other host's line would be. Real processes where
// the refusal and serve are the behaviour (west's allocate, both serves); the imports, the other
// allocates, verify and export run in this process (`cli()`, the same main without a node start).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, runCli, startCli, startServe } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';

const TWIN = '"john.doe@gmail.com": {"password": "pw-twin", "provider": "google", "level": 30, "state": "ok", "added_at": "2026-11-30T10:00:00.000Z", "seq": 99, "source": "other-host.csv"}';

/** A one-shard pool holding johndoe@gmail.com, ash01 and bob01. */
async function pool(): Promise<TestPool> {
  const p = await makePool(1);
  const dump = join(p.base, 'd.csv');
  await writeFile(dump, 'google,johndoe@gmail.com,pw-g\nptc,ash01,pw-a\nptc,bob01,pw-b\n');
  const r = await cli(['import', dump, '--level', '30', ...p.args]);
  expect(r.code, r.stderr).toBe(0);
  return p;
}

/** Writes the second spelling into the shard: in key order (allocate reads the circle indexes) or at the end (the whole read). */
async function addTwin(p: TestPool, where: 'sorted' | 'appended'): Promise<void> {
  const file = join(p.dir, 'shards', '0.yaml');
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  if (where === 'appended') lines.push(TWIN);
  else lines.splice(lines.findIndex((l) => l.startsWith('"johndoe@')), 0, TWIN);
  await writeFile(file, lines.join('\n') + '\n');
}

/** allocate of everything for `instance`; `real`: as a real process, else through `cli()`. */
async function allocateAll(p: TestPool, instance: string, { real = false } = {}) {
  const file = join(p.base, `${instance}.csv`);
  const r = await (real ? runCli : cli)(['allocate', '--count', '5', '--accountcsv', file, '--instance', instance, '--no-check', '--allow-partial', ...p.args]);
  const text = r.code === 0 ? await readFile(file, 'utf8') : '';
  return { ...r, names: text.split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]!) };
}

describe('two spellings of one account already in the pool', () => {
  for (const where of ['sorted', 'appended'] as const) {
    it(`allocate hands neither spelling to anyone, and names both (second line ${where})`, async () => {
      const p = await pool();
      // east got the account under the old version, before the other host's spelling came in.
      const before = await allocateAll(p, 'east');
      expect(before.names.sort()).toEqual(['ash01', 'bob01', 'johndoe@gmail.com']);
      await addTwin(p, where);
      const west = await allocateAll(p, 'west', { real: true });
      expect(west.code).toBe(3); // nothing left for west: never the other spelling
      expect(west.stderr).toContain('john.doe@gmail.com (another spelling of johndoe@gmail.com in the pool (one account: Gmail reads dots');
      expect(west.stderr).toContain('neither is handed out until one of the two lines is removed');
      // east starts again: it gives the account back and gets neither spelling.
      const again = await allocateAll(p, 'east');
      expect(again.code, again.stderr).toBe(0);
      expect(again.names.sort()).toEqual(['ash01', 'bob01']);
      expect(again.stdout).toContain('left out 2 accounts under two spellings in the pool');
      expect(again.stdout + again.stderr).not.toMatch(/pw-/);
      // The operator removes one line: the account is handed out again, once.
      const file = join(p.dir, 'shards', '0.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).split('\n').filter((l) => !l.startsWith('"john.doe@')).join('\n'));
      expect((await cli(['verify', '--fix', '--accept-loss', ...p.args])).code).toBe(0);
      const after = await allocateAll(p, 'west');
      expect(after.code, after.stderr).toBe(0);
      expect(after.names).toEqual(['johndoe@gmail.com']);
    });
  }

  it('serve gives neither spelling and logs which; a post about a spelling the pool lacks goes to the account it holds', async () => {
    const p = await pool();
    await addTwin(p, 'sorted');
    const serve = await startServe(p.args);
    try {
      const east = (await (await fetch(`${serve.url}/account/request?system_id=east&count=10`)).json()) as { username: string }[];
      const west = (await (await fetch(`${serve.url}/account/request?system_id=west&count=10`)).json()) as { username: string }[];
      expect(east.map((a) => a.username).sort()).toEqual(['ash01', 'bob01']);
      expect(west).toEqual([]);
      await waitFor(() => /left_out.*another spelling of johndoe@gmail\.com in the pool/.test(serve.output()) || undefined, { what: 'the log line naming the spellings left out' });
    } finally {
      await serve.stop();
    }
    expect(serve.output()).not.toMatch(/pw-/);
  });

  it('a serve post about another spelling sets the ban and hold of the account the pool holds, never its password', async () => {
    const p = await pool(); // johndoe@gmail.com only
    const child = startCli(['serve', '--port', '0', ...p.args]);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    try {
      const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], { what: 'serve to listen' });
      const post = await fetch(`${url}/account/update`, { method: 'POST', body: JSON.stringify([{ username: 'John.Doe+pogo@gmail.com', password: 'pw-post', auth_service: 'google', banned: true, system_id: 'east' }, { username: 'new01', password: 'pw-new', auth_service: 'ptc', level: 30 }]) });
      expect(await post.text()).toBe('ok');
      await waitFor(() => /respelled.*John\.Doe\+pogo@gmail\.com.*as.*johndoe@gmail\.com/.test(out) || undefined, { what: 'the log line naming the spelling' });
    } finally {
      child.kill('SIGTERM');
      await child.closed;
    }
    const exported = await cli(['export', '--format', 'json', ...p.args]);
    const accounts = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { username: string; password?: string; state: string });
    const john = accounts.find((a) => a.username === 'johndoe@gmail.com')!;
    expect(john.state).not.toBe('ok'); // the ban went to the account
    expect(john.password).toBe('pw-g'); // the other spelling's password was not taken
    expect(accounts.map((a) => a.username).sort()).toEqual(['ash01', 'bob01', 'johndoe@gmail.com', 'new01']);
    expect(out).not.toMatch(/pw-/);
  });
});
