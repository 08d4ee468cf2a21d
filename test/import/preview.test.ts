// `import --dry-run` as an operator reads it before trusting an import, `--format` as the way
// through when the reader is unsure, files that hold no accounts, and the inbox reading with the
// same readers.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNames } from '../../src/formats/index.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { FIXTURES } from '../formats/helpers.js';

const MAIL = `Hello, here are your 2x Level 30 accounts!

Username: ash_k1
Password: Pika!1234

misty22:Star#9876
brock33
1.2.3.4:8080

Thanks, the PokeShop team
`;

describe('import --dry-run', () => {
  it('shows the reader and why, the first accounts masked with level and provider, lines skipped and rejected; writes nothing', async () => {
    const pool = await makePool(4);
    await writeFile(join(pool.base, 'order.txt'), MAIL);
    const r = await cli(['import', 'order.txt', '--dry-run', ...pool.args], { cwd: pool.base });
    // 1, not 0: --dry-run says the import's exit: 1 for the rejected line.
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'would import order.txt: 2 added, 0 updated, 1 rejected (line 7)',
        '  read as email-text: detected (email-text 0.80, plain 0.50)',
        '  accounts:',
        '    ash_k1   ********  30  ptc',
        '    misty22  ********  30  ptc',
        '  skipped as prose: lines 1, 10',
        '  skipped as a proxy (host:port): line 8',
        '  rejected line 7: missing password',
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toMatch(/Pika|Star#/);
    expect((await (await pool.open()).read()).size).toBe(0);
  });

  it('lists at most 10 accounts and marks those already in the pool; a file level wins over --level', async () => {
    const pool = await makePool(4);
    await writeFile(join(pool.base, 'stock_L25.txt'), Array.from({ length: 12 }, (_, i) => `stock_user${i}:Pw!${i}abcd`).join('\n'));
    expect((await cli(['import', 'stock_L25.txt', ...pool.args], { cwd: pool.base })).code).toBe(0);
    const r = await cli(['import', 'stock_L25.txt', '--level', '30', '--dry-run', ...pool.args], { cwd: pool.base });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('would import stock_L25.txt: 0 added, 0 updated, 12 unchanged, 0 rejected');
    expect(lines[2]).toBe('  accounts (first 10 of 12):');
    expect(lines[3]).toBe('    stock_user0  ********  25  ptc  (already in the pool, unchanged)');
    expect(lines.filter((l) => l.includes('********'))).toHaveLength(10);
  });
  it("shows each account's verdict where the file states one (a checker's ban, a scanner's captcha), nothing where it states none", async () => {
    const pool = await makePool(4);
    const checker = await cli(['import', join(FIXTURES, 'checker-results.txt'), '--dry-run', ...pool.args]);
    expect(checker.stdout.split('\n').slice(2, 8)).toEqual([
      '  accounts:',
      '    ashketch01  ********  30  ptc  ok',
      '    mistyw02    ********  24  ptc  perm_banned',
      '    brock03x    ********  31  ptc  blind',
      '    gary_oak4   ********  27  ptc  warned',
      '    tracey_s6   ********  12  ptc  invalid',
    ]);
    const pgpool = await cli(['import', join(FIXTURES, 'pgpool-accounts.tsv'), '--dry-run', '--level', '1', ...pool.args]);
    expect(pgpool.stdout).toContain('    pgp_ash01              ********  30  ptc\n');
    expect(pgpool.stdout).toContain('    pgp_brock02            ********  31  ptc     blind\n');
    expect(pgpool.stdout).toContain('    pgp.misty03@gmail.com  ********  29  google  warned, captcha\n');
    const monocle = await cli(['import', join(FIXTURES, 'monocle-print_accounts.txt'), '--dry-run', '--level', '1', ...pool.args]);
    expect(monocle.stdout).toContain('    mon_misty02            ********  30  ptc     captcha\n');
    expect(monocle.stdout).toContain('    mon.brock03@gmail.com  ********  25  google  temp_banned\n');
    expect(monocle.stdout).toContain('    mon_ash01              ********  31  ptc\n');
  });
});

describe('import --format and refusals', () => {
  it('--help lists every reader name; --format forces one; an unknown name is a usage error', async () => {
    const help = await cli(['import', '--help']);
    for (const name of formatNames()) expect(help.stdout).toContain(name);
    const pool = await makePool(4);
    const text = 'alice1:Pw1!aaaa\nbob22:Pw2!bbbb\nThanks for buying, have fun\nnote:remember2\n';
    await writeFile(join(pool.base, 'list.txt'), text);
    const unsure = await cli(['import', 'list.txt', '--level', '30', ...pool.args], { cwd: pool.base });
    expect(unsure.code).toBe(1);
    expect(unsure.stderr).toMatch(/^accountpool import: list\.txt: unsure what this is: .*--format email-text or --format plain\n$/);
    const forced = await cli(['import', 'list.txt', '--level', '30', '--format', 'plain', ...pool.args], { cwd: pool.base });
    // 1, not 0: line 3 rejected: exit 1, the three others in.
    expect(forced.code).toBe(1);
    expect(forced.stdout).toBe('imported list.txt: 3 added, 0 updated, 1 rejected (line 3)\n');
    const bad = await cli(['import', 'list.txt', '--format', 'csv', ...pool.args], { cwd: pool.base });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of verdict, .*plain/);
  });

  it('a proxy list imports nothing, exits 1 and says what it looks like; the other files still import', async () => {
    const pool = await makePool(4);
    await writeFile(join(pool.base, 'good.txt'), 'fine_user1:Pw!12345\n');
    const r = await cli(['import', join(FIXTURES, 'proxies.txt'), 'good.txt', '--level', '30', ...pool.args], { cwd: pool.base });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/proxies\.txt: no accounts found; .*it looks like a proxy list \(10 of 10 lines\)/);
    expect(r.stdout).toBe('imported good.txt: 1 added, 0 updated, 0 rejected\n');
    expect((await (await pool.open()).read()).size).toBe(1);
  });

  it('the inbox reads with the same readers: a key file is set aside in failed/ with what it looks like', async () => {
    const pool = await makePool(4);
    const inbox = join(pool.base, 'inbox');
    await mkdir(join(inbox, 'level-30'), { recursive: true });
    await writeFile(join(inbox, 'level-30', 'keys.txt'), await readFile(join(FIXTURES, 'keys.txt')));
    await writeFile(join(inbox, 'level-30', 'full-access.txt'), await readFile(join(FIXTURES, 'seller-full-access.txt')));
    const r = await cli(['watch', '--once', ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('imported level-30/full-access.txt: 6 added, 0 updated, 0 rejected\n');
    expect(r.stderr).toMatch(/failed level-30\/keys\.txt: .*it looks like API or hash keys/);
    expect(await readdir(join(inbox, 'failed'))).toContain('keys.txt');
    const snapshot = await (await pool.open()).read();
    expect(snapshot.get('brockpew33')?.password).toBe('Roc:kSol1d');
  });
});
