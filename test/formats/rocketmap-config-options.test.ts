// RocketMap's config.ini read as RocketMap itself reads it. Each case of
// test/fixtures/dumps/rocketmap-config-cases.json holds a config and what RocketMap's own option
// definitions (RocketMap/RocketMap pogom/utils.py get_args) on ConfigArgParse 0.10.0
// (bw2/ConfigArgParse configargparse.py at tag 0.10.0, RocketMap's pin) made of it, written by
// test/fixtures/generators/make-rocketmap-config-cases.py: the username, password and
// auth-service lists, or `error` where RocketMap stops. Our reader gives the accounts RocketMap's
// pairing of those lists gives, and none where RocketMap stops; its departures, each on purpose:
// a JSON list is read as ConfigArgParse 1.3 and later read it (configargparse-list.ts), a login
// with a blank inside is refused by its line, and a beginning of `username` or `auth-service`
// that the latest version shares with another option (`u`, `us`, `use`: `--use-altitude-cache`;
// `a`: `--accountcsv`), where it stops, but older versions take for that option alone (and no
// version for another: test/fixtures/dumps/rocketmap-option-beginnings.json, written by
// test/fixtures/generators/make-rocketmap-option-beginnings.py from the whole get_args history of
// RocketMap/RocketMap, rkhous/RocketMap, jdggraaf/RocketMap, paulcoiffier/RocketMapPlusPlus) is
// read as that option, as every RocketMap that runs with the config reads it. A `#` or `;` inside a
// value with no blank before it (`password: Pw#1`), where 0.10.0 stops, is read as ConfigArgParse
// 0.11.0 and later read it (the fork that ran such a config had one): those configs are held to
// test/fixtures/dumps/rocketmap-config-cases-0.13.json, the same generator's run on 0.13.0.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { parseRocketmapConfig } from '../../src/formats/tools/rocketmap-config.js';
import { accountOptionOf } from '../../src/formats/tools/rocketmap-options.js';
import { FIXTURES, input } from './helpers.js';

interface Case {
  config: string;
  username?: string[];
  password?: string[];
  auth_service?: string[];
  error?: true;
}
const CASES: Case[] = JSON.parse(readFileSync(`${FIXTURES}rocketmap-config-cases.json`, 'utf8'));

/** RocketMap's pairing (pogom/utils.py get_args): one password or auth service for all, or one each. */
function rocketmapAccounts(c: Case): string[][] {
  const [users, passwords, auths] = [c.username ?? [], c.password ?? [], c.auth_service ?? []];
  if (c.error || users.length === 0 || passwords.length === 0) return [];
  if ((passwords.length > 1 && passwords.length !== users.length) || (auths.length > 1 && auths.length !== users.length)) return [];
  return users.flatMap((u, i) => {
    const p = passwords.length === 1 ? passwords[0]! : passwords[i]!;
    const a = auths.length === 0 ? 'ptc' : auths.length === 1 ? auths[0]! : auths[i]!;
    return u === '' || p === '' ? [] : [[u, p, a]];
  });
}

function ours(c: Case): string[][] {
  try {
    return parseRocketmapConfig(input('config.ini', c.config)).accounts.map((a) => [a.username, a.password, a.provider ?? '']);
  } catch {
    return [];
  }
}

