// A dump dropped into the inbox as a hard link to a file elsewhere (`ln /srv/shared/file
// inbox/level-30/x.txt`): both names are one file, so tightening the filed dump's mode to 0600
// would change the outside file's mode too. The watcher imports it, files the inbox's name, and
// leaves the mode of a file that has other names as it was.
import { describe, expect, it } from 'vitest';
import { chmod, link, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { dumpText, failedNames, importedNames, makeInboxPool, poolSize } from '../watch/helpers.js';

describe('a hard link dropped into the inbox', () => {
  it('is imported, and the file outside keeps its mode and content', async () => {
    const pool = await makeInboxPool(4);
    const outside = join(pool.base, 'shared-notes.txt');
    await writeFile(outside, dumpText('hl', 2));
    await chmod(outside, 0o644);
    await mkdir(join(pool.inbox, 'level-30'), { recursive: true });
    await link(outside, join(pool.inbox, 'level-30', 'linked.txt'));
    const run = await cli(['watch', '--once', ...pool.args]);
    expect(run.code, run.stderr).toBe(0);
    expect(await importedNames(pool.inbox)).toEqual(['linked.txt']);
    expect(await poolSize(pool)).toBe(2);
    expect((await stat(outside)).mode & 0o777).toBe(0o644);
    expect(await readFile(outside, 'utf8')).toBe(dumpText('hl', 2));
  });

  it('a hard link to the machine\'s shadow file is set aside as such: no account, the file keeps its mode and content', async () => {
    const pool = await makeInboxPool(4);
    // A stand-in for /etc/shadow laid out as shadow(5) says (a test never links the real one).
    const shadow = join(pool.base, 'shadow');
    const text = 'root:$6$Zq1x9Ab2$J7q1mXkq9w0dHf3Jz5T0q3R5sYb8Zx2v4Q1wE9rT6yU7iO0pA3sD5fG8hJ1kL4zX7cV0bN2mQ5wE8rT1yU4iO.:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\nash01:$y$j9T$a1b2c3$d4e5f6g7h8i9j0:20228:0:99999:7:::\n';
    await writeFile(shadow, text);
    await chmod(shadow, 0o640);
    await mkdir(join(pool.inbox, 'level-30'), { recursive: true });
    await link(shadow, join(pool.inbox, 'level-30', 'shadow'));
    const run = await cli(['watch', '--once', ...pool.args]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/shadow.*it looks like the machine's own account file/);
    expect(run.stdout + run.stderr).not.toContain('$6$');
    expect(await failedNames(pool.inbox)).toContain('shadow');
    expect(await poolSize(pool)).toBe(0);
    expect((await stat(shadow)).mode & 0o777).toBe(0o640);
    expect(await readFile(shadow, 'utf8')).toBe(text);
  });

  it('a dump with one name is still made 0600 when filed', async () => {
    const pool = await makeInboxPool(4);
    await mkdir(join(pool.inbox, 'level-30'), { recursive: true });
    const dropped = join(pool.inbox, 'level-30', 'own.txt');
    await writeFile(dropped, dumpText('own', 1));
    await chmod(dropped, 0o644);
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    const [day] = await readdir(join(pool.inbox, 'imported'));
    expect((await stat(join(pool.inbox, 'imported', day!, 'own.txt'))).mode & 0o777).toBe(0o600);
  });
});
