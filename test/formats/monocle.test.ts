import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { parseMonocle, writeMonocle } from '../../src/formats/tools/monocle.js';
import { DumpError } from '../../src/formats/types.js';
import type { Account } from '../../src/model.js';
import { fixture, input } from './helpers.js';

function account(username: string, password: string, extra: Partial<Account> = {}): Account {
  return { username, password, provider: 'ptc', level: 30, state: 'ok', added_at: '2026-11-01T00:00:00.000Z', seq: 1, ...extra };
}

describe('monocle reader', () => {
  it('keeps the quoted "iPhone9,3" model whole and fills only the device fields present', async () => {
    const { accounts } = await readDump(fixture('monocle-accounts.csv'));
    expect(accounts[0]!.device).toEqual({ model: 'iPhone9,3', ios: '10.3.3', id: '2fcfb8c40e244be284aa42313c1d8dee' });
    expect(accounts[1]!.device).toBeUndefined();
    expect(accounts[3]).toMatchObject({ provider: 'ptc', device: { model: 'iPad6,11', ios: '10.2.1' } });
  });

  it('reads aliased columns in any order, the level column, and rejects bad provider and level', async () => {
    const r = await readDump(fixture('monocle-aliases.csv'));
    expect(r.accounts).toEqual([
      { username: 'lance_dragon', password: 'Dr4gon1te', line: 2, provider: 'ptc', level: 35, device: { id: '0123456789abcdef0123456789abcdef' } },
      { username: 'erika.celadon@gmail.com', password: 'Gl00m;Vileplume', line: 3, provider: 'google', level: 30 },
      { username: 'sabrina_saffron', password: 'Ps1:ch1c', line: 4, provider: 'ptc' },
    ]);
    expect(r.rejected).toEqual([
      { line: 5, reason: 'provider is neither ptc nor google' },
      { line: 6, reason: 'level is not a whole number' },
    ]);
  });

  it('takes `auth` for the provider and `ios` in any case; only username and password are needed', async () => {
    const r = await readDump(input('a.csv', 'password,auth,username,IOS\nhunter2,google,gold@gmail.com,11.1\n'));
    expect(r.accounts).toEqual([{ username: 'gold@gmail.com', password: 'hunter2', line: 2, provider: 'google', device: { ios: '11.1' } }]);
    const minimal = await readDump(input('b.csv', 'username,password\nsilver,Sp33d\n'));
    expect(minimal.accounts).toEqual([{ username: 'silver', password: 'Sp33d', line: 2, provider: 'ptc' }]);
  });

  // Noctem/Monocle monocle/utils.py: load_accounts_csv reads `id` by name, accounts_from_csv keeps it only
  // with `model` and `iOS` (else generate_device_info gives a new device). An `id` first, alone, is a row id.
  it('an `id` column first is the device id beside `model` and `iOS`, and a row id without them (no device)', async () => {
    const device = await readDump(input('a.csv', 'id,username,password,provider,model,iOS\n2fcfb8c40e244be284aa42313c1d8dee,ash01,Pika1!x,ptc,iPhone9_3,11.0\n'));
    expect(device.accounts[0]).toMatchObject({ username: 'ash01', password: 'Pika1!x', device: { model: 'iPhone9_3', ios: '11.0', id: '2fcfb8c40e244be284aa42313c1d8dee' } });
    const rows = await readDump(input('b.csv', 'id,username,password,provider\n1,ash01,Pika1!x,ptc\n2,ash02,Pika2!x,ptc\n'));
    expect(rows.accounts.map((a) => [a.username, a.password, a.device])).toEqual([['ash01', 'Pika1!x', undefined], ['ash02', 'Pika2!x', undefined]]);
  });

  it('fails on an unbalanced quote with the line it opens on, not quoting it', () => {
    const text = 'username,password,provider\nok_user,fine,ptc\nbad_user,"s3cretpw,ptc\nnext,one,ptc\n';
    try {
      parseMonocle(input('q.csv', text));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DumpError);
      expect((err as DumpError).line).toBe(3);
      expect((err as DumpError).message).not.toContain('s3cretpw');
    }
  });

  it('rejects a row with an empty password with its line', async () => {
    const r = await readDump(input('e.csv', 'username,password\nsome_one,\nother_one,pw2\n'));
    expect(r.rejected).toEqual([{ line: 2, reason: 'missing password' }]);
    // With no account left, the file is refused, naming the line and why.
    await expect(readDump(input('e.csv', 'username,password\nsome_one,\n'))).rejects.toThrow(/no accounts found; read as monocle .*1 line rejected \(line 2: missing password\)/);
  });
});

describe('writeMonocle', () => {
  it("writes Monocle's header, quotes what needs it, leaves absent devices empty", () => {
    const text = writeMonocle([
      account('ash', 'pik,a"chu', { device: { model: 'iPhone9,3', ios: '10.3.3', id: 'a'.repeat(32) } }),
      account('misty', 'in side space', { provider: 'google' }),
    ]);
    expect(text).toBe(
      'username,password,provider,model,iOS,id\n' +
        `ash,"pik,a""chu",ptc,"iPhone9,3",10.3.3,${'a'.repeat(32)}\n` +
        'misty,in side space,google,,,\n',
    );
  });
});

