// The paths the watcher's hints print (`every line: accountpool import --dry-run PATH`) are pasted
// by the operator into a shell: each must be one word that bash, zsh and fish read back to the very
// same bytes, whatever the name holds (blanks, `;`, quotes, `$`, a backslash, a control character,
// bytes that are not UTF-8: raw-names.ts). Checked by running each real shell on the word.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../src/shell-word.js';
import { nameOf } from '../../src/watch/raw-names.js';

const run = promisify(execFile);
const SHELLS = ['bash', 'zsh', 'fish'];

/** What `cat -- WORD` prints in each shell, run in `dir`. */
async function catIn(dir: string, word: string): Promise<string[]> {
  return Promise.all(
    SHELLS.map(async (shell) => {
      const done = run(shell, ['-c', `cat -- ${word}`], { cwd: dir, encoding: 'utf8' });
      done.child.stdin?.end();
      return (await done).stdout;
    }),
  );
}

describe('a path as one word for bash, zsh and fish', () => {
  const names: Buffer[] = [
    Buffer.from('plain_01.txt'),
    Buffer.from('a b;rm -rf ~.txt'),
    Buffer.from("it's \\ $HOME `id` %s *.txt"),
    Buffer.from('-dash.txt'),
    // A leading `-` in printf's form was taken by bash's printf for an option (a seed found it).
    Buffer.from('-\x07bell.txt'),
    Buffer.from('=cmd.txt'),
    Buffer.from('~tilde.txt'),
    Buffer.from('100%.txt'),
    Buffer.from('🐉é.txt'),
    Buffer.from('tab\there\x1b[2J.txt'),
    Buffer.from('caf\xe9.txt', 'latin1'),
    Buffer.from([0xe7, 0xe0, 0xea, 0x20, 0x27, 0x5c, 0x25, 0xff]),
  ];

  it('names the very file in each shell: blanks, shell characters, control characters, bytes that are not UTF-8', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shell-word-'));
    for (const [i, bytes] of names.entries()) {
      await writeFile(Buffer.concat([Buffer.from(`${dir}/`), bytes]), `file ${i}\n`);
      const word = shellWord(nameOf(bytes));
      expect([word, await catIn(dir, word)]).toEqual([word, SHELLS.map(() => `file ${i}\n`)]);
    }
    // A plain name stays as typed; a name that is not UTF-8 is never shown as `\xE9` (no shell takes that).
    expect(shellWord('inbox/imported/order_01.txt')).toBe('inbox/imported/order_01.txt');
    expect(shellWord('/srv/inbox/a b;rm -rf ~.txt')).toBe("'/srv/inbox/a b;rm -rf ~.txt'");
    expect(shellWord(nameOf(Buffer.from('caf\xe9.txt', 'latin1')))).toBe(`"$(printf 'caf\\351.txt')"`);
  });

  it('any name of any bytes (no `/`, no NUL) reads back the same in each shell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shell-words-'));
    // A trailing newline is the one thing `$(...)` drops; `.` and `..` name folders; `-` alone is
    // cat's name for its input, whatever the quoting.
    const raw = fc.uint8Array({ minLength: 1, maxLength: 12 }).filter((b) => !b.includes(0x2f) && !b.includes(0) && b.at(-1) !== 0x0a && !(b.length <= 2 && b.every((c) => c === 0x2e)) && !(b.length === 1 && b[0] === 0x2d));
    const seen = new Set<string>();
    const bytes = fc.sample(raw, { numRuns: 60 }).map((b) => Buffer.from(b)).filter((b) => !seen.has(b.toString('hex')) && seen.add(b.toString('hex')));
    for (const [i, b] of bytes.entries()) await writeFile(Buffer.concat([Buffer.from(`${dir}/`), b]), `file ${i}\n`);
    // One process per shell, every word in it (a shell a word is slow under load; fish's start most).
    const script = bytes.map((b) => `cat -- ${shellWord(nameOf(b))}`).join('\n');
    const expected = bytes.map((_, i) => `file ${i}\n`).join('');
    for (const shell of SHELLS) {
      // stdin closed: a word that named no file would leave `cat` reading it, never a hang.
      const done = run(shell, ['-c', script], { cwd: dir, encoding: 'utf8' });
      done.child.stdin?.end();
      const { stdout } = await done.catch((error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout}\n${error.stderr}` }));
      expect([shell, script, stdout]).toEqual([shell, script, expected]);
    }
  });
});
