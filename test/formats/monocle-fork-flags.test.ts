// The account stores of Monocle's forks: each fork's own flags on a benched account read as our
// verdicts, exactly as the fork reads them back (Hydro74000/Monocle monocle/accounts.py
// Account.from_account_dict, monocle/worker.py remove_account; RobTwoThree/Monocle-Level30's
// `temp_disabled`), its bookkeeping kept as fields, its login tokens never, and a key no fork
// writes reported, never passed over in silence. Fixtures: generators/make-monocle-fork-pickles.py.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { fixture, FIXTURES } from './helpers.js';

/** Hydro74000/Monocle's flags, one account each, and the verdict each must give. */
const HYDRO_VERDICTS = [
  ['hy_ash01', undefined], // one warn counted, not benched: worker.py benches at the third
  ['hy_blaine08', 'temp_banned'], // tempdisabled
  ['hy_brock03', 'warned'], // warn
  ['hy_erika04', 'temp_banned'], // code3
  ['hy_giovanni09', 'temp_banned'], // banned and warn: banned is read first
  ['hy_green12', undefined], // remove: a field, no verdict
  ['hy_koga07', 'invalid'], // security lock
  ['hy_lance10', undefined], // graduated to the level-30 pool
  ['hy_misty02', 'blind'], // sbanned
  ['hy_red11', undefined], // captcha: a field
  ['hy_sabrina06', 'invalid'], // e-mail unverified
  ['hy_surge05', 'invalid'], // wrong credentials
];

const byName = (accounts: DumpAccount[]) => [...accounts].sort((a, b) => a.username.localeCompare(b.username));

describe("Monocle forks' accounts.pickle", () => {
  it('Hydro74000/Monocle: every bench flag is its verdict, in the order the fork reads them; level, device, password exact', async () => {
    const r = await readDump(fixture('monocle-hydro-accounts.pickle'));
    expect(r.format).toBe('monocle-pickle');
    expect(r.rejected).toEqual([]);
    expect(byName(r.accounts).map((a) => [a.username, a.state])).toEqual(HYDRO_VERDICTS);
    const ash = r.accounts.find((a) => a.username === 'hy_ash01')!;
    expect(ash).toMatchObject({ password: 'Pik4chu!Volt', provider: 'ptc', level: 24, device: { model: 'iPhone9,3', ios: '11.1.0', id: '2fcfb8c40e244be284aa42313c1d8dee' } });
    expect(ash.history).toEqual({ warn_count: 1, instance: 'a3f9c2e1b4d5', allocated_at: '2017-12-04T09:33:20.500Z', created: '2016-10-10T17:20:00.000Z' });
    const at = (name: string) => r.accounts.find((a) => a.username === name)!.history;
    expect(at('hy_erika04')).toMatchObject({ code3_count: 3 });
    expect(at('hy_lance10')).toMatchObject({ graduated: true });
    expect(at('hy_green12')).toMatchObject({ remove: true });
    expect(at('hy_red11')).toMatchObject({ captcha: true });
    // Every key the fork writes is known: no note.
    expect(r.notes).toBeUndefined();
  });

  it('never keeps a login token, the detector counters or the database row id', async () => {
    const text = JSON.stringify(await readDump(fixture('monocle-hydro-accounts.pickle')));
    expect(text).not.toContain('TGT-');
    expect(text).not.toContain('sb_quarantine');
    expect(text).not.toContain('internal_id');
  });

  it("the text that fork's print_accounts.py prints from it gives the same verdicts and fields", async () => {
    const r = await readDump(fixture('monocle-hydro-print_accounts.txt'));
    expect(r.format).toBe('monocle-print');
    expect(r.rejected).toEqual([]);
    expect(byName(r.accounts).map((a) => [a.username, a.state])).toEqual(HYDRO_VERDICTS);
    expect(r.accounts.find((a) => a.username === 'hy_erika04')!.history).toMatchObject({ code3_count: 3 });
    expect(r.notes).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain('TGT-');
  });

  it("RobTwoThree/Monocle-Level30's accounts30.pickle: temp_disabled is a temp ban, demoted=False no verdict", async () => {
    const r = await readDump(fixture('monocle-level30-accounts30.pickle'));
    expect(byName(r.accounts).map((a) => [a.username, a.level, a.state])).toEqual([
      ['l30_blue01', 31, 'temp_banned'],
      ['l30_oak02', 34, undefined],
    ]);
  });

  it('a flag no fork writes, named as a verdict and set, refuses its account by its place; another unknown key is read past and reported', async () => {
    const r = await readDump(fixture('monocle-unknown-flags.pickle'));
    expect(r.rejected).toEqual([{ line: 1, reason: 'its "shadowbanned" is set, a flag no Monocle fork accountpool knows writes: which verdict it means is unsure, so the account is not taken as clean' }]);
    expect(r.accounts.map((a) => [a.username, a.state])).toEqual([['uk_misty02', undefined]]);
    expect(r.notes).toEqual(['keys no Monocle version or fork accountpool knows writes, read past: "shadowbanned" (2 accounts), "favorite" (1 account)']);
  });

  it('import says so on stderr, naming the file, and never a password', async () => {
    const pool = await makePool(4);
    const run = await cli(['import', FIXTURES + 'monocle-unknown-flags.pickle', '--level', '30', ...pool.args]);
    // 1, not 0: line 1's account (its flag unsure) was not taken: a script must tell.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('monocle-unknown-flags.pickle: note: keys no Monocle version or fork accountpool knows writes, read past: "shadowbanned" (2 accounts), "favorite" (1 account)');
    expect(run.stderr).toContain('monocle-unknown-flags.pickle:1: rejected: its "shadowbanned" is set');
    expect(run.stdout + run.stderr).not.toMatch(/Pik4chu|Star mie|Staryu/);
  });

  it('imported into a pool, each verdict is in force and the fields are kept', async () => {
    const pool = await makePool(4);
    const run = await cli(['import', FIXTURES + 'monocle-hydro-accounts.pickle', '--level', '30', ...pool.args]);
    expect(run.code).toBe(0);
    const accounts = await (await pool.open()).read();
    expect(accounts.get('hy_misty02')!.state).toBe('blind');
    expect(accounts.get('hy_brock03')!.state).toBe('warned');
    expect(accounts.get('hy_surge05')!.state).toBe('invalid');
    expect(accounts.get('hy_erika04')).toMatchObject({ state: 'temp_banned', code3_count: 3 });
    expect(accounts.get('hy_ash01')).toMatchObject({ state: 'ok', level: 24, warn_count: 1 });
  });
});

describe("Hydro74000/Monocle's accounts table (SQLite): the reason is the flag's name, read as the pickle's flag", () => {
  it('code3 and tempdisabled rest the account, unverified and security refuse the login, warn warns; swapped back in, none', async () => {
    const r = await readDump(fixture('monocle-hydro-accounts.sqlite'));
    expect(r.format).toBe('monocle-db');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.username, a.state])).toEqual([
      ['hdb_erika01', 'temp_banned'],
      ['hdb_blaine02', 'temp_banned'],
      ['hdb_sabrina03', 'invalid'],
      ['hdb_koga04', 'invalid'],
      ['hdb_brock05', 'warned'],
      ['hdb_surge06', undefined],
    ]);
    expect(r.accounts[5]!.history).toMatchObject({ reason: 'security' });
  });
});
