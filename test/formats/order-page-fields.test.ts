// What a shop's order page shows outside plain text: form fields holding the delivered items
// (`<input readonly value="user:pass">`, a Username field beside a Password field), and a table
// whose one column holds each whole account (`SL | Account`, the account's lines in one cell, as
// an accounts shop's order page lists them). An HTML-to-text converter drops attributes and runs
// a cell's lines into its neighbours: each such page read as no account, or as a broken one.
// Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const exact = async (file: string) => (await readDump(fixture(file))).accounts.map((a) => [a.username, a.password, a.level, a.state]);

describe('an order page\'s form fields and whole-account cells', () => {
  it('one read-only text field per item: each value is an account; hidden fields, buttons and an empty search box are not', async () => {
    expect(await exact('seller-order-fields.html')).toEqual([
      ['fldash35', 'Sn0w&fall#1', 35, undefined],
      ['fldmisty35', 'Sn0wfall#2', 35, undefined],
    ]);
  });

  it('Username and Password fields with their labels (by `for`, or around the field), in the HTML part of a quoted-printable mail', async () => {
    expect(await exact('seller-order-field-labels.eml')).toEqual([
      ['fieldash32', 'Pass&word"32', 32, undefined],
      ['fieldmisty32', 'Other#Pw32', 32, undefined],
    ]);
  });

  it('`SL | Account` with the account\'s label lines in one cell, and `# | Account | Level | Status` of `user:pass` cells: exact, with each row\'s level and verdict', async () => {
    expect(await exact('seller-accounts-table.html')).toEqual([
      ['opr35a', 'Gust#Wind1', 35, undefined],
      ['opr35b', 'Gust#Wind2', 35, undefined],
      ['alv01', 'Hydro#Pump1', 31, 'ok'],
      ['alv02', 'Hydro#Pump2', 33, 'perm_banned'],
    ]);
  });

  it('an `Account` column of logins alone, and a page of hidden fields only: no account', async () => {
    const logins = '<html><body><table><tr><th>#</th><th>Account</th><th>Level</th></tr><tr><td>1</td><td>alv01</td><td>31</td></tr><tr><td>2</td><td>alv02</td><td>33</td></tr></table></body></html>';
    await expect(readDump(input('logins.html', logins))).rejects.toThrow(/^logins\.html: no (accounts found|text in this page)/);
    const hidden = '<!DOCTYPE html><html><body><p>Thanks for your order.</p><form><input type="hidden" name="auth" value="csrfuser:Tok3nValue9"><input type="submit" value="ok01:Submit#1"></form></body></html>';
    await expect(readDump(input('hidden.html', hidden))).rejects.toThrow(/no accounts found/);
  });
});
