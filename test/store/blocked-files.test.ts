// Files the system will not let us replace or remove: `chattr +i` (immutable) or `+a`
// (append-only) on the scanner's accounts file, a shard or the change log. Found only past the
// commit point, a blocked rename left every command of the pool failing with a bare
// `EPERM: operation not permitted, rename '.x.tmp' -> 'x'` until the flag went, for one
// scanner's accounts file; a blocked removal of the change log passed unseen, and the next fold
// folded the log again, writing its history lines twice. Now each is refused before the commit
// point, naming the file and what to do, and nothing is changed.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

const flagged: string[] = [];

function chattr(flag: string, file: string): void {
  execFileSync('chattr', [flag, file], { stdio: 'ignore' });
  if (flag.startsWith('+')) flagged.push(file);
}

// Lifted before testdir's own afterEach removes the folders (vitest runs afterEach hooks in reverse).
afterEach(() => {
  for (const file of flagged.splice(0)) {
    try {
      execFileSync('chattr', ['-i', '-a', file], { stdio: 'ignore' });
    } catch {
      // removed since (the fold's change log), or lifted by the test
    }
  }
});

/** Why chattr cannot be tested here (not root, no CAP_LINUX_IMMUTABLE, a file system without flags), or undefined. */
async function chattrSkipReason(): Promise<string | undefined> {
  const file = join(await testdir(), 'probe');
  await writeFile(file, '');
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'chattr +i is not allowed here (needs root and a file system with flags)';
  }
}

const skip = await chattrSkipReason();

async function historyLines(dir: string): Promise<string[]> {
  const files = await readdir(join(dir, 'history')).catch(() => [] as string[]);
  const texts = await Promise.all(files.map((f) => readFile(join(dir, 'history', f), 'utf8')));
  return texts.join('').split('\n').filter(Boolean);
}

describe.skipIf(skip !== undefined)('files the system will not let us replace', () => {
  it('an immutable accounts file or shard is refused before the commit: named, what to do, nothing changed', async () => {
    const p = await poolWithAccounts(6);
    const csv = join(p.base, 'accounts.csv');
    expect((await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', csv, '--instance', 'east', ...p.args])).code).toBe(0);
    const before = await readFile(csv, 'utf8');
    const held = (await cli(['status', '--json', ...p.args])).stdout;

    chattr('+i', csv);
    const refused = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', csv, '--instance', 'east', ...p.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`could not write ${csv}: EPERM`);
    expect(refused.stderr).toContain('chattr -i');
    expect(refused.stderr).toContain('nothing was changed');
    expect(refused.stderr).not.toMatch(/\.tmp|rename|secret-/);
    // The pool is not wedged for the other scanners: east holds what it held, the others allocate.
    const status = await cli(['status', '--json', ...p.args]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toBe(held);
    expect((await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', join(p.base, 'west.csv'), '--instance', 'west', ...p.args])).code).toBe(0);
    chattr('-i', csv);
    expect(await readFile(csv, 'utf8')).toBe(before);

    // The shards immutable: an import of new accounts is refused naming the one it must rewrite; lifted, it goes through.
    const dump = join(p.base, 'more.txt');
    await writeFile(dump, 'newcomer1:pw-n1\n');
    const shards = (await readdir(join(p.dir, 'shards'))).map((name) => join(p.dir, 'shards', name));
    for (const shard of shards) chattr('+i', shard);
    const blocked = await cli(['import', dump, '--level', '30', ...p.args]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(new RegExp(`could not write ${join(p.dir, 'shards')}/\\w+\\.yaml: EPERM`));
    expect(blocked.stderr).toContain('nothing was changed');
    expect((await cli(['status', ...p.args])).code).toBe(0);
    for (const shard of shards) chattr('-i', shard);
    expect((await cli(['import', dump, '--level', '30', ...p.args])).stdout).toContain('1 added');
    expect((await cli(['verify', ...p.args])).code).toBe(0);
  });

  it('an append-only change log is refused by the fold, and no history line is ever written twice', async () => {
    const p = await poolWithAccounts(4);
    for (const verdict of ['warned', 'blind']) expect((await cli(['mark', 'acc1', '--verdict', verdict, ...p.args])).code).toBe(0);
    const log = join(p.dir, '.changes.log');
    const before = await historyLines(p.dir);
    chattr('+a', log);
    // Appending still works (the flag allows it); the fold, which must remove the log, is refused.
    expect((await cli(['mark', 'acc2', '--verdict', 'warned', ...p.args])).code).toBe(0);
    const fold = await cli(['verify', '--fix', ...p.args]);
    expect(fold.code).toBe(1);
    expect(fold.stderr).toContain(`could not write ${log}: EPERM`);
    expect(fold.stderr).toContain('chattr -i -a');
    chattr('-a', log);
    expect((await cli(['verify', '--fix', ...p.args])).code).toBe(0);
    expect((await cli(['verify', '--fix', ...p.args])).code).toBe(0);
    const after = await historyLines(p.dir);
    expect(new Set(after).size).toBe(after.length);
    expect(after.filter((line) => line.includes(' verdict ')).length).toBe(3);
    expect(after.slice(0, before.length)).toEqual(before);
  });
});

describe('a file size limit', () => {
  it('fails the write with a message naming the file, never kills the command half way', async () => {
    const p = await poolWithAccounts(3000); // shards of ~100 KB
    // A fold for verify --fix to write; through the real CLI, so that its bundle is made (bin/accountpool.js) before the limit.
    expect(spawnSync(process.execPath, [BIN, 'mark', 'acc1', '--verdict', 'warned', ...p.args]).status).toBe(0);
    // `ulimit -f 40`: no file past 40 KB. SIGXFSZ killed the process (exit 153, the shell's "File size limit exceeded").
    const run = spawnSync('bash', ['-c', `ulimit -f 40 && exec "${process.execPath}" "${BIN}" verify --fix --pool "${p.dir}"`], { encoding: 'utf8' });
    expect(run.signal).toBeNull();
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/could not write .*shards\/\d\.yaml: EFBIG: file too large \(past the file size limit set for this process: `ulimit -f`/);
    const after = await cli(['verify', ...p.args]);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toContain('3000 accounts (1 change in the change log');
  });
});
