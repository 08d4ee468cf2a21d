// A header naming the columns in the seller's language decides them as an English one does:
// Spanish, French, Russian (sellers delivered in those languages: see the KOI8-R and windows-1252
// fixtures). Without this, the header was read as an account and the level left in the password.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

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

describe("a seller's header in their own script", () => {
  // Japanese, Korean, Chinese and Russian shops head the login column `ID`, and name the e-mail's
  // own password, the status and the notes in their language: each column is what it says.
  const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state]);

  it('`ID<TAB>パスワード<TAB>レベル` and the same in Korean, Chinese and Russian: the ID is the login, the level read', async () => {
    for (const header of ['ID\tパスワード\tレベル', 'ID\t비밀번호\t레벨', 'ID\t密码\t等级', 'ID\tпароль\tуровень', '아이디\t비밀번호\t레벨', 'ユーザーID\tパスワード\tレベル']) {
      const r = await readDump(input('stock.txt', `${header}\nsatoshi2017\tPik4chu!x\t30\nkasumi1988\tStar9mie#\t28\n`));
      expect(rows(r), header).toEqual([
        [2, 'satoshi2017', 'Pik4chu!x', 30, undefined],
        [3, 'kasumi1988', 'Star9mie#', 28, undefined],
      ]);
    }
  });

  it("beside an e-mail column and its password, the ID is still the login; neither the e-mail nor its password is the account's", async () => {
    const cases = [
      'ID,パスワード,メール,メールパスワード,レベル,ステータス,備考',
      'Логин;Пароль;Почта;Пароль от почты;Уровень;Статус;Страна',
      'ID,密码,邮箱,邮箱密码,等级,状态,备注',
    ];
    for (const header of cases) {
      const sep = header.includes(';') ? ';' : ',';
      const body = [['satoshi2017', 'Pik4chu!x', 'sa@mail.jp', 'M4il!pw', '30', 'banned', 'x'], ['kasumi1988', 'Star9mie#', 'ka@mail.jp', 'M5il!pw', '28', 'OK', 'y']];
      const r = await readDump(input('stock.csv', `${header}\n${body.map((b) => b.join(sep)).join('\n')}\n`));
      expect(rows(r), header).toEqual([
        [2, 'satoshi2017', 'Pik4chu!x', 30, 'perm_banned'],
        [3, 'kasumi1988', 'Star9mie#', 28, 'ok'],
      ]);
    }
  });

  it('`ID,Email,Password` in English numbers the rows: the e-mail is the login', async () => {
    const r = await readDump(input('stock.csv', 'ID,Email,Password\n1,ash1@mail.com,Pik4chu!x\n2,ash2@mail.com,Star9mie#\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['ash1@mail.com', 'Pik4chu!x'],
      ['ash2@mail.com', 'Star9mie#'],
    ]);
  });
});

describe("a status column in the seller's language", () => {
  it('`正常` / `封号`, `рабочий` / `забанен`, `정상` / `정지`: the verdict of the row', async () => {
    const cases: [string, string, string][] = [
      ['ID,密码,等级,状态', '正常', '封号'],
      ['Логин;Пароль;Уровень;Статус', 'рабочий', 'забанен'],
      ['아이디\t비밀번호\t레벨\t상태', '정상', '정지'],
    ];
    for (const [header, good, bad] of cases) {
      const sep = header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
      const text = `${header}\n${['satoshi2017', 'Pik4chu!x', '30', good].join(sep)}\n${['kasumi1988', 'Star9mie#', '28', bad].join(sep)}\n`;
      const r = await readDump(input('stock.csv', text));
      expect(r.accounts.map((a) => [a.username, a.password, a.level, a.state]), header).toEqual([
        ['satoshi2017', 'Pik4chu!x', 30, 'ok'],
        ['kasumi1988', 'Star9mie#', 28, 'perm_banned'],
      ]);
    }
  });
});

