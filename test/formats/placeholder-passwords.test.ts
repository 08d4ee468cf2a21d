// Where a password should be and none is: a shop's mask (`Password: ********`, `user:••••••` as an
// order page shows it hidden) and a label's note (`Password: (the one you chose at checkout)`,
// `Password: see attachment`). Each was imported as the account's password. Fixture:
// test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe('a placeholder is no password', () => {
  it("a shop's welcome mail with the buyer's login and a masked password: no account, the line named", async () => {
    await expect(readDump(fixture('shop-account-welcome.txt'))).rejects.toThrow(/no accounts found.*line 6: no password after the label, only a hidden password \(a mask\)/);
  });

  it('notes after `Password:` are no passwords; the accounts beside them are read', async () => {
    for (const note of ['(the one you chose at checkout)', 'see attachment', 'hidden', '[sent by SMS]', '•••••••']) {
      const r = await readDump(input('order.txt', `Your order:\n\nUsername: vulpix_fire07\nPassword: ${note}\n\nUsername: ponyta_gallop3\nPassword: Galopp!Tritt33\n`));
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ponyta_gallop3', 'Galopp!Tritt33']]);
      expect(r.rejected.map((j) => j.line)).toEqual([4]);
    }
  });

  it('`user:********` lines copied from an order page that hides the passwords: rejected, saying so; a password holding `*` stays', async () => {
    const r = await readDump(input('order.txt', 'vulpix_fire07:********\nponyta_gallop3:Gal**opp33\nmagikarp_spl9:●●●●●●●●\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ponyta_gallop3', 'Gal**opp33']]);
    expect(r.rejected).toEqual([
      { line: 1, reason: "the password is hidden (a mask, as a shop's page shows it): copy it revealed" },
      { line: 3, reason: "the password is hidden (a mask, as a shop's page shows it): copy it revealed" },
    ]);
  });
});
