// A header row naming the columns in literal words (`user | pass | level`, `login;password;lvl`,
// `USERNAME,PASSWORD,NIVEAU`), over one account or many: the header decides what each column is,
// whatever the number of rows, in every case and in the languages the level words know
// (level-words.ts, columns.ts). The level column is never dropped because its name is not English:
// Monocle's reader (Noctem/Monocle `accounts.example.csv` names `username,password,...`) took
// `level` and `lvl` alone, and read `USERNAME,PASSWORD,NIVEAU` without its level.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const HEADERS: [string, string][] = [
  ['user | pass | level', ' | '],
  ['login;password;lvl', ';'],
  ['Username,Password,Level', ','],
  ['USERNAME,PASSWORD,NIVEAU', ','],
  ['username,password,nivel', ','],
  ['Usuario;Contraseña;Nivel', ';'],
  ['Benutzername;Passwort;Stufe', ';'],
  ['логин;пароль;уровень', ';'],
  ['Login:Password:Level', ':'],
  ['user\tpass\tlevel', '\t'],
  ['username password level', ' '],
  ['Utilisateur;Mot de passe;Niveau', ';'],
  ['Kullanıcı adı;Şifre;Seviye', ';'],
];

const ROWS: [string, string, number][] = [
  ['sandshrew_7q', 'Sand!Attack4', 30],
  ['nidoran_f22', 'Poison#Sting8', 31],
  ['clefairy_m1', 'Moon$Light27', 27],
];

describe('a header row of literal column names', () => {
  it('decides every column over 1, 2 and 3 rows, in any case and language', async () => {
    for (const [header, sep] of HEADERS) {
      for (const n of [1, 2, 3]) {
        const text = [header, ...ROWS.slice(0, n).map((r) => r.join(sep))].join('\n') + '\n';
        const r = await readDump(input('stock.txt', text));
        const what = `${JSON.stringify(header)} over ${n}`;
        expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level]), what).toEqual(ROWS.slice(0, n).map((row, i) => [i + 2, ...row]));
        expect(r.rejected, what).toEqual([]);
      }
    }
  });

  it('in the other order too: the level first, the password before the login', async () => {
    const r = await readDump(input('stock.txt', 'Nivel,Password,Username\n30,Sand!Attack4,sandshrew_7q\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['sandshrew_7q', 'Sand!Attack4', 30]]);
  });

  it('a number under the Level column that is no trainer level refuses its row, never read as the level', async () => {
    for (const header of ['user;pass;level', 'Login|Password|Lvl']) {
      const sep = header.includes('|') ? '|' : ';';
      const text = `${header}\nsandshrew_7q${sep}Sand!Attack4${sep}70\nnidoran_f22${sep}Poison#Sting8${sep}31\n`;
      const r = await readDump(input('stock.txt', text));
      expect(r.accounts.map((a) => [a.username, a.level]), header).toEqual([['nidoran_f22', 31]]);
      expect(r.rejected.map((x) => x.line), header).toEqual([2]);
      expect(r.rejected[0]!.reason, header).toMatch(/\(70\), no trainer level.*--columns user,pass,-/);
    }
  });
});
