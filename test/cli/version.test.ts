// `accountpool --version` and the version in the JSON a monitoring script reads: both the
// version in package.json, the one npm installed.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, ROOT, runCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('--version', () => {
  it('prints "accountpool VERSION" and exits 0, as --version and -V, in process and from bin/accountpool.js', async () => {
    for (const flag of ['--version', '-V']) expect(await cli([flag])).toEqual({ code: 0, stdout: `accountpool ${version}\n`, stderr: '' });
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `accountpool ${version}\n`, stderr: '' });
  });

  it('is listed in --help', async () => {
    expect((await cli(['--help'])).stdout).toContain('--version');
  });
});

describe('version in --json', () => {
  it('is in status --json and verify --json', async () => {
    const pool = await makePool(4);
    for (const command of ['status', 'verify']) {
      const result = await cli([command, '--json', ...pool.args]);
      expect(JSON.parse(result.stdout), command).toMatchObject({ version });
    }
  });
});
