// PGPool's account table as mysqldump, `mysql -B` and `mysql -t` write it (the fixtures are those tools'
// own output; test/fixtures/generators/make-pgpool-fixtures.sh): every form gives the same
// accounts, with PGPool's verdicts as ours and its other columns kept.
import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { fixture, input } from './helpers.js';
import { toPgpoolAccount } from '../../src/server/pgpool-account.js';
import { DEFAULT_CONFIG } from '../../src/config.js';

const FORMS = ['pgpool-account.sql', 'pgpool-account-data-only.sql', 'pgpool-account-complete.sql', 'pgpool-accounts.tsv', 'pgpool-accounts-table.txt', 'pgpool-accounts-noheader.tsv', 'pgpool-account-outfile.txt'];

const essentials = (accounts: DumpAccount[]) => accounts.map((a) => [a.username, a.password, a.provider, a.level, a.state]);

const EXPECTED = [
  ['pgp_ash01', 'Pik4chu!Volt', 'ptc', 30, undefined],
  ['pgp_brock02', 'Onix\'Rock\\"x;y,z', 'ptc', 31, 'blind'],
  ['pgp_erika05', 'Tangela/*vine*/', 'ptc', 22, 'temp_banned'], // the game's ban_flag
  ['pgp_fresh06', 'Fr3sh!new', 'ptc', undefined, undefined], // pgpool-import.py without --level
  ['pgp_surge04', 'Zap#Zap--1', 'ptc', 12, 'temp_banned'],
  ['pgp.misty03@gmail.com', 'Star mie\tTab', 'google', 29, 'warned'],
];

