// Deliveries as real mail clients save them (Gmail, Outlook, Thunderbird, Apple Mail) and in the
// charsets and languages sellers wrote: each imports exact (line, login, password, level,
// provider), nothing invented. Before, a Russian or Japanese delivery's labels were unknown and
// the list reader made `Логин` / `パスワード` accounts; a Chinese one's `账号：` (full-width
// colon) read as nothing; the level in a Cyrillic or CJK subject and an `&nbsp;` in an HTML
// password (kept as U+00A0, which no login form takes) came out wrong.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

type Row = [line: number, username: string, password: string, level: number | undefined, provider: string | undefined];

const CASES: [file: string, accounts: Row[]][] = [
  // `Логин:` / `Пароль:` blocks, KOI8-R 8-bit, "уровень 30" in the RFC 2047 subject.
  ['mail-koi8r-labels.eml', [[11, 'onix_ru01', 'Камень!Удар1', 30, undefined], [14, 'geodude_ru02', 'Rock#Throw22', 30, undefined]]],
  // `ID:` / `パスワード:` in Shift_JIS, "レベル30" in the subject.
  ['mail-shift-jis-labels.eml', [[11, 'magikarp_jp1', 'Splash!Jump1', 30, undefined], [14, 'gyarados_jp2', 'Dragon#Rage2', 30, undefined]]],
  // ISO-2022-JP (RFC 1468, Japanese mail's own charset), `ID：` / `PW：` with full-width colons; `ID: 48211` under
  // "ご注文番号" (order number) is no login: no password's label follows it.
  ['mail-iso-2022-jp-labels.eml', [[10, 'koiking_jp3', 'Hane!Teru33', 25, undefined], [13, 'hitokage_jp4', 'Hino!Ko44', 25, undefined]]],
  // `账号：` / `密码：` in GB2312, base64.
  ['mail-gb2312-labels.eml', [[8, 'psyduck_cn4', 'Confus1on!Duck', undefined, undefined], [8, 'golduck_cn5', 'Hydro#Pump55', undefined, undefined]]],
  // `user----pass` in GBK, base64, "30级" in the subject.
  ['mail-gbk-dashes.eml', [[8, 'machop_cn1', 'Karate!Chop1', 30, undefined], [8, 'machoke_cn2', 'Low#Kick22', 30, undefined], [9, 'machamp_cn3', 'Cross!Chop3', 30, undefined]]],
  // `login:` / `hasło:` in ISO-8859-2, quoted-printable, "poziom 30".
  ['mail-iso-8859-2-labels.eml', [[12, 'pikachu_pl1', 'Żółw!Błysk1', 30, undefined], [15, 'bulba_pl2', 'Łódź#Kwiat2', 30, undefined]]],
  // `Uživatelské jméno:` / `Heslo:` in windows-1250, quoted-printable (Czech); `Όνομα χρήστη:` / `Κωδικός:` in
  // ISO-8859-7, base64 (Greek). Before, `Heslo` and `Uživatel` were logins of invented accounts.
  ['mail-cp1250-czech-labels.eml', [[13, 'charmander_cz1', 'Žlutý!Oheň1', undefined, undefined], [16, 'charmeleon_cz2', 'Plamen#Ráz22', undefined, undefined]]],
  ['mail-iso-8859-7-greek-labels.eml', [[9, 'squirtle_gr1', 'Νερό!Πίδακας1', undefined, undefined], [10, 'wartortle_gr2', 'Bubble#Beam22', undefined, undefined]]],
  ['mail-iso-8859-15.eml', [[12, 'nidoking_fr1', 'Poison€Pique1', 27, undefined], [13, 'nidoqueen_fr2', 'Œuvre!Terre2', 27, undefined]]],
  ['mail-utf-16.eml', [[8, 'squirtle_u1', 'Water!Gun001', undefined, undefined], [9, 'wartortle_u2', 'Bubble#Beam02', undefined, undefined]]],
  ['mail-cp1252-qp-subject.eml', [[10, 'caterpie_w1', 'String•Shot1', 30, undefined], [11, 'metapod_w2', 'Harden–Up2', 30, undefined]]],
  // A quoted-printable soft line break inside a password; the HTML alternative gives the same accounts once.
  ['mail-gmail-alternative.eml', [[17, 'mewtwo_kant0', 'Psych1c=Strike!Hard', 30, undefined], [19, 'lugia_wave7', 'Aero=Blast#2017', 30, undefined]]],
  // HTML only, windows-1252 quoted-printable, `<o:p>` paragraphs; `&amp;`, `&lt;` and `&nbsp;` inside passwords.
  ['mail-outlook-html.eml', [[16, 'snorlax_b11', 'Rest&Snore<9>', 25, undefined], [18, 'gengar_x04', 'Shédow Ball€', 25, undefined]]],
  ['mail-thunderbird-csv.eml', [[32, 'zapdos_t1', 'Thunder!Shock5', 30, 'ptc'], [32, 'moltres_f2', 'Fire,Spin#88', 31, 'ptc']]],
  ['mail-apple-inline-image.eml', [[19, 'eevee_kit01', 'Swift!Tackle01', 28, undefined], [20, 'vapor_kit02', 'Aqua#Ring022', 28, undefined], [21, 'jolt_kit03', 'Pin!Missile33', 28, undefined]]],
  ['mail-forward-rfc822.eml', [[26, 'articuno_ice9', 'Blizzard!Cold9', 30, undefined], [27, 'mew_psy151', 'Trans4orm!Now', 30, undefined]]],
  // An HTML-only base64 body: each account at the file line holding its login's first encoded character.
  ['mail-html-br-pre-table.eml', [
    [8, 'ho_oh_rb1', 'Sacred&Fire1', undefined, undefined],
    [9, 'celebi_t2', 'Leaf Storm2', undefined, undefined],
    [10, 'raikou_e3', 'Thunder<Fang>3', undefined, undefined],
    [12, 'entei_f4', 'Flame"Wheel4', 27, undefined],
    [13, 'suicune_w5', "Aurora'Beam5", 31, undefined],
  ]],
  // Replies: the newer password wins over the quoted one (Gmail's `gmail_quote`, Outlook's `From:/Sent:` block, an mbox's later message).
  ['mail-gmail-reply.eml', [[10, 'lapras_g2', 'Ice!Beam222', undefined, undefined], [14, 'lapras_g1', 'Surf!Wave111', undefined, undefined]]],
  ['mail-outlook-reply.eml', [[8, 'hitmon_o2', 'High!Jump22', undefined, undefined], [14, 'hitmon_o1', 'Mega!Kick11', undefined, undefined]]],
  // Each message's subject states its level ("Order #1 - 2x Level 30"); the third corrects the first.
  ['mail-deliveries-reply.mbox', [[10, 'cubone_m1', 'Bone!Club1', 30, undefined], [38, 'cubone_m2', 'Bone!Club22', 30, undefined], [24, 'marowak_m3', 'Bone=Rang3', 25, undefined]]],
];

