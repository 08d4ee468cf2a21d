// A header naming the columns in the seller's language decides them as an English one does:
// Spanish, French, Russian (sellers delivered in those languages: see the KOI8-R and windows-1252
// fixtures). Without this, the header was read as an account and the level left in the password.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input, readExact } from './helpers.js';

describe('column names in other languages', () => {
  it('`Usuario;Contraseña;Nivel` (windows line ends): the header is no account, the level a column, a `;` inside a password kept', async () => {
    const r = await readExact('seller-spanish-header.csv');
    expect(r.accounts).toEqual([
      [2, 'vaporeon_ag1', 'Hidro!Bomba7', 30, undefined],
      [3, 'jolteon_rt2', 'Rayo#Trueno2', 29, undefined],
      [4, 'flareon_fx3', 'Lanza;llamas3', 31, undefined],
    ]);
  });

  it('Russian and French headers', async () => {
    for (const text of ['Логин:Пароль:Уровень\nsergey_pogo3:Zxc!vbn33:30\n', "Nom d'utilisateur,Mot de passe,Niveau\nsergey_pogo3,Zxc!vbn33,30\n"]) {
      const r = await readDump(input('list.txt', text));
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level]), text).toEqual([[2, 'sergey_pogo3', 'Zxc!vbn33', 30]]);
    }
  });
});
