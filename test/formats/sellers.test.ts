// What sellers delivered, read exact: every account with its password, level and provider, and
// nothing else. Each fixture's source is named in test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { toDumpInput } from '../../src/formats/decode.js';
import { levelFromName, levelFromText } from '../../src/formats/stated-level.js';
import { fixture, fixtureBytes, input, readExact } from './helpers.js';

const exact = readExact;

describe('seller deliveries', () => {
  it('full access (user:pass:email:emailpass): the e-mail and its password are not the account password', async () => {
    const r = await exact('seller-full-access.txt');
    expect(r.accounts).toEqual([
      [3, 'ashkanto401', 'Tr4iner!Kanto', 30, undefined],
      [4, 'mistycer07', 'Wat3rG*Star', 30, undefined],
      [5, 'brockpew33', 'Roc:kSol1d', 30, undefined],
      [6, 'garyoak99', 'Ri4val$Oak', 30, undefined],
      [7, 'erikacel12', 'Gr4ss&Leaf', 30, undefined],
      [8, 'surgever55', 'Volt4ge#Lt', 30, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('full access with the "Space" delimiter (`user pass mail [mailpass]`): read as a list, the e-mail and its password left out', async () => {
    const r = await exact('seller-full-access-spaced.txt');
    expect(r.format).toBe('plain');
    expect(r.accounts).toEqual([
      [1, 'geodude_r41', 'R0ck!Throw41', undefined, undefined],
      [2, 'graveler_b7', 'Magn1tude#7', undefined, undefined],
      [3, 'onix_tail22', 'B1nd$Onix22', undefined, undefined],
      [4, 'rhyhorn_h3', 'Horn@Dr1ll3', undefined, undefined],
    ]);
    expect(r.rejected).toEqual([]);
    // Three words with an address are no account when the first two hold no digit: a sentence.
    await expect(readDump(input('note.txt', 'write to help@shop.example\nhello bob bob@mail.example\n'))).rejects.toThrow(/no accounts found/);
  });

  it('email:password:recovery-email under a header: the first address is the login, the recovery address no password', async () => {
    const r = await exact('seller-recovery.txt');
    expect(r.accounts).toEqual([
      [2, 'ketchum.ash.88@gmail.com', 'Pik4chu!Volt', undefined, 'google'],
      [3, 'misty.waterflower.5@gmail.com', 'Starm1e#Cerulean', undefined, 'google'],
      [4, 'brock.harrison.21@gmail.com', 'Onix:Rock7', undefined, 'google'],
    ]);
  });

  it('a spreadsheet saved by Excel as "Unicode Text" (UTF-16 LE with its BOM, tabs, CRLF) reads as the same list in UTF-8: levels, a Google login, a password with `é` and one with a blank', async () => {
    const r = await exact('seller-excel-unicode.txt');
    expect(r.format).toBe('plain');
    expect(r.accounts).toEqual([
      [2, 'XlTrainer01', 'Pika!2017a', 30, undefined],
      [3, 'XlTrainer02', 'Ronflex,2017', 27, undefined],
      [4, 'XlTrainer03', 'Évoli#2017', 31, undefined],
      [5, 'xl.trainer04@gmail.com', 'Mewtwo 150!', 30, 'google'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a header decides the columns, in its order, with a level column', async () => {
    const r = await exact('seller-login-pass-mail.csv');
    expect(r.accounts).toEqual([
      [2, 'sabrinapsy21', 'Kad4bra!Spoon', 25, undefined],
      [3, 'kogafuch07', 'Ninj4#Toxic', 27, undefined],
      [4, 'blainecin3', 'Rap1dash$Fire', undefined, undefined],
    ]);
    // Tab-separated under a header with a blank inside a column name (`Email Password`).
    const tabs = await readDump(input('t.txt', 'Username\tPassword\tEmail\tEmail Password\npidgey_fly01\tGust!y101\tp01@mail.com\tMail:pw1\nrattata_bite2\tQuick#Att2\tr02@mail.com\tMail:pw2\n'));
    expect(tabs.accounts.map((a) => [a.username, a.password])).toEqual([['pidgey_fly01', 'Gust!y101'], ['rattata_bite2', 'Quick#Att2']]);
    // A header in another order puts the password where it says.
    const reordered = await readDump(input('r.txt', 'password;username;level\nPw1!aaaa;first_user1;30\nPw2!b;bb;second_user2;31\n'));
    expect(reordered.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['first_user1', 'Pw1!aaaa', 30],
      ['second_user2', 'Pw2!b;bb', 31],
    ]);
  });

  it("KinanCity's accounts file: its `#username;password;email;dob;country` header names the columns", async () => {
    const r = await exact('kinancity-accounts.csv');
    expect(r.accounts.map((a) => [a[1], a[2]])).toEqual([
      ['venusaur_l31', 'Sol4r#Beam1'],
      ['blastoise_h2', 'Hydr0;Pump!'],
      ['charizard_f9', 'Fl4me$Thrower'],
    ]);
  });

  it('a first line that merely starts like column names (`user0:pw-0`) is an account, not a header', async () => {
    const r = await readDump(input('list.txt', 'user0:pw-0\nuser1:pw-1\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'user0', 'pw-0'], [2, 'user1', 'pw-1']]);
    expect(r.skipped).toBeUndefined();
    // A real header is named in the preview as what it is.
    expect((await readDump(input('list.txt', 'username:password\nuser0:pw-0\n'))).skipped).toEqual([{ line: 1, kind: 'header' }]);
  });

  it('a numbered or bulleted delivery (`1) user : pass`, `- user:pass`) under an item line: the numbers and the item are no accounts', async () => {
    for (const text of [
      'Delivery for order #8812\nItem: 2x PTC Account Level 30\n\n1) tentacool_s1 : Bubble!Beam1\n2) tentacruel_s2 : Hydro#Pump22\n\nThank you for shopping with us!\n',
      'Product: 2x PTC Account Level 30\n1. tentacool_s1:Bubble!Beam1\n2. tentacruel_s2:Hydro#Pump22\n',
      '- tentacool_s1:Bubble!Beam1\n- tentacruel_s2:Hydro#Pump22\nThank you!\n',
    ]) {
      const r = await readDump(input('order.txt', text), {});
      expect(r.accounts.map((a) => [a.username, a.password]), text).toEqual([['tentacool_s1', 'Bubble!Beam1'], ['tentacruel_s2', 'Hydro#Pump22']]);
      expect(r.rejected, text).toEqual([]);
    }
  });

  it('stock joined with commas: the comma ending every line but the last is no part of the password', async () => {
    const r = await exact('seller-joined-stock.txt');
    expect(r.accounts.map((a) => a[2])).toEqual(['Cl0yster!Ice', 'Mach4mp#Rock', 'Gen9ar$Lick', 'Dr4gonite!Hyper']);
  });

  it('CSV with blanks around the fields reads as RocketMap reads it (stripped); a quoted password keeps its blanks', async () => {
    const r = await exact('rocketmap-spaces.csv');
    expect(r.accounts).toEqual([
      [2, 'jigglypuff44', 'Sing4Sleep!', undefined, 'ptc'],
      [3, 'clefairy_moon2', 'Metr0nome#1', undefined, 'ptc'],
      [4, 'snorlax.rest71@gmail.com', 'Zzz!Rest7', undefined, 'google'],
      [5, 'mewtwo_clone9', '  spaced pass ', undefined, 'ptc'],
    ]);
    // Blanks on both sides of every separator, with an e-mail column after the password, with and without a header.
    for (const text of ['user_a1 ; Pass!a1 ; a1@mail.com\nuser_b2 ; Pass!b2 ; b2@mail.com\n', 'Login ; Pass ; Mail\nuser_a1 ; Pass!a1 ; a1@mail.com\nuser_b2 ; Pass!b2 ; b2@mail.com\n']) {
      expect((await readDump(input('list.txt', text))).accounts.map((a) => [a.username, a.password])).toEqual([['user_a1', 'Pass!a1'], ['user_b2', 'Pass!b2']]);
    }
  });

  it('an HTML table with a Level column gives each account its own level; other columns are not read', async () => {
    const r = await exact('seller-level-table.eml');
    expect(r.accounts.map((a) => a.slice(1))).toEqual([
      ['articuno_frost2', 'Bl1zzard!Ice', 28, undefined],
      ['zapdos_storm40', 'Thund3r#Bolt', 31, undefined],
      ['moltres_flame9', 'Sky&Attack5', 30, undefined],
    ]);
  });

  it('an order page saved as .html: the table read as a mail\'s, levels spelled `Lv. 27`, `Level 31`; in windows-1252 as its meta tag says', async () => {
    const expected = [
      ['snorlax_abc1', 'Rest&Snöre9', 27, undefined],
      ['lapras_surf22', 'Ice!Beam44', 31, undefined],
      ['gengar_ghost7', 'Sh4dow€Ball', 30, undefined],
    ];
    const r = await exact('seller-order-page.html');
    expect(r.format).toBe('html+email-text');
    expect(r.accounts.map((a) => a.slice(1))).toEqual(expected);
    // The same page saved in windows-1252 (ö is 0xF6 there, € 0x80), declared by its meta tag.
    const page = fixtureBytes('seller-order-page.html').toString('utf8');
    const cp1252 = (html: string) => Buffer.from(html.replace(/€/g, '\x80'), 'latin1');
    const declared = await readDump(input('page.html', cp1252(page.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'))));
    expect(declared.accounts.map((a) => [a.username, a.password, a.level, a.provider])).toEqual(expected);
    // Without the declaration the charset is a guess: the ASCII account stays, the others are rejected.
    const undeclared = await readDump(input('page.html', cp1252(page.replace('<meta charset="utf-8">', ''))));
    expect(undeclared.accounts.map((a) => a.username)).toEqual(['lapras_surf22']);
    expect(undeclared.rejected.map((j) => j.reason)).toEqual([expect.stringMatching(/could not be decoded/), expect.stringMatching(/could not be decoded/)]);
    // A bare table, as a shop's page source copied out, is a page too.
    const bare = await readDump(input('items.txt', '<table><tr><td>Username</td><td>mew_psychic1</td></tr><tr><td>Password</td><td>Tr4nsform!</td></tr></table>\n'));
    expect(bare.accounts.map((a) => [a.username, a.password])).toEqual([['mew_psychic1', 'Tr4nsform!']]);
  });

  it('the level stated in a product line or in the file name is the level of every account', async () => {
    expect((await exact('order-48301.txt')).accounts.map((a) => a[3])).toEqual([30, 30, 30, 30, 30]);
    expect((await exact('order-30244_L30.txt')).accounts.map((a) => a[3])).toEqual([30, 30, 30]);
    expect(levelFromName('accounts_L2.txt')).toBe(2);
    expect(levelFromName('/x/level30.txt')).toBe(30);
    expect(levelFromName('lvl-25 stock.csv')).toBe(25);
    expect(levelFromName('travel30.txt')).toBeUndefined();
    expect(levelFromName('order-30244.txt')).toBeUndefined();
    expect(levelFromText('Subject: 5x Level 30 PTC accounts')).toBe(30);
    expect(levelFromText('Order: 2x Level 30 accounts, 3x Level 20 accounts')).toBeUndefined(); // a mixed order states none
    expect(levelFromText('ptc,user1,level30pass')).toBeUndefined(); // an account line states a password, not a level
    // Nor does a line an account was read from, blanks or not: a user named L10 on PTC.
    expect((await readDump(input('accounts.csv', 'username,password,provider\nL10,my pass 1,ptc\n'))).accounts[0]!.level).toBeUndefined();
  });

  it("a shop mail whose body is a greeting, a product line, a user:pass list and a footer: the list exact, the rest skipped as prose, nothing rejected", async () => {
    const body = 'Thanks for your purchase!\nProduct: 3x Level 30 Pokemon GO PTC Accounts\n\nuser_qp01:Cafe!Pw1\nuser_qp02:Naive#Pw2\nuser_qp03:Plain!Pw3\n\nRegards, the team\n';
    const mail = `From: Selly <no-reply@selly.gg>\r\nTo: buyer@example.com\r\nSubject: Your order\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`;
    for (const r of [await readDump(input('order.eml', mail)), await readDump(input('order.txt', body))]) {
      expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['user_qp01', 'Cafe!Pw1', 30], ['user_qp02', 'Naive#Pw2', 30], ['user_qp03', 'Plain!Pw3', 30]]);
      expect(r.rejected).toEqual([]);
    }
    // A mail with no account at all says what it is, whatever its lines look like one by one.
    const news = 'From: shop@example.com\r\nTo: you@example.com\r\nSubject: Spring sale\r\n\r\nHi trainer,\n\nLevel 30 accounts now only $2.99! Use code SPRING20.\nVisit https://shop.example.com/level30 today.\nStock: 120\nPrice: 2.99\n';
    await expect(readDump(input('news.eml', news))).rejects.toThrow(/no accounts found.*it looks like a letter without accounts/);
  });

  it('a reply that quotes the delivery and corrects one password: the correction wins, the others stay', async () => {
    const r = await exact('seller-correction.eml');
    expect(r.accounts.map((a) => [a[1], a[2], a[3]])).toEqual([
      ['raikou_thunder3', 'Volt!Tackle88', 30],
      ['entei_blaze12', 'Sacred#Fire7', 30],
      ['suicune_aurora5', 'Aurora$Beam2', 30],
    ]);
  });

  it('a reply that quotes the delivery without `>` marks (Outlook\'s Original Message, a bare `On ... wrote:`): the correction wins too', async () => {
    const reply = (mark: string) =>
      `From: Shop <shop@example.com>\r\nTo: buyer@example.com\r\nSubject: RE: Your order #7781\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
      `Hi, sorry, one password was wrong. Correct one:\n\nraikou_thunder3:Volt!Tackle99\n\nBest regards\n\n${mark}\n\n` +
      `Here are your accounts (Level 30):\n\nraikou_thunder3:Volt!Tackle88\nentei_blaze12:Sacred#Fire7\n`;
    for (const mark of [
      '-----Original Message-----\nFrom: Shop <shop@example.com>\nSent: Monday, October 16, 2017 10:00 AM\nTo: buyer@example.com\nSubject: Your order #7781',
      '________________________________\nFrom: Shop <shop@example.com>\nSent: Monday, October 16, 2017 10:00 AM',
      'On Mon, Oct 16, 2017 at 10:00 AM, Shop <shop@example.com> wrote:',
    ]) {
      const r = await readDump(input('reply.eml', reply(mark)));
      expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['raikou_thunder3', 'Volt!Tackle99', 30], ['entei_blaze12', 'Sacred#Fire7', 30]]);
    }
  });

  it('a mail in windows-1252 (declared) reads exact; a list in an undeclared legacy charset keeps its ASCII accounts and rejects the others', async () => {
    expect((await exact('seller-cp1252.eml')).accounts.map((a) => [a[1], a[2], a[3]])).toEqual([
      ['celebi_zeit4', 'Pokéball€Ewig1', 30],
      ['jirachi_wunsch9', 'Sterneßchen7', 30],
    ]);
    // KOI8-R, declared: the greeting and thanks around the list are prose, not rejected lines.
    const koi8 = await exact('seller-koi8r.eml');
    expect(koi8.accounts.map((a) => [a[1], a[2]])).toEqual([['sergey_pogo1', 'Пароль!77'], ['ivan_pogo2', 'Zxc!vbn22']]);
    expect(koi8.rejected).toEqual([]);
    // Notepad's "ANSI": `é` between lower-case letters is a lower-case letter in windows-1252 alone (Mac
    // Roman reads the byte as `È`): read so, the preview saying so (legacy-charset.ts, stop 66 G).
    const ansi = await readDump(fixture('seller-ansi.txt'));
    expect(ansi.accounts.map((a) => [a.username, a.password])).toEqual([['hooh_regenbogen1', 'Feuer!Flug77'], ['lugia_silber2', 'Tauchérin#8'], ['ho_oh_legende3', 'Heilig$Feuer9']]);
    expect(ansi.notes).toEqual([expect.stringContaining('read as windows-1252')]);
  });

  it("a sheet in Mac Roman (Excel for Mac's \"CSV (Macintosh)\", CR line ends) reads exact; bytes that fit neither charset alone keep their accounts refused by line", async () => {
    // Stop 65 G2 left such sheets' accounts with accents refused: `ä` is 0x8A in Mac Roman, `Š` in windows-1252.
    const mac = await readDump(fixture('sheet-mac-roman.csv'));
    expect(mac.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [2, 'lapras_mr1', 'Wäsche!mr1', 30],
      [3, 'snorlax_mr2', 'Schläfer#2', 31],
      [4, 'eevee_mr3', 'Crème$mr3', 29],
      [5, 'jolteon_mr4', 'plain!Pw4', 30],
    ]);
    expect(mac.notes).toEqual([expect.stringContaining('read as Mac Roman')]);
    // `§` (a letter, `ß`, to Mac Roman) beside `é` (a letter to windows-1252 alone): undecided, refused by its line as before.
    const mixed = Buffer.concat([Buffer.from('username,password\r\nabra_u1,Pa'), Buffer.from([0xa7]), Buffer.from('s'), Buffer.from([0xe9]), Buffer.from('!u1\r\nkadabra_u2,plain!u2\r\n')]);
    const undecided = await readDump(toDumpInput('undecided.csv', mixed));
    expect(undecided.accounts.map((a) => a.username)).toEqual(['kadabra_u2']);
    expect(undecided.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/not UTF-8/) }]);
    // A Russian list in windows-1251 (words of three such bytes and more) is never read as a Western charset.
    const russian = await readDump(toDumpInput('ru.txt', Buffer.from([...Buffer.from('ashru01:Pw'), 0xef, 0xe0, 0xf0, 0xee, 0xeb, 0xfc, ...Buffer.from('1\nashru02:plain!ru2\n')])));
    expect(russian.accounts.map((a) => a.username)).toEqual(['ashru02']);
    expect(russian.notes ?? []).toEqual([]);
  });

  it('stock joined on one line (`a:b, c:d, e:f`, `a:b c:d`) is one account per item, never one account whose password holds the others', async () => {
    const r = await readExact('seller-joined-line.txt');
    expect(r.accounts).toEqual([
      [1, 'tangela_v1', 'Vine!Whip1', undefined, undefined],
      [1, 'mrmime_v2', 'Barrier#22', undefined, undefined],
      [1, 'jynx_v3', 'Lovely!Kiss3', undefined, undefined],
      [2, 'electrode_v4', 'Self!Destruct4', undefined, undefined],
      [2, 'voltorb_v5', 'Sonic#Boom55', undefined, undefined],
      [3, 'meowth_rocket', 'Thats:right', undefined, undefined],
    ]);
    const mail = `From: shop@pogostock.example\nSubject: Your items\nContent-Type: text/plain\n\nYour items:\n\n${fixtureBytes('seller-joined-line.txt').toString('utf8').split('\n')[0]}\n`;
    expect((await readDump(input('order.eml', mail))).accounts.map((a) => a.username)).toEqual(['tangela_v1', 'mrmime_v2', 'jynx_v3']);
  });

  // Found by stop 38's property runs (`user:Pac,pass:2`): one piece of a "join" was a label and a
  // number, and the line gave `pacuser02` the password `Pac` while rejecting itself as a statistic.
  it('a line that splits into `login:password` pieces one of which is no account (`pacuser02:Pac,pass:2`) is refused whole: never half imported with a wrong password', async () => {
    for (const line of ['pacuser02:Pac,pass:2', 'pacuser02:Pac;pass:2', 'pacuser02:Pac, pass:2']) {
      const text = `pacuser01:P4c!pass1\n${line}\npacuser03:P4c#pass3\n`;
      const r = await readDump(input('results.txt', text));
      expect([line, r.accounts.map((a) => [a.line, a.username, a.password])]).toEqual([line, [[1, 'pacuser01', 'P4c!pass1'], [3, 'pacuser03', 'P4c#pass3']]]);
      expect(r.rejected, line).toEqual([{ line: 2, reason: expect.stringMatching(/^unsure whether this is one account whose password holds the delimiter, or 2 accounts joined on one line: piece 2 of 2 looks like a statistic/) }]);
      // The same in a mail's body.
      const mail = await readDump(input('order.eml', `From: shop@pogostock.example\nSubject: Your items\nContent-Type: text/plain\n\nYour items:\n\n${text}`));
      expect(mail.accounts.map((a) => a.username), line).toEqual(['pacuser01', 'pacuser03']);
      expect(mail.rejected.map((j) => j.reason), line).toEqual([expect.stringMatching(/^unsure whether this is one account/)]);
    }
  });

  it('stock joined by a custom delimiter (`|`, ` | `, ` - `, ` / `, an en dash) is one account per item: none lost as a note, none glued into a password', async () => {
    for (const join of ['|', ' | ', ' - ', ' / ', ' \u2013 ']) {
      const text = `ash_k1:Pw!one11\nmisty_k2:Pw!two22\n${['brock_k3:Pw!three3', 'onix_k4:Pw#four44', 'geodude_k5:Pw!five5'].join(join)}\n`;
      const r = await readDump(input('stock.txt', text));
      expect([join, r.accounts.map((a) => [a.line, a.username, a.password])]).toEqual([join, [
        [1, 'ash_k1', 'Pw!one11'], [2, 'misty_k2', 'Pw!two22'], [3, 'brock_k3', 'Pw!three3'], [3, 'onix_k4', 'Pw#four44'], [3, 'geodude_k5', 'Pw!five5'],
      ]]);
      // The stock alone on one line, as a buyer copies it from the shop's page.
      expect((await readDump(input('stock.txt', `${text.split('\n')[2]}\n`))).accounts.map((a) => a.username)).toEqual(['brock_k3', 'onix_k4', 'geodude_k5']);
    }
  });

  it('a shop\'s order page listing the items in a textarea: one account per line of it, with the product line\'s level', async () => {
    const r = await readExact('seller-order-textarea.html');
    // Lines of the page file (the textarea's lines 4 and 5), not of the text made of it.
    expect(r.accounts).toEqual([
      [4, 'omanyte_q1', 'Hydro!Pump1', 30, undefined],
      [5, 'kabuto_q2', 'Aqua#Jet222', 30, undefined],
    ]);
  });
});