describe('deliveries as mail clients save them', () => {
  for (const [file, accounts] of CASES) {
    it(`${file} imports exact`, async () => {
      const r = await readExact(file);
      expect(r.accounts).toEqual(accounts);
      expect(r.rejected).toEqual([]);
    });
  }
});

describe('labels in other languages, pasted as text', () => {
  it('reads the labels as labels, never as a login (`Логин: x` was an account named Логин)', async () => {
    const texts = [
      'Логин: onix_ru01\nПароль: Камень!Удар1\n',
      'Usuario: onix_ru01\nContraseña: Камень!Удар1\n',
      "Nom d'utilisateur : onix_ru01\nMot de passe : Камень!Удар1\n",
      '用户名：onix_ru01\n密码：Камень!Удар1\n',
      '아이디: onix_ru01\n비밀번호: Камень!Удар1\n',
    ];
    for (const text of texts) {
      const r = await readDump(input('delivery.txt', text));
      expect(r.accounts.map((a) => [a.line, a.username, a.password]), text).toEqual([[1, 'onix_ru01', 'Камень!Удар1']]);
    }
  });

  it('reads the labels of every language accounts are sold in: none a login, none a password (`Heslo: x` was the account Heslo)', async () => {
    // Each language's own words for a login and a password, as its sites label a login form.
    const labels: [user: string, pass: string][] = [
      ['Uživatel', 'Heslo'], ['Uživatelské jméno', 'Heslo'], ['Používateľské meno', 'Heslo'], ['Felhasználónév', 'Jelszó'],
      ['Nume de utilizator', 'Parolă'], ['Utilizator', 'Parola'], ['Användarnamn', 'Lösenord'], ['Brugernavn', 'Adgangskode'],
      ['Brukernavn', 'Passord'], ['Käyttäjätunnus', 'Salasana'], ['Kasutajanimi', 'Parool'], ['Lietotājvārds', 'Parole'],
      ['Vartotojo vardas', 'Slaptažodis'], ['Korisničko ime', 'Lozinka'], ['Korisnik', 'Lozinka'], ['Uporabniško ime', 'Geslo'],
      ['Потребителско име', 'Парола'], ['Потребител', 'Парола'], ['Корисничко име', 'Лозинка'], ['Имя пользователя', 'Пароль'],
      ['Користувач', 'Пароль'], ['Όνομα χρήστη', 'Κωδικός'], ["Nom d'usuari", 'Contrasenya'], ['Cuenta', 'Clave'],
      ['Kullanıcı', 'Parola'], ['Tên đăng nhập', 'Mật khẩu'], ['Tài khoản', 'Mật khẩu'], ['Nama pengguna', 'Kata sandi'],
      ['Akun', 'Sandi'], ['Nama pengguna', 'Kata laluan'], ['ชื่อผู้ใช้', 'รหัสผ่าน'], ['اسم المستخدم', 'كلمة المرور'],
      ['نام کاربری', 'رمز عبور'], ['שם משתמש', 'סיסמה'], ['उपयोगकर्ता नाम', 'पासवर्ड'], ['使用者名稱', '密碼'],
      ['ログイン名', '暗証番号'], ['사용자 이름', '암호'],
    ];
    for (const [user, pass] of labels) {
      const text = `${user}: onix_xx01\n${pass}: Kamen!Udar1\n\n${user}: onix_xx02\n${pass}: Rock#Throw22\n`;
      const r = await readDump(input('delivery.txt', text));
      expect(r.accounts.map((a) => [a.line, a.username, a.password]), text).toEqual([[1, 'onix_xx01', 'Kamen!Udar1'], [4, 'onix_xx02', 'Rock#Throw22']]);
      expect(r.rejected, text).toEqual([]);
    }
  });

  it('`ID:` is a login only above a password label: an order number after it is no account', async () => {
    const r = await readDump(input('delivery.txt', 'Order\nID: 48211\n\nID: koiking_jp3\nPW: Hane!Teru33\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[4, 'koiking_jp3', 'Hane!Teru33']]);
    expect(r.rejected).toEqual([]);
  });
});

describe('which stated level wins', () => {
  it('the account\'s own column, then a heading above it, then a product or subject line, then the file name', async () => {
    const level = async (name: string, text: string) => (await readDump(input(name, text))).accounts.map((a) => a.level);
    expect(await level('order_L2.txt', 'Product: 2x Level 30 PTC accounts\n\nabra_x1:Teleport!1\nabra_x2:Teleport!2\n')).toEqual([30, 30]);
    expect(await level('stock_lvl25.txt', 'Level 30:\nkadabra_y1:Confuse!1\nkadabra_y2:Confuse!2\n')).toEqual([30, 30]);
    expect(await level('stock_lvl25.txt', 'kadabra_y1:Confuse!1\nkadabra_y2:Confuse!2\n')).toEqual([25, 25]);
    expect(await level('stock_lvl25.txt', 'Product: 2x Level 30 PTC accounts\n\nkadabra_y1:Confuse!1 lvl27\nkadabra_y2:Confuse!2\n')).toEqual([27, 30]);
  });
});

describe('text attachments in other charsets', () => {
  it('an attachment is decoded from the charset its part declares (windows-1251 here): labels as labels', async () => {
    const r = await readExact('mail-attachment-cp1251.eml');
    expect(r.accounts).toEqual([[16, 'onix_ru01', 'Камень!Удар1', undefined, undefined]]);
  });

  it('an attachment in a charset nobody declared: nothing outside ASCII is guessed (its labels were logins: `Ëîãèí`)', async () => {
    await expect(readDump(fixture('mail-attachment-undeclared.eml'))).rejects.toThrow(/no accounts found.*attachment "acc\.txt": the file is not UTF-8 and this account has characters outside ASCII/);
  });
});

describe('a header naming the columns in Chinese, Japanese or Korean', () => {
  it('is the header, not an account, and its level column is read', async () => {
    for (const text of ['账号,密码,等级\nmachop_cn1,Karate!Chop1,30\n', '아이디;비밀번호;레벨\nmachop_cn1;Karate!Chop1;30\n', 'ユーザー名\tパスワード\tレベル\nmachop_cn1\tKarate!Chop1\t30\n']) {
      const r = await readDump(input('stock.csv', text));
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level]), text).toEqual([[2, 'machop_cn1', 'Karate!Chop1', 30]]);
    }
  });
});
