// PokemonBotManager (priaonehaha/PokemonBotManagerConsole, July 2016): its operator's
// `PTCAccounts.txt` (`username - email - password - True`, read by
// `PokemonBotManager/Pokemon/AccountList.cs` `LoadFromFile` as `Account(acc[0], acc[2], acc[1], acc[3] == "True")`)
// and the `AccountList.xml` its `Serialize` writes with .NET's DataContractSerializer
// (`Pokemon/Account.cs`'s members `Email`, `LatestLocationId`, `Password`, `Username`, `Verified`).
// Readers: src/formats/tools/botmanager-ptc-accounts.ts, src/formats/tools/datacontract-accounts.ts.
// Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password, a.provider]);

describe("PokemonBotManager's PTCAccounts.txt", () => {
  it('the password is the third field: the e-mail and the verified flag never enter a password', async () => {
    const r = await readDump(fixture('pokemonbotmanager-ptcaccounts.txt'));
    expect(r.format).toBe('botmanager-ptc-accounts');
    expect(rows(r)).toEqual([
      [1, 'ash_mgr01', 'Pika-Chu1!', 'ptc'],
      [2, 'misty_mgr02', 'Star:mie,2', 'ptc'],
      [4, 'gary_mgr04', 'Eevee 4 Ever', 'ptc'],
    ]);
    expect(r.accounts.map((a) => a.history)).toEqual([
      { email: 'ash.mgr01@mail.example', verified: true },
      { email: 'misty.mgr02@mail.example', verified: false },
      { email: 'gary.mgr04@mail.example', verified: true },
    ]);
    // `On-ix - 3x!`: the tool's Split cuts it to `On-ix`; which is the password is unsure.
    expect(r.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/the password holds ` - `.*unsure/) }]);
    expect(JSON.stringify(r.rejected)).not.toContain('On-ix');
  });

  it('a line of another shape among them is refused by its line, never read as a list line', async () => {
    const r = await readDump(input('PTCAccounts.txt', 'ash_mgr01 - ash@mail.example - Pika-Chu1! - True\nmisty_mgr02 - misty@mail.example - Starmie2\nbrock_mgr03 - brock@mail.example - Onix3! - True\n'));
    expect(rows(r)).toEqual([
      [1, 'ash_mgr01', 'Pika-Chu1!', 'ptc'],
      [3, 'brock_mgr03', 'Onix3!', 'ptc'],
    ]);
    expect(r.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/not a PTCAccounts\.txt line/) }]);
  });

  it('blanks after the flag keep the account whole; the tool reads `True ` as not verified', async () => {
    const r = await readDump(input('PTCAccounts.txt', 'ash_mgr01 - ash@mail.example - Pika-Chu1! - True \t\r\n'));
    expect(rows(r)).toEqual([[1, 'ash_mgr01', 'Pika-Chu1!', 'ptc']]);
    expect(r.accounts[0]!.history).toEqual({ email: 'ash@mail.example', verified: false });
  });
});

describe("PokemonBotManager's AccountList.xml (DataContractSerializer)", () => {
  it('each <Account> gives its Username and Password, XML escapes undone; a nil e-mail is no field', async () => {
    const r = await readDump(fixture('pokemonbotmanager-accountlist.xml'));
    expect(r.format).toBe('datacontract-accounts');
    expect(rows(r)).toEqual([
      [8, 'ash_mgr01', 'Pika-Chu1!', undefined],
      [15, 'misty_mgr02', 'Star<mie>&2', undefined],
      [22, 'brock_mgr03', 'Onix "Rock" 3', undefined],
    ]);
    expect(r.accounts[1]!.history).toEqual({ latestlocationid: 3, verified: false });
    expect(r.rejected).toEqual([]);
  });

  it('a record with a nil password, or two passwords, is refused by its line; a provider member is read', async () => {
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<AccountList xmlns="http://schemas.datacontract.org/2004/07/Some.Tool" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">',
      '  <Accounts>',
      '    <Account>',
      '      <Password i:nil="true" />',
      '      <Username>ash_dc01</Username>',
      '    </Account>',
      '    <Account>',
      '      <Password>Pika1!</Password>',
      '      <Password>Raichu2!</Password>',
      '      <Username>misty_dc02</Username>',
      '    </Account>',
      '    <Account>',
      '      <AuthType>Google</AuthType>',
      '      <Password>Onix3!</Password>',
      '      <Username>brock.dc03@gmail.com</Username>',
      '    </Account>',
      '  </Accounts>',
      '</AccountList>',
    ].join('\r\n');
    const r = await readDump(input('accounts.xml', xml));
    expect(rows(r)).toEqual([[16, 'brock.dc03@gmail.com', 'Onix3!', 'google']]);
    expect(r.rejected.map((x) => x.line)).toEqual([6, 11]);
    expect(JSON.stringify(r.rejected)).not.toMatch(/Pika1|Raichu2/);
  });
});
