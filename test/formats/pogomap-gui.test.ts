// PoGoMap-GUI's two account files, as its PowerShell script rewrites them from Pikaptcha's
// usernames.txt (Go2Engle/PoGoMap-GUI `PreReqs/newcsvusernames.ps1`; test/fixtures/README.md): the
// script joins the lines with `,` and splits them again, so a password holding a comma comes back
// cut, its rest a line of its own. The cut account is never read with half its password.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input, readExact } from './helpers.js';

const SPLIT = /^line (\d+) after it holds a lone word where this password may go on/;

/** [line, username, password] of the accounts both files hold, on the same lines. */
const READ = [
  [1, 'grotbeskmum', 'Yh8>Lp+2nQw7cXt'],
  [2, 'blafitstrung', 'aQ7#bXz9Kp(Lm2W'],
  [4, 'praskimflund', 'kP`3Ra9^mHq2ZtW'],
  [5, 'snokbrant', 'Wq5&hL2*Tz8rPx'],
  [8, 'glimshonk', 'Pallet'],
] as const;

describe('PoGoMap-GUI usernames.csv and usernames.txt', () => {
  it('usernames.csv: the intact accounts exactly; the cut account, its lone word and the auto-verify row refused by line', async () => {
    const r = await readExact('pogomap-gui-usernames.csv');
    expect(r.format).toBe('rocketmap');
    // glimshonk's `Pallet,Town1` was cut too, but `Select -Unique` dropped its `Town1`: nothing in the
    // file tells it from an account whose password is `Pallet` (docs/formats.md says so).
    expect(r.accounts).toEqual(READ.map((a) => [...a, undefined, 'ptc']));
    expect(r.rejected.map((x) => x.line)).toEqual([3, 6, 7]);
    expect(r.rejected[1]!.reason).toMatch(SPLIT);
    expect(r.rejected[1]!.reason).not.toContain('Pallet');
  });

  it('usernames.txt: the same accounts from the `user:pass` lines; its auto-verify line is no account', async () => {
    const r = await readExact('pogomap-gui-usernames.txt');
    expect(r.format).toBe('pikaptcha');
    expect(r.accounts).toEqual(READ.map((a) => [...a, undefined, 'ptc']));
    expect(r.rejected.map((x) => x.line)).toEqual([6, 7]);
    expect(r.rejected[0]!.reason).toMatch(SPLIT);
  });

  it("config.ini: the usernames its older script wrote into PokemonGo-Map's config, each with the one password given", async () => {
    // PreReqs/usernames.ps1: each usernames.txt line's text before its first `:` joined into
    // `username:[a,b,...]`; the launcher wrote `password:[Pallet1]`, the one password it gave Pikaptcha
    // (`pikaptcha -p`), and left `#auth-service:` commented: ptc.
    const r = await readExact('pogomap-gui-config.ini');
    expect(r.format).toBe('rocketmap-config');
    const logins = ['grotbeskmum', 'blafitstrung', 'praskimflund', 'snokbrant'];
    expect(r.accounts).toEqual(logins.map((u) => [4, u, 'Pallet1', undefined, 'ptc']));
    // Pikaptcha's auto-verify line, cut at its colon, became a "username": no account.
    expect(r.rejected).toEqual([{ line: 4, reason: 'account 3: username contains blanks' }]);
  });

  it('only a lone word on the very next line cuts the account before it', async () => {
    const rows = async (text: string) => (await readDump(input('accounts.csv', text))).accounts.map((a) => a.username);
    // A comment or a blank line between: the word is a row of its own, the account above stands.
    expect(await rows('ptc,ash1,Pw1\n# later\nptc,Town1\nptc,ash2,Pw2\n')).toEqual(['ash1', 'ash2']);
    expect(await rows('ptc,ash1,Pw1\n\nptc,Town1\nptc,ash2,Pw2\n')).toEqual(['ash1', 'ash2']);
    // Straight after it: unsure, refused; the account after the word is read.
    expect(await rows('ptc,ash1,Pw1\nptc,Town1\nptc,ash2,Pw2\n')).toEqual(['ash2']);
    // The last row of the file is read as before.
    expect(await rows('ptc,ash1,Pw1\nptc,ash2,Pw2')).toEqual(['ash1', 'ash2']);
  });

  it('in a Pikaptcha file, a word after a run\'s blank line leaves the run\'s last account alone', async () => {
    const text = 'The following accounts use the email address: a@gmail.example\nash1:Pw1\n\nTown1\nash2:Pw2\n';
    const r = await readDump(input('usernames.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['ash1', 'Pw1'],
      ['ash2', 'Pw2'],
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([4]);
  });
});
