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
});
