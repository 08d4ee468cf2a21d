import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { parsePlain } from '../../src/formats/lists/plain.js';
import { input } from './helpers.js';

const read = (text: string) => parsePlain(input('list.txt', text));
const pairs = (text: string) => read(text).accounts.map((a) => [a.username, a.password]);

describe('plain seller lists', () => {
  it('splits a colon list on the FIRST colon: passwords keep their colons and commas', () => {
    expect(pairs('alpha01:a:b:c\nalpha02:x,y\nalpha03:plain\nalpha04:more\n')).toEqual([
      ['alpha01', 'a:b:c'],
      ['alpha02', 'x,y'],
      ['alpha03', 'plain'],
      ['alpha04', 'more'],
    ]);
  });

  it('reads a comma list whose passwords hold colons as a comma list (the majority decides)', () => {
    expect(pairs('beta01,pa:ss\nbeta02,sec:ret:x\nbeta03,simple\n')).toEqual([
      ['beta01', 'pa:ss'],
      ['beta02', 'sec:ret:x'],
      ['beta03', 'simple'],
    ]);
  });

  it('reads semicolon, tab and blank separated lists', () => {
    // `p;1` on one line alone: a level typed there or the password's end? refused (trailing-numbers.test.ts).
    expect(pairs('g1;p;x1\ng2;p2\n')).toEqual([['g1', 'p;x1'], ['g2', 'p2']]);
    expect(read('g1;p;1\ng2;p2\n').rejected.map((j) => j.line)).toEqual([1]);
    expect(pairs('t1\tpa ss\nt2\tp:2\n')).toEqual([['t1', 'pa ss'], ['t2', 'p:2']]);
    expect(pairs('s1 pass1\ns2   pass2\n')).toEqual([['s1', 'pass1'], ['s2', 'pass2']]);
  });

  it('treats `, ` and ` : ` used on every line as layout, not as part of the password', () => {
    expect(pairs('c1, pass1\nc2, pass2\n')).toEqual([['c1', 'pass1'], ['c2', 'pass2']]);
    expect(pairs('d1 : pass1\nd2 : pass2\n')).toEqual([['d1', 'pass1'], ['d2', 'pass2']]);
    // one line only starting with a blank: that blank is the password's own
    expect(pairs('e1: lead\ne2:x\ne3:y\n')).toEqual([['e1', ' lead'], ['e2', 'x'], ['e3', 'y']]);
  });

  it('reads `:user:pass`', () => {
    expect(pairs(':lead01:pw1\n:lead02:pw:x2\n')).toEqual([['lead01', 'pw1'], ['lead02', 'pw:x2']]);
  });

  it('recognises an e-mail column first or last by its shape, even with colons in passwords', () => {
    expect(pairs('m1@mailinator.com:mu1:pw1\nm2@mailinator.com:mu2:pw:x2\nm3@mailinator.com:mu3:pw3\n')).toEqual([
      ['mu1', 'pw1'],
      ['mu2', 'pw:x2'],
      ['mu3', 'pw3'],
    ]);
    expect(pairs('lu1:pw1:l1@mailinator.com\nlu2:pw:x2:l2@mailinator.com\nlu3:pw3:l3@mailinator.com\n')).toEqual([
      ['lu1', 'pw1'],
      ['lu2', 'pw:x2'],
      ['lu3', 'pw3'],
    ]);
  });

  it('drops fixed extra columns when every line has them', () => {
    expect(pairs('x1:pw1:x1@m.example:1990-01-01\nx2:pw2:x2@m.example:1991-02-02\n')).toEqual([['x1', 'pw1'], ['x2', 'pw2']]);
  });

  it('keeps Google logins whole and marks them google', () => {
    const r = read('gym.leader@gmail.com:pa:ss\nother.one@gmail.com:pw9\n');
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([
      ['gym.leader@gmail.com', 'pa:ss', 'google'],
      ['other.one@gmail.com', 'pw9', 'google'],
    ]);
  });

  it('keeps inner and leading blanks of a password, drops line-end padding, skips # comments', () => {
    expect(pairs('# bought 2017-09-01\nsp1:two  words\nsp2:trail   \n')).toEqual([['sp1', 'two  words'], ['sp2', 'trail']]);
  });

  it('rejects a username without a password, an empty password, and lines that are not accounts', () => {
    const r = read('ok1:pw1\nlonely_user\nempty_pw:\nok2:pw2\nThanks for buying: have fun\n');
    expect(r.accounts.map((a) => a.line)).toEqual([1, 4]);
    expect(r.rejected).toEqual([
      { line: 2, reason: 'missing password' },
      { line: 3, reason: 'missing password' },
      { line: 5, reason: 'looks like prose, not an account', kind: 'prose' },
    ]);
  });

  // Its speed is measured by `npm run bench` (the import rows), not here.
  it('reads 100,000 lines, every one exact', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `seller_${i}:Pw:${i},x`).join('\n');
    const r = await readDump(input('big.txt', lines));
    expect(r.accounts).toHaveLength(100_000);
    expect(r.accounts[99_999]).toEqual({ username: 'seller_99999', password: 'Pw:99999,x', line: 100_000 });
  });
});
