// A seller's reply correcting a password in a sentence as people write them: the value not the
// last word (`the new password is X, sorry`), before its words (`X is the new password`), the
// account named by its place in the quoted delivery (`the 2nd account's password is X`,
// `password for account #3: X`), or a sentence saying the password changed whose value no
// password is shaped like (`the new password is below`, `... is hunter`). Exactly one account is
// corrected, or the accounts it may be about are refused naming the correction's line: never a
// stale password kept silently, never a password read out of prose.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const QUOTE = 'On Sun, 15 Oct 2017 at 21:40, GoAccounts <delivery@goaccounts.example> wrote:\n';
const ONE = `${QUOTE}> entei_blaze12:Sacred#Fire7\n`;
const THREE = `${QUOTE}> entei_blaze12:Sacred#Fire7\n> raikou_thunder3:Volt!Tackle7\n> suicune_aurora5:Aurora$Beam2\n`;

async function read(said: string, quoted: string) {
  const r = await readDump(input('reply.txt', `Hi,\n${said}\n\n${quoted}`));
  return { accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected.map((x) => [x.line, x.reason]) };
}

/** The message of a reply none of whose accounts could be imported (it names each refused line). */
async function refused(said: string, quoted: string): Promise<string> {
  return readDump(input('reply.txt', `Hi,\n${said}\n\n${quoted}`)).then(() => 'imported', (e: Error) => e.message);
}

describe('a correction whose password is not its last word', () => {
  for (const said of ['the new password is Fresh!Pass42, sorry', 'Fresh!Pass42 is the new password', 'Sorry, I changed it to "Fresh!Pass42" please try again', 'the password was wrong, use Fresh!Pass42 instead.']) {
    it(`one account quoted: "${said}" corrects it`, async () => {
      expect(await read(said, ONE)).toEqual({ accounts: [[2, 'entei_blaze12', 'Fresh!Pass42']], rejected: [] });
    });
  }

  it('several quoted and no account named: each refused, naming the correction\'s line', async () => {
    const message = await refused('the new password is Fresh!Pass42, sorry', THREE);
    expect(message).toContain('line 2: a correction giving a password for no named login while the reply quotes 3 accounts: which one it corrects is unsure; line 5: its password may be stale: the correction at line 2 is unsure; line 6: its password may be stale: the correction at line 2 is unsure');
    expect(message).not.toMatch(/Fresh!Pass42|Sacred#Fire7/);
  });
});

describe('a correction naming the account by its place in the quoted delivery', () => {
  const cases: [string, string][] = [
    ["the 2nd account's password is Fresh!Pass42", 'raikou_thunder3'],
    ['Sorry, the password of the second one is Fresh!Pass42.', 'raikou_thunder3'],
    ['password for account #3: Fresh!Pass42', 'suicune_aurora5'],
    ['the first account has a new password: Fresh!Pass42', 'entei_blaze12'],
    ['the last one: new password is Fresh!Pass42', 'suicune_aurora5'],
  ];
  for (const [said, login] of cases) {
    it(`"${said}" corrects ${login} alone`, async () => {
      const r = await read(said, THREE);
      expect(r.rejected).toEqual([]);
      expect(r.accounts.find((a) => a[1] === login)).toEqual([2, login, 'Fresh!Pass42']);
      expect(r.accounts.filter((a) => a[2] === 'Fresh!Pass42')).toHaveLength(1);
      expect(r.accounts).toHaveLength(3);
    });
  }

  it('a place the delivery does not have (`account #5` of 3): refused, naming it', async () => {
    expect(await refused('password for account #5: Fresh!Pass42', THREE)).toContain('line 2: a correction naming account 5 while the reply quotes 3: which one it corrects is unsure; line 5: its password may be stale');
  });

  it('a place and a login that disagree: refused, never one of them guessed', async () => {
    expect(await refused('the 2nd account entei_blaze12 has the password Fresh!Pass42', THREE)).toMatch(/4 lines rejected \(line 2: a correction giving a password for no named login while the reply quotes 3 accounts/);
  });
});

describe('a correction whose value is not shaped like a password', () => {
  for (const said of ['the new password is below, sorry for that', 'the new password is hunter, sorry']) {
    it(`"${said}": the account refused at its line, naming the correction, never kept with its stale password`, async () => {
      expect(await refused(said, ONE)).toContain('2 lines rejected (line 2: a correction saying the password changed, its new password unreadable (no word of it is shaped like a password): write it as login:password; line 5: its password may be stale: the correction at line 2 is unsure)');
    });
  }

  it('`corrected password below:` above the reply\'s own label lines: those lines are the correction', async () => {
    const r = await readDump(input('reply.txt', `Hi, corrected password below:\nUsername: entei_blaze12\nPassword: Fresh!Pass42\n\n${ONE}`));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['entei_blaze12', 'Fresh!Pass42']]);
    expect(r.rejected).toEqual([]);
  });

  for (const said of ['I checked: the password is correct, please try again', 'Please change the password after login', 'If a password is wrong, reply within 24 hours']) {
    it(`"${said}" says nothing new: the quoted passwords stay`, async () => {
      expect((await read(said, THREE)).accounts.map((a) => a[2])).toEqual(['Sacred#Fire7', 'Volt!Tackle7', 'Aurora$Beam2']);
    });
  }
});

