// Levels and providers a seller wrote on each account's line rather than in a header or a
// product line: after the account (`user:pass | Level 30`), or as columns after the password
// (`user pass 30`, `user<TAB>pass<TAB>30<TAB>ptc`, `user,pass,ptc`). Read exact, and never
// left at the end of the password. Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

const exact = readExact;

describe('levels and providers on each account line', () => {
  it('a level noted after each account (`| Level 30`, `- lvl 27`, `(Level 30)`, `L25`, `[Lv.28]`) is its level, not the end of its password', async () => {
    const r = await exact('seller-level-notes.txt');
    expect(r.accounts).toEqual([
      [3, 'vulpix_gl7', 'Fl4me#Tail', 30, undefined],
      [4, 'ponyta_rd2', 'Ember!Run88', 31, undefined],
      [5, 'growl1the4', 'Bark*Fire2', 27, undefined],
      [6, 'magmar_h0t', 'L4va:Plume', 30, undefined],
      [7, 'koffing_gz9', 'Sm0g%Cloud', 25, undefined],
      [8, 'weezing2k', 'Sludge_B0mb', 28, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a team and statistics noted after the level (`- Level 31 - Team Mystic - 215k stardust`, `| No team | 150 Pokemon`) are no part of the password', async () => {
    const r = await exact('seller-team-notes.txt');
    expect(r.accounts).toEqual([
      [3, 'mystic_sky31', 'Kq8!vLm2Rt', 31, undefined],
      [4, 'valor_fire29', 'Xr4#pZ9wQe', 29, undefined],
      [5, 'instinct_z28', 'Bn7$kT3y Uu', 28, undefined],
      [6, 'noteam_fr30', 'Hy6%mW2cLp', 30, undefined],
    ]);
    expect(r.rejected).toEqual([]);
    // A password that merely holds a team's word keeps it.
    const kept = await readDump(input('stock.txt', 'rocket_g77:Team Rocket 77\nmisty_s22:Star#mie22\n'));
    expect(kept.accounts.map((a) => a.password)).toEqual(['Team Rocket 77', 'Star#mie22']);
  });

  it('a team column after the level column (`user:pass:30:mystic`, `user,pass,29,Valor`) is no part of the password either', async () => {
    const rows = [['acct0001', 'Pw!acct01', '30', 'mystic'], ['acct0002', 'Pw!acct02', '29', 'Valor'], ['acct0003', 'Pw!acct03', '31', 'Instinct']];
    for (const sep of [':', ',', ';', '\t']) {
      const r = await readDump(input('stock.txt', `${rows.map((row) => row.join(sep)).join('\n')}\n`));
      expect(r.accounts.map((a) => [a.username, a.password, a.level]), JSON.stringify(sep)).toEqual([['acct0001', 'Pw!acct01', 30], ['acct0002', 'Pw!acct02', 29], ['acct0003', 'Pw!acct03', 31]]);
    }
  });

  it('the same notes in a plain list without a mail around it', async () => {
    const text = 'vulpix_gl7:Fl4me#Tail | Level 30\nponyta_rd2:Ember!Run88 L31\ngrowl1the4:Bark*Fire2 - lvl 27\n';
    const r = await readDump(input('stock.txt', text));
    expect(r.format).toBe('plain');
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['vulpix_gl7', 'Fl4me#Tail', 30], ['ponyta_rd2', 'Ember!Run88', 31], ['growl1the4', 'Bark*Fire2', 27]]);
  });

  it('`Username: x Password: y Level: 30` on one line, with `|` or `/` between: the level is no part of the password', async () => {
    const r = await exact('seller-label-lines.txt');
    expect(r.accounts).toEqual([
      [5, 'jynx_kiss41', 'Lovely!Kiss7', 30, undefined],
      [6, 'electabuzz9', 'Thund3r#Punch', 27, undefined],
      [7, 'magby_fire2', 'Flame*Whe3l', 22, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('`user pass level` (blank-separated, BOM, CRLF): the third word is the level', async () => {
    const r = await exact('seller-user-pass-level.txt');
    expect(r.accounts).toEqual([
      [1, 'seel_ice44', 'Aur0ra!Beam', 30, undefined],
      [2, 'dewgong_s3', 'Ic3$Shard8', 31, undefined],
      [3, 'shellder7x', 'Clamp#W4ter', 26, undefined],
      [4, 'cloyster9', 'Spik3s&Cannon', 30, undefined],
    ]);
  });

  it('`user pass ptc 30` (blank-separated, provider and level in either order, CRLF): both are read, neither is in the password', async () => {
    const r = await exact('seller-user-pass-provider-level.txt');
    expect(r.format).toBe('plain');
    expect(r.accounts).toEqual([
      [1, 'paras_sp0re', 'Spore!Shroom4', 30, 'ptc'],
      [2, 'venonat_e2', 'Psy#Beam77', 27, 'ptc'],
      [3, 'diglett_d1g', 'Mud$Slap3', 31, 'ptc'],
      [4, 'meowth.coin.4@gmail.com', 'Pay*Day44', 30, 'google'],
      [5, 'psyduck_c0', 'Conf!usion5', 30, 'ptc'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('`user pass ptc`: a provider column alone after blank-separated accounts', async () => {
    const r = await readDump(input('stock.txt', 'paras_sp0re Spore!Shroom4 ptc\nvenonat_e2 Psy#Beam77 ptc\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([['paras_sp0re', 'Spore!Shroom4', 'ptc'], ['venonat_e2', 'Psy#Beam77', 'ptc']]);
  });

  it('`user pass 0` (a number that is no level) is still an account, as before', async () => {
    const r = await readDump(input('stock.txt', 'ash_k1 Pika!1 0\nmisty_2 Star#2 0\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['ash_k1', 'Pika!1', undefined], ['misty_2', 'Star#2', undefined]]);
  });

  it('level and provider columns after the password without a header (tab-separated)', async () => {
    const r = await exact('seller-level-provider.tsv');
    expect(r.accounts).toEqual([
      [1, 'gastly_sp1', 'Lick!Ghost9', 30, 'ptc'],
      [2, 'haunter_n2', 'Shad0w#Ball', 28, 'ptc'],
      [3, 'gengar.night.7@gmail.com', 'Dream*Eat3r', 31, 'google'],
      [4, 'onix_rk55', 'Rock!Throw4', 24, 'ptc'],
    ]);
  });

  it('a provider column last (`user,pass,ptc`): the provider is read, and a password holding the separator stays whole', async () => {
    const r = await exact('seller-provider-last.csv');
    expect(r.accounts).toEqual([
      [1, 'drowzee_h1', 'Hypn0sis!1', undefined, 'ptc'],
      [2, 'hypno_pend2', 'Swing,Pend4lum', undefined, 'ptc'],
      [3, 'krabby.crab.3@gmail.com', 'Bubble#C1aw', undefined, 'google'],
      [4, 'kingler_k4', 'Crab*Hamm3r', undefined, 'ptc'],
    ]);
  });

  it('a list whose passwords merely end in digits after a blank is no level column, and sentences stay prose', async () => {
    const r = await readDump(input('list.txt', 'ash_k1 pika chu 30\nmisty_2 star mie\nbrock_3:Onix!1\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['brock_3', 'Onix!1', undefined]]);
    const notes = await readDump(input('list.txt', 'ash_k1:Pika!1 and 30 more\nmisty_2:Star!2\n'));
    expect(notes.accounts.find((a) => a.username === 'ash_k1')?.level).toBeUndefined();
  });
});
