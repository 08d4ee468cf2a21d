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
