// An inbox whose own path is not UTF-8 (a folder named in a Windows code page, `in\xE9box`, or a
// link to one): Node names it with U+FFFD, chokidar watches strings, and the watcher failed on a
// bare ENOENT, or said "no inbox folder" of a folder that is there. It is refused at start, naming
// the path and what to do; the dumps in it stay untouched (src/watch/inbox-path.ts).
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN, cli } from '../helpers/cli.js';
import { makeInboxPool } from './helpers.js';

const run = promisify(execFile);
/** `<base>/<name>` as bytes, `\xE9` one byte of Latin-1 as a Windows name holds it. */
const latin1 = (base: string, name: string) => Buffer.concat([Buffer.from(`${base}/`), Buffer.from(name, 'latin1')]);

describe('an inbox whose own path is not UTF-8', () => {
  it('given as such on the command line (a real process, its bytes in argv): refused at start naming it; its dump stays', async () => {
    const pool = await makeInboxPool(4);
    const inbox = latin1(pool.base, 'in\xe9box');
    await mkdir(inbox);
    await writeFile(Buffer.concat([inbox, Buffer.from('/dump.txt')]), 'ash_nu1:Pw-nu1\n');
    // bash's printf puts the byte itself into argv, as a shell's glob over such a folder does.
    const script = `exec node ${JSON.stringify(BIN)} watch --once --pool ${JSON.stringify(pool.dir)} --inbox "$(printf '%s/in\\351box' ${JSON.stringify(pool.base)})"`;
    const result = await run('bash', ['-c', script]).then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => error);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the inbox's path ${pool.base}/in\\xE9box is not UTF-8: the watcher watches only a folder whose whole path is UTF-8`);
    expect(await readdir(inbox)).toEqual(['dump.txt']);
  });

  it('a link with a UTF-8 name to such a folder, and a folder so named above the inbox: refused, naming the real path', async () => {
    const pool = await makeInboxPool(4);
    const target = latin1(pool.base, 'in\xe9box');
    await mkdir(target);
    await symlink(target, join(pool.base, 'inlink'));
    const viaLink = await cli(['watch', '--once', '--inbox', join(pool.base, 'inlink'), ...pool.args]);
    expect(viaLink.code).toBe(1);
    expect(viaLink.stderr).toContain(`the inbox ${pool.base}/inlink is ${pool.base}/in\\xE9box, a path that is not UTF-8`);

    const above = latin1(pool.base, 'caf\xe9');
    await mkdir(Buffer.concat([above, Buffer.from('/inbox')]), { recursive: true });
    await symlink(above, join(pool.base, 'cafe'));
    const below = await cli(['watch', '--once', '--inbox', join(pool.base, 'cafe', 'inbox'), ...pool.args]);
    expect(below.code).toBe(1);
    expect(below.stderr).toContain(`is ${pool.base}/caf\\xE9/inbox, a path that is not UTF-8`);
    expect(below.stderr).not.toMatch(/ENOENT|no inbox folder/);
  });
});
