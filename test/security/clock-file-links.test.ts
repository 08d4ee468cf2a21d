// A file under clocks/ of a pool shared through git is written by another host and arrives with a
// sync; git checks a committed link out as a link. A peer (or anyone who can push) committing
// `clocks/x.yaml` as a link to /dev/zero or to a FIFO made every command that judges the clocks
// (status, allocate, serve, sync on every host) hang for ever or fill memory: status was still
// reading after 20 s at 600 MB. Now such a file reads as no clock file at all, as a damaged one
// always did, and the others are still read.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLOCKS_DIR, readClockFiles, renderClockFile } from '../../src/git/clock-files.js';
import { cliWithin } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { makeGitPool, useGitEnv } from '../git/helpers.js';

useGitEnv();

// Written an hour ago: a host's file counts for two days after it was written (clock-verdict.ts),
// so a fixed date here would make the status test fail two days after it was written.
const GOOD = { host: 'east', checked_at: new Date(Date.now() - 3_600_000).toISOString(), ahead: [{ host: 'west', seconds: 3600, commit: 'abc' }] };

async function clocksWithTraps(dir: string): Promise<void> {
  const clocks = join(dir, CLOCKS_DIR);
  await mkdir(clocks, { recursive: true });
  await writeFile(join(clocks, 'east.yaml'), renderClockFile(GOOD));
  await symlink('/dev/zero', join(clocks, 'zero.yaml'));
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  await symlink(fifo, join(clocks, 'fifo.yaml'));
  execFileSync('mkfifo', [join(clocks, 'plain-fifo.yaml')]);
  // Far more than any host's file (one line per other host), made sparse: no disk is used.
  execFileSync('truncate', ['-s', '2G', join(clocks, 'huge.yaml')]);
}

describe('clocks/ files that are no host’s clock file', () => {
  it('links to /dev/zero and a FIFO, a FIFO, a 2 GB file are skipped; the real file is read', async () => {
    const dir = await testdir();
    await clocksWithTraps(dir);
    expect(await readClockFiles(dir)).toEqual([GOOD]);
  });

  it('status on a git pool holding them answers (a real process, killed at a 20 s deadline)', async () => {
    const pool = await makeGitPool(2);
    await clocksWithTraps(pool.dir);
    // The deadline is a bound on a hang, not a measure of speed: status ends in about a second.
    const { code, signal, stdout } = await cliWithin(['status', ...pool.args], 20_000);
    expect(signal).toBeNull();
    expect(code).toBe(0);
    // The real file is still judged: east measured west ahead.
    expect(stdout).toContain('the clock of host west is at least 1 h ahead of host east');
  }, 30_000);
});
