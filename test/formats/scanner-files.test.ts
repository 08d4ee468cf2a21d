// The files we write, read the way the scanners read them: RocketMap's -ac and -hlvl parsers,
// RealDeviceMap's Add Accounts, Flygon's POST /api/accounts/, pogoAccountServer's accounts.txt, madmin's /api/pogoauth,
// Dragonite's admin import,
// PGScout's and PGNumbra's accounts files (the same `auth,user,pass` lines), Monocle's
// csv.DictReader and its forks' import_accounts.py, jdggraaf/RocketMap's tools, run in Python by test/helpers/scanner_read.py (rules from their source, cited
// there). None of the first four unquotes: the accounts one of them would misread are exactly the
// ones rocketmapProblem names, and allocate leaves those out (test/allocate/left-out.test.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MONOCLE_HEADER, monocleProblem, writeMonocle } from '../../src/formats/tools/monocle.js';
import { rocketmapFirstLineWarning, rocketmapProblem, writeRocketmap } from '../../src/formats/tools/rocketmap.js';
import { PYTHON_SPACE_AT_EDGE } from '../../src/formats/python-space.js';
import { writeCsv } from '../../src/formats/csv.js';
import type { Account } from '../../src/model.js';
import { rdmProblem, writeRdm } from '../../src/formats/tools/rdm.js';
import { FlygonBody, flygonProblem, writeFlygon } from '../../src/formats/tools/flygon.js';
import { pogoaccountserverProblem, writePogoaccountserver } from '../../src/formats/tools/pogoaccountserver.js';
import { madProblem, writeMad } from '../../src/formats/tools/mad.js';
import { dragoniteProblem, writeDragonite } from '../../src/formats/tools/dragonite.js';
import { BatchLevels, NOT_PTC } from '../../src/formats/tools/successor-accounts.js';
import { pieceWriter } from '../../src/formats/writers.js';
import { pythonSpaces, scannerRead } from '../helpers/scanner-read.js';
import { testdir } from '../helpers/testdir.js';

function account(username: string, password: string, extra: Partial<Account> = {}): Account {
  return { username, password, provider: 'ptc', level: 30, state: 'ok', added_at: '2026-11-01T00:00:00.000Z', seq: 1, ...extra };
}

// What the done-when of issue 15 names (`,` `"` `'` `#` `;` spaces, unicode), and what RocketMap's
// str.strip() and line reading do to the ends and middles of a field.
const PASSWORDS = [
  'plain', 'a,b', 'x"y', 'a"b,c', 'pw,', ',pw', '"quoted"', '"', 'x"y', '""', "it's", '#hash', 'hash#', 'semi;colon', 'in side', ' lead', 'trail ', '  ',
  '日本語🔑', 'é-ß-Ω', '\tTab', 'tab\t', 'mid\tdle', '\u00a0nbsp', 'nbsp\u00a0', '\u3000ideo', 'in\u00a0side', '\u200bzero-width', '\ufeffbom',
  '\x1cfs', 'a\rb', 'a\nb', 'a\r\nb', 'pw\r', '\u2028ls', 'mid\u2028dle', '\u0085nel', 'mid\u0085dle', 'a:b', 'a=b|c\\d',
  // Where PGScout's codecs reader (tomballgithub/PGScout-1) ends a line, and what Python 2.7 strips that Python 3 keeps.
  'mid\u2029dle', 'mid\x0bdle', 'mid\x0cdle', 'mid\x1ddle', 'mid\x1fdle', '\u180emvs', 'mvs\u180e', 'in\u180eside',
  // What a spreadsheet would run as a formula: every scanner reads it as it is, and nothing of ours escapes it (formula-cells.ts).
  '=lead', '=HYPERLINK("x")', '+plus', '-minus', '@at', '=a,b',
];

/**
 * The readers of a rocketmap file: RocketMap's -ac and -hlvl, PGScout's (its forks) and PGNumbra's
 * (rakuuhwa's, ngovil21's) accounts files, PGPool's pgpool-import.py, and the checkers
 * PoGoAccountCheck's banned.py -f (sebastienvercammen's, as weizh888/PoGoAccountCheck keeps it) and
 * KartulUdus/PoTatoCheck's logincheck.py -ac.
 */
const ROCKETMAP_READERS = ['rocketmap-ac', 'rocketmap-hlvl', 'pgscout-utf8', 'pgpool-import', 'python2-bytes', 'pgnumbra-ngovil21', 'pogoaccountcheck', 'potatocheck'] as const;