describe('a row with a value past the header (a comma unquoted inside a password)', () => {
  // csv.DictReader, as Monocle reads accounts.csv (Noctem/Monocle monocle/utils.py accounts_from_csv),
  // puts the values past the header aside under None: the password is cut at the comma.
  it('is refused by its line, never read with its password cut; the other rows are read', async () => {
    const r = await readDump(input('accounts.csv', 'username,password\nash01,Pika,1\nmisty02,Star2\nbrock03,Onix3,\n'));
    expect(r.format).toBe('monocle');
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['misty02', 'Star2'], ['brock03', 'Onix3']]);
    expect(r.rejected).toEqual([{ line: 2, reason: '3 values, the header names 2: a comma inside a value, not quoted? where the password ends is unsure' }]);
    expect(JSON.stringify(r.rejected)).not.toContain('Pika');
  });

  it('the password last (`auth_service,username,password`, as RocketMap names its fields): the same', async () => {
    const r = await readDump(input('accounts.csv', 'auth_service,username,password\nptc,ash01,Pika,1\nptc,misty02,Star2\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['misty02', 'Star2']]);
    expect(r.rejected.map((x) => x.line)).toEqual([2]);
  });

  it('every row with a value past the header is a column left unnamed: read as before', async () => {
    const r = await readDump(input('accounts.csv', 'username,password\nash01,Pika1,30\nmisty02,Star2,31\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash01', 'Pika1'], ['misty02', 'Star2']]);
    expect(r.rejected).toEqual([]);
  });
});

describe("Monocle's device model typed without its quotes (`iPhone9,1`, accounts.example.csv quotes it)", () => {
  it('is joined back: the row is read with its device, and the rows without a device beside it too', async () => {
    const text = 'username,password,provider,model,iOS,id\nash_ketchum,pik4chu,ptc,iPhone9,1,10.2.1,2fcfb8c40e244be284aa42313c1d8dee\nmisty,t0g3p1,ptc,,,\nbrock,0n1x,google,"iPhone8,4",10.3.3,7d1c3e0a9b8f4c2d6e5f4a3b2c1d0e9f\n';
    const r = await readDump(input('accounts.csv', text));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.username, a.password, a.provider, a.device])).toEqual([
      ['ash_ketchum', 'pik4chu', 'ptc', { model: 'iPhone9,1', ios: '10.2.1', id: '2fcfb8c40e244be284aa42313c1d8dee' }],
      ['misty', 't0g3p1', 'ptc', undefined],
      ['brock', '0n1x', 'google', { model: 'iPhone8,4', ios: '10.3.3', id: '7d1c3e0a9b8f4c2d6e5f4a3b2c1d0e9f' }],
    ]);
  });
});

describe('a file of more rows than the CSV reader parses at once (csv.ts csvRows)', () => {
  const rows = (n: number, cell: (i: number) => string) => Array.from({ length: n }, (_, i) => `user${i}x,Pass${i}${cell(i)}`).join('\n');

  it('a value past the header on one row far down: that row refused by its line, every other read', () => {
    const r = parseMonocle(input('accounts.csv', `username,password\n${rows(5_000, (i) => (i === 4_500 ? ',1' : ''))}\n`));
    expect(r.accounts).toHaveLength(4_999);
    expect(r.rejected.map((x) => x.line)).toEqual([4_502]);
  });

  it('a value past the header on every row, through every chunk: a column left unnamed, all read', () => {
    const r = parseMonocle(input('accounts.csv', `username,password\n${rows(5_000, (i) => `,${i % 7}`)}\n`));
    expect(r.accounts).toHaveLength(5_000);
    expect(r.accounts[4_999]).toMatchObject({ username: 'user4999x', password: 'Pass4999', line: 5_001 });
    expect(r.rejected).toEqual([]);
  });

  it('on every row but the last: none of them read as a column left unnamed, each refused', () => {
    const r = parseMonocle(input('accounts.csv', `username,password\n${rows(5_000, (i) => (i === 4_999 ? '' : ',1'))}\n`));
    expect(r.accounts.map((a) => a.username)).toEqual(['user4999x']);
    expect(r.rejected).toHaveLength(4_999);
  });
});

describe("an import's read (columnsFrom): the accounts as columns, as they are read", () => {
  it('the same accounts, lines and refusals as the records a read without columns gives', () => {
    const text = 'username,password,provider,level,model\nash01,Pika1,ptc,30,\nmisty02,Star2,google,0,"iPhone9,1"\nbrock03,Onix3,ptc,x,\ngary04,Eevee4,,31,\n';
    const records = parseMonocle(input('accounts.csv', text));
    const read = parseMonocle(input('accounts.csv', text), { columnsFrom: 0 });
    expect(read.accounts).toEqual([]);
    expect(read.columns!.records()).toEqual(records.accounts);
    expect(read.rejected).toEqual(records.rejected);
    expect(records.accounts.map((a) => a.username)).toEqual(['ash01', 'misty02', 'gary04']);
  });
});
