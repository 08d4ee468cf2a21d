// A plain number after the password, `user:pass:N` or `user:pass N`. One rule, as a careful human
// reads a list: where most lines of the list (two at least) carry it, it is a column (`:30` a
// level column, `:00` no level: column-roles.ts; ` 30` a seller's note after a blank:
// line-tail.ts); on a line alone, a level typed there, a port (`:8080`), a year, or the password's
// own end (`Pika:2`, `p;1`, `Pw 2`)? Unsure: the line is refused naming `--columns` (or the level's
// word), never read either way. On main `:2` was kept in the password, `:12` read as level 12,
// `:00` as none, ` 2` as level 2, and `:8080` refused: four readings of one shape.
// A seller's level column after the password: test/fixtures/dumps/seller-rocketmap-level.csv
// (RocketMap/RocketMap pogom/utils.py).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const rows = async (text: string) => {
  const r = await readDump(input('stock.txt', text));
  return { accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.level]), rejected: r.rejected };
};

describe('a number after the password that no other line has', () => {
  it('refuses the line whatever the number (a level, 00, a port, a year), never glued to the password', async () => {
    const r = await readDump(fixture('seller-trailing-numbers.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [1, 'geodude_n1', 'Rock!Throw01', undefined],
      [3, 'golem_n3', 'Self!Destruct3', undefined],
      [7, 'sudowoodo_n7', 'Mimic!Tree07', undefined],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([2, 4, 5, 6]);
    expect(r.rejected[0]!.reason).toMatch(/^a number after the password and `:` \(`user:pass:##`\) on this line alone.*unsure, not imported; name the columns: import --columns user,pass,level if it is a level, import --columns user,pass if the password ends so \(user,pass,- reads it past\)$/);
    expect(r.rejected[1]!.reason).toMatch(/^a number after the password and `:` \(`user:pass:####`\).*unsure, not imported.*--columns user,pass,- if every such line's last field is no part of the password, import --columns user,pass if the password ends so$/);
    // The number may be the password's own end: its shape is named, never its digits.
    expect(JSON.stringify(r)).not.toMatch(/Rock#Tomb04|Horn!Drill05|8080|1994|Magni#tude02/);
  });

  it('with --columns user,pass,- the last field of those lines is read past; with user,pass,level it is the level', async () => {
    const r = await readDump(fixture('seller-trailing-numbers.txt'), { columns: ['user', 'pass', 'extra'] });
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['geodude_n1', 'Rock!Throw01'],
      ['graveler_n2', 'Magni#tude02'],
      ['golem_n3', 'Self!Destruct3'],
      ['onix_n4', 'Rock#Tomb04'],
      ['rhyhorn_n5', 'Horn!Drill05'],
      ['rhydon_n6', 'Stomp#Ing06'],
      ['sudowoodo_n7', 'Mimic!Tree07'],
    ]);
    expect(r.rejected).toEqual([]);
    const level = await readDump(input('stock.txt', 'ash01x:Pika1234\nash02x:Pika:12\nash03x:Pika3456\n'), { columns: ['user', 'pass', 'level'] });
    expect(level.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['ash01x', 'Pika1234', undefined],
      ['ash02x', 'Pika', 12],
      ['ash03x', 'Pika3456', undefined],
    ]);
  });

  it('one or two digits on one line alone, in any separator (`pw:2`, `p;1`, `Pika:12`, `:00`): refused, as a port is', async () => {
    for (const sep of [':', ';', ',', '|']) {
      for (const n of ['2', '12', '00', '30']) {
        const text = `ash01x${sep}Pika1234\nash02x${sep}Pika${sep}${n}\nash03x${sep}Pika3456\n`;
        const r = await rows(text);
        expect(r.accounts, text).toEqual([
          [1, 'ash01x', 'Pika1234', undefined],
          [3, 'ash03x', 'Pika3456', undefined],
        ]);
        expect(r.rejected.map((j) => j.line), text).toEqual([2]);
        expect(r.rejected[0]!.reason, text).toContain(`user${sep}pass${sep}${'#'.repeat(n.length)}`);
      }
    }
    // An address column first: the way through names it too.
    const mail = await rows('m1@mail.example:mu1:pw1\nm2@mail.example:mu2:pw:2\nm3@mail.example:mu3:pw3\n');
    expect(mail.accounts.map((a) => a[1])).toEqual(['mu1', 'mu3']);
    expect(mail.rejected[0]!.reason).toContain('--columns=-,user,pass,level');
  });

  it('on every line it is a level column (0 none); on the one line of a file it shows no column and is refused', async () => {
    expect((await rows('ash01x:Pika:12\nash02x:Pika:2\nash03x:Pika3:00\n')).accounts).toEqual([
      [1, 'ash01x', 'Pika', 12],
      [2, 'ash02x', 'Pika', 2],
      [3, 'ash03x', 'Pika3', undefined],
    ]);
    await expect(readDump(input('one.txt', 'ash01x:Pika:12\n'))).rejects.toThrow(/on this line alone.*--columns user,pass,level/);
    // A letter and a separator after it stay the password's (`Star:m1e`), and a long number too.
    expect((await rows('ash01x:Star:m1e\nash02x:Pw:12345\nash03x:Pika3456\n')).accounts.map((a) => a[2])).toEqual(['Star:m1e', 'Pw:12345', 'Pika3456']);
  });

  it('`user:Pw 2` alone among `user:pass` lines is refused; where most lines close with a note after a blank it is the level', async () => {
    const lone = await rows('ash01x:Pika1234\nash02x:Pw 2\nash03x:Pika3456\n');
    expect(lone.accounts.map((a) => a[1])).toEqual(['ash01x', 'ash03x']);
    expect(lone.rejected.map((j) => [j.line, j.reason])).toEqual([[2, expect.stringMatching(/^a number alone after a blank closing the password .* \(`user:pass L30`\)$/)]]);
    expect(JSON.stringify(lone)).not.toContain('Pw 2');
    // Notes after a blank on most lines (a level, a word, a status): the seller's column of notes.
    expect((await rows('ash01x:Pika1234 30\nash02x:Pw 2\nash03x:Pika3456 banned\n')).accounts.map((a) => [a[2], a[3]])).toEqual([
      ['Pika1234', 30],
      ['Pw', 2],
      ['Pika3456', undefined],
    ]);
    // As import reads a list (pairs as columns, import-dump.ts), levels on most lines beside pairs
    // (two levels: read as records) are the seller's notes too, the pairs counted once.
    const mixed = ['ash01x:Pika1234', 'ash02x:Pika2345', 'ash03x:Pika3456', ...[30, 25, 28, 31, 22, 27, 33].map((n, i) => `misty${i}x:Star${i}mie ${n}`)].join('\n');
    for (const columnsFrom of [undefined, 0]) {
      const r = await readDump(input('stock.txt', `${mixed}\n`), columnsFrom === undefined ? {} : { columnsFrom });
      const read = r.columns ? r.columns.records() : r.accounts;
      expect(r.rejected, String(columnsFrom)).toEqual([]);
      expect(read.map((a) => a.level), String(columnsFrom)).toEqual([undefined, undefined, undefined, 30, 25, 28, 31, 22, 27, 33]);
    }
    // With its word it is a level on any line.
    expect((await rows('ash01x:Pika1234\nash02x:Pw lvl 2\nash03x:Pika3456\n')).accounts.map((a) => a[3])).toEqual([undefined, 2, undefined]);
  });
});

describe('a one-account file `user:pass:NN` (stop 47 left it refused)', () => {
  // A careful reader of one line cannot tell a level typed there from a password ending `:30`
  // (Pikaptcha's `-p` takes any password, `:` included); the file's name can: `lvl30` and `:30`.
  it('is refused naming the three ways through, each of which reads it as it says', async () => {
    const one = input('stock.txt', 'ash01x:Pika:30\n');
    await expect(readDump(one)).rejects.toThrow(
      'line 1: a number after the password and `:` (`user:pass:##`) on this line alone, no other line of the list showing that column: a level typed here alone, or the password\'s own end? unsure, not imported; name the columns: import --columns user,pass,level if it is a level, import --columns user,pass if the password ends so (user,pass,- reads it past)',
    );
    const read = async (columns: ('user' | 'pass' | 'level' | 'extra')[]) => (await readDump(one, { columns })).accounts.map((a) => [a.username, a.password, a.level]);
    expect(await read(['user', 'pass', 'level'])).toEqual([['ash01x', 'Pika', 30]]);
    expect(await read(['user', 'pass'])).toEqual([['ash01x', 'Pika:30', undefined]]);
    expect(await read(['user', 'pass', 'extra'])).toEqual([['ash01x', 'Pika', undefined]]);
  });

  it('reads the level where the file\'s name states that same level; another number is still refused', async () => {
    const r = await readDump(input('ptc_lvl30.txt', 'ash01x:Pika:30\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['ash01x', 'Pika', 30]]);
    await expect(readDump(input('ptc_lvl30.txt', 'ash01x:Pika:27\n'))).rejects.toThrow(/on this line alone/);
    // Among other lines too: the one `:30` in a level-30 file is that level.
    const list = await readDump(input('level30.txt', 'ash01x:Pika1234\nash02x:Pika:30\nash03x:Pika3456\n'));
    expect(list.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['ash01x', 'Pika1234', 30],
      ['ash02x', 'Pika', 30],
      ['ash03x', 'Pika3456', 30],
    ]);
  });

  it('two or three lines all `user:pass:NN` are a level column, as most lines of any list', async () => {
    const r = await rows('ash01x:Pika:30\nmisty02:Starm1e:27\n');
    expect(r.accounts).toEqual([
      [1, 'ash01x', 'Pika', 30],
      [2, 'misty02', 'Starm1e', 27],
    ]);
  });
});
