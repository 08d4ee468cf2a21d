// Every reader applies the store's own username and password rule (credentialProblem in
// src/model.ts): a line the store would refuse is a rejected line with its number, and the import
// goes on with the rest. Before, a BEL in a plain list or `\u001b` in JSON read as an account,
// the store refused it inside the transaction, and the whole file failed with no file or line
// (the watcher then retried it every 60 s forever).
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { credentialProblem, recordProblem } from '../../src/model.js';
import { parseUpdates } from '../../src/server/updates.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { input } from './helpers.js';

const BEL = '\x07';
const ESC = '\x1b';

/** One dump per reader, each with a good account, one whose username holds a control character, and another good one. */
const DUMPS: { reader: string; name: string; text: string; badLine: number }[] = [
  { reader: 'plain', name: 'list.txt', text: `alice:pw1\nbo${BEL}b:pw2\ncarol:pw3\n`, badLine: 2 },
  { reader: 'rocketmap', name: 'rm.csv', text: `ptc,alice,pw1\nptc,bo${ESC}b,pw2\nptc,carol,pw3\n`, badLine: 2 },
  { reader: 'monocle', name: 'mon.csv', text: `username,password,provider\nalice,pw1,ptc\nbo${BEL}b,pw2,ptc\ncarol,pw3,ptc\n`, badLine: 3 },
  { reader: 'json', name: 'gen.json', text: `[\n  {"username": "alice", "password": "pw1"},\n  {"username": "x\\u001by", "password": "pw2"},\n  {"username": "carol", "password": "pw3"}\n]\n`, badLine: 3 },
  { reader: 'jsonl', name: 'export.jsonl', text: `{"username":"alice","password":"pw1"}\n{"username":"bo\\u0007b","password":"pw2"}\n{"username":"carol","password":"pw3"}\n`, badLine: 2 },
  { reader: 'kinancity', name: 'result.csv', text: `# Batch creation start at : 2017-08-01\nalice;pw1;a@x.org;1990-01-01;US;OK;\nbo${BEL}b;pw2;b@x.org;1990-01-01;US;OK;\ncarol;pw3;c@x.org;1990-01-01;US;OK;\n`, badLine: 3 },
  {
    reader: 'email-text',
    name: 'order.txt',
    text: `Hello, thanks for your order!\n\nUsername: alice\nPassword: pw1\n\nUsername: bo${ESC}[2Jb\nPassword: pw2\n\nUsername: carol\nPassword: pw3\n\nRegards\n`,
    badLine: 6,
  },
  { reader: 'verdict', name: 'accounts-blind.csv', text: `ptc,alice,pw1\nptc,bo${BEL}b,pw2\nptc,carol,pw3\n`, badLine: 2 },
];