describe('RocketMap, PGScout, PGNumbra, PGPool, PoGoAccountCheck and PoTatoCheck read our rocketmap files', () => {
  it('give back exactly every account rocketmapProblem lets through, and one of them misreads or refuses every one it names', async () => {
    const dir = await testdir();
    // What a writer that does not quote would put on the line, one file per password.
    const files = await Promise.all(
      PASSWORDS.map(async (password, i) => {
        const file = join(dir, `one-${i}.csv`);
        await writeFile(file, `ptc,user${i},${password}\n`);
        return file;
      }),
    );
    const reads = await Promise.all(ROCKETMAP_READERS.map((mode) => scannerRead(mode, files)));
    PASSWORDS.forEach((password, i) => {
      const exact = JSON.stringify([{ provider: 'ptc', username: `user${i}`, password }]);
      const readBack = reads.every((read) => JSON.stringify(read[i]!.accounts) === exact);
      const problem = rocketmapProblem({ username: `user${i}`, password });
      expect(problem === undefined, `${JSON.stringify(password)}: ${problem ?? 'carried'}; ${ROCKETMAP_READERS.join(', ')} read ${JSON.stringify(reads.map((read) => read[i]))}`).toBe(readBack);
      if (problem === undefined) expect(writeRocketmap([account(`user${i}`, password)])).toBe(`ptc,user${i},${password}\n`);
      else expect(() => writeRocketmap([account(`user${i}`, password)])).toThrow(`cannot write account user${i} for RocketMap: ${problem}`);
    });
    // The refusals name the field and the kind of character, never the password.
    expect(rocketmapProblem({ username: 'u', password: 'a,b' })).toBe('its password contains a comma');
    expect(rocketmapProblem({ username: 'u', password: 'a\rb' })).toBe('its password contains a line break');
    expect(rocketmapProblem({ username: 'u', password: '\u3000ideo' })).toBe('its password starts or ends with a blank');
    expect(rocketmapProblem({ username: 'u', password: 'mid\u2028dle' })).toBe('its password contains a line break');
    expect(rocketmapProblem({ username: 'u', password: 'mvs\u180e' })).toBe('its password starts or ends with a blank');
  });

  it('reads a whole written file, as -ac, as -hlvl, as PGScout, as PGNumbra, as pgpool-import.py, as banned.py and as logincheck.py, account for account', async () => {
    const carried = PASSWORDS.filter((p) => rocketmapProblem({ username: 'u', password: p }) === undefined);
    const accounts = carried.map((p, i) => account(`user${i}`, p, { provider: i % 3 === 0 ? 'google' : 'ptc' }));
    const file = join(await testdir(), 'accounts.csv');
    await writeFile(file, writeRocketmap(accounts));
    const expected = accounts.map((a) => ({ provider: a.provider, username: a.username, password: a.password }));
    const reads = await Promise.all(ROCKETMAP_READERS.map((mode) => scannerRead(mode, [file])));
    reads.forEach((read, i) => expect(read[0], ROCKETMAP_READERS[i]).toEqual({ accounts: expected }));
    expect(carried).toEqual(expect.arrayContaining(['"quoted"', "it's", '#hash', 'semi;colon', 'in side', '日本語🔑', '\ufeffbom', 'mid\tdle', 'in\u180eside', '=lead', '=HYPERLINK("x")', '+plus', '-minus', '@at']));
  });

  it("strips exactly what Python's str.strip() strips, and U+180E, which Python 2.7's unicode.strip() strips too", async () => {
    // Python 2.7's Unicode 5.2 had U+180E as a space (checked with Python 2.7.18); PGScout-1 strips with it.
    const python = [...(await pythonSpaces()), 0x180e].sort((a, b) => a - b);
    const ours: number[] = [];
    for (let c = 0; c <= 0x10ffff; c++) if (PYTHON_SPACE_AT_EDGE.test(String.fromCodePoint(c))) ours.push(c);
    expect(ours).toEqual(python);
  });
});

