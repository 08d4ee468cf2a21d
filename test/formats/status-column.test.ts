// A list's status column (`Username | Password | Level | Status`, `Usuario;Contraseña;Nivel;Estado`,
// or `user | pass | 30 | banned` without a header): the status is the account's verdict, as a
// checker's result field is (verdict-words.ts), and neither it nor the level ends up in the
// password. Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const read = async (r: Promise<Awaited<ReturnType<typeof readDump>>>) => (await r).accounts.map((a) => [a.line, a.username, a.password, a.level, a.state]);

describe('a status column', () => {
  it('a checked stock under `Username | Password | Level | Status`: each row\'s level and verdict, the password exact', async () => {
    const r = await readDump(fixture('seller-status-column.txt'));
    expect(r.rejected).toEqual([]);
    expect(await read(Promise.resolve(r))).toEqual([
      [2, 'nidoking_p3', 'Horn!Drill44', 31, 'ok'],
      [3, 'nidoqueen_7', 'Body#Slam29', 30, 'perm_banned'],
      [4, 'clefable_m2', 'Moon$Blast5', 27, 'blind'],
      [5, 'wigglytuff9', 'Hyper!Voice3', 30, 'warned'],
    ]);
  });

  it('a Spanish header (`Usuario;Contraseña;Nivel;Estado`, CRLF) is a header, never an account named `Usuario`', async () => {
    expect(await read(readDump(fixture('seller-estado.csv')))).toEqual([
      [2, 'zubat_noche4', 'Ala!Aguda31', 30, 'ok'],
      [3, 'golbat_vamp2', 'Chupa#Vidas8', 29, 'perm_banned'],
    ]);
  });

  it('the same rows without a header: a column of status words is a column, not the end of the password', async () => {
    const text = 'nidoking_p3 | Horn!Drill44 | 31 | ok\nnidoqueen_7 | Body#Slam29 | 30 | banned\n';
    expect(await read(readDump(input('checked.txt', text)))).toEqual([
      [1, 'nidoking_p3', 'Horn!Drill44', 31, 'ok'],
      [2, 'nidoqueen_7', 'Body#Slam29', 30, 'perm_banned'],
    ]);
    expect(await read(readDump(input('checked.csv', 'nidoking_p3,Horn!Drill44,banned\nnidoqueen_7,Body#Slam29,ok\n')))).toEqual([
      [1, 'nidoking_p3', 'Horn!Drill44', undefined, 'perm_banned'],
      [2, 'nidoqueen_7', 'Body#Slam29', undefined, 'ok'],
    ]);
  });

  it('a checker\'s CSV with a header (`username,password,level,banned`, Python\'s True/False; or a `status` column): the flag is the verdict', async () => {
    const text = 'username,password,level,banned\nnidoking_p3,Horn!Drill44,31,False\nnidoqueen_7,Body#Slam29,30,True\n';
    expect(await read(readDump(input('checked.csv', text)))).toEqual([
      [2, 'nidoking_p3', 'Horn!Drill44', 31, 'ok'],
      [3, 'nidoqueen_7', 'Body#Slam29', 30, 'perm_banned'],
    ]);
    const status = 'username,password,status\nnidoking_p3,Horn!Drill44,blind\nnidoqueen_7,Body#Slam29,good\n';
    expect(await read(readDump(input('checked.csv', status)))).toEqual([
      [2, 'nidoking_p3', 'Horn!Drill44', undefined, 'blind'],
      [3, 'nidoqueen_7', 'Body#Slam29', undefined, 'ok'],
    ]);
  });

  it('a checker\'s flag column without a header (`user,pass,30,False`, Python\'s `str(bool)`) ends the password; what it flags is unknown, so it states no verdict', async () => {
    expect(await read(readDump(input('checked.csv', 'nidoking_p3,Horn!Drill44,31,False\nnidoqueen_7,Body#Slam29,30,True\n')))).toEqual([
      [1, 'nidoking_p3', 'Horn!Drill44', 31, undefined],
      [2, 'nidoqueen_7', 'Body#Slam29', 30, undefined],
    ]);
  });
});
