// A Google account written without its domain (`john.doe`, provider google) is its Gmail address
// (johndoe@gmail.com): Google's login reads it so. Beside that address it is one account, which the
// import must refuse to add twice and allocate must never hand to two scanners; a PTC name of the
// same letters is another account. And a name no login can have (a Cyrillic `а` in a PTC name),
// already in a pool from before the import refused it, is named by `verify` and handed out by
// neither `allocate` nor `serve`. Real files; each refusal and `serve` seen once from a real process,
// the other commands in this process (cli(): the same main); the lines another host (or an older
// version) wrote are put into the shard as they would be.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, runCli, startServe } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';

const line = (name: string, provider: string, seq: number) => `"${name}": {"password": "pw-${seq}", "provider": "${provider}", "level": 30, "state": "ok", "added_at": "2026-11-30T10:00:00.000Z", "seq": ${seq}, "source": "other-host.csv"}`;

/** `import` of `text` at level 30: in this process, or as a real one (`run`: runCli). */
async function imported(p: TestPool, text: string, run = cli) {
  const dump = join(p.base, `d${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(dump, text);
  return run(['import', dump, '--level', '30', ...p.args]);
}

/** Puts `extra` into the one shard: in key order (allocate reads the circle indexes) or at the end (the whole read). */
async function addLines(p: TestPool, extra: string[], where: 'sorted' | 'appended'): Promise<void> {
  const file = join(p.dir, 'shards', '0.yaml');
  const [header, ...lines] = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  lines.push(...extra);
  if (where === 'sorted') lines.sort((a, b) => (a.slice(0, a.indexOf('":')).toLowerCase() < b.slice(0, b.indexOf('":')).toLowerCase() ? -1 : 1));
  await writeFile(file, [header, ...lines].join('\n') + '\n');
}

async function allocateAll(p: TestPool, instance: string) {
  const file = join(p.base, `${instance}.csv`);
  const r = await cli(['allocate', '--count', '9', '--accountcsv', file, '--instance', instance, '--no-check', '--allow-partial', ...p.args]);
  const text = r.code === 0 ? await readFile(file, 'utf8') : '';
  return { ...r, names: text.split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]!).sort() };
}

describe('a Google name without its domain', () => {
  it('is refused by the import beside its Gmail address, either way round; a PTC name of the same letters is another account', async () => {
    const p = await makePool(2);
    expect((await imported(p, 'google,johndoe@gmail.com,pw-1\ngoogle,maryjane,pw-2\nptc,peterpan,pw-3\n')).code).toBe(0);
    const r = await imported(p, 'google,john.doe,pw-4\ngoogle,mary.jane@gmail.com,pw-5\ngoogle,peterpan@gmail.com,pw-6\nptc,janedoe,pw-7\ngoogle,jane.doe@googlemail.com,pw-8\ngoogle,j.a.n.e.doe,pw-9\n', runCli);
    // 1, not 0: lines rejected: exit 1, the others imported.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('3 added, 0 updated, 3 rejected (lines 1, 2, 6)');
    expect(r.stderr).toMatch(/:1: rejected: another spelling of johndoe@gmail.com \(in the pool\): Google reads a name without its domain as that @gmail.com address/);
    expect(r.stderr).toMatch(/:2: rejected: another spelling of maryjane \(in the pool\)/);
    expect(r.stderr).toMatch(/:6: rejected: another spelling of jane.doe@googlemail.com \(line 5\)/);
    expect(r.stdout + r.stderr).not.toMatch(/pw-/);
  });

  for (const where of ['sorted', 'appended'] as const) {
    it(`already in the pool beside its Gmail address: verify names both, allocate hands out neither (line ${where})`, async () => {
      const p = await makePool(1);
      expect((await imported(p, 'google,johndoe@gmail.com,pw-1\nptc,peterpan,pw-2\ngoogle,peterpan@gmail.com,pw-3\n')).code).toBe(0);
      await addLines(p, [line('John.Doe', 'google', 90)], where);
      const verify = await cli(['verify', ...p.args]);
      expect(verify.code).toBe(1);
      expect(verify.stdout + verify.stderr).toMatch(/John\.Doe is another spelling of johndoe@gmail\.com .*Google reads a name without its domain/);
      const west = await allocateAll(p, 'west');
      expect(west.code, west.stderr).toBe(0);
      expect(west.names).toEqual(['peterpan', 'peterpan@gmail.com']); // a PTC name and a Gmail address: two accounts
      expect(west.stdout).toContain('left out 2 accounts under two spellings in the pool');
      expect(west.stdout + west.stderr + verify.stdout + verify.stderr).not.toMatch(/pw-/);
    });
  }
});

describe('a name no login can have, already in the pool', () => {
  it('is named by verify with its line and character, and handed out by neither allocate nor serve', async () => {
    const p = await makePool(1);
    expect((await imported(p, 'ptc,ash01,pw-1\nptc,bob01,pw-2\n')).code).toBe(0);
    await addLines(p, [line('\u0430sh01', 'ptc', 90)], 'sorted'); // a Cyrillic а, typed in by hand or from an older version
    const verify = await runCli(['verify', ...p.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/0\.yaml:\d+.*\u0430sh01: username holds U\+0430, not ASCII.*not handed out until its name is corrected or its line removed/);
    const east = await allocateAll(p, 'east');
    expect(east.code, east.stderr).toBe(0);
    expect(east.names).toEqual(['ash01', 'bob01']);
    expect(east.stdout).toContain('left out 1 account named as no login can be: \u0430sh01 (username holds U+0430');
    expect((await cli(['release', '--instance', 'east', ...p.args])).code).toBe(0);
    const serve = await startServe(p.args);
    try {
      const given = (await (await fetch(`${serve.url}/account/request?system_id=west&count=10`)).json()) as { username: string }[];
      expect(given.map((a) => a.username).sort()).toEqual(['ash01', 'bob01']);
      await waitFor(() => /left_out=1.*U\+0430/.test(serve.output()) || undefined, { what: 'the log line naming the name left out' });
    } finally {
      await serve.stop();
    }
    const out = serve.output();
    expect(out + verify.stdout + east.stdout).not.toMatch(/pw-/);
  });
});

describe('a Google name of another domain holding an invisible or direction-changing character', () => {
  it('is refused by the import with its line and character, by a serve post too; letters of any script stay', async () => {
    const p = await makePool(1);
    const names = [
      'bob@moc.\u202eelpmaxe.com', // RIGHT-TO-LEFT OVERRIDE: shown as another address
      'zed\u200b@corp.com', // ZERO WIDTH SPACE: shown as zed@corp.com
      'amy@corp\u2066.com', // LEFT-TO-RIGHT ISOLATE
      'eve\ud800@corp.com', // half a surrogate pair: no UTF-8 file can hold it
      'ian\u00ad@corp.com', // SOFT HYPHEN: invisible
    ];
    const kept = ['josé@corp.es', 'kim@bücher.de'];
    const dump = join(p.base, 'google.json');
    const items = [...names, ...kept].map((username, i) => JSON.stringify({ username, password: `Pw-google-${i}`, provider: 'google', level: 30 }));
    await writeFile(dump, `[\n${items.join(',\n')}\n]\n`);
    const r = await runCli(['import', dump, ...p.args]);
    expect(r.stdout).toContain('2 added');
    for (const [i, c] of ['U+202E', 'U+200B', 'U+2066', 'U+D800', 'U+00AD'].entries()) expect(r.stderr).toContain(`google.json:${i + 2}: rejected: username holds ${c}`);
    expect(r.stderr).not.toContain('Pw-google');
    const server = await startServe(p.args);
    try {
      const post = await fetch(`${server.url}/account/update`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rtl@\u202eevil.com', password: 'Pw-served', auth_service: 'google' }) });
      expect(post.status).toBe(200);
    } finally {
      await server.stop();
    }
    const status = await cli(['export', '--format', 'json', ...p.args]);
    expect(status.stdout).not.toContain('evil.com');
    expect(status.stdout.split('\n').filter((l) => l.includes('"username"')).length).toBe(2);
  });
});
