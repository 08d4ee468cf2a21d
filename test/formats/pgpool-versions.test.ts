// PGPool's `account` table of every schema PGPool made, dumped by the real MariaDB tools
// (test/fixtures/generators/make-pgpool-versions.sh: MariaDB 10.11's mysqldump and mysql, the
// tables made by peewee from each version's Account fields, sLoPPydrive/PGPool pgpool/models.py
// read in codename-art/PGPool's history). peewee puts the primary key first, so the real table
// begins with `username`, then `auth_service`; the first release (751ba3e) ends in
// `awarded_to_level`, schema 2 (71c11db) in `lures`, a first-release table migrated to schema 2
// in both. Each form of each schema must give the same accounts, exactly.
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { FIXTURES, fixture, input } from './helpers.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const DIR = 'pgpool-versions/';
const FILES = readdirSync(FIXTURES + DIR).sort();

const BASE = [
  ['pgv.misty03@gmail.com', 'Stärmïe ßé', 'google', 29, 'warned'],
  ['pgv_ash01', 'Pik4chu!Volt', 'ptc', 30, undefined],
  ['pgv_brock02', "On'ix\\n\\Ro\tck", 'ptc', 31, 'blind'],
  ['pgv_fresh05', 'Fr3sh!new', 'ptc', undefined, undefined],
  ['pgv_surge04', 'Zap#Zap--1', 'ptc', 12, 'temp_banned'],
];
const LT = ['pgv_lt07', 'Lt\u{1F525}Surge雷', 'ptc', 18, undefined];
const expected = (file: string) => (file.startsWith('v2') || file.startsWith('v0v2') ? [...BASE, LT] : BASE);
const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("PGPool's account table of every schema, as MariaDB's own tools dump it", () => {
  it('has every form of every schema', () => {
    expect(FILES.length).toBe(4 * 8);
  });

  it.each(FILES)('%s: every account exactly, the row without a password rejected by its line', async (file) => {
    const r = await readDump(fixture(DIR + file));
    expect(r.format).toMatch(/^pgpool-/);
    expect(sorted(r.accounts.map((a) => [a.username, a.password, a.provider, a.level, a.state]))).toEqual(sorted(expected(file)));
    expect(r.rejected.map((x) => x.reason)).toEqual(['missing password']);
  });

  it.each(FILES)('%s: the held account keeps its scanner, the first release its awarded_to_level, schema 2 its lures', async (file) => {
    const accounts = (await readDump(fixture(DIR + file))).accounts;
    const surge = accounts.find((a) => a.username === 'pgv_surge04')!;
    expect(surge.history).toMatchObject({ served_to: 'rm-worker-3', holder: 'rm-worker-3' });
    const ash = accounts.find((a) => a.username === 'pgv_ash01')!;
    expect(ash.history).toMatchObject({ email: 'pgv_ash01@mail.example', xp: 2400000, team: 'mystic', balls: 120, latitude: 40.7128 });
    const schema = file.split('-')[0];
    if (/noheader|no-create-info/.test(file) && (schema === 'v0' || schema === 'v2')) {
      // 31 cells without names: the first release's awarded_to_level or schema 2's lures, which no row can tell.
      expect(ash.history).toMatchObject({ awarded_to_level_or_lures: schema === 'v0' ? 30 : 3 });
      expect(ash.history).not.toHaveProperty('lures');
      expect(ash.history).not.toHaveProperty('awarded_to_level');
      return;
    }
    if (schema === 'v0' || schema === 'v0v2') expect(ash.history).toMatchObject({ awarded_to_level: 30 });
    else expect(ash.history).not.toHaveProperty('awarded_to_level');
    if (schema === 'v2' || schema === 'v0v2') expect(ash.history).toMatchObject({ lures: 3 });
    else expect(ash.history).not.toHaveProperty('lures');
  });
});