describe('Monocle reads our monocle files', () => {
  /** Noctem/Monocle's csv.DictReader, and its forks' import_accounts.py (Hydro74000/Monocle) re-importing an account it holds. */
  const MONOCLE_READERS = ['monocle', 'monocle-import'] as const;

  it('give back exactly every account monocleProblem lets through, and one of them misreads every one it names', async () => {
    const dir = await testdir();
    // What the writer puts in the file, the check left aside, one file per password.
    const files = await Promise.all(
      PASSWORDS.map(async (password, i) => {
        const file = join(dir, `one-${i}.csv`);
        await writeFile(file, writeCsv([[`user${i}`, password, 'ptc', '', '', '']], MONOCLE_HEADER));
        return file;
      }),
    );
    const reads = await Promise.all(MONOCLE_READERS.map((mode) => scannerRead(mode, files)));
    PASSWORDS.forEach((password, i) => {
      const exact = JSON.stringify([{ username: `user${i}`, password, provider: 'ptc', model: '', iOS: '', id: '' }]);
      // The forks' MonocleDialect sets no doublequote (Python takes it as False): a quote doubled inside a
      // quoted cell reads as two there. Not left out (Monocle itself reads it exactly): see docs/scanners.md.
      const readers = password.includes('"') ? reads.slice(0, 1) : reads;
      const readBack = readers.every((read) => JSON.stringify(read[i]!.accounts) === exact);
      const problem = monocleProblem(account(`user${i}`, password));
      expect(problem === undefined, `${JSON.stringify(password)}: ${problem ?? 'carried'}; read ${JSON.stringify(reads.map((read) => read[i]))}`).toBe(readBack);
    });
    expect(monocleProblem(account('u', 'pw,'))).toBe('its password starts or ends with a blank or a comma');
    expect(monocleProblem(account('u', '\u3000ideo'))).toBe('its password starts or ends with a blank or a comma');
    expect(() => writeMonocle([account('u', ' lead')])).toThrow('cannot write account u for Monocle: its password starts or ends with a blank or a comma');
    // Python 3 keeps U+180E (a space only in Python 2.7's Unicode).
    expect(monocleProblem(account('u', 'mvs\u180e'))).toBeUndefined();
    // What the forks make of a quote: the known difference the docs name.
    expect(reads[1]![PASSWORDS.indexOf('x"y')]!.accounts![0]!.password).toBe('x"y"');
  });

  it('reads a whole written file, devices and quoted models included, account for account', async () => {
    const carried = PASSWORDS.filter((p) => monocleProblem(account('u', p)) === undefined);
    expect(carried).toEqual(expect.arrayContaining(['a,b', 'in side', 'a\nb', '日本語🔑', "it's", '#hash', '\ufeffbom', 'mvs\u180e', '=lead', '=HYPERLINK("x")', '@at', '=a,b']));
    const accounts = carried.map((p, i) =>
      account(`user${i}`, p, i % 2 === 0 ? { device: { model: 'iPhone9,3', ios: '10.3.3', id: `${i}`.padStart(32, 'a') } } : { provider: 'google' }),
    );
    const file = join(await testdir(), 'accounts.csv');
    await writeFile(file, writeMonocle(accounts));
    const rows = accounts.map((a) => ({ username: a.username, password: a.password, provider: a.provider, model: a.device?.model ?? '', iOS: a.device?.ios ?? '', id: a.device?.id ?? '' }));
    expect((await scannerRead('monocle', [file]))[0]).toEqual({ accounts: rows });
    const quoteless = rows.filter((row) => !row.password!.includes('"'));
    expect((await scannerRead('monocle-import', [file]))[0]!.accounts!.filter((row) => !row.password!.includes('"'))).toEqual(quoteless);
  });

  it('refuses a carriage return, which Monocle would read as a line feed', async () => {
    for (const password of ['a\rb', 'a\r\nb', 'pw\r']) expect(monocleProblem(account('u', password))).toBe('its password contains a carriage return');
    expect(monocleProblem(account('u', 'a\0b'))).toBe('its password contains a NUL character');
    expect(() => writeMonocle([account('u', 'a\rb')])).toThrow('cannot write account u for Monocle: its password contains a carriage return');
    // What a writer without the check would produce, and what Monocle makes of it.
    const file = join(await testdir(), 'accounts.csv');
    await writeFile(file, writeCsv([['u', 'a\rb', 'ptc', '', '', '']], MONOCLE_HEADER));
    expect((await scannerRead('monocle', [file]))[0]!.accounts![0]!.password).toBe('a\nb');
  });
});

