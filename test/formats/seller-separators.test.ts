// Separators sellers wrote with blanks around them (`user | pass`, `user - pass`, `user | pass |
// 30`) and tables drawn with bars (Markdown): each line is an account, exact, and a phrase with a
// dash in it stays a phrase. Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

async function exact(file: string) {
  const r = await readDump(fixture(file));
  return r.accounts.map((a) => [a.line, a.username, a.password, a.level]);
}

describe('spaced separators and drawn tables', () => {
  it('`user | pass | level`: the bars are separators, a bar inside a password is the password', async () => {
    expect(await exact('seller-bar-separated.txt')).toEqual([
      [3, 'rhydon_gr8', 'Horn!Drill5', 30],
      [4, 'chansey7ok', 'Egg$Bomb2x', 25],
      [5, 'kangaskh4n', 'Dizzy*Punch9', 28],
      [6, 'tangela_v1', 'Vine|Whip3', 26],
    ]);
  });

  it('`user - pass`: a dash inside a password is the password', async () => {
    expect(await exact('seller-dash-separated.txt')).toEqual([
      [1, 'horsea_sm1', 'Smoke#Screen1', undefined],
      [2, 'seadra_tw2', 'Twister!22', undefined],
      [3, 'goldeen_h3', 'Horn-Attack3', undefined],
      [4, 'seaking44', 'Waterf4ll$', undefined],
    ]);
    // ` -- ` between every field, as a checker's console or a seller writes it where others write one dash (stop 59's survey: read as a letter, refused).
    const doubled = await readDump(input('list.txt', 'horsea_sm1 -- Smoke--Screen1 -- lvl 30\nseadra_tw2 -- Twister!22 -- lvl 27\n'));
    expect(doubled.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([[1, 'horsea_sm1', 'Smoke--Screen1', 30], [2, 'seadra_tw2', 'Twister!22', 27]]);
  });

  it('a Markdown table: its header row names the columns, its rule row is no account', async () => {
    const r = await readDump(fixture('seller-markdown-table.md'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [5, 'staryu_r1', 'Rapid$Spin1', 30],
      [6, 'starmie_p2', 'Psych1c!Wave', 31],
      [7, 'mrmime_b3', 'Barr1er#Wall', 27],
    ]);
    expect(r.skipped).toContainEqual({ line: 3, kind: 'header' });
  });

  it('phrases with a dash or a bar in them are no accounts', async () => {
    const r = await readDump(input('list.txt', 'Hello - world\nThank you -- we appreciate it\nStock | Price\nhorsea_sm1 - Smoke#Screen1\n'));
    expect(r.accounts.map((a) => a.username)).toEqual(['horsea_sm1']);
  });

  it('`user : pass!` among `user;pass` lines (stock pasted from two sources) is an account, never a sentence ending in `!`', async () => {
    // Three words ending like a sentence were prose: the list refused the line, a letter's reader skipped it unseen.
    for (const text of ['ash_k01 : Pika2017!\nmisty_02;Star99x\n', 'Hello Anna,\n\nash_k01 : Pika2017!\nmisty_02;Star99x\n\nThanks\n']) {
      const r = await readDump(input('order.txt', text));
      expect(r.rejected).toEqual([]);
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
        ['ash_k01', 'Pika2017!'],
        ['misty_02', 'Star99x'],
      ]);
    }
  });

  it('Excel\'s `sep=;` line before the header is an instruction, not a row: the header names the columns, a password keeps its `;`', async () => {
    expect(await exact('seller-excel-sep.csv')).toEqual([
      [3, 'pidgeot_a1', 'Feather!11', 30],
      [4, 'fearow_b2', 'Drill#Peck22', 31],
      [5, 'dodrio_c3', 'Tri;Attack3', 30],
    ]);
    const rm = await readDump(fixture('rocketmap-excel-sep.csv'));
    expect(rm.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([[2, 'lickitung_l1', 'Lick!Tongue1', 'ptc'], [3, 'koffing_l2', 'Smog#Gas22', 'ptc']]);
    expect(rm.rejected).toEqual([]);
  });

  it("a sheet's merged title or column groups over the header (`PoGo accounts - March 2017,,,,,`, `Account;;Trainer;;`) are read past: the header below them names the columns", async () => {
    // Stop 59's survey: both refused (the first line taken for the header), eight accounts lost.
    const title = await readDump(fixture('sheet-merged-title.csv'));
    expect(title.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [3, 'jynx_sheet1', 'Lovely!Kiss1', 30],
      [4, 'electa_sh2', 'Thunder,Punch2', 31],
      [5, 'magmar_sh3', 'Fire#Punch33', 29],
    ]);
    // The sheet's total and note rows under the table are said by their lines, never accounts.
    expect(title.rejected.map((r) => r.line)).toEqual([7, 8]);
    expect(await exact('sheet-column-groups.csv')).toEqual([
      [3, 'scyther_g1', 'Wing;Attack1', 30],
      [4, 'pinsir_g2', 'Vice!Grip22', 34],
      [5, 'tauros_g3', 'Horn#Rush3', 28],
    ]);
    // Over rows with no header, such a line is what it was: `ash01,,Pw1,,` (a login's shape) is never a title read past.
    const noHeader = await readDump(input('a.csv', 'My stock,,,\nmachop_n1,Karate!Chop1,,\nmachoke_n2,Low#Kick22,,\n'));
    expect(noHeader.accounts.map((a) => a.username)).toEqual(['machop_n1', 'machoke_n2']);
    const shaped = await readDump(input('b.csv', 'ash01,,Pw1xx!,,\nLogin,Password,,,\nmisty02,Star!mie2,,,\n'));
    expect(shaped.accounts.map((a) => a.username)).toContain('ash01');
  });
});
