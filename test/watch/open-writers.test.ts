// The watcher's look for a process still writing a dump walks /proc once and asks the walk for
// every file unchanged since it began (src/watch/open-writers.ts): a drop of 200 files is one
// walk, not 200 (docs/scale-log.md, stop 49 W). What that must not lose: a writer that holds the
// file now is named, whether it opened the file before the walk or wrote to it after; one that
// has closed it no longer holds it back. The writers here are real processes (`sleep` and `sh`
// with the file as their stdout, opened for appending), as an upload's sftp-server or scp is;
// the watcher's own process is never counted (test/watch/open-for-writing.test.ts: the CLI).
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, lstatSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenWriters } from '../../src/watch/open-writers.js';
import { stopAfterTest, testdir, waitFor } from '../helpers/testdir.js';

/** A process holding `file` open for appending (O_WRONLY) as its stdout, running `script` then sleeping. */
function writer(file: string, script = ''): ChildProcess {
  const fd = openSync(file, 'a');
  try {
    const child = spawn('sh', ['-c', `${script} exec sleep 600`], { stdio: ['ignore', fd, 'ignore'] });
    stopAfterTest(() => child.kill('SIGKILL'));
    return child;
  } finally {
    closeSync(fd); // only the child holds it
  }
}

/** The writer as the watcher names it (`sh` until it has become `sleep`). */
const named = (child: ChildProcess) => new RegExp(`^(sh|sleep) \\(PID ${child.pid}\\)$`);

const ended = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));

/** Until the clock is well past every file's ctime: a walk begun now is newer than all of them. */
const pastChanges = (files: string[]) => waitFor(() => files.every((f) => Date.now() > lstatSync(f).ctimeMs + 200), { what: 'the files to be older than now' });

describe.skipIf(process.platform !== 'linux')('who holds an inbox file open for writing', () => {
  it('names the process holding it; once that process has closed it, the same walk no longer holds the file back', async () => {
    const dir = await testdir({ 'upload.txt': 'a:pw-a\n' });
    const file = join(dir, 'upload.txt');
    const child = writer(file);
    await waitFor(() => child.pid !== undefined && new OpenWriters().holding(lstatSync(file)) !== undefined, { what: 'the writer to hold the file' });
    const writers = new OpenWriters();
    expect(writers.holding(lstatSync(file))).toMatch(named(child));
    child.kill('SIGKILL');
    await ended(child);
    expect(writers.holding(lstatSync(file))).toBeUndefined();
  });

  it('one walk for files unchanged since it began; a file written after it, by a process that opened it after it, is looked for again and its writer named', async () => {
    const dir = await testdir(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, `u${i}:pw-${i}\n`])));
    const files = Array.from({ length: 20 }, (_, i) => join(dir, `f${i}.txt`));
    await pastChanges(files);
    const writers = new OpenWriters();
    for (const file of files) expect(writers.holding(lstatSync(file))).toBeUndefined();
    expect(writers.walks).toBe(1);
    // An scp going on into a file that was settled when the walk was made: it opens it and writes.
    const late = files[7]!;
    const before = lstatSync(late).size;
    const child = writer(late, 'echo more:pw-more;');
    await waitFor(() => lstatSync(late).size > before, { what: 'the late writer to write' });
    expect(writers.holding(lstatSync(late))).toMatch(named(child));
    expect(writers.walks).toBe(2);
    // A file made after the walk (created and written by its writer) is looked for too.
    const fresh = join(dir, 'fresh.txt');
    writeFileSync(fresh, 'v:pw-v\n');
    const second = writer(fresh);
    expect(writers.holding(lstatSync(fresh))).toMatch(named(second));
  });
});