describe('mysql -B -r --skip-column-names: raw values without a header', () => {
  // What `mysql -B -r -N` writes: the real `-B -r` output without its header line (what -N changes).
  const rawBare = (schema: string) => fixture(`${DIR}${schema}-batch-raw.tsv`).text.split('\n').slice(1);
  const lineOf = (lines: string[], user: string) => lines.findIndex((l) => l.startsWith(user)) + 1;

  it.each(['v0', 'v1', 'v0v2', 'v2'])('%s: a password holding a raw tab is joined back, one tab too many and only the password can hold it', async (schema) => {
    const r = await readDump(input('accounts.tsv', rawBare(schema).join('\n')));
    expect(sorted(r.accounts.map((a) => [a.username, a.password, a.provider, a.level, a.state]))).toEqual(sorted(expected(schema)));
    expect(r.rejected.map((x) => x.reason)).toEqual(['missing password']);
  });

  it('the row with the tab first in the file: known by the rows after it', async () => {
    const lines = rawBare('v2');
    const brock = lines.find((l) => l.startsWith('pgv_brock02'))!;
    const r = await readDump(input('accounts.tsv', [brock, ...lines.filter((l) => l !== brock)].join('\n')));
    expect(r.accounts.find((a) => a.username === 'pgv_brock02')?.password).toBe("On'ix\\n\\Ro\tck");
  });

  it('two tabs too many, or a tab that two text columns could hold, is rejected by its line, never read shifted', async () => {
    const lines = rawBare('v2');
    const brock = lineOf(lines, 'pgv_brock02');
    // A second raw tab in the same password: two cells too many.
    const two = lines.map((l) => (l.startsWith('pgv_brock02') ? l.replace('\tck', '\tc\tk') : l));
    let r = await readDump(input('accounts.tsv', two.join('\n')));
    expect(r.accounts.map((a) => a.username)).not.toContain('pgv_brock02');
    expect(r.rejected).toContainEqual({ line: brock, reason: "33 cells that are no whole row of PGPool's table (a tab inside a value of mysql -r output?)" });
    // A tab in ash's password and an e-mail beside it: the password's tab or the e-mail's, no row can tell.
    const ash = lineOf(lines, 'pgv_ash01');
    const both = lines.map((l) => (l.startsWith('pgv_ash01') ? l.replace('Pik4chu!Volt\t', 'Pik4chu\t!Volt\t') : l));
    r = await readDump(input('accounts.tsv', both.join('\n')));
    expect(r.accounts.map((a) => a.username)).not.toContain('pgv_ash01');
    expect(r.rejected).toContainEqual({ line: ash, reason: "32 cells that are no whole row of PGPool's table (a tab inside a value of mysql -r output?)" });
  });
});

describe('mysql -B -r whose only backslash stands before t: raw or escaped, the file cannot tell', () => {
  // The real v2 -B -r output with brock's row left out (its `\R` shows the file raw) and ash's
  // password holding a backslash and t, which -r writes as they are (MySQL reference manual, mysql --raw).
  const RAW_PASSWORD = 'Pik4\\tchu!Volt';
  const lines = fixture(`${DIR}v2-batch-raw.tsv`)
    .text.split('\n')
    .filter((l) => !l.startsWith('pgv_brock02'))
    .map((l) => l.replace('Pik4chu!Volt', RAW_PASSWORD));
  const ash = lines.findIndex((l) => l.startsWith('pgv_ash01')) + 1;

  it('keeps the bytes: the password is the backslash and t, never a tab', async () => {
    const r = await readDump(input('accounts.tsv', lines.join('\n')));
    expect(r.accounts.find((a) => a.username === 'pgv_ash01')?.password).toBe(RAW_PASSWORD);
    expect(r.notes).toEqual([`line ${ash}: a backslash before t, and nothing else in the file tells mysql -B's escaped output (a tab) from mysql -B -r's raw output (a backslash and t): read as raw, the backslash kept; to be sure, export again with mysql -B -r`]);
  });

  it('an escaped backslash elsewhere in the file tells it escaped: then \\t is a tab, and no note', async () => {
    const escaped = lines.map((l) => l.replace('Zap#Zap--1', 'Zap\\\\Zap--1'));
    const r = await readDump(input('accounts.tsv', escaped.join('\n')));
    expect(r.accounts.find((a) => a.username === 'pgv_ash01')?.password).toBe('Pik4\tchu!Volt');
    expect(r.accounts.find((a) => a.username === 'pgv_surge04')?.password).toBe('Zap\\Zap--1');
    expect(r.notes).toBeUndefined();
  });

  it('import --dry-run says so, quoting no password', async () => {
    const pool = await makePool(4);
    const file = join(pool.base, 'accounts.tsv');
    await writeFile(file, lines.join('\n'));
    const dry = await cli(['import', file, '--dry-run', '--level', '1', ...pool.args]);
    expect(dry.stdout).toContain(`  note: line ${ash}: a backslash before t, and nothing else in the file tells`);
    expect(dry.stdout + dry.stderr).not.toContain('Pik4');
  });
});