describe('a header in any language of the mail labels (foreign-labels.ts)', () => {
  // The words a seller's mail writes before a login and a password in ~25 languages head a CSV's
  // columns too. Before, only a short list of its own knew them: `Uživatel;Heslo` (Czech) was
  // imported as the account `Uživatel` with password `Heslo`.
  const headers: [string, string][] = [
    ['Uživatel', 'Heslo'], // Czech
    ['Používateľské meno', 'Heslo'], // Slovak
    ['Felhasználónév', 'Jelszó'], // Hungarian
    ['Utilizator', 'Parola'], // Romanian
    ['Kullanıcı adı', 'Şifre'], // Turkish
    ['Nazwa użytkownika', 'Hasło'], // Polish
    ['Användarnamn', 'Lösenord'], // Swedish
    ['Brugernavn', 'Adgangskode'], // Danish
    ['Käyttäjätunnus', 'Salasana'], // Finnish
    ['Korisničko ime', 'Lozinka'], // Croatian
    ['Uporabniško ime', 'Geslo'], // Slovenian
    ['Benutzername', 'Passwort'], // German
    ['Usuario', 'Contraseña'], // Spanish
    ['Nome utente', 'Password'], // Italian
    ['Gebruikersnaam', 'Wachtwoord'], // Dutch
    ['用户名', '密码'], // Chinese
    ['帳號', '密碼'], // Chinese (traditional)
    ['ユーザー名', 'パスワード'], // Japanese
    ['아이디', '비밀번호'], // Korean
    ['Логин', 'Пароль'], // Russian
    ['Потребителско име', 'Парола'], // Bulgarian
    ['Όνομα χρήστη', 'Κωδικός'], // Greek
    ['Tên đăng nhập', 'Mật khẩu'], // Vietnamese
    ['Nama pengguna', 'Kata sandi'], // Indonesian
  ];
  for (const sep of [';', ',', '\t']) {
    it(`\`user${JSON.stringify(sep)}pass\` headers, separated by ${JSON.stringify(sep)}: no header word is an account, each row exact`, async () => {
      for (const [user, pass] of headers) {
        const text = `${user}${sep}${pass}\npikachu1${sep}Pw12345!\nbulba22${sep}Xy!9876a\n`;
        const r = await readDump(input('accounts.csv', text));
        expect(r.accounts.map((a) => [a.line, a.username, a.password]), `${user}${sep}${pass}`).toEqual([
          [2, 'pikachu1', 'Pw12345!'],
          [3, 'bulba22', 'Xy!9876a'],
        ]);
      }
    });
  }

  it('with a level column named in the same language: the level read, never in the password', async () => {
    for (const header of ['Uživatel;Heslo;Level', 'Benutzername;Passwort;Stufe', 'Nazwa użytkownika;Hasło;Poziom', 'Логин;Пароль;Уровень', '用户名,密码,等级', 'Usuario;Contraseña;Nivel']) {
      const sep = header.includes(';') ? ';' : ',';
      const r = await readDump(input('accounts.csv', `${header}\npikachu1${sep}Pw12345!${sep}30\n`));
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level]), header).toEqual([[2, 'pikachu1', 'Pw12345!', 30]]);
    }
  });
});

describe("a shop's labels over `/` and before `:` in its own language (stop 64 L)", () => {
  // The column words of foreign-labels.ts and columns.ts (German, Spanish, Portuguese, French, Russian shops):
  // on stop 63's main `логин/пароль` over `user/pass` rows was refused as "missing password", and a label before
  // a whole account (`Cuenta: ash:Pw`, `Логин/Пароль: ash/Pw`) was read as the login, the account as its password.
  const read = async (text: string) => {
    const r = await readDump(input('order.txt', text)).catch((e: Error) => e);
    return r instanceof Error ? r.message : { accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected.map((j) => j.line) };
  };
  it('`Benutzername/Passwort` over `user/pass` rows is their header, in every language, never a line missing its password', async () => {
    for (const header of ['login/password', 'Benutzername/Passwort', 'usuario/contraseña', 'Usuário / Senha', 'логин/пароль', 'identifiant / mot de passe']) {
      expect(await read(`${header}\nashk01/Pika!k01\nashk02/Pika!k02\n`), header).toEqual({ accounts: [[2, 'ashk01', 'Pika!k01'], [3, 'ashk02', 'Pika!k02']], rejected: [] });
    }
  });
  it('a label before a whole account is never its login: read where the letter reads it, else refused', async () => {
    expect(await read('Cuenta: ashk01:Pika!k01\nCuenta: ashk02:Pika!k02\n')).toEqual({ accounts: [[1, 'ashk01', 'Pika!k01'], [2, 'ashk02', 'Pika!k02']], rejected: [] });
    for (const text of ['Логин/Пароль: ashk01/Pika!k01\nЛогин/Пароль: ashk02/Pika!k02\n', 'Usuario/Contraseña: ashk01/Pika!k01\n', 'Login/Password: ashk01/Pika!k01\n', 'Conta: ashk01 / Pika!k01\n', 'Compte : ashk01:Pika!k01\n']) {
      const said = await read(text);
      expect(JSON.stringify(said), text).not.toMatch(/"(?:Логин\/Пароль|Usuario\/Contraseña|Login\/Password|Conta|Compte)"/);
      if (typeof said === 'string') expect(said, text).toMatch(/no accounts found/);
      else expect(said.accounts.map(([, u]) => u), text).toContain('ashk01');
    }
  });
});