describe("jdggraaf/RocketMap's tools (accounts.py AccountManager.load_accounts) read our files", () => {
  // Its accountloader.py, blindCheck.py, levelup.py and lureparty.py take `-ac FILE` and tell the
  // file's kind from its first line alone: `username` and `password` both in it, a Monocle CSV
  // (csv.DictReader); else not starting with ptc or google, Selly's user:pass lines; else
  // RocketMap's -ac lines (test/helpers/scanner_read.py, mode jdggraaf).
  const stored = (a: Account, device = false) => ({
    username: a.username, password: a.password, provider: a.provider,
    model: device ? (a.device?.model ?? '') : null, iOS: device ? (a.device?.ios ?? '') : null, id: device ? (a.device?.id ?? '') : null,
  });

  it('reads a rocketmap file and a monocle file we write, account for account', async () => {
    const dir = await testdir();
    const rocketmapAccounts = PASSWORDS.filter((p) => rocketmapProblem({ username: 'u', password: p }) === undefined).map((p, i) => account(`user${i}`, p, { provider: i % 3 === 0 ? 'google' : 'ptc' }));
    const monocleAccounts = PASSWORDS.filter((p) => monocleProblem(account('u', p)) === undefined).map((p, i) =>
      account(`user${i}`, p, i % 2 === 0 ? { device: { model: 'iPhone9,3', ios: '10.3.3', id: `${i}`.padStart(32, 'a') } } : { provider: 'google' }),
    );
    const [rocketmapFile, monocleFile] = [join(dir, 'rm.csv'), join(dir, 'monocle.csv')];
    await writeFile(rocketmapFile, writeRocketmap(rocketmapAccounts));
    await writeFile(monocleFile, writeMonocle(monocleAccounts));
    const [rm, mono] = await scannerRead('jdggraaf', [rocketmapFile, monocleFile]);
    expect(rm).toEqual({ accounts: rocketmapAccounts.map((a) => stored(a)) });
    expect(mono).toEqual({ accounts: monocleAccounts.map((a) => stored(a, true)) });
  });

  it('an account whose line holds "username" and "password" is never written first, where it would be read as the header', async () => {
    const dir = await testdir();
    const first = account('theusername7', 'mypassword1'); // the least recently used, first in line
    const others = [account('ash01', 'Pw1'), account('misty02', 'Pw2', { provider: 'google' })];
    const [asGiven, written] = [join(dir, 'as-given.csv'), join(dir, 'accounts.csv')];
    await writeFile(asGiven, [first, ...others].map((a) => `${a.provider},${a.username},${a.password}\n`).join(''));
    await writeFile(written, writeRocketmap([first, ...others]));
    const [[misread, read], [rocketmap]] = await Promise.all([scannerRead('jdggraaf', [asGiven, written]), scannerRead('rocketmap-ac', [written])]);
    expect(misread!.error).toMatch(/without a username/); // the other lines keyed by the first: the tool stops
    // The one moved is the first that is safe; RocketMap itself (line by line) reads the same order.
    expect(read!.accounts!.map((a) => a.username)).toEqual(['ash01', 'theusername7', 'misty02']);
    expect(rocketmap!.accounts!.map((a) => a.username)).toEqual(['ash01', 'theusername7', 'misty02']);
    // Lines that would all read as a header: no order helps, the order is kept.
    const all = [first, account('username2', 'password2')];
    expect(writeRocketmap(all)).toBe('ptc,theusername7,mypassword1\nptc,username2,password2\n');
  });

  it('when every line holds both words no file of RocketMap lines is read right: the operator is told, and the monocle file is', async () => {
    // Their first line must start with ptc or google (else Selly's user:pass lines), which every
    // other reader takes for an account: each of ours. A comment, a blank line or a BOM first: Selly.
    const dir = await testdir();
    const all = [account('theusername01', 'mypassword1'), account('misty', 'username-password', { provider: 'google' })];
    const files = ['rm.csv', 'comment-first.csv', 'monocle.csv'].map((name) => join(dir, name));
    await writeFile(files[0]!, writeRocketmap(all));
    await writeFile(files[1]!, `# accounts\n${writeRocketmap(all)}`);
    await writeFile(files[2]!, writeMonocle(all));
    const [asRocketmap, commentFirst, monocle] = await scannerRead('jdggraaf', files);
    expect(asRocketmap!.accounts?.map((a) => a.username) ?? asRocketmap!.error).not.toEqual(['theusername01', 'misty']);
    expect(commentFirst!.accounts?.map((a) => a.password) ?? commentFirst!.error).not.toEqual(['mypassword1', 'username-password']);
    expect(monocle).toEqual({ accounts: all.map((a) => stored(a, true)) });
    const warning = rocketmapFirstLineWarning(all)!;
    expect(warning).toMatch(/all 2 lines .*jdggraaf\/RocketMap's tools \(accountloader\.py, blindCheck\.py, levelup\.py, lureparty\.py -ac\).*--format monocle/);
    expect(warning).not.toMatch(/mypassword1|username-password|theusername01/);
    // One line that does not hold both: it goes first and nothing is said.
    expect(rocketmapFirstLineWarning([...all, account('brock', 'Pw3')])).toBeUndefined();
  });
});

/** A VARCHAR(n) column filled by `INSERT IGNORE`: a longer value cut to n code points (a warning, not an error). */
const column = (value: string, size: number) => [...value].slice(0, size).join('');
/** Text through UTF-8 (a file, a form, Go's decoder): half a surrogate pair becomes U+FFFD. */
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/**
 * RealDeviceMap's dashboard Add Accounts, the file pasted into it, transcribed (RealDeviceMap/RealDeviceMap f82f1a7,
 * Sources/RealDeviceMapLib/Web/WebRequestHandler.swift addAccounts, line 3892): the browser sends
 * the text area with every line break as CRLF (HTML's textarea normalises a lone CR too); RDM
 * deletes `<br>`, makes CRLF LF and `;` `:` commas, splits on LF then on `,`, keeps a row of
 * exactly two fields trimmed of `.whitespaces` (Unicode Zs and tab), neither empty; then
 * Modell/Account.swift insertAccountBatch's INSERT IGNORE into varchar(32) columns (migrations/12.sql).
 */
function rdmRead(file: string): { username: string; password: string }[] {
  const sent = utf8(file).replace(/\r\n|\r|\n/g, '\r\n');
  const text = sent.replaceAll('<br>', '').replace(/\r\n/g, '\n').replaceAll(';', ',').replaceAll(':', ',');
  const trim = (field: string) => field.replace(/^[\p{Zs}\t]+|[\p{Zs}\t]+$/gu, '');
  const accounts: { username: string; password: string }[] = [];
  for (const row of text.split('\n')) {
    const fields = row.split(',');
    if (fields.length !== 2) continue;
    const [username, password] = fields.map(trim) as [string, string];
    if (username.length > 0 && password.length > 0) accounts.push({ username: column(username, 32), password: column(password, 32) });
  }
  return accounts;
}

/**
 * Flygon's POST /api/accounts/, transcribed (UnownHash/Flygon f22d0f8, routes/accounts.go
 * PostAccount line 134): gin's BindJSON, Go's encoding/json (an escaped lone surrogate read as
 * U+FFFD), every account given `default_level`; db/account.go InsertBulkAccounts' INSERT IGNORE
 * into varchar(32) columns (sql/01_init.up.sql).
 */
function flygonRead(body: string): { username: string; password: string; level: number }[] {
  const { accounts, default_level } = JSON.parse(body) as { accounts: { username: string; password: string }[]; default_level: number };
  const go = (value: string) => column(utf8(value), 32);
  return accounts.map((a) => ({ username: go(a.username), password: go(a.password), level: default_level }));
}

/**
 * madmin's POST /api/pogoauth, transcribed (Map-A-Droid/MAD branch async d6dd7b1,
 * mapadroid/madmin/endpoints/api/resources/AbstractResourceEndpoint.py _update_or_create_object):
 * aiohttp's request.json(); a string value whose lower() is `none` or `undefined` becomes None,
 * which the NOT NULL columns refuse (no account: undefined), `true` or `false` becomes 1 or 0;
 * `username` and `password` String(128) (mapadroid/db/model.py SettingsPogoauth), cut past 128
 * (MariaDB's strict mode refuses them instead: a misreading either way).
 */
function madRead(line: string): Record<string, unknown> | undefined {
  const request = JSON.parse(line) as Record<string, unknown>;
  const stored: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(request)) {
    let value = raw;
    if (typeof value === 'string' && ['none', 'undefined'].includes(value.toLowerCase())) value = null;
    else if (typeof value === 'boolean' || (typeof value === 'string' && ['true', 'false'].includes(value.toLowerCase()))) value = value === true || (value as string).toLowerCase() === 'true' ? 1 : 0;
    if (value === null && key !== 'level') return undefined;
    // json.loads keeps an escaped half surrogate pair; pymysql cannot encode it (UnicodeEncodeError: a 400).
    if (typeof value === 'string' && utf8(value) !== value) return undefined;
    stored[key] = typeof value === 'string' ? column(value, 128) : value;
  }
  return stored;
}

