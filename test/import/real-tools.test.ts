// What real generators and scanners wrote, imported as an operator does it (the real CLI, and
// the inbox): every account exact in the pool, its password, level, provider, device and state.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { FIXTURES, fixtureBytes } from '../formats/helpers.js';
import { allImported, drop, makeInboxPool, startWatching, type Watching } from '../watch/helpers.js';
import type { Device, Provider, State } from '../../src/model.js';
import { isHeld } from '../../src/availability.js';

interface Exact {
  username: string;
  password: string;
  provider: Provider;
  level: number;
  state: State;
  device?: Device;
  /** Other fields the tool kept that must survive (PGPool's and Monocle's). */
  extra?: Record<string, unknown>;
}

/** Level given on the command line / by the inbox folder, for accounts whose dump names none. */
const GIVEN = 30;
const ptc = (username: string, password: string): Exact => ({ username, password, provider: 'ptc', level: GIVEN, state: 'ok' });

const EXPECTED: Record<string, Exact[]> = {
  'kinancity-result.csv': [ptc('kinold001', 'Old!pass01'), ptc('kinan0101', 'Kc!pass01'), ptc('kinan0102', 'Kc;pass;02'), ptc('kinan0104', 'Kc!pass04'), ptc('kinan0106', 'Kc pass 06')],
  'kinancity-console.log': [ptc('kcon0001', 'Kc!con01'), ptc('kcon0002', 'Kc,con;02'), ptc('kcon0004', 'Kc con 04')],
  'pikaptcha-pkgo.txt': [ptc('blafitstrung', 'aQ7#bXz9Kp(Lm2W'), ptc('drimosnek', 'Zx)4rTq8Yw!uBn3v'), ptc('praskimflund', 'kP`3Ra9^mHq2ZtW'), ptc('grotbeskmum', 'Yh8>Lp+2nQw7cXt'), ptc('smevtrankgolp', '-u8Qm<Tz3Wr$pLk')],
  'pallettown-pokealert.txt': [ptc('blumfrangtesk', 'Sl4mbr@ndtr'), ptc('chedvostplung', 'gR0v#tesk'), ptc('palletuser7', 'my own pass 7'), ptc('snuptrebflask', 'Fl4sk(pimp')],
  'ptc-acc-gen-edited-format.csv': [ptc('kantoscan100', 'Sc4nP4ss'), ptc('kantoscan101', 'Sc4nP4ss'), ptc('kantonick41', 'Sc4nP4ss'), ptc('kantoscan118', 'Sc4nP4ss'), ptc('kantoscan208', 'kantoscan'), ptc('kantoscan210', 'kantoscan'), ptc('kantoscan211', 'kantoscan')],
  'ptc-acc-gen-accounts.csv': [ptc('kantogen1', 'k2x9qa418&(<ABC'), ptc('kantogen2', '0f3kz1907%-]ABC'), ptc('misty_nick', 'a81mq0233*`>ABC')],
  'rocketmap-config.ini': [ptc('rmconf_a01', 'Sp4ce Bar!'), { ...ptc('rmconf.b02@gmail.com', 'G00gle=pw'), provider: 'google' }, ptc('rmconf_c03', 'tr@il1ng')],
  'monocle-accounts.pickle': [
    { username: 'mon_ash01', password: 'Pik4chu!Volt', provider: 'ptc', level: 31, state: 'ok', device: { model: 'iPhone9,3', ios: '10.3.2', id: '2fcfb8c40e244be284aa42313c1d8dee' }, extra: { allocated_at: '2017-07-22T14:23:11.250Z' } },
    { username: 'mon_misty02', password: 'Star\\mie\'s "9"', provider: 'ptc', level: 30, state: 'ok', device: { model: 'iPhone8,4', ios: '10.2.1', id: '7d1c3e0a9b8f4c2d6e5f4a3b2c1d0e9f' }, extra: { captcha: true } },
    { username: 'mon.brock03@gmail.com', password: 'Onix,Geodude', provider: 'google', level: 25, state: 'temp_banned', device: { model: 'iPhone9,1', ios: '10.2.1', id: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5' } },
    { username: 'mon_fresh04', password: 'Pokédex★151', provider: 'ptc', level: GIVEN, state: 'ok', device: { model: 'iPhone8,1', ios: '9.3.5', id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' } },
    { username: 'mon_erika05', password: 'correct horse battery staple and a long tail of words 42', provider: 'ptc', level: 27, state: 'ok', device: { model: 'iPhone9,2', ios: '10.3.1', id: '1234567890abcdef1234567890abcdef' } },
  ],
  // NecroBot2's config/accounts.db (SQLite): AuthType, level, the last login's verdict, and what NecroBot kept beside.
  'necrobot2-accounts.db': [
    { username: 'necro2_ash01', password: 'Necr0:pw,1', provider: 'ptc', level: 23, state: 'ok', extra: { nickname: 'NecroAsh', stardust: 12500, account_active: true, last_login: 'Success' } },
    ptc('necro2_misty02', 'Necr0 pw "2"'),
    { username: 'necro2.brock03@gmail.com', password: 'Onix Rock 3', provider: 'google', level: 19, state: 'temp_banned', extra: { last_login: 'Banned' } },
    { ...ptc('necro2_fail04', 'wrong pass 4'), extra: { account_active: false, last_login: 'Failure' } },
    { username: 'necro2_warn05', password: 'Warn 5!', provider: 'ptc', level: 12, state: 'warned', extra: { release_block_time: 1500735191000 } },
  ],
  // A Monocle fork's accounts table in its SQLite database: device, level, the benched account's reason as its verdict.
  'monocle-accounts.sqlite': [
    { username: 'mdb_ash01', password: 'Pik4chu!Volt', provider: 'ptc', level: 31, state: 'ok', device: { model: 'iPhone9,3', ios: '11.1.0', id: '2fcfb8c40e244be284aa42313c1d8dee' }, extra: { instance: 'a3f9c2e1b4d5' } },
    { username: 'mdb.misty02@gmail.com', password: 'Star mie "2"', provider: 'google', level: 24, state: 'blind', device: { model: 'iPhone8,1', ios: '10.3.3', id: '7d1c3e0a9b8f4c2d6e5f4a3b2c1d0e9f' } },
    { username: 'mdb_brock03', password: 'Onix,Geodude', provider: 'ptc', level: 12, state: 'temp_banned', extra: { captcha: true } },
    { username: 'mdb_erika04', password: 'Tangela|4', provider: 'ptc', level: 8, state: 'invalid' },
    { username: 'mdb_surge05', password: 'Zap Zap 5', provider: 'ptc', level: 20, state: 'ok', extra: { reason: 'warn' } },
    { username: 'mdb_fresh06', password: 'Fr3sh!new', provider: 'ptc', level: 1, state: 'ok' },
  ],
  'pgpool-account.sql': [
    { username: 'pgp_ash01', password: 'Pik4chu!Volt', provider: 'ptc', level: 30, state: 'ok', extra: { email: 'pgp_ash01@mail.example', captcha: false, rareless_scans: 0, latitude: 40.7128 } },
    { username: 'pgp_brock02', password: 'Onix\'Rock\\"x;y,z', provider: 'ptc', level: 31, state: 'blind' },
    { username: 'pgp_erika05', password: 'Tangela/*vine*/', provider: 'ptc', level: 22, state: 'temp_banned' },
    { username: 'pgp_fresh06', password: 'Fr3sh!new', provider: 'ptc', level: GIVEN, state: 'ok' },
    { username: 'pgp_surge04', password: 'Zap#Zap--1', provider: 'ptc', level: 12, state: 'temp_banned' },
    { username: 'pgp.misty03@gmail.com', password: 'Star mie\tTab', provider: 'google', level: 29, state: 'warned', extra: { captcha: true } },
  ],
  // PalletTown's console: only the accounts its script said were made, never the blocks printed before each attempt.
  'pallettown-console.txt': [ptc('palletash102', 'P4llet!Town'), ptc('palletash103', 'P4llet!Town')],
  // coarse/ptc-account-maker's console: the `success! created accountNAME:PASS` lines, nothing of the attempts.
  'ptc-account-maker-console.txt': [ptc('coarseash1', 'C0arse!Pw'), ptc('coarseash2', 'C0arse!Pw'), ptc('coarsemisty1', 'Star:mie 02'), ptc('coarsemisty2', 'Star:mie 02')],
  // ptc-registration's console: only the `- completed with success` lines, never an attempt's `- Start` or `- failed`.
  'ptc-registration-console.txt': [ptc('REGASH01', 'Reg!pass01'), ptc('REGMISTY04', 'Reg pass - 04')],
  // auto_ptc's accounts.txt: pretty-printed JSON objects appended one after another.
  'auto-ptc-accounts.txt': [ptc('ashpre48213', 'Auto"Ptc\\1:x'), ptc('ashpre90175', 'Auto"Ptc\\1:x'), ptc('mistyp31752', 'Auto"Ptc\\1:x')],
  // Its credentials.csv beside it: `username,password` lines, no level (none is written).
  'auto-ptc-credentials.csv': [ptc('ashpre48213', 'Auto"Ptc\\1:x'), ptc('ashpre90175', 'Auto"Ptc\\1:x'), ptc('mistyp31752', 'Auto"Ptc\\1:x')],
  // PGPool's /account/request answer saved to a file: shadowbanned is blind.
  'pgpool-request.json': [
    { ...ptc('pga_ash01', 'Pik4"chu\\Volt'), state: 'blind', extra: { rareless_scans: 3 } },
    { ...ptc('pga.misty03@gmail.com', 'St\u00e4r mie02'), provider: 'google', extra: { latitude: 40.7128 } },
    ptc('pga_fresh06', 'Fr3sh!new'),
  ],
  // Monocle's config.py before accounts.csv: the tuples of its ACCOUNTS list, devices kept; its Maps key and database never read.
  'monocle-config.py': [
    ptc('slc_ash01', 'Pik4chu!Volt'),
    { ...ptc('slc.misty02@gmail.com', "Star'mie#9"), provider: 'google' },
    { ...ptc('slc_brock04', 'Onix,Geodude (rock)'), device: { model: 'iPhone9,3', ios: '10.2.1', id: '2fcfb8c40e244be284aa42313c1d8dee' } },
    ptc('slc_erika05', 'Gloom\\Vile"plume]5'),
    ptc('slc_sabrina06', 'Kadabra Alakazam6'),
  ],
  // Monocle's export of its banned accounts: banned as its store had them, with their level.
  'monocle-export-banned.csv': [
    { username: 'mon.brock03@gmail.com', password: 'Onix,Geodude', provider: 'google', level: 25, state: 'temp_banned' },
    { username: 'mon_fresh04', password: 'Pokédex★151', provider: 'ptc', level: GIVEN, state: 'temp_banned' },
  ],
  // A checker's result lines: its level and verdict are the account's (checker-fields.ts).
  'checker-results.txt': [
    { ...ptc('ashketch01', 'Pikachu123'), level: 30, state: 'ok' },
    { ...ptc('mistyw02', 'Starmie456'), level: 24, state: 'perm_banned' },
    { ...ptc('brock03x', 'Onix789zz'), level: 31, state: 'blind' },
    { ...ptc('gary_oak4', 'Eevee!Evo5'), level: 27, state: 'warned' },
    { ...ptc('tracey_s6', 'Scyther#7'), level: 12, state: 'invalid' },
  ],
  'jabbink-bot-config.properties': [ptc('bulbasaur_k9', 'Razor\\Leaf:9#!')],
  'jabbink-bot-base64.properties': [{ ...ptc('gloom.trainer@gmail.com', 'Sleep P\u00f3wder=3'), provider: 'google' }],
  'jabbink-bot-settings.json': [ptc('starmie_m1', 'Water:Gun,7"x\\')],
  'blossom-config.json': [ptc('vileplume_b7', 'Petal/Dance"9\\\u00f3')],
  'blossom-config-google.json': [{ ...ptc('gloom.bot@gmail.com', 'abcd efgh ijkl mnop'), provider: 'google' }],
  'blossom-config-2016-08.json': [ptc('oddish_r2', 'Acid/Rain"3\\')],
  'catchem-batch.txt': [
    ptc('weepinbell_c3', 'Vine:Whip5'),
    ptc('bellsprout_q1', 'Razor,Leaf 8'),
    { ...ptc('victreebel.bot@gmail.com', 'Acid!Spray77'), provider: 'google' },
    ptc('oddish_k4', 'Stun#Spore2'),
    ptc('gloom_t7', 'Sleep Powder'),
  ],
};
// The same accounts, other forms of the same tool's output.
EXPECTED['pgpool-accounts.tsv'] = EXPECTED['pgpool-account.sql']!;
EXPECTED['pgpool-accounts-table.txt'] = EXPECTED['pgpool-account.sql']!;
EXPECTED['monocle-print_accounts.txt'] = EXPECTED['monocle-accounts.pickle']!.map((a) => ({ ...a, extra: a.extra && { ...a.extra, allocated_at: undefined } }));

async function expectExact(pool: { open(): Promise<{ read(): Promise<{ get(name: string): unknown; size: number }> }> }, file: string): Promise<void> {
  const view = await (await pool.open()).read();
  for (const want of EXPECTED[file]!) {
    const { extra, ...core } = want;
    const got = view.get(want.username) as Record<string, unknown> | undefined;
    expect(got, `${file}: ${want.username}`).toBeDefined();
    expect({ username: got!.username, password: got!.password, provider: got!.provider, level: got!.level, state: got!.state, device: got!.device }, `${file}: ${want.username}`).toEqual({ device: undefined, ...core });
    for (const [key, value] of Object.entries(extra ?? {})) if (value !== undefined) expect(got![key], `${file}: ${want.username}.${key}`).toEqual(value);
  }
}

describe('accountpool import of what real tools wrote', () => {
  it.each(Object.keys(EXPECTED))('%s: every account exact', async (file) => {
    const pool = await makePool(4);
    const path = join(pool.base, file);
    await copyFile(join(FIXTURES, file), path);
    const result = await cli(['import', path, '--level', String(GIVEN), ...pool.args]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`imported ${path}: ${EXPECTED[file]!.length} added, 0 updated, 0 rejected\n`);
    await expectExact(pool, file);
  });

  it("PGPool's system_id: the scanner holding the account keeps it until PGPool's auto-release would have freed it", async () => {
    const pool = await makePool(4);
    const path = join(pool.base, 'pgpool.sql');
    await copyFile(join(FIXTURES, 'pgpool-account.sql'), path);
    // Imported half an hour after the row's last_modified (2017-12-04 06:30, the MySQL server's local time).
    await cli(['import', path, '--level', '30', ...pool.args], { clock: () => new Date(2017, 11, 4, 7, 0, 0) });
    const surge = (await (await pool.open()).read()).get('pgp_surge04')!;
    expect({ holder: surge.holder, served_to: surge.served_to, held_until: surge.held_until }).toEqual({ holder: 'rm-worker-3', served_to: 'rm-worker-3', held_until: new Date(2017, 11, 4, 8, 30, 0).toISOString() });
    expect(isHeld(surge, new Date(2017, 11, 4, 8, 29, 0).toISOString())).toBe(true);
    expect(isHeld(surge, new Date(2017, 11, 4, 8, 31, 0).toISOString())).toBe(false);
  });

  it('a state the file gives rests the account for its cool-down from the import on', async () => {
    const pool = await makePool(4);
    const path = join(pool.base, 'pgpool.sql');
    await copyFile(join(FIXTURES, 'pgpool-account.sql'), path);
    const now = new Date('2026-03-01T12:00:00Z');
    await cli(['import', path, '--level', '30', ...pool.args], { clock: () => now });
    const surge = (await (await pool.open()).read()).get('pgp_surge04')!;
    expect(surge.state_at).toBe(now.toISOString());
    expect(Date.parse(surge.available_at!)).toBeGreaterThan(now.getTime());
  });
});

it.each([['monocle-accounts.pickle', 'accounts.pickle'], ['necrobot2-accounts.db', 'accounts.db']])('mark --from takes the usernames of a binary store too: %s', async (file, name) => {
  const pool = await makePool(4);
  const path = join(pool.base, name);
  await copyFile(join(FIXTURES, file), path);
  await cli(['import', path, '--level', '30', ...pool.args]);
  const marked = await cli(['mark', '--verdict', 'blind', '--from', path, ...pool.args]);
  expect(marked.code).toBe(0);
  const view = await (await pool.open()).read();
  expect(EXPECTED[file]!.map((a) => view.get(a.username)!.state)).toEqual(EXPECTED[file]!.map(() => 'blind'));
});

describe('the inbox, with the same files dropped in', () => {
  const running: Watching[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((w) => w.stop()));
  });

  it('imports each exactly as the command does', async () => {
    const pool = await makeInboxPool();
    const w = await startWatching(pool);
    running.push(w);
    // One form per tool: the others hold the same usernames and would only update them.
    const files = Object.keys(EXPECTED).filter((f) => !['pgpool-accounts.tsv', 'pgpool-accounts-table.txt', 'pgpool-accounts-noheader.tsv', 'monocle-print_accounts.txt', 'monocle-export-banned.csv', 'auto-ptc-credentials.csv'].includes(f));
    for (const file of files) await drop(pool.inbox, `level-${GIVEN}/${file}`, fixtureBytes(file));
    await allImported(pool, files.length);
    // The watcher files a dump away and then prints its line, which reaches this process through a pipe: wait for every line.
    await waitFor(() => files.every((file) => w.stdout().includes(`imported level-${GIVEN}/${file}:`)), { what: 'the watcher\'s line for every file' });
    expect(w.stderr()).toBe('');
    for (const file of files) {
      expect(w.stdout()).toContain(`imported level-${GIVEN}/${file}: ${EXPECTED[file]!.length} added, 0 updated, 0 rejected\n`);
      await expectExact(pool, file);
    }
  });
});
