// `import --columns LIST` for dropped files: a folder named `columns-LIST` (columns-folder.ts) says
// a list's columns as the option does, beside a level folder. A list refused for a column that is
// no level names that folder in its failure note; dropped there, it imports exact.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { drop, makeInboxPool } from './helpers.js';

describe('a columns folder in the inbox', () => {
  it('a list refused for its year column names the folder; dropped into it, every account imports exact', async () => {
    const pool = await makeInboxPool(4);
    const text = 'sandshrew_7q | Sand!Attack4 | 2017\nnidoran_f22 | Poison#Sting8 | 2017\n';
    await drop(pool.inbox, 'level-30/stock.txt', text);
    const refused = await cli(['watch', '--once', ...pool.args]);
    expect(refused.stdout + refused.stderr).not.toContain('Sand!Attack4');
    const notes = (await readdir(join(pool.inbox, 'failed'))).filter((n) => n.endsWith('.error.txt'));
    const note = await readFile(join(pool.inbox, 'failed', notes[0]!), 'utf8');
    expect(note).toContain('import --columns user,pass,-');
    expect(note).toContain('a folder named columns-user,pass,-/');

    await drop(pool.inbox, 'level-30/columns-user,pass,-/stock.txt', text);
    const done = await cli(['watch', '--once', ...pool.args]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('imported level-30/columns-user,pass,-/stock.txt: 2 added');
    const exported = (await cli(['export', '--format', 'json', ...pool.args])).stdout;
    expect(exported).toContain('"username":"sandshrew_7q","password":"Sand!Attack4","provider":"ptc","level":30');
    expect(exported).toContain('"username":"nidoran_f22","password":"Poison#Sting8","provider":"ptc","level":30');
  });

  it('RocketMap rows with a level column that is no level: `columns--,provider,...` and `columns-provider,user,pass,-` import them', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/columns-provider,user,pass,-/accounts.csv', 'ptc,geodude_4k,Rock#Throw7,70\n');
    await drop(pool.inbox, 'level-31/columns--,provider,user,pass/first.csv', '70,ptc,onix_9zz,Bind!Tail3\n');
    const done = await cli(['watch', '--once', ...pool.args]);
    expect(done.code, done.stderr).toBe(0);
    const exported = (await cli(['export', '--format', 'json', ...pool.args])).stdout;
    expect(exported).toContain('"username":"geodude_4k","password":"Rock#Throw7","provider":"ptc","level":30');
    expect(exported).toContain('"username":"onix_9zz","password":"Bind!Tail3","provider":"ptc","level":31');
  });

  it('a columns folder naming no password is an error: the file set aside with the reason, nothing imported', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/columns-user,year/stock.txt', 'sandshrew_7q Sand!Attack4 2017\n');
    await cli(['watch', '--once', ...pool.args]);
    const notes = (await readdir(join(pool.inbox, 'failed'))).filter((n) => n.endsWith('.error.txt'));
    const note = await readFile(join(pool.inbox, 'failed', notes[0]!), 'utf8');
    expect(note).toContain('folder level-30/columns-user,year/ names columns, but "year" names no column');
    expect((await cli(['export', '--format', 'json', ...pool.args])).stdout).toBe('');
  });
});
