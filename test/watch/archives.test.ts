// An archive dropped into the inbox is one file: imported whole (each member as the same file
// dropped loose, the folder's level for what states none) or set aside whole in failed/ with the
// reason, never deleted, nothing of it in the pool. Archives made by the real tools (helpers/archives.ts).
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makeArchive } from '../helpers/archives.js';
import { testdir } from '../helpers/testdir.js';
import { drop, failedNames, importedNames, makeInboxPool, poolSize, waiting } from './helpers.js';

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

// A compose file dropped with the files it takes its settings from is read with them, as `import
// FOLDER` reads it (src/watch/container-group.ts, src/import/container-batch.ts): its `.env`
// (compose-spec/compose-go `cli/options.go` WithDotEnv), its services' `env_file:` files and the
// base an `extends: file:` names (the Compose Specification's `services.md` env_file, `spec.md`
// extends), those files filed with it and never read alone. A companion that never comes is waited
// for a bounded while, then named, and the file read without it; a zip of the folder is one dump too.
describe('a compose file dropped into the inbox with its companions', () => {
  it('is read with its .env, env_file and extends base as one batch, filed with them; a companion that never comes is named', async () => {
    const pool = await makeInboxPool(4);
    const compose = (user: string) => ['services:', '  map:', '    image: rocketmap/rocketmap', '    environment:', `      POGOMAP_USERNAME: ${user}`, '      POGOMAP_PASSWORD: ${MAP_PASS}', ''].join('\n');
    await drop(pool.inbox, 'level-30/docker-compose.yml', compose('wcomp1'));
    await drop(pool.inbox, 'level-30/.env', 'MAP_PASS=Pw-wcomp-1\n');
    // A base file (`common.yml`, no name compose takes on its own): its service never imported alone as an account of its own.
    await drop(pool.inbox, 'level-31/common.yml', ['services:', '  bot-base:', '    image: benmag/pokemongo-bot', '    environment:', '      - AUTH_SERVICE=ptc', '      - USERNAME=wcomp7', '      - PASSWORD=Pw#wcomp-7', ''].join('\n'));
    await drop(pool.inbox, 'level-31/bot.env', 'PASSWORD=Pw-wcomp-3\n');
    await drop(pool.inbox, 'level-31/docker-compose.yml', ['services:', '  bot:', '    image: benmag/pokemongo-bot', '    extends:', '      file: common.yml', '      service: bot-base', '    env_file: bot.env', '    environment:', '      - USERNAME=wcomp3', ''].join('\n'));
    // Its env_file never comes: read without it after the wait, the file named.
    await drop(pool.inbox, 'level-32/compose.yaml', ['services:', '  bot:', '    image: benmag/pokemongo-bot', '    env_file: late.env', '    environment:', '      - USERNAME=wcomp4', '      - PASSWORD=Pw#wcomp-4', ''].join('\n'));
    // Refused with its companion: both set aside together.
    await drop(pool.inbox, 'level-33/compose.yaml', ['services:', '  bot:', '    image: benmag/pokemongo-bot', '    env_file: half.env', ''].join('\n'));
    await drop(pool.inbox, 'level-33/half.env', 'USERNAME=wcomp6\n');
    const zip = makeArchive('zip', join(pool.base, 'stack.zip'), [{ name: 'stack/docker-compose.yml', text: compose('wcomp5') }, { name: 'stack/.env', text: 'MAP_PASS=Pw-wcomp-5\n' }]);
    await drop(pool.inbox, 'level-34/stack.zip', await readFile(zip));
    const run = await cli(['watch', '--once', '--settle', '100ms', ...pool.args]);
    expect(run.stdout).toContain('imported level-30/docker-compose.yml: 1 added, 0 updated, 0 rejected');
    expect(run.stdout).toContain('imported level-31/docker-compose.yml: 1 added, 0 updated, 0 rejected');
    expect(run.stdout).toContain('imported level-34/stack.zip: 1 added, 0 updated, 0 rejected');
    expect(run.stdout).not.toMatch(/common\.yml|bot\.env|half\.env/);
    expect(run.stderr).toMatch(/level-31\/docker-compose\.yml: read with .*level-31\/common\.yml.*filed with it/);
    expect(run.stderr).toMatch(/level-32\/compose\.yaml: level-32\/late\.env named by it did not come with it/);
    expect(run.stderr).toMatch(/failed level-33\/compose\.yaml: /);
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await readdir(join(pool.inbox, 'level-30'))).toEqual([]); // the hidden .env went with its file
    const filed = await importedNames(pool.inbox);
    expect(filed).toEqual(expect.arrayContaining(['docker-compose.yml--.env', 'compose.yaml']));
    expect(filed.filter((n) => n.endsWith('--common.yml') || n.endsWith('--bot.env'))).toHaveLength(2);
    expect(await failedNames(pool.inbox)).toEqual(['compose.yaml', 'compose.yaml--half.env', 'compose.yaml.error.txt']);
    const view = await (await pool.open()).read();
    expect(view.get('wcomp1')?.password).toBe('Pw-wcomp-1');
    // The base's `environment:` PASSWORD is laid over every env file, bot.env too (compose-go types/project.go
    // WithServicesEnvironmentResolved on the merged service, stop 56): the password the container got.
    expect(view.get('wcomp3')?.password).toBe('Pw#wcomp-7');
    expect(view.get('wcomp4')?.password).toBe('Pw#wcomp-4');
    expect(view.get('wcomp5')?.password).toBe('Pw-wcomp-5');
    expect(view.get('wcomp6')).toBeUndefined();
    expect(view.get('wcomp7')).toBeUndefined();
    expect(run.stdout + run.stderr).not.toMatch(/Pw.wcomp/);
  });
});