/**
 * Dragonite's admin import, transcribed (UnownHash/dragonite-admin
 * client/src/features/account/account-import.tsx as UnownHash/Dragonite-Public 112693e deploys it:
 * `Papa.parse(csv).data.filter(t => t[0] && t[1])`, the first two fields as they are), with
 * PapaParse's defaults as bundled there: a leading U+FEFF dropped; the delimiter guessed on the
 * first 10 rows among `,` tab `|` `;` U+001E U+001F (the steadiest field count, over 1.99 a row;
 * else `,`). Transcribed for the text it guesses `\n` line endings and no quoting in: a `\r` (Papa
 * then guesses `\r` or `\r\n` endings) or a field starting with `"` (read as quoted) is taken as
 * misread (undefined), which for the lines written here it is.
 */
function dragoniteRead(pasted: string): { username: string; password: string }[] | undefined {
  let text = utf8(pasted);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) return undefined;
  const lines = text.split('\n');
  let best: { delimiter: string; delta: number; average: number } | undefined;
  for (const delimiter of [',', '\t', '|', ';', '\x1e', '\x1f']) {
    const rows = lines.slice(0, 10).map((line) => line.split(delimiter).length);
    let delta = 0;
    let previous: number | undefined;
    for (const count of rows) {
      if (previous !== undefined && count > 0) delta += Math.abs(count - previous);
      previous = count;
    }
    const average = rows.reduce((a, b) => a + b, 0) / rows.length;
    if ((best === undefined || delta <= best.delta) && (best === undefined || best.average < average) && average > 1.99) best = { delimiter, delta, average };
  }
  const rows = lines.map((line) => line.split(best?.delimiter ?? ','));
  if (rows.some((fields) => fields.some((field) => field.startsWith('"')))) return undefined;
  return rows.filter((fields) => fields[0] && fields[1]).map(([username, password]) => ({ username: username!, password: password! }));
}

