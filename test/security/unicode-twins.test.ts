// One login under two Unicode normalisations: `josé@example.de` typed on most systems is NFC (é as
// U+00E9), the same name in a file from a Mac's file system or some web forms is NFD (e + U+0301).
// They show alike and a login service compares them as one, so held as two entries the account
// would go to two scanners. Checked in stop 62 (K): the pool's spellings fold NFKC
// (account-spelling.ts), so the import refuses the second form and allocate hands out neither of a
// pair already there (a hand edit, an older version). PTC usernames and Gmail addresses are ASCII,
// so only another domain's Google name can carry such letters (login-names.ts refuses the others);
// capitals are one key everywhere (model.ts keyOf). In this process (cli()); real files.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const NFC = 'jos\u00e9@example.de';
const NFD = 'jose\u0301@example.de';

async function poolWithNfc() {
  const p = await makePool(1);
  const dump = join(p.base, 'nfc.csv');
  await writeFile(dump, `google,${NFC},pw-nfc\nptc,ash01,pw-a\n`);
  const r = await cli(['import', dump, '--level', '30', ...p.args]);
  expect(r.code, r.stderr).toBe(0);
  return p;
}

describe('one login in NFC and NFD', () => {
  it('a dump in NFD of a name the pool holds in NFC is refused, naming the line; in any capitals too', async () => {
    const p = await poolWithNfc();
    const dump = join(p.base, 'nfd.csv');
    await writeFile(dump, `google,${NFD},pw-nfd\ngoogle,${NFC.toUpperCase()},pw-caps\n`);
    const r = await cli(['import', dump, '--level', '30', ...p.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`nfd.csv:1: rejected: another spelling of ${NFC} (in the pool)`);
    expect(r.stderr).not.toMatch(/pw-/);
    const exported = await cli(['export', ...p.args]);
    const names = exported.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { username: string; password: string }));
    // The capitals are the same key: an update of the one account, never a second.
    expect(names.map((a) => a.username).sort()).toEqual(['ash01', NFC]);
  });

  it('an NFD line beside its NFC twin already in the shard: allocate hands out neither, to any scanner', async () => {
    const p = await poolWithNfc();
    const file = join(p.dir, 'shards', '0.yaml');
    const twin = `${JSON.stringify(NFD)}: {"password": "pw-nfd", "provider": "google", "level": 30, "state": "ok", "added_at": "2026-11-30T10:00:00.000Z", "seq": 99, "source": "mac.csv"}`;
    await writeFile(file, (await readFile(file, 'utf8')) + twin + '\n');
    const handed: string[] = [];
    for (const instance of ['east', 'west']) {
      const out = join(p.base, `${instance}.csv`);
      const r = await cli(['allocate', '--count', '5', '--accountcsv', out, '--instance', instance, '--no-check', '--allow-partial', ...p.args]);
      expect([0, 3]).toContain(r.code);
      if (r.code === 0) handed.push(...(await readFile(out, 'utf8')).split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]!));
    }
    expect(handed).toEqual(['ash01']);
    const verify = await cli(['verify', ...p.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('another spelling of');
  });
});