const OLDER = /^(\s*(?:--)?)(u|us|use|a|au)(\s*[:= \t])/m;
/** A setting line (not a comment or a section) with a `#` or `;` right after another character. */
const INSIDE = /^(?![ \t]*[#;[])[^\n]*\S[;#]/m;
const departs = (c: Case) => /\["/.test(c.config) || OLDER.test(c.config) || [...(c.username ?? [])].some((u) => u.includes(' '));
const SAME = CASES.filter((c) => !departs(c) && !INSIDE.test(c.config));
const LATER: Case[] = JSON.parse(readFileSync(`${FIXTURES}rocketmap-config-cases-0.13.json`, 'utf8'));

describe("RocketMap's config.ini as RocketMap reads it (its get_args on ConfigArgParse 0.10.0)", () => {
  it('has the cases, many of which RocketMap reads and many it stops at', () => {
    expect(SAME.filter((c) => !c.error).length).toBeGreaterThan(30);
    expect(SAME.filter((c) => c.error).length).toBeGreaterThan(90);
  });

  it.each(SAME.map((c, i) => [i, c] as const))('case %i: the accounts RocketMap would log in with, none where it stops', (_, c) => {
    expect(ours(c)).toEqual(rocketmapAccounts(c));
  });

  it.each(LATER.filter((c) => !departs(c)).map((c, i) => [i, c] as const))('case %i with a `#` or `;` inside a value: the accounts a fork on ConfigArgParse 0.13.0 logged in with', (_, c) => {
    expect(INSIDE.test(c.config)).toBe(true);
    expect(ours(c)).toEqual(rocketmapAccounts(c));
  });

  it('the configs with a mark inside a value are ones 0.10.0 stops at and a later version reads, some with accounts', () => {
    const read = LATER.filter((c) => !departs(c) && !c.error);
    expect(read.length).toBeGreaterThan(5);
    for (const c of read) expect(CASES.find((o) => o.config === c.config)?.error).toBe(true);
  });

  const BEGINNINGS: { versions: Record<string, number>; means: Record<string, string[]> } = JSON.parse(readFileSync(`${FIXTURES}rocketmap-option-beginnings.json`, 'utf8'));
  const TARGETS = ['username', 'password', 'auth-service', 'accountcsv', 'high-lvl-accounts'];

  it('a beginning is taken for an option exactly where no RocketMap version with accounts takes it for another', () => {
    expect(Object.values(BEGINNINGS.versions).reduce((a, b) => a + b)).toBeGreaterThan(1000);
    for (const target of TARGETS) {
      for (let n = 1; n <= target.length; n++) {
        const begun = target.slice(0, n);
        const means = BEGINNINGS.means[begun] ?? [];
        const ours = accountOptionOf(begun);
        if (means.length === 1 && means[0] === target) expect([begun, ours]).toEqual([begun, target]);
        else expect([begun, ours]).not.toEqual([begun, target]);
      }
    }
  });

  it('a beginning older versions took (`u:`, `us:`, `a:`, `au:`) reads as the option\'s full name does', () => {
    const older = CASES.filter((c) => OLDER.test(c.config) && !/\["/.test(c.config));
    expect(older.length).toBeGreaterThan(20);
    const full: Record<string, string> = { u: 'username', us: 'username', use: 'username', a: 'auth-service', au: 'auth-service' };
    for (const c of older) {
      const named = c.config.replace(new RegExp(OLDER.source, 'gm'), (_, before: string, key: string, after: string) => `${before}${full[key]}${after}`);
      expect([c.config, ours(c)]).toEqual([c.config, ours({ config: named })]);
    }
  });

  it('abbreviated keys argparse takes (`user:`, `pass:`, `auth:`) are read; `username` and `--username` both count, a key written twice its last value', async () => {
    const r = await readDump(input('config.ini', 'user: [a1, a2]\npass: pw\nauth: google\ngmaps-key: AIzaKEY\n'));
    expect(r.format).toBe('rocketmap-config');
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([['a1', 'pw', 'google'], ['a2', 'pw', 'google']]);
    const twice = parseRocketmapConfig(input('config.ini', 'username: a1\nusername: a2\n--username: a3\npassword: [p1, p2]\n'));
    expect(twice.accounts.map((a) => [a.username, a.password])).toEqual([['a2', 'p1'], ['a3', 'p2']]);
  });

  it('where RocketMap stops, the line is named and no account, key or password is read', () => {
    const stop = (text: string) => () => parseRocketmapConfig(input('config.ini', text));
    expect(stop('username: [ash01, ash02]\npassword: [Sekret1, -Sekret2]\n')).toThrow(/^config\.ini: RocketMap would stop at line 2: password given a value beginning with '-'/);
    expect(stop('username: ash01\npassword: True\n')).toThrow("line 2: password set to 'True' rather than a value");
    expect(stop('username: [ash01, ash02]\npassword: Sekret1\nauth_service: [ptc, google]\n')).toThrow('line 3: "auth_service" is no option of RocketMap\'s');
    expect(stop('username: [ash01, ash02]\npassword: Sekret1\nauth-service [ptc, google]\n')).toThrow('line 3: ConfigArgParse cannot read it');
    expect(stop('username: [ash01, ash02]\npassword: [Sekret1, -Sekret2]\n')).not.toThrow(/Sekret/);
  });

  it('a database login beside a host and port is no RocketMap config, even as `user:` / `pass:`', async () => {
    await expect(readDump(input('db.ini', 'host: 127.0.0.1\nport: 3306\nuser: root\npass: Sekret1\n'))).rejects.toThrow();
    const r = await readDump(input('db.ini', 'host: 127.0.0.1\nport: 3306\nuser: root\npass: Sekret1\n')).catch((e: Error) => e);
    expect(String(r)).not.toContain('Sekret1');
  });
});
