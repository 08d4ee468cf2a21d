// The scanner's accounts file given as a symbolic link (an operator linking the scanner's own
// accounts.csv from the folder they run allocate in). The atomic rename used to replace the link
// by a file of our own: the scanner went on reading its old file, whose accounts had since been
// released and handed to other instances, so one account was in two scanners. Now the file the
// link leads to is written and the link kept; a link into the pool is refused as the pool's file
// itself is, and a link to nothing is refused naming it, nothing written. The first allocate is a
// real process; the rest run through cli(), the same main without a node start.
import { lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, runCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('an accounts file given as a symbolic link', () => {
  it('writes the file the link leads to and keeps the link; refuses a link into the pool or to nothing', async () => {
    const p = await makePool(1);
    const dump = join(p.base, 'd.csv');
    await writeFile(dump, 'ptc,ash01,pw-a\nptc,bob01,pw-b\nptc,cat01,pw-c\n');
    expect((await cli(['import', dump, '--level', '30', ...p.args])).code).toBe(0);
    const scanner = join(p.base, 'scanner');
    await mkdir(scanner);
    const real = join(scanner, 'accounts.csv');
    await writeFile(real, 'username,password\nold01,pw-old\n', { mode: 0o600 });
    const link = join(p.base, 'accounts.csv');
    await symlink(real, link);
    const r = await runCli(['allocate', '--count', '2', '--no-check', '--accountcsv', link, '--instance', 'east', ...p.args]);
    expect(r.code, r.stderr).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    const written = await readFile(real, 'utf8');
    expect(written).toContain('ash01');
    expect(written).not.toContain('old01');
    expect((await stat(real)).mode & 0o777).toBe(0o600);

    // export --out through a link: the same.
    const out = join(p.base, 'export.json');
    const target = join(scanner, 'export.json');
    await writeFile(target, '');
    await symlink(target, out);
    expect((await cli(['export', '--format', 'json', '--out', out, ...p.args])).code).toBe(0);
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toContain('cat01');

    // A link to a shard: refused as the shard's own path is, the shard as it was.
    const shard = join(p.dir, 'shards', '0.yaml');
    const before = await readFile(shard, 'utf8');
    const intoPool = join(p.base, 'pool-link.csv');
    await symlink(shard, intoPool);
    const refused = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', intoPool, '--instance', 'west', ...p.args]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("in the pool's shards/ folder");
    expect(await readFile(shard, 'utf8')).toBe(before);

    // Into the inbox (the watcher takes every file there for a dump and moves it to imported/, so
    // the scanner's file vanished), or through a link leading there: refused, nothing written.
    const inbox = join(p.base, 'inbox');
    await mkdir(join(inbox, 'monocle'), { recursive: true });
    await symlink(join(inbox, 'monocle'), join(p.base, 'to-inbox'));
    for (const file of [join(inbox, 'monocle', 'accounts.csv'), join(p.base, 'to-inbox', 'accounts.csv')]) {
      const taken = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', file, '--instance', 'south', ...p.args]);
      expect(taken.code, taken.stderr).toBe(2);
      expect(taken.stderr).toContain(`in the inbox ${inbox}: the watcher would take it for a dump`);
    }
    const exported = await cli(['export', '--out', join(inbox, 'backup.jsonl'), ...p.args]);
    expect(exported.code, exported.stderr).toBe(2);
    expect(exported.stderr).toContain('in the inbox');
    expect(await readdir(join(inbox, 'monocle'))).toEqual([]);
    expect((await cli(['status', '--json', ...p.args])).stdout).not.toContain('south');

    // A link to nothing: refused naming it, nothing made where it leads, nothing handed out.
    const dangling = join(p.base, 'dangling.csv');
    await symlink(join(p.base, 'gone', 'accounts.csv'), dangling);
    const lost = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', dangling, '--instance', 'north', ...p.args]);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(`${dangling} is a symbolic link to ${join(p.base, 'gone', 'accounts.csv')}, which cannot be reached`);
    expect((await lstat(dangling)).isSymbolicLink()).toBe(true);
    const status = await cli(['status', '--json', ...p.args]);
    expect(status.stdout).not.toContain('north');
    expect(r.stdout + r.stderr + lost.stderr + refused.stderr).not.toMatch(/pw-/);
  });
});
