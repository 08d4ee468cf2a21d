// Whatever bytes arrive, readDump answers with a result or a DumpError: never another
// exception, never a hang, and never a password in what it says.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { readDump, toDumpInput } from '../../src/formats/index.js';
import { DumpError, type DumpResult } from '../../src/formats/types.js';
import { rowReads } from '../../src/formats/mail/html-tables.js';
import { fixtureBytes } from './helpers.js';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SECRET = 'Zq9!s3cr3t';

/** The outcome of reading `bytes`, or the test fails on any non-DumpError exception. */
async function outcome(name: string, bytes: Buffer): Promise<DumpResult | DumpError> {
  try {
    return await readDump(toDumpInput(name, bytes));
  } catch (err) {
    if (!(err instanceof DumpError)) throw err;
    return err;
  }
}

function said(o: DumpResult | DumpError): string[] {
  return o instanceof DumpError ? [o.message] : o.rejected.map((r) => r.reason);
}

const NAMES = ['dump.txt', 'accounts.csv', 'mail.eml', 'box.mbox', 'accounts-blind.csv', 'not_banned_L30.txt', 'x.jsonl'];

/** Fragments of every format, so random lines reach deep into each reader. */
const FRAGMENT = fc.constantFrom(
  'ptc,', 'google,', '25,', 'username,password,provider,model,iOS,id', 'auth,username,password,level',
  'From: a@b.example', 'Subject: hi', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"',
  'Content-Type: text/html', 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: quoted-printable',
  '--b', '--b--', '=3D', '=\n', 'From x@y.example Mon Sep 11 10:00:00 2017', '>From ', '{"username":"u","password":"',
  '"}', '# Batch creation start at : 2017', ';OK;', ';ERROR;X', 'Username: ', 'Password: ', 'Account 3', '#3',
  'user@gmail.com', ':', ',', ';', '\t', ' ', '"', '""', '\\', '<p>', '</p>', '&amp;', '\u00a0', 'é', '🔑', SECRET,
  // the generators' and scanners' own shapes
  'INSERT INTO `account` VALUES (', "'),(", 'NULL,', "\\'", 'CREATE TABLE `account` (', '/*!40101 ', '*/;',
  'Here are your accounts in RocketMapFormat : ', 'The following accounts use the email address: ', ' -u ', ' -p ',
  'username: [', 'password: [', 'auth-service: ', 'location: x', ' PTC None', "{   '", "'password': ", "'provider': 'ptc'",
  "'banned': True", 'auth_service\tusername\tpassword\tbanned', 'ptc,u,p,40.1,-74.0,u',
);
const line = fc.array(fc.oneof(FRAGMENT, fc.string({ maxLength: 8 })), { maxLength: 8 }).map((parts) => parts.join(''));
const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