describe('a label of names on `/` before a whole account on `/` (stop 65 L)', () => {
  // A shop's template of one account a line, its names over the values in the same places
  // (`Login/Password: ash01/Pw`): on stop 64's main refused whole as a setting. Read where the
  // places fit; where the value holds more `/` than the names, which `/` ends a field is unsure.
  const read = async (text: string) => {
    const r = await readDump(input('order.txt', text)).catch((e: Error) => e);
    return r instanceof Error ? r.message : { accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.level]), rejected: r.rejected.map((j) => j.line) };
  };
  it('each value under its name: the login (or e-mail), the password and a level, in a letter or alone', async () => {
    const cases: [string, string, string, number | undefined][] = [
      ['Login/Password: ashk01/Pika!k01', 'ashk01', 'Pika!k01', undefined],
      ['User / Pass: ashk01 / Pika!k01', 'ashk01', 'Pika!k01', undefined],
      ['Логин/Пароль: ashk01/Pika!k01', 'ashk01', 'Pika!k01', undefined],
      ['E-mail/Password: ashk01@mail.example/Pika!k01', 'ashk01@mail.example', 'Pika!k01', undefined],
      ['Login/Password/Level: ashk01/Pika!k01/30', 'ashk01', 'Pika!k01', 30],
      // Names and value both with blanks around their `/`: a `/` without blanks is the password's own.
      ['User / Pass: ashk01 / Pika/k01', 'ashk01', 'Pika/k01', undefined],
    ];
    for (const [line, user, pass, level] of cases) {
      expect(await read(`${line}\n`), line).toEqual({ accounts: [[1, user, pass, level]], rejected: [] });
      expect(await read(`Hi,\n\nyour order:\n${line}\n\nThanks\n`), line).toEqual({ accounts: [[4, user, pass, level]], rejected: [] });
    }
  });
  it('a value whose `/` do not fit the names, a blank after the password or no level in the level\'s place: refused naming the line, the password never said', async () => {
    for (const line of ['Login/Password: ashk01/Pika/k01', 'Login/Password: ashk01/Pika!k01 lvl 30', 'Login/Password/Level: ashk01/Pika!k01/99']) {
      const said = await read(`Login/Password: ashk02/Pika!k02\n${line}\n`);
      expect(said, line).toEqual({ accounts: [[1, 'ashk02', 'Pika!k02', undefined]], rejected: [2] });
      const r = await readDump(input('order.txt', `Login/Password: ashk02/Pika!k02\n${line}\n`));
      expect(r.rejected[0]!.reason, line).toMatch(/^`Login\/Password(?:\/Level)?` .*(?:unsure|no trainer level)/);
      expect(r.rejected[0]!.reason, line).not.toMatch(/Pika/);
    }
  });
  it('`Login/Password:` with its colon over `user/pass` rows is their header', async () => {
    expect(await read('Login/Password:\nashk01/Pika!k01\nashk02/Pika!k02\n')).toEqual({ accounts: [[2, 'ashk01', 'Pika!k01', undefined], [3, 'ashk02', 'Pika!k02', undefined]], rejected: [] });
  });
});

describe("a seller's order and labels in Italian, Portuguese, Polish, Turkish and the CJK scripts (stop 66 G)", () => {
  it("`Utente:` / `Parola d'ordine:` blocks and a one-line record under an order's number and total: each account, its level, never `Utente` a login", async () => {
    // Italian login forms label the password `Parola d'ordine:` (code corpus file 25173737067); before, each
    // block was refused as a login missing its password and the one-line record read as the login `Utente`.
    const r = await readDump(fixture('seller-italian-order.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [9, 'vulpix_it31', 'Fiamma!31x', 30],
      [13, 'growl_it32', 'Brace#32y', 31],
      [17, 'ponyta_it33', 'Zoccolo$33z', 32],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it("Portugal's `Utilizador:` / `Palavra-passe:`, `Konto:` and `Hesap:` before a login: the account, never the label as its login", async () => {
    // A Portuguese login form's labels (code corpus file 62133411894: `Utilizador:`, `Palavra-passe:`).
    const lines = [
      ['Utilizador: ashpt02 | Palavra-passe: Pika!pt02 | Nível: 30', ['ashpt02', 'Pika!pt02', 30]],
      ['Konto: ashpl02 | Hasło: Pika!pl02', ['ashpl02', 'Pika!pl02', undefined]],
      ['Hesap: ashtr02 | Şifre: Pika!tr02', ['ashtr02', 'Pika!tr02', undefined]],
    ] as const;
    for (const [line, account] of lines) {
      const r = await readDump(input('order.txt', `${line}\n`));
      expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([account]);
    }
  });

  it('a total written with a full-width colon and a thousands comma (`合計：1,500円`, `金额：1,500元`) among accounts is no account', async () => {
    for (const total of ['合計：1,500円', '金额：1,500元']) {
      const r = await readDump(input('order.txt', `ashq01:Pika!q01\n${total}\nashq02:Pika!q02\nashq03:Pika!q03\n`));
      expect(r.accounts.map((a) => a.username)).toEqual(['ashq01', 'ashq02', 'ashq03']);
      expect(r.rejected.map((x) => x.line)).toEqual([2]);
    }
  });
});