describe("PGPool's account table", () => {
  it.each(FORMS)('%s: password, provider, level and verdict of every row, exactly', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.rejected).toEqual([]);
    expect(essentials(r.accounts)).toEqual(EXPECTED);
  });

  it("keeps PGPool's other columns as fields, its last_modified as last_update", async () => {
    const [ash] = (await readDump(fixture('pgpool-account.sql'))).accounts;
    expect(ash!.history).toEqual({
      last_update: new Date(2017, 11, 1, 10, 15, 0).toISOString(), // MySQL DATETIME: the server's local time
      email: 'pgp_ash01@mail.example', latitude: 40.7128, longitude: -74.006, xp: 2400000, encounters: 5120, balls_thrown: 6300,
      captures: 4800, spins: 2100, walked: 380.5, team: 'mystic', coins: 31000, stardust: 1250000, tutorial_state: '0,1,3,4,7',
      captcha: false, rareless_scans: 0, balls: 120, total_items: 350, pokemon: 240, eggs: 9, incubators: 3, lures: 2,
    });
  });

  it.each(FORMS)("%s: system_id is the scanner's hold, ending as PGPool's auto-release would, 120 minutes after last_modified", async (file) => {
    const accounts = (await readDump(fixture(file))).accounts;
    const surge = accounts.find((a) => a.username === 'pgp_surge04')!;
    // '2017-12-04 06:30:00' in the MySQL server's local time, held by rm-worker-3 when the dump was taken
    expect(surge.history).toMatchObject({ holder: 'rm-worker-3', served_to: 'rm-worker-3', held_until: new Date(2017, 11, 4, 8, 30, 0).toISOString() });
    // system_id NULL: nobody's
    for (const a of accounts.filter((a) => a !== surge)) expect(a.history ?? {}).not.toHaveProperty('holder');
  });

  it('a system_id without last_modified is kept as the system served, never a hold without end; one that cannot name an instance is not kept', async () => {
    const header = 'auth_service\tusername\tpassword\tlast_modified\tsystem_id\tlevel\tbanned\tshadowbanned\n';
    const r = await readDump(input('accounts.tsv', `${header}ptc\tpg_a\tPw!a1\tNULL\tscout-1\t30\t0\t0\nptc\tpg_b\tPw!b2\t2017-12-04 06:30:00\tbad\u001b[2Jname\t30\t0\t0\n`));
    expect(r.accounts.map((a) => [a.username, a.history])).toEqual([
      ['pg_a', { served_to: 'scout-1' }],
      ['pg_b', { last_update: new Date(2017, 11, 4, 6, 30, 0).toISOString() }],
    ]);
  });

  it('reads a dump as MySQL 5.7 wrote it, every row of an extended insert on one line', async () => {
    const oneLine = fixture('pgpool-account.sql').text.replace(/\),\n\(/g, '),(').replace(/VALUES\n\(/g, 'VALUES (');
    const r = await readDump(input('pgpool.sql', oneLine));
    expect(essentials(r.accounts)).toEqual(EXPECTED);
    expect(new Set(r.accounts.map((a) => a.line)).size).toBe(1);
  });

  it('a row that does not fit the columns is rejected with its line; other tables are never read', async () => {
    const sql = [
      'CREATE TABLE `account` (`username` varchar(191) NOT NULL, `password` varchar(191), `level` smallint(6), PRIMARY KEY (`username`));',
      "INSERT INTO `account` VALUES ('ok1','pw;1',30),",
      "('short','pw2'),",
      "('nopass',NULL,30);",
      "INSERT INTO `event` VALUES (1,'2017-12-02 08:00:00','account','ok1','password: s3cret');",
    ].join('\n');
    const r = await readDump(input('pgpool.sql', sql));
    expect(essentials(r.accounts)).toEqual([['ok1', 'pw;1', 'ptc', 30, undefined]]);
    expect(r.rejected).toEqual([{ line: 3, reason: '2 values for 3 columns' }, { line: 4, reason: 'missing password' }]);
  });

  it('a dump of another database is not PGPool\'s, and a broken dump names its line, never its text', async () => {
    expect(detectFormat(input('rocketmap.sql', "INSERT INTO `pokemon` VALUES ('ptc','u1','pw');\n"))?.name).not.toBe('pgpool-dump');
    await expect(readDump(input('pgpool.sql', "INSERT INTO `account` VALUES\n('ptc','u1','s3cr3t-never-closed);\n"))).rejects.toThrow(
      /^pgpool\.sql:2: not valid SQL: a quoted string is never closed$/,
    );
  });

  it('a table copied from a terminal: a `|` inside a password does not split it', async () => {
    const table = ['+--------------+----------+----------+-------+', '| auth_service | username | password | level |', '+--------------+----------+----------+-------+', '| ptc          | t1       | a | b    |    30 |', '+--------------+----------+----------+-------+', '1 row in set (0.00 sec)'].join('\n');
    expect(essentials((await readDump(input('pgpool.txt', table))).accounts)).toEqual([['t1', 'a | b', 'ptc', 30, undefined]]);
  });

  it('a row of a wider table without its header is never an account whose password is the rest of the row', async () => {
    const cells = ['ptc', 'ash01', 'Pw!1', ...Array.from({ length: 17 }, (_, i) => String(i))];
    for (const sep of ['\t', ',', ';', ':']) {
      const r = await readDump(input('rows.txt', `${cells.join(sep)}\n${cells.join(sep).replace('ash01', 'ash02')}\n`), { format: 'plain' }).catch((e: Error) => e);
      expect(r instanceof Error ? r.message : r.accounts, sep).not.toEqual(expect.arrayContaining([expect.objectContaining({ username: 'ash01' })]));
    }
  });

  it('a generic username/password TSV is not claimed as PGPool\'s', async () => {
    expect(detectFormat(input('sold.tsv', 'username\tpassword\tlevel\nseller_a\tPw!1\t30\n'))?.name).not.toBe('pgpool-tsv');
  });

  it("PGPool's /account/request answer saved to a file: shadowbanned is blind, last_modified kept, in every form Flask sends", async () => {
    const r = await readDump(fixture('pgpool-request.json'));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.state])).toEqual([
      [2, 'pga_ash01', 'Pik4"chu\\Volt', 'ptc', 'blind'],
      [12, 'pga.misty03@gmail.com', 'St\u00e4r mie02', 'google', undefined],
      [22, 'pga_fresh06', 'Fr3sh!new', 'ptc', undefined],
    ]);
    // Flask writes PGPool's naive local datetime with "GMT": read as local time, as the MySQL column is.
    expect(r.accounts[0]!.history).toEqual({ rareless_scans: 3, last_update: new Date(2017, 8, 14, 14, 22, 5).toISOString() });
    expect(r.accounts[1]!.history).toMatchObject({ latitude: 40.7128, longitude: -74.006 });
    // count=1: the object alone; Flask 1.0's compact answer; one object a line.
    const list = JSON.parse(fixture('pgpool-request.json').text) as Record<string, unknown>[];
    const forms = [JSON.stringify(list[0], null, 2) + '\n', JSON.stringify(list) + '\n', JSON.stringify(list[0]) + '\n', list.map((o) => JSON.stringify(o)).join('\n') + '\n'];
    for (const text of forms) {
      const one = await readDump(input('answer.json', text));
      expect(one.accounts[0], text).toMatchObject({ username: 'pga_ash01', password: 'Pik4"chu\\Volt', provider: 'ptc', state: 'blind' });
    }
  });

  it('our own serve\'s answer saved to a file keeps the verdict in force', async () => {
    const now = new Date('2017-09-14T12:00:00Z');
    const banned = { username: 'sv_ash', password: 'Pw!1', provider: 'ptc', level: 30, state: 'perm_banned', state_at: now.toISOString(), added_at: now.toISOString(), seq: 1 } as const;
    const warned = { ...banned, username: 'sv_misty', state: 'warned', available_at: '2017-09-15T12:00:00.000Z' } as const;
    const answer = [banned, warned].map((a) => toPgpoolAccount(a, now.toISOString(), DEFAULT_CONFIG));
    const r = await readDump(input('answer.json', JSON.stringify(answer, null, 2)));
    expect(r.accounts.map((a) => [a.username, a.password, a.level, a.state])).toEqual([
      ['sv_ash', 'Pw!1', 30, 'perm_banned'],
      ['sv_misty', 'Pw!1', 30, 'warned'],
    ]);
  });
});

