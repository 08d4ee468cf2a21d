import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { parseRocketmap, writeRocketmap } from '../../src/formats/tools/rocketmap.js';
import type { Account } from '../../src/model.js';
import { fixture, input } from './helpers.js';

const base = { level: 30, state: 'ok', added_at: '2026-11-01T00:00:00.000Z', seq: 1 } as const;

describe('rocketmap reader', () => {
  it('skips comments and blank lines, keeping real line numbers; reads the level-first form', async () => {
    const r = await readDump(fixture('rocketmap-accounts.csv'));
    expect(r.accounts.map((a) => a.line)).toEqual([4, 5, 6, 8, 9, 11]);
    expect(r.accounts[4]).toEqual({ username: 'thunderfox05', password: 'lvl25pass', line: 9, provider: 'ptc', level: 25 });
    expect(r.accounts[2]!.provider).toBe('google');
  });

  it('keeps a `#` inside a password (comments are whole lines only)', async () => {
    const r = await readDump(input('r.csv', 'ptc,user1,pass#word\nptc,user2,#lead\n'));
    expect(r.accounts.map((a) => a.password)).toEqual(['pass#word', '#lead']);
  });

  it('rejects an unknown provider without quoting the line', async () => {
    const r = await readDump(input('r.csv', 'ptc,user1,one\nptc,user2,two\nptc,user3,three\nptc,user4,four\nfacebook,user5,s3cretpw\n'));
    expect(r.rejected).toEqual([{ line: 5, reason: 'first column is not a provider (ptc or google)' }]);
  });

  it('refuses a line whose quote never closes by its line, and reads the rest', async () => {
    const r = await readDump(input('r.csv', 'ptc,a,b\nptc,c,"d\nptc,e,f\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'a', 'b'], [3, 'e', 'f']]);
    expect(r.rejected.map((j) => j.line)).toEqual([2]);
    expect(r.rejected[0]!.reason).toMatch(/^a quoted field is never closed \(unbalanced quote\): .*where the password starts and ends is unsure$/);
  });
});

// Quotes in RocketMap's accounts CSV. RocketMap itself never unquotes: it takes the field count from
// the first line, stops on a line with another count, and splits each line on `,` (RocketMap/RocketMap
// `pogom/utils.py`, get_args: `line.split(",")`, `map(str.strip, fields)`; PGScout's copy the same), so
// a `"` is part of its password and a password holding `,` never reaches it. A file with quoted fields
// was written by a CSV writer (Python's csv, a spreadsheet), whose quoting is the password's edge.
describe('rocketmap reader: quoted passwords', () => {
  const read = async (text: string) => {
    const r = await readDump(input('accounts.csv', text));
    return { accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.level ?? null]), rejected: r.rejected.map((j) => j.line) };
  };

  it("a CSV writer's quoted password holding `,` or a doubled quote is read exactly, with a level column after it", async () => {
    expect(await read('ptc,ash01,Pika1!\nptc,ash02,"Pa,ss2"\nptc,ash03,"Pa""ss3"\n')).toEqual({
      accounts: [[1, 'ash01', 'Pika1!', null], [2, 'ash02', 'Pa,ss2', null], [3, 'ash03', 'Pa"ss3', null]],
      rejected: [],
    });
    expect(await read('ptc,ash01,Pika1!,30\nptc,ash02,"Pa,ss2",31\nptc,ash03,Pw3!x,32\n')).toEqual({
      accounts: [[1, 'ash01', 'Pika1!', 30], [2, 'ash02', 'Pa,ss2', 31], [3, 'ash03', 'Pw3!x', 32]],
      rejected: [],
    });
  });

  it('a `"` inside or ending an unquoted password is kept, as RocketMap keeps it', async () => {
    expect(await read('ptc,ash01,Pika1!\nptc,ash02,Pa"ss2\nptc,ash03,Pw3"\n')).toEqual({
      accounts: [[1, 'ash01', 'Pika1!', null], [2, 'ash02', 'Pa"ss2', null], [3, 'ash03', 'Pw3"', null]],
      rejected: [],
    });
  });

  // `"Pw` is RocketMap's password `"Pw`, or a CSV writer's quoted password cut: refused by its line,
  // never the whole file (stop 44 refused it whole), never a password guessed.
  it.each([
    ['a quote never closed', 'ptc,ash01,Pika1!\nptc,ash02,"Pw2x!\nptc,ash03,Pw3!x\n', [2]],
    ["text after a quoted password's closing quote", 'ptc,ash01,Pika1!\nptc,ash02,"Pw2"x!\nptc,ash03,Pw3!x\n', [2]],
    ['the same with CRLF', 'ptc,ash01,Pika1!\r\nptc,ash02,"Pw2"x!\r\nptc,ash03,Pw3!x\r\n', [2]],
    ['a quoted password cut over two lines: both lines', 'ptc,ash01,Pika1!\nptc,ash02,"Pw2\nx!"\nptc,ash03,Pw3!x\n', [2, 3]],
  ])('%s: that line refused, the others read', async (_what, text, lines) => {
    const r = await readDump(input('accounts.csv', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash01', 'Pika1!'], ['ash03', 'Pw3!x']]);
    expect(r.rejected.map((j) => j.line)).toEqual(lines);
    expect(JSON.stringify(r.rejected)).not.toContain('Pw2');
  });
});

describe('writeRocketmap', () => {
  it('writes provider,username,password lines without a header and without quoting (RocketMap never unquotes)', () => {
    const accounts: Account[] = [
      { ...base, username: 'u1', password: 'plain', provider: 'ptc' },
      { ...base, username: 'u2@gmail.com', password: 'a "b" #;\'c', provider: 'google' },
      { ...base, username: 'u3', password: '日本 語', provider: 'ptc' },
    ];
    expect(writeRocketmap(accounts)).toBe('ptc,u1,plain\ngoogle,u2@gmail.com,a "b" #;\'c\nptc,u3,日本 語\n');
  });

  it('refuses an account RocketMap cannot read back, naming it but not its password', () => {
    expect(() => writeRocketmap([{ ...base, username: 'u1', password: 'a,b', provider: 'ptc' }])).toThrow(/^cannot write account u1 for RocketMap: its password contains a comma$/);
  });

  it("a chat's line, a sign-off or a hash key and its expiry among the rows is no `user,pass` row (`1/11/2017, 10:02 - Shop: hi`, `Regards, Shop`)", async () => {
    const r = await readDump(input('r.csv', '1/11/2017, 10:02 - Shop: here you go\nptc,ash_k01,Pika2017x\nptc,misty_w02,Star9mie\nptc,brock_r03,Onix!rock1\nRegards, Shop\nF2EC4B87E3832CDD3B8E,2018-01-01\n'));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_k01', 'misty_w02', 'brock_r03']);
    // The sign-off is a letter's line, skipped as prose (letter-lines.ts): the list reader, which
    // skips it, now reads the file; it names the chat's line a statistic, a line either way.
    expect(r.rejected.map((j) => j.line)).toEqual([1, 6]);
    expect(r.rejected[1]!.kind).toBe('key');
    expect(r.skipped).toContainEqual({ line: 5, kind: 'prose' });
  });
});

describe("RocketMap's CSV read into columns at an import's read", () => {
  // parseRocketmap reads the rows twice (the columns after the password named first, then the
  // accounts): an import's read (columnsFrom) must give the records and refusals the plain read gives.
  const files = [
    'ptc,user1,pass1,30\nptc,user2,pass2,31\n# note\nptc,user3,pass3,\n',
    '25,ptc,lvl1,pw1\n70,ptc,lvl2,pw2\ngoogle,g1@gmail.com,gpw\nuser9,pass9\nfacebook,x,y\n',
    'ptc,f1,pw,Y\nptc,f2,pw2\nptc,f3,pw3,Y\nptc,f4,p,w,Y\n',
    'ptc,b1,pw1,banned\nptc,b2,pw2,ok\nptc,b3,"pw,3",ok\nRegards, Shop\n',
  ];
  for (const text of files) {
    it(`the same accounts and refusals: ${JSON.stringify(text.slice(0, 24))}`, () => {
      const plain = parseRocketmap(input('r.csv', text));
      const columns = parseRocketmap(input('r.csv', text), { columnsFrom: 0 });
      expect(columns.columns).toBeDefined();
      expect(columns.columns!.records()).toStrictEqual(plain.accounts);
      expect(columns.rejected).toStrictEqual(plain.rejected);
      expect(plain.accounts.length).toBeGreaterThan(0);
    });
  }
});
