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