describe('the store rule in every reader', () => {
  for (const dump of DUMPS) {
    it(`${dump.reader}: a username with a control character is a rejected line, the others are read`, async () => {
      const result = await readDump(input(dump.name, dump.text));
      expect(result.accounts.map((a) => a.username)).toEqual(['alice', 'carol']);
      expect(result.rejected).toEqual([{ line: dump.badLine, reason: 'username contains control characters' }]);
    });
  }

  it('a reader accepts exactly the usernames the store accepts (and a rejected one never throws)', async () => {
    const odd = fc.constantFrom('\x00', '\x07', '\x08', '\x0b', '\x0c', '\x1b', '\x7f', '\x85', '\x9b', '\u00a0', '\u2003', '\u3000', 'é', '@', '.', '-', '_', '\u202e');
    const username = fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), odd, fc.stringMatching(/^[a-z0-9]{1,6}$/)).map(([a, c, b]) => a + c + b);
    await fc.assert(
      fc.asyncProperty(username, async (name) => {
        const storeSays = recordProblem(name, { password: 'pw', provider: 'ptc', level: 30, state: 'ok', seq: 1, added_at: '2026-01-01T00:00:00.000Z' });
        // A raw NUL makes a text file binary, refused as a whole with its line (decode.ts); JSON escapes it.
        const texts = [`${JSON.stringify([{ username: name, password: 'pw' }, { username: 'other_user1', password: 'pw' }])}\n`, ...(name.includes('\0') ? [] : [`ptc,${name},pw\nptc,other_user1,pw\n`])];
        for (const text of texts) {
          const result = await readDump(input(text.startsWith('[') ? 'a.json' : 'a.csv', text)).catch((error: Error) => error);
          if (result instanceof Error) throw result;
          const read = result.accounts.length === 2;
          expect(read, `${JSON.stringify(name)} in ${text.startsWith('[') ? 'JSON' : 'CSV'}`).toBe(storeSays === null);
          if (!read) expect(result.rejected[0]!.reason).toBe(storeSays);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('one rule: the store and the readers name the same reasons', () => {
    expect(credentialProblem('', 'pw')).toBe('missing username');
    expect(credentialProblem('a\x1bb', 'pw')).toBe('username contains control characters');
    expect(credentialProblem('a b', 'pw')).toBe('username contains blanks');
    expect(credentialProblem('x'.repeat(257), 'pw')).toBe('username longer than 256 characters');
    expect(credentialProblem('ash', '')).toBe('missing password');
    expect(credentialProblem('ash', 'p'.repeat(257))).toBe('password longer than 256 characters');
    expect(credentialProblem('ash', 'p'.repeat(256))).toBeNull();
    expect(credentialProblem('ash', 'pw')).toBeNull();
  });
});

describe('a tab or a control character inside a typed password', () => {
  // (seen in the property test of non-account text: `Aaa0----A----0_^0` became `Aaa0<TAB>A<TAB>0_^0`
  // and the tab stayed inside the password.) A list's or a mail's line is typed: no one types a tab or
  // an escape into a password field, so the line is refused, naming it, never read silently.
  const TAB = '\t';
  const dumps = [
    { name: 'list.txt', text: `alice_1\tPika!chu1\nbob_2\tOnix${TAB}Rock2\ncarol_3\tStar!mie3\n`, line: 2, tab: true },
    { name: 'list.txt', text: `alice_1:Pika!chu1\nbob_2:Onix!Rock2${TAB}foo bar\ncarol_3:Star!mie3\n`, line: 2, tab: true },
    { name: 'list.txt', text: `alice_1;Pika!chu1\nbob_2;Onix${BEL}Rock2\ncarol_3;Star!mie3\n`, line: 2, tab: false },
    { name: 'list.txt', text: `alice_1 Pika!chu1\nbob_2 Onix${ESC}Rock2\ncarol_3 Star!mie3\n`, line: 2, tab: false },
    { name: 'order.txt', text: `Hello, thanks for your order!\n\nUsername: alice_1\nPassword: Pika!chu1\n\nUsername: bob_2\nPassword: Onix${TAB}Rock2\n\nUsername: carol_3\nPassword: Star!mie3\n\nRegards\n`, line: 7, tab: true },
    { name: 'order.txt', text: `Hello, thanks for your order!\n\nalice_1:Pika!chu1\nbob_2:Onix${ESC}[2JRock2\ncarol_3:Star!mie3\n\nRegards, the team\n`, line: 4, tab: false },
  ];
  it('is a rejected line in a list and in a mail, the others are read, the password never shown', async () => {
    for (const dump of dumps) {
      const result = await readDump(input(dump.name, dump.text));
      expect([dump.text, result.accounts.map((a) => [a.username, a.password])]).toEqual([dump.text, [['alice_1', 'Pika!chu1'], ['carol_3', 'Star!mie3']]]);
      expect(result.rejected, dump.text).toEqual([{ line: dump.line, reason: expect.stringMatching(dump.tab ? /^a tab inside the password/ : /^a control character inside the password/) }]);
      expect(JSON.stringify(result.rejected)).not.toMatch(/Onix|Rock/);
    }
  });

  it('a JSON string or a quoted CSV field keeps the tab the tool stored (our own writers quote it)', async () => {
    const json = await readDump(input('gen.json', '[{"username":"alice_1","password":"Pika\\tchu1"}]\n'));
    expect(json.accounts.map((a) => a.password)).toEqual(['Pika\tchu1']);
    const csv = await readDump(input('mon.csv', 'username,password,provider\nalice_1,"Pika\tchu1",ptc\n'));
    expect(csv.accounts.map((a) => a.password)).toEqual(['Pika\tchu1']);
  });
});

describe('a password longer than any game takes', () => {
  // A 30 MB password was imported and written into every accounts file and change-log line; PTC
  // takes 50 characters, Monocle's csv.DictReader stops at a field over 131,072.
  const long = `Pw!${'x'.repeat(300)}`;
  const dumps = [
    { name: 'list.txt', text: `alice:pw1\nbob:${long}\ncarol:pw3\n`, line: 2 },
    { name: 'rm.csv', text: `ptc,alice,pw1\nptc,bob,${long}\nptc,carol,pw3\n`, line: 2 },
    { name: 'mon.csv', text: `username,password,provider\nalice,pw1,ptc\nbob,${long},ptc\ncarol,pw3,ptc\n`, line: 3 },
    { name: 'gen.json', text: `[\n  {"username": "alice", "password": "pw1"},\n  {"username": "bob", "password": "${long}"},\n  {"username": "carol", "password": "pw3"}\n]\n`, line: 3 },
    { name: 'order.txt', text: `Hello, thanks for your order!\n\nUsername: alice\nPassword: pw1\n\nUsername: bob\nPassword: ${long}\n\nUsername: carol\nPassword: pw3\n`, line: 6 },
  ];
  it('is a rejected line in every reader, the others are read, the password never shown', async () => {
    for (const dump of dumps) {
      const result = await readDump(input(dump.name, dump.text));
      expect([dump.name, result.accounts.map((a) => a.username), result.rejected]).toEqual([dump.name, ['alice', 'carol'], [{ line: dump.line, reason: 'password longer than 256 characters' }]]);
    }
    const pool = await makePool();
    const dir = await testdir({ 'list.txt': dumps[0]!.text });
    const r = await cli(['import', 'list.txt', '--level', '30', ...pool.args], { cwd: dir });
    // 1, not 0: line 2's account was not taken (alice and carol are in).
    expect([r.code, r.stderr]).toEqual([1, 'list.txt:2: rejected: password longer than 256 characters\n']);
    expect(r.stdout + r.stderr).not.toContain('xxxxxxxx');
  });

  it('posted to serve is a field ignored, never the account\'s password', () => {
    const { updates } = parseUpdates({ username: 'ash01', password: long, level: 31 });
    expect([updates[0]!.password, updates[0]!.level, updates[0]!.ignored]).toEqual([undefined, 31, ['password']]);
    expect(parseUpdates({ username: 'ash01', password: 'Pw!fine1' }).updates[0]!.password).toBe('Pw!fine1');
  });
});

describe('import of a dump with a control character in a username', () => {
  it('imports the rest, reports the line, and exits 1', async () => {
    const pool = await makePool();
    const dir = await testdir({ 'list.txt': `alice:pw1\nbo${BEL}b:pw2\ncarol:pw3\n` });
    const r = await cli(['import', 'list.txt', '--level', '30', ...pool.args], { cwd: dir });
    // 1, not 0: a rejected line: exit 1, the other accounts in.
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('imported list.txt: 2 added, 0 updated, 1 rejected (line 2)\n');
    expect(r.stderr).toBe('list.txt:2: rejected: username contains control characters\n');
  });

  it('a watched inbox files the dump under imported/ instead of retrying it forever', async () => {
    const pool = await makePool();
    const inbox = join(pool.base, 'inbox');
    await mkdir(join(inbox, 'level-30'), { recursive: true });
    await writeFile(join(inbox, 'level-30', 'gen.json'), '[{"username":"x\\u001by","password":"p"},{"username":"ok1","password":"p"}]');
    const r = await cli(['watch', '--once', ...pool.args]);
    // 1, not 0: a rejected line: watch --once exits 1, the other account in.
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('imported level-30/gen.json: 1 added, 0 updated, 1 rejected (line 1)\n');
    expect(await readdir(join(inbox, 'level-30'))).toEqual([]);
  });
});