describe('hostile input', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 2000 }), async (name, bytes) => {
        await outcome(name, Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('random lines built from every format, with a password that never shows in a reason or error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), text, async (name, t) => {
        const o = await outcome(name, Buffer.from(t, 'utf8'));
        for (const s of said(o)) expect(s).not.toContain(SECRET);
      }),
      { numRuns: 400 },
    );
  });

  it('NUL bytes anywhere: a DumpError naming the line', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.nat(), async (t, at) => {
        const bytes = Buffer.from(t, 'utf8');
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        const o = await outcome('dump.txt', Buffer.concat([bytes.subarray(0, i), Buffer.from([0]), bytes.subarray(i)]));
        expect(o).toBeInstanceOf(DumpError);
        expect((o as DumpError).line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });

  it('CSV with unbalanced quotes', async () => {
    const row = fc.array(fc.constantFrom('ptc', 'user1', SECRET, '"', '"a', 'b"', '""', '"x""y', ''), { minLength: 1, maxLength: 6 }).map((f) => f.join(','));
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(row, { minLength: 1, maxLength: 10 }), async (header, rows) => {
        const t = (header ? 'username,password,provider\n' : '') + rows.join('\n');
        const o = await outcome('accounts.csv', Buffer.from(t));
        for (const s of said(o)) expect(s).not.toContain(SECRET);
      }),
      { numRuns: 300 },
    );
    const o = await outcome('accounts.csv', Buffer.from(`username,password\nok,fine\nbad,"${SECRET}\n`));
    expect(o).toBeInstanceOf(DumpError);
    expect((o as DumpError).line).toBe(3);
    expect((o as DumpError).message).not.toContain(SECRET);
  });

  it('a CSV quote never closed before more lines than any line may hold: refused by the line it opens on', async () => {
    // csv-parse stops at LONG_LINE characters of one record (src/formats/csv.ts): the refusal must
    // still say what it is and where, as the shorter case above, never 'not valid CSV'.
    const tail = `${'w'.repeat(99)}\n`.repeat(30_000); // 3 MB of lines, past LONG_LINE (2 MiB)
    const o = await outcome('accounts.csv', Buffer.from(`username,password,level\nok1,Pw1!abcd,30\nbad,"${SECRET}\n${tail}",30\nok2,Pw2!abcd,30\n`));
    expect(o).toBeInstanceOf(DumpError);
    expect((o as DumpError).line).toBe(3);
    expect((o as DumpError).message).toContain('runs past the end of its line');
    expect((o as DumpError).message).not.toContain(SECRET);
  });

  it("a Python pickle's header before random or damaged bytes: a DumpError or accounts, and nothing printed", async () => {
    const store = fixtureBytes('monocle-accounts.pickle');
    const warn = vi.spyOn(console, 'warn');
    try {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), async (tail, flips) => {
          await outcome('accounts.pickle', Buffer.concat([Buffer.from([0x80, 0x04]), Buffer.from(tail)]));
          const damaged = Buffer.from(store);
          for (const [at, byte] of flips) damaged[2 + (at % (damaged.length - 2))] = byte;
          await outcome('accounts.pickle', damaged);
        }),
        { numRuns: 300 },
      );
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  // One byte of a pickle (`]`, an empty list) made ~210 bytes of objects: 24 MB of nested lists in
  // an account's value took 2.5 GB (50 MB, under max_dump_size, aborts out of memory). Counted from
  // the opcodes before anything is built (pickle-objects.ts).
  it('a pickle making a million lists is refused before it is built, naming the cap', async () => {
    const str = (s: string) => Buffer.concat([Buffer.from([0x58]), Buffer.from(Uint32Array.of(Buffer.byteLength(s)).buffer), Buffer.from(s)]);
    const store = (n: number) => Buffer.concat([
      Buffer.from([0x80, 0x02, 0x7d, 0x28]), str('alice01'), Buffer.from([0x7d, 0x28]),
      str('username'), str('alice01'), str('password'), str(SECRET), str('x'),
      Buffer.alloc(n, ']'), Buffer.alloc(n - 1, 'a'), Buffer.from('uu.'),
    ]);
    const o = await outcome('accounts.pickle', store(1_000_000));
    expect(o instanceof DumpError ? o.message : 'read').toContain('making more than 1,000,000 lists, dicts, tuples and objects');
    expect((o as DumpError).message).not.toContain(SECRET);
    const small = await outcome('accounts.pickle', store(1_000));
    expect(small instanceof DumpError ? small.message : small.accounts.map((a) => [a.username, a.password])).toEqual([['alice01', SECRET]]);
  });

  it("SQLite's header before random bytes, or NecroBot2's accounts.db with bytes changed: a DumpError or accounts, and nothing printed", async () => {
    const store = fixtureBytes('necrobot2-accounts.db');
    const header = store.subarray(0, 100);
    const spies = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'log'), vi.spyOn(console, 'error')];
    try {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), async (tail, flips) => {
          await outcome('accounts.db', Buffer.concat([header.subarray(0, 16), Buffer.from(tail)]));
          const damaged = Buffer.from(store);
          for (const [at, byte] of flips) damaged[16 + (at % (damaged.length - 16))] = byte;
          const o = await outcome('accounts.db', damaged);
          for (const s of said(o)) expect(s).not.toMatch(/Necr0|Onix Rock|wrong pass|Warn 5/);
        }),
        { numRuns: 300 },
      );
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // The store still reads after all that: no damaged file left the library broken.
    expect((await outcome('accounts.db', store)) as DumpResult).toMatchObject({ format: 'necrobot-db' });
  });

  // No clock here (speed belongs in the bench): a reader that went quadratic on one of these
  // lines would take hours, and the test's own timeout catches it.
  it('a 1 MB single line, in every shape, gives accounts or a clear error', async () => {
    const mb = 1 << 20;
    const shapes = [
      'a'.repeat(mb),
      `user:${'x'.repeat(mb)}`,
      `${'x'.repeat(mb)}:pass`,
      ','.repeat(mb),
      ':'.repeat(mb),
      `${' '.repeat(mb)}x`,
      `ptc,u,"${'"'.repeat(mb)}`,
      `Username: ${'a '.repeat(mb / 2)}`,
      `{"username":"${'u'.repeat(mb)}`,
      `From: a@b.example\nSubject: ${'s'.repeat(mb)}\n\nbody`,
      `x@${'a.'.repeat(mb / 2)}!:p`,
      // a megabyte of blanks after an account, where a note (`# sold`) or a column name could follow
      `user1:pass1${' '.repeat(mb)}x`,
      `user1 pass1${'\t'.repeat(mb)}# x`,
      // a level note (`L30`) or a contact label (`Contact us: ...`) could end these
      `user1:pass1${' '.repeat(mb)}1`,
      `user pass${' '.repeat(mb)}x`,
      // stock joined on one line (`a:b, c:d`), and blanks before a bar that could join it
      'ab1:cd2, '.repeat(mb / 8),
      `ab1:cd2${' '.repeat(mb)}| ef3:gh4`,
      // a reply's correction sentence, with a megabyte of blanks where its password would be
      `Hello\nThe correct password for abc12 is${' '.repeat(mb)}x y`,
    ];
    for (const s of shapes) {
      const o = await outcome('big.txt', Buffer.from(s));
      expect(o instanceof DumpError || Array.isArray(o.accounts), s.slice(0, 20)).toBe(true);
    }
  });

  // The list readers judged each word of a line: one 27 MB line of `ab cd:ef` took 1.1 GB and 13 s.
  it('a line of megabytes among accounts is refused at once naming it, unless a whole document\'s reader claims the file (JSON on one line)', async () => {
    const text = `alice01:pw11111\n${'ab cd:ef '.repeat(300_000)}\ncarol01:pw33333\n`;
    for (const format of [undefined, 'plain']) {
      const o = await readDump(toDumpInput('list.txt', Buffer.from(text)), format ? { format } : {}).catch((error: unknown) => error);
      expect(o).toBeInstanceOf(DumpError);
      expect([(o as DumpError).line, (o as DumpError).message]).toEqual([2, expect.stringMatching(/^list\.txt:2: this line is 2\.6 M characters long/)]);
    }
    const json = JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ username: `trainer${i}`, password: `Pw!${i}xyz` })));
    expect(json.length).toBeGreaterThan(2 << 20);
    const read = await readDump(toDumpInput('gen.json', Buffer.from(json)));
    expect([read.accounts.length, read.accounts[49_999]?.username]).toEqual([50_000, 'trainer49999']);
  });

  // The list readers' patterns around blanks (notes after accounts, level notes, a leading
  // provider, social handles, header cells, numbers) once tried a long run of blanks from each of
  // its blanks: a 20,000-blank line among accounts cost 1-4 s (these 64 took minutes), 100,000 a minute,
  // and a 1 MB one hours. As above, the test's own timeout is the clock.
  it('a long run of blanks on a line among accounts, in every shape a list reader looks at', async () => {
    const run = 20_000;
    const lines = ['user1:', 'user1 ', 'ptc,', 'ptc ', 'ptc\t', 'twitter ', 'Level ', '5'].flatMap((head) =>
      [' ', '\t'].flatMap((blank) => ['x', ')', '0', '%'].map((tail) => head + blank.repeat(run) + tail)),
    );
    // and in a seller's `user | pass` list (spaced-separator.ts), blanks on both sides of the bar (longer:
    // 20,000 blanks there cost seconds, not minutes)
    for (const blank of [' ', '\t']) lines.push(`user1${blank.repeat(3 * run)}x | y${blank.repeat(3 * run)}z`);
    for (const line of lines) {
      for (const sep of [':', ' | ']) {
        const o = await outcome('dump.txt', Buffer.from(`alice01${sep}${SECRET}\nbob0002${sep}${SECRET}\n${line}\ncarol03${sep}${SECRET}\n`));
        // A `:` list reads on past the odd line; a bar list with a `:` line in it may be refused as unsure.
        if (sep === ':' || !(o instanceof DumpError)) expect(o instanceof DumpError ? [] : o.accounts.map((a) => a.username), JSON.stringify(line.slice(0, 8))).toEqual(expect.arrayContaining(['alice01', 'bob0002', 'carol03']));
        for (const s of said(o)) expect(s).not.toContain(SECRET);
      }
    }
  });

  // Stop 66 (A): patterns that tried a run of blanks from each of its blanks, in readers every
  // start script, config and list meets: a Dockerfile's line end (`\s+$`), an ECS/Kubernetes
  // environment list's start (`-?\s*env:`), a list's emoji shortcodes (`:fire:`) and check marks
  // after blanks: 80,000 blanks then a word cost 3-39 s, these 400,000 minutes each. And a
  // `metadata:` block's search for `name:` (kubernetes-manifests.ts) was exponential in its lines:
  // 20 lines of `   a` took five minutes. The timeout is the clock.
  it('a run of 400,000 blanks in a start script, a list, a Dockerfile; 40 lines under `metadata:`', async () => {
    const blanks = ' '.repeat(400_000);
    const script = `#!/bin/sh\npython runserver.py -a ptc -u alice01 -p ${SECRET}\n${blanks}!\n`;
    const list = `alice01:${SECRET}\nbob0002:${SECRET}\n:${blanks}!\ncarol03:${SECRET}\n`;
    const docker = `FROM python:2.7\nENV A=b${blanks}!\nCMD ["python", "runserver.py", "-u", "alice01", "-p", "${SECRET}"]\n`;
    for (const [name, text] of [['start.sh', script], ['list.txt', list], ['Dockerfile', docker]] as const) {
      const o = await outcome(name, Buffer.from(text));
      if (o instanceof DumpError) throw o;
      expect(o.accounts.map((a) => [a.username, a.password]), name).toContainEqual(['alice01', SECRET]);
    }
    // A Kubernetes object's fragment (no apiVersion:) whose name: comes after 40 lines, and one without a name:.
    const fragment = (name: string) => `metadata:\n${'   a: b c\n'.repeat(40)}${name}stringData:\n  USERNAME: dbadmin01\n  PASSWORD: ${SECRET}\n`;
    const named = await outcome('values.yml', Buffer.from(fragment('').replace('metadata:\n', 'metadata:\n  name: db\n')));
    expect(named instanceof DumpError ? named.message : named.accounts).toMatch(/no accounts|Kubernetes/i);
    const unnamed = await outcome('values.yml', Buffer.from(fragment('')));
    for (const s of said(unnamed)) expect(s).not.toContain(SECRET);
  });

  // Patterns that read on to the end from each opening of a thing that never closes (each case's
  // cost before the fix, in CPU on the 2-core machine): HTML's tags in every page and mail's HTML
  // part (512 KB of `<`, about 2 minutes), its `<style>` (2 MB of `<style`, about 2 minutes), an
  // App.config's `<!--` (1 MB, about 1.5 minutes), a settings key's `:` before a run of tabs on a
  // list's line (256 KB, about 3 minutes), a
  // blank-separated account's words split at each character (below). Each reads its account here; the test's timeout is the clock.
  it('openings that never close, in pages, mails, configs and lists', async () => {
    const kb = 1 << 10;
    const page = (junk: string) => `<html><body><p>alice01:${SECRET}</p>${junk}</body></html>`;
    const cases: Array<[string, string]> = [
      ['page.html', page('<'.repeat(512 * kb))],
      ['page.html', page('<style'.repeat((2048 * kb) / 6))],
      ['mail.eml', `From: s@x.example\nSubject: accounts\nContent-Type: text/html\n\n${page('<'.repeat(512 * kb))}`],
      ['dump.txt', `alice01:${SECRET}\nbob0002:${SECRET}\nA:${'\t'.repeat(256 * kb)}x\ncarol03:${SECRET}\n`],
      // a word, a blank, then a word of 128 KB with no blank after it (`0`, a tab, `,0x0x...`): about 10 minutes
      ['dump.txt', `alice01:${SECRET}\nbob0002:${SECRET}\n0\t,${'0x'.repeat(64 * kb)} \ncarol03:${SECRET}\n`],
    ];
    for (const [name, text] of cases) {
      const o = await outcome(name, Buffer.from(text));
      expect(o instanceof DumpError ? o.message : o.accounts.map((a) => [a.username, a.password])[0], text.slice(-40, -20)).toEqual(['alice01', SECRET]);
    }
    const setting = (key: string, value: string) => `<setting name="${key}" serializeAs="String"><value>${value}</value></setting>`;
    const appConfig = `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n<userSettings>\n<PokemonGo.RocketAPI.Console.UserSettings>\n${setting('AuthType', 'Ptc')}\n${setting('PtcUsername', 'alice01')}\n${setting('PtcPassword', SECRET)}\n<!-- ${setting('PtcUsername', 'commented')} -->\n</PokemonGo.RocketAPI.Console.UserSettings>\n</userSettings>\n</configuration>\n${'<!--'.repeat(256 * kb)}\n`;
    const o = await outcome('App.config', Buffer.from(appConfig));
    expect(o instanceof DumpError ? o.message : [o.format, o.accounts.map((a) => [a.username, a.password])]).toEqual(['dotnet-app-config', [['alice01', SECRET]]]);
  });

  // Tags opened and never closed, nested (`<table><tr><td>` repeated): htmlparser2's stack of open
  // elements and domutils' `findAll` cost the depth at each step, so a 2 MB page took minutes
  // (512 KB: 10 s). Refused past 512 deep (html-depth.ts), naming the line; the timeout is the clock.
  it('elements nested thousands deep: refused by the line of the tag past the cap', async () => {
    const nested = '<table><tr><td>'.repeat((2048 << 10) / 15);
    const o = await outcome('page.html', Buffer.from(`<html>\n<body>\n<p>alice01:${SECRET}</p>\n${nested}</body></html>`));
    expect(o).toBeInstanceOf(DumpError);
    expect((o as DumpError).line).toBe(4);
    expect((o as DumpError).message).toContain('nested more than 512 deep');
    expect((o as DumpError).message).not.toContain(SECRET);
    const mail = await outcome('mail.eml', Buffer.from(`From: s@x.example\nSubject: accounts\nContent-Type: text/html\n\n<p>alice01:${SECRET}</p>\n${nested}`));
    expect(mail instanceof DumpError ? mail.message : 'read').toContain('nests elements more than 512 deep');
  });

  // Parsers that recurse stop where their stack ends, and the readers said "syntax error" (acorn,
  // py-ast), "could not be parsed" (mailparser) or handed the file to a list reader (yaml). Each is
  // now refused for its depth, naming the line where the file has one (a mail's parts have none).
  it('nested past what a parser reads: refused for its depth, naming the line', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    // mailparser stops at 1,000 parts, nested or side by side alike (side by side costs less here)
    const mime = (n: number) => `From: s@x.example\nSubject: accounts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n${'--b\nContent-Type: text/plain\n\nx\n'.repeat(n - 1)}--b\nContent-Type: text/plain\n\nalice01:${SECRET}\n--b--\n`;
    const cases: Array<[string, string, number | undefined, string]> = [
      ['config.js', `module.exports = {\n  accounts: [{username: 'alice01', password: '${SECRET}', provider: 'ptc'}],\n  x: ${deep(2000)}\n};\n`, 3, 'deeper than the JavaScript parser reads'],
      ['config.py', `ACCOUNTS = [\n    ('alice01', '${SECRET}', 'ptc'),\n    ${deep(201)},\n]\n`, 3, 'nests brackets more than 200 deep'],
      ['print.txt', `{'alice01': {'username': 'alice01',\n 'password': '${SECRET}', 'provider': 'ptc', 'x': ${deep(300)}}}\n`, 2, 'nests brackets more than 200 deep'],
      ['mail.eml', mime(1001), undefined, 'holds more than 1,000 MIME parts'],
      ['config.yml', `login:\n  auth_service: ptc\n  username: alice01\n  password: ${SECRET}\nx: ${deep(65)}\n`, 5, 'nests [ and { more than 64 deep'],
      ['config.yaml', `scan: x\nworkers:\n  - username: alice01\n    password: ${SECRET}\nx: ${deep(100)}\n`, 5, 'nests [ and { more than 64 deep'],
      // A Kubernetes manifest: its envFrom Secret was parsed by the yaml package, whatever its depth.
      ['bot.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: login\nstringData:\n  USERNAME: alice01\n  PASSWORD: ${SECRET}\n  X: ${deep(65)}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bot\nspec:\n  containers:\n    - name: bot\n      image: benmag/pokemongo-bot\n      envFrom:\n        - secretRef:\n            name: login\n`, 8, 'a Kubernetes manifest that nests [ and { more than 64 deep'],
    ];
    for (const [name, text, line, said] of cases) {
      const o = await outcome(name, Buffer.from(text));
      expect(o instanceof DumpError ? [o.line, o.message] : o.format, name).toEqual([line, expect.stringContaining(said)]);
      expect((o as DumpError).message).not.toContain(SECRET);
    }
    // Python's own cap is 200 open brackets: a string's or a comment's brackets are text.
    const text = `ACCOUNTS = [\n    ('alice01', '${SECRET}', 'ptc'),\n    ('bob0002', '${'['.repeat(210)}', 'ptc'),\n]\n# ${'('.repeat(300)}\n`;
    const read = await outcome('config.py', Buffer.from(text));
    expect(read instanceof DumpError ? read.message : read.accounts.map((a) => a.username)).toEqual(['alice01', 'bob0002']);
  });

  // A table's rows with no header were each asked whether a whole-account column starts there, by
  // reading every row below: `<tr><td>x` repeated, 192 KB took 8 s and 512 KB minutes; `<tr><td>Accounts`
  // (a whole-account header's word) read each row's cells once per row above it.
  it('a table\'s rows are read once each, not once per row above them', async () => {
    for (const cell of ['Accounts', 'x']) {
      const page = `<html><body><p>alice01:${SECRET}</p><table>${`<tr><td>${cell}`.repeat(500)}</table></body></html>`;
      const before = rowReads.count;
      const o = await outcome('page.html', Buffer.from(page));
      expect(o instanceof DumpError ? o.message : o.accounts.map((a) => a.username)).toEqual(['alice01']);
      expect(rowReads.count - before, cell).toBeLessThanOrEqual(2 * 500);
    }
  });

  it('10,000 columns', async () => {
    const cols = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    const wide = [
      `username,password,${cols.join(',')}\nu1,p1,${cols.join(',')}\n`,
      `ptc,u1,${cols.join(',')}\n`,
      `u1:${cols.join(':')}\nu2:${cols.join(':')}\n`,
      `u1\t${cols.join('\t')}\n`,
    ];
    for (const w of wide) {
      const o = await outcome('wide.txt', Buffer.from(w));
      if (!(o instanceof DumpError)) expect(o.accounts.length + o.rejected.length).toBeGreaterThan(0);
    }
  });

  it('a start script of 60,000 `-u NAME -p PASS` on one line reads every pair, in time about linear in the line', async () => {
    // Each `-p` copied every password gathered before it (rocketmap-command.ts commandRoles): 20,000
    // pairs took ~9 s, 60,000 past this file's timeout; appended in place, 60,000 take well under a second.
    const n = 60_000;
    const line = `python runserver.py -a ptc${Array.from({ length: n }, (_, i) => ` -u user${i} -p Passw${i}!x`).join('')}\n`;
    const o = await outcome('start.sh', Buffer.from(line));
    if (o instanceof DumpError) throw o;
    expect(o.accounts).toHaveLength(n);
    expect([o.accounts[0]!, o.accounts[n - 1]!].map((a) => [a.username, a.password])).toEqual([['user0', 'Passw0!x'], [`user${n - 1}`, `Passw${n - 1}!x`]]);
  });

  // A start script's line that says it is an example (`# usage: python runserver.py ...`,
  // rocketmap-command.ts EXAMPLE_LEAD) was matched with three `\s*` in a row around an optional
  // `:` and backquote: a run of blanks after the word was split every way at once (cubic), so
  // 1,000 blanks cost 2.5 s and 4,000 (a 4 KB script) minutes. The timeout is the clock.
  it('a start script whose comment says usage, then a long run of blanks, reads its account', async () => {
    for (const blank of [' ', '\t']) {
      const script = `#!/bin/sh\n# usage${blank.repeat(20_000)}sudo python runserver.py -u alice01 -p x\npython runserver.py -a ptc -u alice01 -p ${SECRET}\n`;
      const o = await outcome('start.sh', Buffer.from(script));
      if (o instanceof DumpError) throw o;
      expect(o.accounts.map((a) => [a.username, a.password])).toContainEqual(['alice01', SECRET]);
    }
  });

  it('no reader spreads an array a dump makes into a call (push(...x), Math.min(...x)): past ~120,000 items V8 throws a RangeError naming no line', () => {
    // A RocketMap config line of a megabyte (`username: [u, u, ...]`) and 140,000 `-u NAME` on one
    // start-script line failed so (stop 59). src/formats/long-arrays.ts appends and compares in loops.
    const root = fileURLToPath(new URL('../../src/formats/', import.meta.url));
    const SPREAD_CALL = /(?:\.(?:push|unshift|splice)|Math\.(?:min|max)|fromCharCode)\((?:[^(){}[\]]*,\s*)?\.\.\./;
    // Spreads of a fixed few items: two role names, an xz index record's two numbers.
    const FIXED = ['lists/column-roles.ts', 'archives/archive-xz-sha256.ts'];
    const found = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !FIXED.includes(f.replaceAll('\\', '/')))
      .flatMap((f) => readFileSync(root + f, 'utf8').split('\n').map((l, i) => [`${f}:${i + 1}`, l] as const))
      .filter(([, l]) => !/^\s*(?:\/\/|\/?\*)/.test(l) && SPREAD_CALL.test(l))
      .map(([at]) => at);
    expect(found).toEqual([]);
  });
});
