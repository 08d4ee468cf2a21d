// PGPool's `account` table of every schema PGPool made, dumped by the real MariaDB tools
// (test/fixtures/generators/make-pgpool-versions.sh: MariaDB 10.11's mysqldump and mysql, the
// tables made by peewee from each version's Account fields, sLoPPydrive/PGPool pgpool/models.py
// read in codename-art/PGPool's history). peewee puts the primary key first, so the real table
// begins with `username`, then `auth_service`; the first release (751ba3e) ends in
// `awarded_to_level`, schema 2 (71c11db) in `lures`, a first-release table migrated to schema 2
// in both. Each form of each schema must give the same accounts, exactly.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { FIXTURES, fixture, input } from './helpers.js';

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
  it('a row whose password holds a raw tab is rejected by its line, never read with its cells shifted; the others are read', async () => {
    // What `mysql -B -r -N` writes: v2-batch-raw.tsv without its header line.
    const text = fixture(`${DIR}v2-batch-raw.tsv`).text.split('\n').slice(1).join('\n');
    const r = await readDump(input('accounts.tsv', text));
    expect(r.accounts.map((a) => a.username).sort()).toEqual(expected('v2').map((e) => e[0]).filter((u) => u !== 'pgv_brock02').sort());
    const brock = text.split('\n').findIndex((l) => l.startsWith('pgv_brock02')) + 1;
    expect(r.rejected).toContainEqual({ line: brock, reason: "32 cells that are no whole row of PGPool's table (a tab inside a value of mysql -r output?)" });
  });
});
