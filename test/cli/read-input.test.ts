// `import FILE` reads a regular file into one buffer of its size (read-input.ts), and everything
// else as before: the same bytes, a pipe read to its end, the limit and a missing file refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { MissingInput, readInput } from '../../src/cli/read-input.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'read-input-'));
  dirs.push(d);
  return d;
}

const stdin = new PassThrough();

describe('a dump file read whole', () => {
  it('gives a regular file its bytes, past a stream chunk and at the limit exactly', async () => {
    const cwd = folder();
    const bytes = Buffer.from(Array.from({ length: 200_003 }, (_, i) => (i * 7) % 251));
    writeFileSync(join(cwd, 'd.txt'), bytes);
    expect((await readInput('d.txt', { cwd, stdin, limit: bytes.length })).equals(bytes)).toBe(true);
    writeFileSync(join(cwd, 'e.txt'), '');
    expect((await readInput('e.txt', { cwd, stdin, limit: 10 })).length).toBe(0);
  });

  it('refuses a file over the limit and names a missing one', async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'd.txt'), 'x'.repeat(100_000));
    await expect(readInput('d.txt', { cwd, stdin, limit: 99_999 })).rejects.toThrow(/d\.txt: more than 99999 bytes, over max_dump_size/);
    await expect(readInput('gone.txt', { cwd, stdin, limit: 10 })).rejects.toBeInstanceOf(MissingInput);
  });

  it('a missing file is always refused, never an uncaught error (its open raced the size lookup: 23 in 2,000 before)', async () => {
    // The stream used to be made before the file's size was asked: its open failed during that
    // await and emitted ENOENT with nobody listening, an uncaught exception that crashed `import`
    // (seen in CI from terminal-escapes.test.ts). 2,000 reads make the race near certain to show.
    const cwd = folder();
    let uncaught = 0;
    const count = () => void uncaught++;
    process.on('uncaughtException', count);
    try {
      for (let i = 0; i < 2000; i++) await expect(readInput(`gone-${i}.txt`, { cwd, stdin, limit: 1 << 20 })).rejects.toBeInstanceOf(MissingInput);
      // Any late error event would have been emitted by now (the streams are closed).
      await new Promise((done) => setImmediate(done));
    } finally {
      process.off('uncaughtException', count);
    }
    expect(uncaught).toBe(0);
  });

  it('reads a named pipe to its end, as before', async () => {
    const cwd = folder();
    if (spawnSync('mkfifo', [join(cwd, 'p')]).status !== 0) return; // no mkfifo here
    // The writer blocks opening the pipe until the read opens it.
    spawn('sh', ['-c', `head -c 150000 /dev/zero | tr '\\0' a > ${join(cwd, 'p')}`], { stdio: 'ignore' });
    const read = await readInput('p', { cwd, stdin, limit: 1_000_000 });
    expect(read.length).toBe(150_000);
    expect(read.every((b) => b === 0x61)).toBe(true);
  });
});