describe('a table read only under its header, exported without it (mysql -B -N)', () => {
  // The real mysql client's output of each tool's table (make-rdm-fixtures.sh, make-flygon-fixtures.sh,
  // make-mad-fixtures.sh) less its header line, which is what -N leaves out.
  it.each([
    ['rdm-accounts.tsv', 20, "RealDeviceMap's `account` table"],
    ['flygon-accounts.tsv', 13, "Flygon's `account` table"],
    ['mad-pogoauth-v2.tsv', 12, "Map-A-Droid's `settings_pogoauth` table"],
  ])('%s: the refusal names the tool whose table it is, never PGPool\'s columns, and no password', async (file, cells, table) => {
    const text = fixture(file).text;
    const refused = readDump(input('accounts.tsv', text.slice(text.indexOf('\n') + 1))).catch((e: Error) => e);
    const message = ((await refused) as Error).message;
    expect(message).toContain(`without its header (mysql -B -N: rows of ${cells} tab-separated cells) of ${table}`);
    expect(message).toContain('export it again with the header (mysql -B, without -N)');
    expect(message).not.toMatch(/PGPool|ShuckleTools/);
    expect(message).not.toMatch(/Fr3sh|M4d,Pass|B4n!pw/);
  });

  it("versx/NodeController's 21 columns (tutorial, ptcToken, last_uuid, last_instance after spins) are RealDeviceMap's too", async () => {
    // Its sql/schema.sql's CREATE TABLE order: username, password, first_warning_timestamp,
    // failed_timestamp, failed, level, last_encounter_lat/lon/time, spins, tutorial, ptcToken,
    // last_uuid, last_instance, creation_timestamp_ms, warn, warn_expire_ms, the three acknowledged
    // flags, banned (the real client's output: fixtures/dumps/nodecontroller-accounts-noheader.tsv).
    const row = ['rdmtok01', 'T0k!pass', 'NULL', 'NULL', 'NULL', '30', 'NULL', 'NULL', 'NULL', '0', '1', 'tok', 'uuid-1', 'quest', 'NULL', '0', 'NULL', '0', '0', '0', '0'];
    expect(row).toHaveLength(21);
    await expect(readDump(input('accounts.tsv', `${row.join('\t')}\n`))).rejects.toThrow(/rows? of 21 tab-separated cells\) of RealDeviceMap's `account` table/);
  });

  it("Map-A-Droid 1's six columns, no NULL among them, are named too", async () => {
    const rows = '1\t1\t1\tptc\tmadptc01\tM4d,Pass;1\n1\t2\t2\tgoogle\tmadatv.one@gmail.com\tG00gle!pw\n';
    await expect(readDump(input('accounts.tsv', rows))).rejects.toThrow(/rows of 6 tab-separated cells\) of Map-A-Droid's `settings_pogoauth` table/);
  });
});
