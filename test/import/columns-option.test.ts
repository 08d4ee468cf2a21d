// `import --columns LIST`: the operator names a list's columns, as a header line would, when the
// list cannot say (a last column of years or counts that no trainer level is). The refusal of such
// lines names the option; with it, every account imports exact and the column is read past.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('import --columns', () => {
  it('refuses a list whose last column is no level, naming --columns; with it the accounts import, the column read past', async () => {
    const pool = await makePool(4);
    const file = join(pool.base, 'stock.txt');
    await writeFile(file, 'sandshrew_7q | Sand!Attack4 | 2017\nnidoran_f22 | Poison#Sting8 | 2017\n');
    const refused = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(2017), no trainer level');
    expect(refused.stderr).toContain('import --columns user,pass,-');
    expect(refused.stderr).not.toContain('Sand!Attack4');
    const dry = await cli(['import', file, '--columns', 'user,pass,-', '--level', '30', '--dry-run', ...pool.args]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('--columns user,pass,-');
    const done = await cli(['import', file, '--columns', 'user,pass,-', '--level', '30', '--json', ...pool.args]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout.trim().split('\n')[0]!)).toMatchObject({ added: 2 });
    const exported = await cli(['export', '--format', 'rocketmap', ...pool.args]);
    expect(exported.stdout).toContain('sandshrew_7q,Sand!Attack4');
    expect(exported.stdout).toContain('nidoran_f22,Poison#Sting8');
    expect(exported.stdout).not.toContain('2017');
  });

  it('is listed in import --help; a list naming no password, or with another reader, is a usage error', async () => {
    const pool = await makePool(4);
    const help = await cli(['import', '--help']);
    expect(help.stdout).toContain('--columns LIST');
    const file = join(pool.base, 'stock.txt');
    await writeFile(file, 'sandshrew_7q Sand!Attack4 2017\n');
    const bad = await cli(['import', file, '--columns', 'user,year', ...pool.args]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('"year" names no column');
    const other = await cli(['import', file, '--columns', 'user,pass,-', '--format', 'monocle', ...pool.args]);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('--columns reads a list');
  });

  // RocketMap's `-ac` file is `provider,username,password` a row (PGScout-1 `pgscout.py` `load_accounts`:
  // `fields[0..2]`); sellers add a level after it, or first (`25,ptc,user,pass`, RocketMap's `-hlvl` form).
  it('names a --columns way through a RocketMap row whose level column holds no level, and that way imports it exact', async () => {
    const pool = await makePool(4);
    const file = join(pool.base, 'accounts.csv');
    await writeFile(file, 'ptc,geodude_4k,Rock#Throw7,70\nptc,onix_9zz,Bind,Tail3,70\ngoogle,zubat44@gmail.com,Leech!Life2,70\n');
    const refused = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(refused.code).toBe(1);
    // What the lines are, not a guess at the whole file ("a config file").
    expect(refused.stderr).toContain('3 lines read as accounts, each refused');
    expect(refused.stderr).not.toContain('config file');
    expect(refused.stderr).toContain('import --columns provider,user,pass,-');
    expect(refused.stderr).not.toContain('Rock#Throw7');
    const done = await cli(['import', file, '--columns', 'provider,user,pass,-', '--level', '30', '--json', ...pool.args]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout.trim().split('\n')[0]!)).toMatchObject({ added: 3 });
    const exported = (await cli(['export', '--format', 'rocketmap', ...pool.args])).stdout;
    expect(exported).toContain('ptc,geodude_4k,Rock#Throw7');
    expect(exported).toContain('google,zubat44@gmail.com,Leech!Life2');
    // `Bind,Tail3`: the columns after the password counted from the end, as under a header: the comma is the password's.
    const json = (await cli(['export', '--format', 'json', ...pool.args])).stdout;
    expect(json).toContain('"username":"onix_9zz","password":"Bind,Tail3","provider":"ptc"');
  });

  it('names --columns=-,... for a level column first (the option parser would take a bare `-` for an option), which imports', async () => {
    const pool = await makePool(4);
    const file = join(pool.base, 'accounts.csv');
    await writeFile(file, '70,ptc,geodude_4k,Rock#Throw7\n70,ptc,onix_9zz,Bind!Tail3\n');
    const refused = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('import --columns=-,provider,user,pass');
    const done = await cli(['import', file, '--columns=-,provider,user,pass', '--level', '30', ...pool.args]);
    expect(done.code).toBe(0);
    const exported = (await cli(['export', '--format', 'rocketmap', ...pool.args])).stdout;
    expect(exported).toContain('ptc,geodude_4k,Rock#Throw7');
    expect(exported).toContain('ptc,onix_9zz,Bind!Tail3');
  });

  it('says a mail of `user pass 2017` lines holds account-like lines, not "a newsletter?"', async () => {
    const pool = await makePool(4);
    const file = join(pool.base, 'order.txt');
    await writeFile(file, 'Hello,\nhere are your accounts:\nsandshrew_7q Sand!Attack4 2017\nnidoran_f22 Poison#Sting8 2017\nThanks\n');
    const refused = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('2 lines read as accounts, each refused');
    expect(refused.stderr).not.toContain('newsletter');
    expect(refused.stderr).toContain('import --columns user,pass,-');
  });
});
