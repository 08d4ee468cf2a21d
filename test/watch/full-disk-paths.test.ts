// A full disk while the watcher sets a dump aside (its note written into failed/, failed/ made):
// the message named the folder by the handle the watcher holds it through, "could not write
// /proc/self/fd/23/bad.txt.error.txt", a path that names nothing to the operator (and is closed
// by the time it is read). It names the inbox's own path now; room back, the dump is set aside.
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { fillUp, mountSkipReason, smallDisk } from '../helpers/tmpfs.js';

describe.skipIf(mountSkipReason)('a full disk while a dump is set aside', () => {
  it('names the note by its path in the inbox, never /proc/self/fd; with room, the dump goes to failed/ with it', async () => {
    const disk = await smallDisk(1024);
    const dir = join(disk, 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '2'])).code).toBe(0);
    const inbox = join(disk, 'inbox');
    await mkdir(join(inbox, 'failed'), { recursive: true });
    await mkdir(join(inbox, 'level-30'));
    const child = startCli(['watch', '--settle', '50ms', '--pool', dir]);
    const out = { stdout: '', stderr: '' };
    child.stdout!.on('data', (d) => (out.stdout += d));
    child.stderr!.on('data', (d) => (out.stderr += d));
    await waitFor(() => out.stderr.includes('watching'), { what: 'the watcher to start' });
    const dump = join(disk, 'bad.txt');
    await writeFile(dump, 'hello world\nthis is no account\n');
    const free = await fillUp(disk);
    await rename(dump, join(inbox, 'level-30', 'bad.txt')); // a rename needs no room
    await waitFor(() => /cannot import level-30\/bad\.txt now: .*ENOSPC/.test(out.stderr), { what: 'setting it aside to fail for want of room' });
    expect(out.stderr).toContain(`could not write ${join(inbox, 'failed', 'bad.txt.error.txt')}: ENOSPC`);
    expect(out.stderr).not.toContain('/proc/self/fd');
    await free();
    await waitFor(() => (out.stdout + out.stderr).includes('failed level-30/bad.txt'), { what: `the dump set aside once there is room: ${out.stderr}`, timeoutMs: 30_000 });
    expect((await readdir(join(inbox, 'failed'))).sort()).toEqual(['bad.txt', 'bad.txt.error.txt']);
    child.kill('SIGTERM');
    await child.closed;
  }, 60_000);
});