describe('words that name no place', () => {
  for (const said of ['Last time I changed the password to Fresh!Pass42', 'On Nov 14th the password was changed to Fresh!Pass42']) {
    it(`"${said}" with several quoted: which account is unsure, never the last or the 14th guessed`, async () => {
      expect(await refused(said, THREE)).toContain('line 2: a correction giving a password for no named login while the reply quotes 3 accounts');
    });
  }
});

describe('a correction taken back by a later line with no password word', () => {
  // People correct their own correction in the next line: the later value is the password, never the first kept silently.
  for (const again of ['sorry, use Other#Pass9 instead', 'make that Other#Pass9', 'oops, Other#Pass9 I mean', 'actually "Other#Pass9"', 'typo, it should be Other#Pass9', 'sorry, not Fresh!Pass42 but Other#Pass9']) {
    it(`"the new password is Fresh!Pass42" then "${again}": the later value, at its line`, async () => {
      expect(await read(`the new password is Fresh!Pass42\n${again}`, ONE)).toEqual({ accounts: [[3, 'entei_blaze12', 'Other#Pass9']], rejected: [] });
    });
  }

  it('after a correction naming the login (`entei_blaze12:Fresh!Pass42`), `make that Other#Pass9` wins', async () => {
    expect(await read('fixed: entei_blaze12:Fresh!Pass42\nmake that Other#Pass9', ONE)).toEqual({ accounts: [[3, 'entei_blaze12', 'Other#Pass9']], rejected: [] });
  });

  for (const again of ['make that the other one', 'sorry, use Other#Pass9 or Third#Pass8 instead']) {
    it(`"${again}" takes it back with no single value: the account refused naming both lines`, async () => {
      const message = await refused(`the new password is Fresh!Pass42\n${again}`, ONE);
      expect(message).toMatch(/line 2: a correction taken back at line 3: which password is new is unsure; line 3: a line taking back the correction at line 2 .*; line 6: its password may be stale/);
      expect(message).not.toMatch(/Fresh!Pass42|Other#Pass9|Sacred#Fire7/);
    });
  }

  for (const later of ['Thanks for your order #A12345 and sorry for the delay', 'Let me know if it works, order 2024-11-03', 'Use code SAVE2024 next time', 'Sorry, try again later or use ticket T12345 to reach us']) {
    it(`a later line of prose ("${later}") leaves the correction`, async () => {
      expect(await read(`the new password is Fresh!Pass42\n${later}`, ONE)).toEqual({ accounts: [[2, 'entei_blaze12', 'Fresh!Pass42']], rejected: [] });
    });
  }

  it('a line far below the correction (`make that SAVE2024` in the signature) takes nothing back', async () => {
    expect(await read('the new password is Fresh!Pass42\n\nBest regards, John\nPS: make that SAVE2024 your code', ONE)).toEqual({ accounts: [[2, 'entei_blaze12', 'Fresh!Pass42']], rejected: [] });
  });
});

describe('the account named by its place in the languages sellers wrote (place-words.ts)', () => {
  for (const said of [
    'пароль от второго аккаунта: Other#Pass9',
    'пароль для аккаунта №2 — Other#Pass9',
    'la contraseña de la cuenta 2 es Other#Pass9',
    'la contraseña de la segunda cuenta es Other#Pass9',
    'a senha da segunda conta é Other#Pass9',
    'das Passwort vom zweiten Konto ist Other#Pass9',
    'das Passwort für Konto Nr. 2: Other#Pass9',
    'le mot de passe du deuxième compte est Other#Pass9',
    'la password del secondo account è Other#Pass9',
    'hasło do drugiego konta to Other#Pass9',
    'mật khẩu của tài khoản thứ hai là Other#Pass9',
    '第二个账号的密码是Other#Pass9',
    '第2个账号的密码：Other#Pass9',
    '2番目のアカウントのパスワード：Other#Pass9',
    '두 번째 계정 비밀번호: Other#Pass9',
  ]) {
    it(`"${said}" corrects the second quoted account alone`, async () => {
      expect(await read(said, THREE)).toEqual({ accounts: [[2, 'raikou_thunder3', 'Other#Pass9'], [5, 'entei_blaze12', 'Sacred#Fire7'], [7, 'suicune_aurora5', 'Aurora$Beam2']], rejected: [] });
    });
  }

  for (const said of ['la última cuenta: la contraseña es Other#Pass9', 'пароль от последнего аккаунта: Other#Pass9', '最后一个的密码：Other#Pass9']) {
    it(`"${said}" corrects the last one`, async () => {
      expect((await read(said, THREE)).accounts).toContainEqual([2, 'suicune_aurora5', 'Other#Pass9']);
    });
  }

  // An ordinal without an account's noun names no account: `segundo intento` (second try), Vietnamese `thứ hai` (Monday).
  for (const said of ['segundo intento: la contraseña es Other#Pass9', 'thứ hai tôi đổi mật khẩu là Other#Pass9']) {
    it(`"${said}" with several quoted: which account is unsure, never the second guessed`, async () => {
      expect(await refused(said, THREE)).toContain('line 2: a correction giving a password for no named login while the reply quotes 3 accounts');
    });
  }
});

describe('two corrections of one account in one reply', () => {
  it('both with a password word and neither taking the other back: the account refused naming both lines, neither value passed on', async () => {
    const message = await refused('the new password is Fresh!Pass42\n\nthe password is Other#Pass9', ONE);
    expect(message).toMatch(/line 2: 2 corrections give this account different passwords \(lines 2 and 4\), neither taking the other back: which one is new is unsure; line 4: 2 corrections .*; line 7: its password may be stale: the correction at line 2 is unsure/);
    expect(message).not.toMatch(/Fresh!Pass42|Other#Pass9|Sacred#Fire7/);
  });

  it('the same, each naming the login: refused the same way', async () => {
    expect(await refused('the password for entei_blaze12 is Fresh!Pass42\nthe password for entei_blaze12 is Other#Pass9', ONE)).toContain('line 2: 2 corrections give this account different passwords (lines 2 and 3)');
  });

  for (const again of ['sorry, the password is actually Other#Pass9', 'ignore the password above, it is Other#Pass9', 'oops, wrong one: the password is Other#Pass9']) {
    it(`"${again}" takes the first back: the later value, at its line`, async () => {
      expect(await read(`the new password is Fresh!Pass42\n\n${again}`, ONE)).toEqual({ accounts: [[4, 'entei_blaze12', 'Other#Pass9']], rejected: [] });
    });
  }

  it('the same value twice is one correction', async () => {
    expect(await read('the new password is Fresh!Pass42\n\nagain, the password is Fresh!Pass42', ONE)).toEqual({ accounts: [[4, 'entei_blaze12', 'Fresh!Pass42']], rejected: [] });
  });

  it('two accounts each corrected once: both corrections kept', async () => {
    expect((await read('the password for entei_blaze12 is Fresh!Pass42\nthe password for raikou_thunder3 is Other#Pass9', THREE)).accounts.slice(0, 2)).toEqual([[2, 'entei_blaze12', 'Fresh!Pass42'], [3, 'raikou_thunder3', 'Other#Pass9']]);
  });
});

describe("a reply's sentence that a quoted account was banned (verdict-sentences.ts)", () => {
  const states = async (said: string) =>
    (await readDump(input('reply.txt', `Hi,\n${said}\n\n${THREE}`))).accounts.map((a) => [a.username, a.password, a.state ?? 'ok']);

  it("Outlook's top-posted support reply: the banned account keeps its verdict, the replacement is an account (stop 62's survey)", async () => {
    const r = await readDump(fixture('replacement-reply-banned.eml'));
    expect(r.accounts.map((a) => [a.username, a.password, a.state ?? 'ok']).sort()).toEqual([
      ['ashvale4504', 'Vv7$ww8x', 'ok'],
      ['birchwood1201', 'Mm1!nn2o', 'ok'],
      ['cedarfall2302', 'Pp3@qq4r', 'ok'],
      ['elmgrove3403', 'Ss5#tt6u', 'perm_banned'],
    ]);
  });

  it('`was banned` / `got temp banned` name one quoted login: that account\'s verdict, the others untouched', async () => {
    expect(await states('sorry, raikou_thunder3 was banned before delivery.')).toEqual([
      ['entei_blaze12', 'Sacred#Fire7', 'ok'],
      ['raikou_thunder3', 'Volt!Tackle7', 'perm_banned'],
      ['suicune_aurora5', 'Aurora$Beam2', 'ok'],
    ]);
    expect((await states('suicune_aurora5 got temp banned yesterday, wait 2 days')).map((a) => a[2])).toEqual(['ok', 'ok', 'temp_banned']);
  });

  it('a question, a negation, two logins or a login not delivered give no verdict', async () => {
    for (const said of ['is raikou_thunder3 banned?', 'raikou_thunder3 is not banned, just log in again', 'raikou_thunder3 and entei_blaze12 were banned', 'zapdos_storm9 was banned']) {
      expect((await states(said)).map((a) => a[2]), said).toEqual(['ok', 'ok', 'ok']);
    }
  });
});

describe("a reply's sentence correcting the quoted delivery's level (level-sentences.ts)", () => {
  const levels = async (said: string, quoted = `${QUOTE}> Your accounts (level 30):\n> entei_blaze12:Sacred#Fire7\n> raikou_thunder3:Volt!Tackle7\n`) =>
    (await readDump(input('reply.txt', `Hi,\n${said}\n\n${quoted}`))).accounts.map((a) => [a.username, a.level]);

  it("`both accounts are level 25, not 30` above `> Accounts (level 30):`: every quoted account is 25 (stop 62's survey)", async () => {
    const r = await readDump(fixture('level-correction-reply.eml'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['nightowl1419', 'Qq1!ww2e', 25], ['daybreak2520', 'Rr3@tt4y', 25]]);
  });

  it('a login named: only that account; `actually lvl 27` for them all', async () => {
    expect(await levels('sorry, raikou_thunder3 is level 24, not 30')).toEqual([['entei_blaze12', 30], ['raikou_thunder3', 24]]);
    expect(await levels('actually they are all lvl 27')).toEqual([['entei_blaze12', 27], ['raikou_thunder3', 27]]);
  });

  it('no correction word, a question, two levels or a level no trainer has change nothing', async () => {
    for (const said of ['all level 30 accounts work fine', 'sorry, is it level 25?', 'sorry, one is level 25 and one level 27', 'correction: all level 75, not 30']) {
      expect(await levels(said), said).toEqual([['entei_blaze12', 30], ['raikou_thunder3', 30]]);
    }
  });
});
