// `2. hesabın şifresi X`: a number before an account's noun (German and Turkish write ordinals
// as `2.`) names the account the reply corrects; the list-numbering rule (`2. user:pass`) must
// not eat it, in any language place-words.ts knows. A list's `1. ash01:Pass` stays numbering.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const QUOTED = '\n\n> ash_01:Pass!1111\n> ash_02:Pass!2222\n';

async function read(text: string) {
  const r = await readDump(input('reply.txt', text));
  return { accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected };
}

describe('a numbered place opening a correction', () => {
  it.each([
    '2. hesabın şifresi Yeni!Sifre22',
    '2. hesabın şifresi değiştirildi: Yeni!Sifre22',
    '2. Konto: neues Passwort Yeni!Sifre22',
    '2. account password is now Yeni!Sifre22',
  ])('%s corrects the second quoted account', async (line) => {
    expect(await read(line + QUOTED)).toEqual({ accounts: [[1, 'ash_02', 'Yeni!Sifre22'], [3, 'ash_01', 'Pass!1111']], rejected: [] });
  });

  it('a list numbered `1.` `2.` is still read as accounts', async () => {
    expect(await read('1. ash_01:Pass!1111\n2. ash_02:Pass!2222\n')).toEqual({ accounts: [[1, 'ash_01', 'Pass!1111'], [2, 'ash_02', 'Pass!2222']], rejected: [] });
  });
});

// A numbered item whose label is a login's word (`аккаунт:`, `account:`, `cuenta:`, `账号：`,
// `tài khoản:`: the labels foreign-labels.ts reads) and `new password X` with no colon or `is`
// before the value: read past as a label without a login, it was never a correction, and the
// quoted account kept its old password silently.
describe('a numbered item under a login label, `new password X`', () => {
  it.each([
    '2. аккаунт: новый пароль Yeni!Sifre22',
    'Аккаунт 2: новый пароль Yeni!Sifre22',
    '2) аккаунт — новый пароль: Yeni!Sifre22',
    '2. account: new password Yeni!Sifre22',
    '2. cuenta: nueva contraseña Yeni!Sifre22',
    '2. conta: nova senha Yeni!Sifre22',
    '2. 账号：新密码 Yeni!Sifre22',
    '2. tài khoản: mật khẩu mới Yeni!Sifre22',
  ])('%s corrects the second quoted account', async (line) => {
    expect(await read(line + QUOTED)).toEqual({ accounts: [[1, 'ash_02', 'Yeni!Sifre22'], [3, 'ash_01', 'Pass!1111']], rejected: [] });
  });

  it('a value that opens with the word `new` is one value, not two', async () => {
    expect(await read('2. cuenta: nueva contraseña Nueva!Clave9' + QUOTED)).toEqual({ accounts: [[1, 'ash_02', 'Nueva!Clave9'], [3, 'ash_01', 'Pass!1111']], rejected: [] });
  });

  it('with no place named while two are quoted, both are refused, never kept stale', async () => {
    const r = await readDump(input('reply.txt', 'аккаунт: новый пароль Yeni!Sifre22' + QUOTED)).then((x) => x.accounts.map((a) => a.password), (e: Error) => e.message);
    expect(r).not.toContain('Pass!2222');
    expect(JSON.stringify(r)).not.toContain('Yeni!Sifre22');
  });
});
