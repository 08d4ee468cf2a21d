// A host name where the login goes (`club.pokemon.com:Pw1`, `mail.example.org:secret`): a site
// list's or a password manager's line. On main each was imported as an account named after the
// host. A PTC username is letters and digits (KinanCity's `PTC_USENAME_EXPREG`,
// drallieiv/KinanCity ptc-api/.../PtcSession.java: `^[a-zA-Z0-9]{6,16}$`) and a Google login an
// address; a dotted login whose last label is no top-level domain (`ash.k01`) stays an account.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const SITE = 'looks like a host name and a password (a site or server list: no PTC username holds a dot, a Google login is an address), not an account';

describe('host names as logins', () => {
  it('a file of them is refused whole, naming what it looks like and no password', async () => {
    const err = await readDump(fixture('site-passwords.txt')).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/no accounts found; .*it looks like host names with passwords/);
    expect((err as Error).message).not.toMatch(/Pw1Trainer|secret|Forum!2017/);
  });

  it('among accounts, each is refused by its line whatever the separator, and the accounts are read', async () => {
    for (const sep of [':', ';', '|', '\t', ' ']) {
      const text = ['ash01x', 'Pika1234', 'club.pokemon.com', 'Pw1Trainer', 'misty02', 'Starm1e9', 'mail1.example.org', 'Secret1', 'brock03', 'Onix3rock'];
      const lines = [0, 2, 4, 6, 8].map((k) => text[k] + sep + text[k + 1]).join('\n') + '\n';
      const r = await readDump(input('stock.txt', lines));
      expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
        [1, 'ash01x', 'Pika1234'],
        [3, 'misty02', 'Starm1e9'],
        [5, 'brock03', 'Onix3rock'],
      ]);
      expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([
        [2, SITE],
        [4, SITE],
      ]);
    }
  });

  it('dotted logins that name no host stay accounts, and addresses stay Google logins', async () => {
    const r = await readDump(input('stock.txt', 'ash01x:Pika1234\nash.k01:Pw12345\nTrainer.07:Pw12345\nash.ketchum:Pika1234\nmisty.w@mail.example.org:Starm1e9\n'));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash01x', 'ash.k01', 'Trainer.07', 'ash.ketchum', 'misty.w@mail.example.org']);
    expect(r.rejected).toEqual([]);
  });

  it("knows IANA's whole root zone, not a hand list: new generic, brand and country domains are hosts too", async () => {
    // Each ended in a top-level domain the hand list of ~110 lacked (IANA's root zone, the npm package `tlds`).
    const hosts = ['shop.pokego.games', 'login.trainer.ninja', 'vps7.cheap.hosting', 'mail.poke.museum', 'ftp.gym.ng', 'portal.pogo.xn--p1ai', 'cp.seller.berlin'];
    const lines = hosts.map((h, k) => `ash0${k}x:Pika123${k}\n${h}:Secret${k}x`).join('\n') + '\n';
    const r = await readDump(input('stock.txt', lines));
    expect(r.accounts.map((a) => a.username)).toEqual(hosts.map((_, k) => `ash0${k}x`));
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual(hosts.map((_, k) => [2 * k + 2, SITE]));
  });

  it('two labels ending in a newer generic domain that is a word (`ash.red`, `trainer.gold`) stay logins; with an older or a country domain, or three labels, hosts', async () => {
    // A Google login may be written without `@gmail.com` (RocketMap's -u for -a google) and sellers dot names:
    // of IANA's ~1,200 domains since 2013 most are English words.
    const r = await readDump(input('stock.txt', 'ash01x:Pika1234\nash.red:Pika1234\nmisty.blue:Starm1e9\ntrainer.gold:Pw12345\nbrock.rocks:Onix3rock\nshop.example.com:Secret1\nexample.com:Secret1\nash.me:Secret1\nshop.pokego.games:Secret1\n'));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash01x', 'ash.red', 'misty.blue', 'trainer.gold', 'brock.rocks']);
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([6, 7, 8, 9].map((line) => [line, SITE]));
  });

  it('a last label no registry delegates stays a dotted login (`ash.ketchum`, `red.k07x`), and the reserved names are hosts', async () => {
    const r = await readDump(input('stock.txt', 'ash01x:Pika1234\nash.ketchum:Pika1234\nmisty.jr:Starm1e9\nrouter.lan:Admin123\nnas.home:Admin123\nsvc.internal:Admin123\n'));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash01x', 'ash.ketchum', 'misty.jr']);
    expect(r.rejected.map((j) => j.line)).toEqual([4, 5, 6]);
  });
});
