// A password that comes into the pool through serve (PGPool's /account/update, a new account made
// as PGPool's get_or_create made it, or a known one's password changed) is written later, byte for
// byte, into scanners' accounts files. A dump's password holding a control character is refused
// (src/formats/lists/password-controls.ts: a scanner's file is the scanner's bytes, never escaped, and
// `cat accounts.csv` let an escape rewrite the operator's screen or set the clipboard), but a
// post's was kept: `"pw\u001b[2J\nptc,inj,injpw"` went raw into `allocate --accountcsv`'s file
// (Monocle's layout, quoted: ESC and the line break inside the password). Such a password is now
// ignored like one longer than any game takes: the field is named in the request log, the account
// keeps the password it had (a new one has none, and is never handed out).
import { describe, expect, it } from 'vitest';
import { serveAccounts, stored } from '../server/helpers.js';

const HOSTILE = ['pw\u001b[2J\nptc,inj,injpw', 'bell\u0007', 'c1\u009b31m', 'nul\u0000'];

describe('a password with control characters posted to serve', () => {
  it('is never stored: a new account is made without it, a known one keeps its own', async () => {
    const s = await serveAccounts(['acc1']);
    const before = (await stored(s)).get('acc1')!.password;
    for (const [i, password] of HOSTILE.entries()) {
      const r = await s.call('POST', '/account/update', [{ username: `new${i}`, password, level: 30 }, { username: 'acc1', password }]);
      expect(r.status).toBe(200);
    }
    const accounts = await stored(s);
    for (const i of HOSTILE.keys()) {
      expect(accounts.get(`new${i}`)).toBeDefined();
      expect(accounts.get(`new${i}`)!.password).toBeUndefined();
    }
    expect(accounts.get('acc1')!.password).toBe(before);
    // A plain password, a tab and a non-ASCII letter are passwords as before.
    await s.call('POST', '/account/update', [{ username: 'acc1', password: 'Plain pw\tÉté 1' }]);
    expect((await stored(s)).get('acc1')!.password).toBe('Plain pw\tÉté 1');
  });
});

describe("a password with control characters posted to /account/add (richardsang2008/PGPool's account_add)", () => {
  it('refuses the whole post naming the item, never the password: nothing is added, a known account keeps its own', async () => {
    const s = await serveAccounts(['acc1']);
    const before = (await stored(s)).get('acc1')!.password;
    for (const password of HOSTILE) {
      // JSON, as the first version took them: a line break in a textarea line would end the line there.
      const r = await s.call('POST', '/account/add', { accounts: [{ username: 'fresh1', password: 'Fine-pw1' }, { username: 'acc1', password }] }, { 'content-type': 'application/json' });
      expect(r.status).toBe(400);
      expect(r.json.error).toMatch(/^1 of 2 accounts do not read, nothing was added: item 2 \("acc1"\): a password no game takes/);
      expect(r.text).not.toContain(password);
    }
    const accounts = await stored(s);
    expect(accounts.get('acc1')!.password).toBe(before);
    expect(accounts.has('fresh1')).toBe(false);
  });
});
