// A checker that writes only the usernames of its verdict (PoGoAccountCheck's `banned.txt`, see
// test/fixtures/README.md): nothing to import, so import refuses, saying what the file holds and
// the command that records the verdict; that command does what the message says.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { FIXTURES, fixtureBytes, input } from './helpers.js';

describe("a checker's list of usernames alone", () => {
  it('import refuses banned.txt naming the usernames and the mark command for its verdict', async () => {
    // The checker names it banned.txt; the fixture's own name says which checker wrote it.
    await expect(readDump(input('banned.txt', fixtureBytes('pogoaccountcheck-banned.txt')))).rejects.toThrow(
      "no accounts to import: it is PoGoAccountCheck's banned list (the accounts it found banned; PoGoMap-GUI's copy of its banned.py also lists there logins the game refused, deleted accounts among them), usernames without passwords (3 lines); to record this verdict on the accounts the pool holds: accountpool mark --from banned.txt --verdict perm_banned",
    );
  });

  it('the command the message names marks the accounts the pool holds', async () => {
    const pool = await makePool();
    const run = (...args: string[]) => cli([...args, ...pool.args], { cwd: pool.base });
    await writeFile(join(pool.base, 'order.txt'), 'pacheck0231:Pc!0231x\npacheck0232:Pc!0232x\npacheck0235:Pc!0235x\npacheck0240:Pc!0240x\n');
    expect((await run('import', 'order.txt', '--level', '30')).code).toBe(0);
    await copyFile(join(FIXTURES, 'pogoaccountcheck-banned.txt'), join(pool.base, 'banned.txt'));
    const refused = await run('import', 'banned.txt');
    expect(refused.code).toBe(1);
    const command = /accountpool (mark --from banned\.txt --verdict \w+)/.exec(refused.stderr)?.[1];
    expect(command, refused.stderr).toBe('mark --from banned.txt --verdict perm_banned');
    const marked = await run(...command!.split(' '));
    expect(marked.code, marked.stderr).toBe(0);
    expect(marked.stdout).toContain('marked 3 accounts perm_banned');
  });
});

describe("PoGoAccountCheck's result files, each named for what it is", () => {
  it('failed.txt: the failed list, usernames without passwords, and the mark command for its verdict', async () => {
    await expect(readDump(input('failed.txt', fixtureBytes('pogoaccountcheck-failed.txt')))).rejects.toThrow(
      "failed.txt: no accounts to import: it is PoGoAccountCheck's failed list (the accounts whose login failed: a wrong password or a deleted account), usernames without passwords (4 lines); to record this verdict on the accounts the pool holds: accountpool mark --from failed.txt --verdict invalid",
    );
  });

  it('a download copy keeps the name, quoted so the command can be pasted', async () => {
    await expect(readDump(input('Downloads/failed (1).txt', fixtureBytes('pogoaccountcheck-failed.txt')))).rejects.toThrow("accountpool mark --from 'failed (1).txt' --verdict invalid");
  });

  it('a failed.txt with passwords is an account dump like any other, with no verdict read into it', async () => {
    const r = await readDump(input('failed.txt', 'pacheck0233:Pc!0233x\npacheck0237:Pc!0237x\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.state])).toEqual([
      ['pacheck0233', 'Pc!0233x', undefined],
      ['pacheck0237', 'Pc!0237x', undefined],
    ]);
  });

  it('working.csv: the accounts that logged in, imported exact with the verdict ok', async () => {
    const r = await readDump(input('working.csv', fixtureBytes('pogoaccountcheck-working.csv')));
    expect(r.format).toBe('verdict+rocketmap');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.state])).toEqual([
      [1, 'pacheck0232', 'Pc!0232x', 'ptc', 'ok'],
      [2, 'pacheck0236', 'Pc!0236x', 'ptc', 'ok'],
      [3, 'misty.trainer.2016@gmail.com', 'Starmie!2016', 'google', 'ok'],
    ]);
  });
});