/** Logins to try beside the passwords: what each tool trims, splits on or cuts. */
const USERNAMES = ['None', 'True', '\ufeffbom', '"quoted', 'mid"quote', 'a|b', 'a\x1eb', ' lead', 'trail ', '\u3000ideo', 'a,b', 'a:b', 'a;b', 'x<br>y', 'a\rb', 'tab\t', 'u'.repeat(20), 'u'.repeat(21), 'ü'.repeat(32), 'u'.repeat(33), '日本語🔑'.repeat(8), '\ud800x'];
const LONG_PASSWORDS = ['p'.repeat(32), 'p'.repeat(33), '🔑'.repeat(32), '🔑'.repeat(33), 'p'.repeat(128), 'p'.repeat(129)];
/** What madmin's API turns into None or a number. */
const MADMIN_WORDS = ['None', 'undefined', 'True', 'FALSE', 'nonE', 'Nonetheless', 'true1'];
/** Each [username, password] pair: every password with a plain login, every login with a plain password. */
const PAIRS: [string, string][] = [...[...PASSWORDS, ...LONG_PASSWORDS, ...MADMIN_WORDS, 'x<br>y', 'pw\u2028'].map((p, i): [string, string] => [`user${i}`, p]), ...USERNAMES.map((u): [string, string] => [u, 'pw-plain'])];

