// An archive dropped into the inbox is one file: imported whole (each member as the same file
// dropped loose, the folder's level for what states none) or set aside whole in failed/ with the
// reason, never deleted, nothing of it in the pool. Archives made by the real tools (helpers/archives.ts).
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makeArchive } from '../helpers/archives.js';
import { testdir } from '../helpers/testdir.js';
import { drop, failedNames, importedNames, makeInboxPool, poolSize } from './helpers.js';

const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}:Pw#${prefix}-${i + 1}`).join('\n') + '\n';

describe('an archive in the inbox', () => {
  it('a zip in level-30/: every member imported in one go, the file filed in imported/', async () => {
    const pool = await makeInboxPool(4);
    const zip = makeArchive('zip', join(pool.base, 'delivery.zip'), [
      { name: 'stock/a.txt', text: lines('wzipa', 3) },
      { name: 'stock/b_L12.txt', text: lines('wzipb', 2) },
    ]);
    await drop(pool.inbox, 'level-30/delivery.zip', await readFile(zip));
    const r = await cli(['watch', '--once', ...pool.args]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('imported level-30/delivery.zip: 5 added, 0 updated, 0 rejected');
    expect(await importedNames(pool.inbox)).toEqual(['delivery.zip']);
    const view = await (await pool.open()).read();
    expect([1, 2, 3].map((i) => view.get(`wzipa${i}`)?.level)).toEqual([30, 30, 30]);
    expect([1, 2].map((i) => view.get(`wzipb${i}`)?.level)).toEqual([12, 12]);
  });

  it('a password-protected zip: set aside in failed/ with the reason naming the member, nothing imported', async () => {
    const pool = await makeInboxPool(4);
    const dir = await testdir({ 'accounts.txt': lines('wlocked', 3), 'open.txt': lines('wopen', 2) });
    const zip = join(pool.base, 'locked.zip');
    // Only accounts.txt locked: the open member must not come in alone either.
    expect(spawnSync('zip', ['-q', zip, 'open.txt'], { cwd: dir }).status).toBe(0);
    expect(spawnSync('zip', ['-q', '-P', 'SellerSecret42', zip, 'accounts.txt'], { cwd: dir }).status).toBe(0);
    await drop(pool.inbox, 'level-30/locked.zip', await readFile(zip));
    const r = await cli(['watch', '--once', ...pool.args]);
    expect(r.stderr).toMatch(/failed level-30\/locked\.zip: accounts\.txt is password-protected; extract it with the seller's password and import the files it holds; nothing was imported from it \(moved to /);
    expect(r.stdout + r.stderr).not.toContain('SellerSecret42');
    expect(await failedNames(pool.inbox)).toContain('locked.zip');
    expect(await poolSize(pool)).toBe(0);
  });
});

describe('a verdict-stating member, zipped or unpacked into the inbox', () => {
  // Pogo-Account-Checker's banned.txt and not_banned_L30.txt (verdict-files.ts): the verdict and
  // level are the file's own name's, never a folder's (a `dead/` folder states nothing): so a zip
  // of them and the folder it unpacks to, dropped into level-20/, give the same accounts.
  const members = [
    { name: 'results/banned.txt', text: lines('wvban', 2) },
    { name: 'results/not_banned_L30.txt', text: lines('wvok', 2) },
    { name: 'dead/accounts.txt', text: lines('wvdead', 1) },
  ];
  const accounts = async (pool: Awaited<ReturnType<typeof makeInboxPool>>) => {
    const view = await (await pool.open()).read();
    return ['wvban1', 'wvban2', 'wvok1', 'wvok2', 'wvdead1'].map((u) => `${u} ${view.get(u)?.level} ${view.get(u)?.state}`);
  };

  it('states the same verdicts and levels both ways', async () => {
    const zipped = await makeInboxPool(2);
    const zip = makeArchive('zip', join(zipped.base, 'checker.zip'), members);
    await drop(zipped.inbox, 'level-20/checker.zip', await readFile(zip));
    const z = await cli(['watch', '--once', ...zipped.args]);
    expect(z.code, z.stderr).toBe(0);
    const unpacked = await makeInboxPool(2);
    for (const m of members) await drop(unpacked.inbox, `level-20/checker/${m.name}`, m.text);
    const u = await cli(['watch', '--once', ...unpacked.args]);
    expect(u.code, u.stderr).toBe(0);
    const expected = ['wvban1 20 perm_banned', 'wvban2 20 perm_banned', 'wvok1 30 ok', 'wvok2 30 ok', 'wvdead1 20 ok'];
    expect(await accounts(zipped)).toEqual(expected);
    expect(await accounts(unpacked)).toEqual(expected);
  }, 60_000);
});

describe('a zip member named in no code page read with confidence, in the inbox', () => {
  it("takes the inbox folder's level, not the one its garbled name spells, and the line says so", async () => {
    const pool = await makeInboxPool(2);
    // CP932's `①ネ30.txt` read as CP437 is `ç@âl30.txt` (archive-zip-names.ts; test/import/zip-unsure-names.test.ts).
    const zip = makeArchive('zip', join(pool.base, 'jp.zip'), [{ name: '①ネ30.txt', codepage: 'cp932', text: lines('wunsure', 2) }]);
    await drop(pool.inbox, 'level-20/jp.zip', await readFile(zip));
    const r = await cli(['watch', '--once', ...pool.args]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("imported level-20/jp.zip: 2 added, 0 updated, 0 rejected; level-20/jp.zip!ç@âl30.txt (name's code page unsure): no level or verdict read from its name");
    const view = await (await pool.open()).read();
    expect([1, 2].map((i) => view.get(`wunsure${i}`)?.level)).toEqual([20, 20]);
  }, 60_000);
});

describe('a zip whose member has no level known, in the inbox root', () => {
  it('is set aside in failed/ with the reason, as the loose file would be, not left to be retried forever', async () => {
    const pool = await makeInboxPool(2);
    const zip = makeArchive('zip', join(pool.base, 'nolevel.zip'), [{ name: 'plain.txt', text: lines('wnolvl', 1) }]);
    await drop(pool.inbox, 'nolevel.zip', await readFile(zip));
    const r = await cli(['watch', '--once', ...pool.args]);
    expect(r.stderr).toContain('failed nolevel.zip: nolevel.zip!plain.txt:1: no level known for 1 account');
    expect(r.stderr).not.toContain('stays in the inbox');
    expect(await failedNames(pool.inbox)).toContain('nolevel.zip');
    expect(await poolSize(pool)).toBe(0);
  }, 60_000);
});

// A compose file dropped alone is read alone (src/formats/index.ts READ_ALONE): compose takes
// `${MAP_PASS}` from the `.env` beside it (compose-spec/compose-go `cli/options.go` WithDotEnv),
// which the watcher never takes (a hidden name), so that service's account is refused by its lines,
// never imported half or with `${MAP_PASS}` as its password; the other services' are imported. The
// way through is the folder zipped: its compose file is read with its `.env` (import/container-batch.ts).
describe('a compose file dropped into the inbox without its .env', () => {
  it("refuses the service needing the .env by its lines, says how to bring the two together; zipped with its .env, the account comes in", async () => {
    const pool = await makeInboxPool(4);
    const compose = ['services:', '  map:', '    image: rocketmap/rocketmap', '    environment:', '      POGOMAP_USERNAME: wcomp1', '      POGOMAP_PASSWORD: ${MAP_PASS}', '  bot:', '    image: benmag/pokemongo-bot', '    environment:', '      - USERNAME=wcomp2', '      - PASSWORD=Pw#wcomp-2', ''].join('\n');
    await drop(pool.inbox, 'level-30/docker-compose.yml', compose);
    await drop(pool.inbox, 'level-30/.env', 'MAP_PASS=Pw-wcomp-1\n');
    const alone = await cli(['watch', '--once', ...pool.args]);
    expect(alone.stdout).toContain('imported level-30/docker-compose.yml: 1 added, 0 updated, 2 rejected');
    expect(alone.stderr).toMatch(/docker-compose\.yml:6: rejected: POGOMAP_PASSWORD: its value holds \$\{MAP_PASS\}/);
    expect(alone.stderr).toMatch(/note: the compose file was read alone, without the \.env beside it .*drop the folder zipped/);
    let view = await (await pool.open()).read();
    expect(view.get('wcomp2')?.password).toBe('Pw#wcomp-2');
    expect(view.get('wcomp1')).toBeUndefined();
    // The .env is left where it is, untouched: no account of its own, never filed.
    expect(await readFile(join(pool.inbox, 'level-30', '.env'), 'utf8')).toBe('MAP_PASS=Pw-wcomp-1\n');

    const zip = makeArchive('zip', join(pool.base, 'stack.zip'), [{ name: 'stack/docker-compose.yml', text: compose }, { name: 'stack/.env', text: 'MAP_PASS=Pw-wcomp-1\n' }]);
    await drop(pool.inbox, 'level-30/stack.zip', await readFile(zip));
    const zipped = await cli(['watch', '--once', ...pool.args]);
    expect(zipped.stdout).toContain('imported level-30/stack.zip: 1 added, 0 updated, 1 unchanged, 0 rejected');
    view = await (await pool.open()).read();
    expect(view.get('wcomp1')?.password).toBe('Pw-wcomp-1');
    expect(alone.stdout + alone.stderr + zipped.stdout + zipped.stderr).not.toMatch(/Pw.wcomp/);
  });
});
