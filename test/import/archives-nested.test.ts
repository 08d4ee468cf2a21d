// An archive inside an archive (one level is opened: archive-members.ts, `add`): a .tar.gz, a
// plain tar, a 7z, a zip or a .tar.xz inside a zip or a tar, each made by the real tool (GNU tar,
// 7-Zip's 7zz, Info-ZIP's zip), is refused naming the member and its kind, nothing imported; in the
// inbox the outer archive is set aside in failed/ with that reason, never lost.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { accountLines, poolAccounts } from '../helpers/archives.js';
import { drop, failedNames, makeInboxPool, poolSize } from '../watch/helpers.js';

function run(cwd: string, cmd: string, args: string[]): void {
  const made = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
}

describe('an archive inside an archive', () => {
  it('a .tar.gz, tar, 7z, zip or .tar.xz inside a zip or a tar: refused naming the member and its kind; in the inbox set aside in failed/', async () => {
    const dir = await testdir({ 'inner/level30.txt': accountLines('nesta', 2), 'outer/good.txt': accountLines('nestb', 2) });
    const inners: [string, string, string[], string][] = [
      ['stock.tar.gz', 'tar', ['-czf'], 'gzip'],
      ['stock.tar', 'tar', ['-cf'], 'tar'],
      ['stock.tar.xz', 'tar', ['-cJf'], 'xz'],
      ['stock.7z', '7zz', ['a', '-bso0'], '7z'],
      ['stock.zip', 'zip', ['-q', '-r'], 'zip'],
    ];
    const pool = await makePool(2);
    for (const [inner, tool, args, kind] of inners) {
      run(dir, tool, [...args, join(dir, 'outer', inner), 'inner']);
      for (const [outer, make] of [
        ['outer.zip', () => run(join(dir, 'outer'), 'zip', ['-q', join(dir, `${inner}.zip`), 'good.txt', inner])],
        ['outer.tar', () => run(join(dir, 'outer'), 'tar', ['-cf', join(dir, `${inner}.tar`), 'good.txt', inner])],
      ] as const) {
        make();
        const file = join(dir, `${inner}.${outer.split('.')[1]}`);
        const out = await cli(['import', file, ...pool.args]);
        expect(out.code).toBe(1);
        expect(out.stderr).toContain(`${inner} is itself an archive (${kind}); one level is opened: extract it and import the files it holds; nothing was imported from it`);
      }
      run(join(dir, 'outer'), 'rm', [inner]);
    }
    expect(await poolAccounts(pool, { state: true })).toEqual([]);
    const inbox = await makeInboxPool(2);
    await drop(inbox.inbox, 'level-30/nested.zip', await readFile(join(dir, 'stock.tar.gz.zip')));
    const r = await cli(['watch', '--once', ...inbox.args]);
    expect(r.stderr).toMatch(/failed level-30\/nested\.zip: stock\.tar\.gz is itself an archive \(gzip\)/);
    expect(await failedNames(inbox.inbox)).toContain('nested.zip');
    expect(await poolSize(inbox)).toBe(0);
  }, 180_000);
});
