// The accounts file holds passwords, so allocate writes it 0600. A scanner that runs as another
// user could not read it: `--file-mode 0640` lets the file's group read it (and a folder with the
// setgid bit gives new files its group), even under a service's umask 077; no mode that lets
// anyone else read it, or anyone but its owner write it, is accepted.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN, cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

const run = promisify(execFile);

/** accountpool as a service runs it: umask 077. */
async function allocateUnderUmask(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run('bash', ['-c', 'umask 077 && exec "$@"', 'allocate', process.execPath, BIN, 'allocate', ...args]);
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe('the accounts file for a scanner of another user', () => {
  it('--file-mode 0640: group-readable under umask 077, in the setgid folder\'s group; looser modes refused', async () => {
    const pool = await poolWithAccounts(6);
    const scanner = join(pool.base, 'scanner');
    await mkdir(scanner);
    // Root in CI: give the folder another group (1, daemon), as an operator would the scanner's.
    const group = process.getuid?.() === 0 ? 1 : process.getgid!();
    await chown(scanner, process.getuid!(), group);
    await chmod(scanner, 0o2750);
    const csv = join(scanner, 'accounts.csv');
    const args = ['--count', '2', '--accountcsv', csv, '--instance', 'east', '--no-check', ...pool.args];
    for (let round = 0; round < 2; round++) {
      const result = await allocateUnderUmask([...args, '--file-mode', '0640']);
      expect(result.code, result.stderr).toBe(0);
      const info = await stat(csv);
      expect(info.mode & 0o777).toBe(0o640);
      expect(info.gid).toBe(group);
    }
    expect((await allocateUnderUmask(args)).code).toBe(0);
    expect((await stat(csv)).mode & 0o777).toBe(0o600);

    await writeFile(csv, 'left as it was\n');
    for (const loose of ['0644', '0660', '0666', '0700', 'rw-r-----']) {
      const refused = await cli(['allocate', ...args, '--file-mode', loose]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--file-mode must be 0600');
    }
    expect(await readFile(csv, 'utf8')).toBe('left as it was\n');
  });
});