describe('RealDeviceMap, Flygon, pogoAccountServer, Map-A-Droid and Dragonite read our rdm, flygon, pogoaccountserver, mad and dragonite files', () => {
  it('rdm: Add Accounts stores exactly every account rdmProblem lets through, and misreads or drops every one it names', () => {
    for (const [username, password] of PAIRS) {
      const problem = rdmProblem({ username, password, provider: 'ptc' });
      // What a writer that never looked would paste: the line as it is.
      const readBack = JSON.stringify(rdmRead(`${username},${password}\n`)) === JSON.stringify([{ username, password }]);
      expect(problem === undefined, `${JSON.stringify([username, password])}: ${problem ?? 'carried'}`).toBe(readBack);
      if (problem === undefined) expect(writeRdm([account(username, password)])).toBe(`${username},${password}\n`);
      else expect(() => writeRdm([account(username, password)])).toThrow(`cannot write account ${username} for RealDeviceMap: ${problem}`);
    }
    expect(rdmProblem({ username: 'u', password: 'semi;colon', provider: 'ptc' })).toBe("its password contains a `,`, `;` or `:`, which RealDeviceMap's form reads as the separator");
    expect(rdmProblem({ username: 'u'.repeat(33), password: 'pw', provider: 'ptc' })).toBe("its login is over the 32 characters RealDeviceMap's account table (varchar(32)) holds");
  });

  it('flygon: the body Flygon binds gives back exactly every account flygonProblem lets through, and misreads every one it names', () => {
    for (const [username, password] of PAIRS) {
      const problem = flygonProblem({ username, password, provider: 'ptc' });
      const naive = JSON.stringify({ accounts: [{ username, password }], default_level: 30 });
      const readBack = JSON.stringify(flygonRead(naive)) === JSON.stringify([{ username, password, level: 30 }]);
      expect(problem === undefined, `${JSON.stringify([username, password])}: ${problem ?? 'carried'}`).toBe(readBack);
      if (problem === undefined) expect(flygonRead(writeFlygon([account(username, password)]))).toEqual([{ username, password, level: 30 }]);
      else expect(() => writeFlygon([account(username, password)])).toThrow(`cannot write account ${username} for Flygon: ${problem}`);
    }
  });

  it('pogoaccountserver: load_accounts_from_file gives back exactly every account pogoaccountserverProblem lets through, and misreads every one it names', async () => {
    const dir = await testdir();
    const files = await Promise.all(
      PAIRS.map(async ([username, password], i) => {
        const file = join(dir, `one-${i}.txt`);
        await writeFile(file, `${username},${password}\n`);
        return file;
      }),
    );
    // The whole file too, several accounts of every kind it carries, in one run of the reader.
    const carried = PAIRS.filter(([username, password]) => pogoaccountserverProblem({ username, password, provider: 'ptc' }) === undefined).map(([u, p]) => account(u, p));
    const whole = join(dir, 'accounts.txt');
    await writeFile(whole, writePogoaccountserver(carried));
    const reads = await scannerRead('pogoaccountserver', [...files, whole]);
    PAIRS.forEach(([username, password], i) => {
      const problem = pogoaccountserverProblem({ username, password, provider: 'ptc' });
      const readBack = JSON.stringify(reads[i]) === JSON.stringify({ accounts: [{ username, password }] });
      expect(problem === undefined, `${JSON.stringify([username, password])}: ${problem ?? 'carried'}; read ${JSON.stringify(reads[i])}`).toBe(readBack);
      if (problem !== undefined) expect(() => writePogoaccountserver([account(username, password)])).toThrow(`cannot write account ${username} for pogoAccountServer: ${problem}`);
    });
    expect(reads.at(-1)).toEqual({ accounts: carried.map((a) => ({ username: a.username, password: a.password })) });
    // Its reader keeps blanks inside the line: only the line's ends are stripped.
    expect(carried.map((a) => a.username)).toEqual(expect.arrayContaining(['trail ', 'u'.repeat(20)]));
    expect(carried.map((a) => a.password)).toEqual(expect.arrayContaining([' lead', 'semi;colon', 'a:b']));
  });

  it('a whole rdm file and a flygon body written in pieces read back account for account, the body at the lowest level', () => {
    const accounts = [account('ash01', 'Pika chu1'), account('misty02', "it's \"x\"#", { level: 31 }), account('brock03', '日本語🔑', { level: 35 })];
    expect(rdmRead(writeRdm(accounts))).toEqual(accounts.map((a) => ({ username: a.username, password: a.password })));
    const expected = accounts.map((a) => ({ username: a.username, password: a.password, level: 30 }));
    // export writes a pool in pieces (some may be empty: every account left out), then the end.
    for (const pieces of [[accounts], [[accounts[0]!], [], accounts.slice(1)], [[], accounts], [[], []]] as Account[][][]) {
      const writer = pieceWriter('flygon');
      const body = pieces.map((piece) => writer.piece(piece)).join('') + writer.end();
      expect(flygonRead(body), JSON.stringify(pieces.map((p) => p.length))).toEqual(pieces.flat().length === 0 ? [] : expected);
    }
    const levels = new BatchLevels();
    levels.add(accounts);
    expect(levels.warning(['Flygon', 'default_level'])).toBe(
      'warning: Flygon gives every account of a batch the one level its default_level says, and these accounts are of several levels (1 of level 30, 1 of level 31, 1 of level 35): write one batch per level (--min-level N --max-level N), or each account takes that one level, whatever its own',
    );
    const one = new BatchLevels();
    one.add([accounts[0]!, accounts[0]!]);
    expect(one.warning(['Flygon', 'default_level'])).toBeUndefined();
  });

  it("mad: madmin's API stores exactly every account madProblem lets through, at its own level and provider, and misreads every one it names", () => {
    for (const [username, password] of PAIRS) {
      const problem = madProblem({ username, password });
      const naive = JSON.stringify({ login_type: 'ptc', username, password, level: 30 });
      const readBack = JSON.stringify(madRead(naive)) === JSON.stringify({ login_type: 'ptc', username, password, level: 30 });
      expect(problem === undefined, `${JSON.stringify([username, password])}: ${problem ?? 'carried'}`).toBe(readBack);
      if (problem !== undefined) expect(() => writeMad([account(username, password)])).toThrow(`cannot write account ${username} for Map-A-Droid: ${problem}`);
    }
    const accounts = [account('ash01', 'Pika, chu;1'), account('gary@gmail.com', 'Nonetheless', { provider: 'google', level: 12 })];
    const lines = writeMad(accounts).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map(madRead)).toEqual([
      { login_type: 'ptc', username: 'ash01', password: 'Pika, chu;1', level: 30 },
      { login_type: 'google', username: 'gary@gmail.com', password: 'Nonetheless', level: 12 },
    ]);
    expect(madProblem({ username: 'u', password: 'True' })).toBe("its password is a word madmin's API reads as null or a boolean (none, undefined, true, false)");
  });

  it("dragonite: its admin's PapaParse import reads exactly every account dragoniteProblem lets through, and misreads the ones it names (a separator Papa may guess: in a batch that sways its guess)", () => {
    for (const [username, password] of PAIRS) {
      const problem = dragoniteProblem({ username, password, provider: 'ptc' });
      const readBack = JSON.stringify(dragoniteRead(`${username},${password}\n`)) === JSON.stringify([{ username, password }]);
      // A `;` `|` tab U+001E U+001F is misread only where enough of the first 10 rows hold it to sway
      // Papa's guess (below); the format leaves every such account out rather than guess along.
      if (problem?.includes('may take for a separator') && !/[,\r\n]/.test(username + password)) expect(readBack).toBe(true);
      else expect(problem === undefined, `${JSON.stringify([username, password])}: ${problem ?? 'carried'}`).toBe(readBack);
      if (problem !== undefined) expect(() => writeDragonite([account(username, password)])).toThrow(`cannot write account ${username} for Dragonite: ${problem}`);
    }
    // Ten rows whose passwords hold one of those twice: Papa splits them there, not at the comma.
    for (const separator of [';', '|', '\t', '\x1e', '\x1f']) {
      const rows = Array.from({ length: 10 }, (_, k) => ({ username: `user${k}`, password: `a${separator}b${separator}c${k}` }));
      expect(dragoniteRead(rows.map((r) => `${r.username},${r.password}\n`).join('')), JSON.stringify(separator)).not.toEqual(rows);
      expect(dragoniteProblem({ ...rows[0]!, provider: 'ptc' })).toBeDefined();
    }
    // A whole file, more than the 10 rows Papa guesses on: blanks and quotes inside kept, never trimmed.
    const carried = PAIRS.filter(([username, password]) => dragoniteProblem({ username, password, provider: 'ptc' }) === undefined).map(([u, p]) => account(u, p));
    expect(carried.length).toBeGreaterThan(10);
    expect(dragoniteRead(writeDragonite(carried))).toEqual(carried.map((a) => ({ username: a.username, password: a.password })));
    expect(carried.map((a) => a.password)).toEqual(expect.arrayContaining([' lead', 'trail ', 'x"y', 'a:b']));
  });

  it('a Google account is left out of rdm, flygon, pogoaccountserver and dragonite: their devices log in with PTC here', () => {
    const google = account('gary@gmail.com', 'eevee12', { provider: 'google' });
    for (const check of [rdmProblem, flygonProblem, pogoaccountserverProblem, dragoniteProblem]) expect(check(google)).toBe(NOT_PTC);
  });
});
