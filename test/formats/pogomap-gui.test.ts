// PoGoMap-GUI's two account files, as its PowerShell script rewrites them from Pikaptcha's
// usernames.txt (Go2Engle/PoGoMap-GUI `PreReqs/newcsvusernames.ps1`; test/fixtures/README.md): the
// script joins the lines with `,` and splits them again, so a password holding a comma comes back
// cut, its rest a line of its own. The cut account is never read with half its password.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixtureBytes, input, readExact } from './helpers.js';

const SPLIT = /^line (\d+) after it holds a lone word where this password may go on/;

/** [line, username, password] of the accounts both files hold, on the same lines. */
const READ = [
  [1, 'grotbeskmum', 'Yh8>Lp+2nQw7cXt'],
  [2, 'blafitstrung', 'aQ7#bXz9Kp(Lm2W'],
  [4, 'praskimflund', 'kP`3Ra9^mHq2ZtW'],
  [5, 'snokbrant', 'Wq5&hL2*Tz8rPx'],
] as const;

/** A later account with a cut one's password: its rest may have been dropped as a repeat. */
const REPEAT = /^its password is the one line (\d+)'s account had, cut before a lone word/;

describe('PoGoMap-GUI usernames.csv and usernames.txt', () => {
  it('usernames.csv: the intact accounts exactly; the cut account, its lone word and the auto-verify row refused by line', async () => {
    const r = await readExact('pogomap-gui-usernames.csv');
    expect(r.format).toBe('rocketmap');
    // glimshonk's `Pallet,Town1` was cut too, and `Select -Unique` dropped its `Town1`: it has the
    // password of frodeskump, cut on line 6, so it is refused as one more such cut (line 8).
    expect(r.accounts).toEqual(READ.map((a) => [...a, undefined, 'ptc']));
    expect(r.rejected.map((x) => x.line)).toEqual([3, 6, 7, 8]);
    expect(r.rejected[1]!.reason).toMatch(SPLIT);
    expect(r.rejected[1]!.reason).not.toContain('Pallet');
    expect(r.rejected[3]!.reason).toMatch(REPEAT);
    expect(r.rejected[3]!.reason).toContain('line 6');
    expect(r.rejected[3]!.reason).not.toContain('Pallet');
  });

  it('usernames.txt: the same accounts from the `user:pass` lines; its auto-verify line is no account', async () => {
    const r = await readExact('pogomap-gui-usernames.txt');
    expect(r.format).toBe('pikaptcha');
    expect(r.accounts).toEqual(READ.map((a) => [...a, undefined, 'ptc']));
    expect(r.rejected.map((x) => x.line)).toEqual([6, 7, 8]);
    expect(r.rejected[0]!.reason).toMatch(SPLIT);
    expect(r.rejected[2]!.reason).toMatch(REPEAT);
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

  it('only a later account with the cut password is refused: the first of a run kept its rest', async () => {
    const text = 'ash1:Pw1\r\nash2:Pallet1\r\nash3:Pallet1\r\nTown2\r\nash4:Pallet1\r\nash5:Pallet9\r\n';
    const r = await readDump(input('usernames.txt', text));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash1', 'ash2', 'ash5']);
    expect(r.rejected.map((x) => [x.line, SPLIT.test(x.reason) ? 'cut' : REPEAT.test(x.reason) ? 'repeat' : x.reason])).toEqual([
      [3, 'cut'],
      [4, 'missing password'],
      [5, 'repeat'],
    ]);
  });
});

// The files as the launcher leaves them after three launches, each running the script twice
// (test/fixtures/generators/make-pogomap-gui-launch.py replays it): no auto-verify line, so the
// usernames.txt has no header; a password holding `:` comes back from the csv cut at it as a new
// line (`plumwick7:Pa7` beside `plumwick7:Pa7:ss2`); the cut rest comes back as `Town2:` and
// `ptc,ptc,Town2,`; lines holding another line's text get `ptc,` twice.
describe('PoGoMap-GUI after its launcher ran the script twice a launch', () => {
  it('usernames.txt (no header: the list reader, by its name): only the intact accounts, the cut copies and cut passwords refused', async () => {
    const r = await readDump(input('usernames.txt', fixtureBytes('pogomap-gui-launch-usernames.txt')));
    expect(r.format).toBe('plain');
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'brimvoss42', 'Kanto42x'],
      [2, 'quellardo7', 'Kanto42x'],
      [11, 'plumwick7', 'Pa7:ss2'],
    ]);
    const why = new Map(r.rejected.map((x) => [x.line, x.reason]));
    // The cut copies, the longer line named: grotbesk9's own longer line is refused in turn (a lone word after it).
    expect(why.get(3)).toMatch(/^its login stands again on line 11 with a password going on after a `:` where this one ends/);
    expect(why.get(4)).toMatch(/^its login stands again on line 12 /);
    expect(why.get(7)).toMatch(SPLIT); // frodeskump:Pallet1, `Town2:` after it
    expect(why.get(9)).toMatch(REPEAT);
    expect(why.get(10)).toMatch(REPEAT);
    expect(why.get(12)).toMatch(SPLIT);
    for (const x of r.rejected) expect(x.reason).not.toMatch(/Pa7|Pallet|Kanto/);
  });

  it('usernames.csv: the two intact accounts; nothing read from a garbled row, a `ptc,ptc,` row or a password written with `,` for `:`', async () => {
    const r = await readDump(input('usernames.csv', fixtureBytes('pogomap-gui-launch-usernames.csv')));
    expect(r.format).toBe('rocketmap');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [1, 'brimvoss42', 'Kanto42x', 'ptc'],
      [2, 'quellardo7', 'Kanto42x', 'ptc'],
    ]);
    const why = new Map(r.rejected.map((x) => [x.line, x.reason]));
    expect(why.get(3)).toMatch(/^its login stands again on line 5, on a row the script garbled/);
    expect(why.get(7)).toMatch(SPLIT); // `ptc,ptc,Town2,` after it
    expect(why.get(11)).toMatch(/^the provider twice before the login/);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('a header-less usernames.txt is read as PoGoMap-GUI\'s by its name; another name keeps the list\'s rule', async () => {
    const text = 'ash1x:Pw1\r\nash2x:Pallet1\r\nTown2\r\nash3x:Pw3\r\n';
    const own = await readDump(input('usernames.txt', text));
    expect(own.accounts.map((a) => a.username)).toEqual(['ash1x', 'ash3x']);
    expect(own.rejected[0]).toEqual({ line: 2, reason: expect.stringMatching(SPLIT) });
    // A seller's list: a lone login without its password is refused, the account above it kept.
    const other = await readDump(input('stock.txt', text));
    expect(other.accounts.map((a) => a.username)).toEqual(['ash1x', 'ash2x', 'ash3x']);
  });

  it('a row with a field more: `,` kept in the password, except in a file the script wrote (there it stood for `:`)', async () => {
    const text = 'ptc,ash1x,Pw1\r\nptc,ash2x,Pa,ss2\r\n';
    // PalletTown writes a hand-given password holding `,` as it is (pallettown-rocketmap.csv).
    expect((await readDump(input('accounts.csv', text))).accounts.map((a) => a.password)).toEqual(['Pw1', 'Pa,ss2']);
    const own = await readDump(input('usernames.csv', text));
    expect(own.accounts.map((a) => a.username)).toEqual(['ash1x']);
    expect(own.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/^more fields than `ptc,user,pass`, in a file PoGoMap-GUI's script rewrote/) }]);
    // Another name, but a password split onto a row of its own shows the same script.
    const split = await readDump(input('accounts.csv', `${text}ptc,ash3x,Pallet1\r\nptc,Town2\r\n`));
    expect(split.accounts.map((a) => a.username)).toEqual(['ash1x']);
  });
});
