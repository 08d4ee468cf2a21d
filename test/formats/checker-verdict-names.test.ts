// Checkers found in the hunt of stop 35 that write their verdict into the file NAME: the lines
// are `username,password` or RocketMap's `ptc,username,password`, read by the ordinary readers;
// the name gives the verdict (src/formats/tools/verdict-files.ts). Their console output names accounts
// without passwords and must import nothing. Last, combo checkers that write the verdict on each
// line (`user:pass | HIT`, `[FAIL] user:pass`): src/formats/lists/verdict-words.ts, line-marks.ts.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { verdictOf } from '../../src/formats/tools/verdict-files.js';
import { fixture, fixtureBytes, input } from './helpers.js';

describe("CaptCharmander's result files (andriantsoa/CaptCharmander `captCharmander.py`)", () => {
  // `write_to_file(ban_file | captcha_file | ok_file | error_file, username, password)`:
  // `"{},{}\n".format(username, password)` appended, no quoting (a password's `,` stays bare).
  const cases = [
    ['ok.csv', { state: 'ok' }],
    ['ban.csv', { state: 'perm_banned' }],
    ['captcha.csv', { history: { captcha: true } }],
    ['error.csv', { checkError: true }],
  ] as const;

  for (const [name, verdict] of cases) {
    it(`${name}: every account exact, with its verdict`, async () => {
      const r = await readDump(input(name, fixtureBytes('captcharmander-results.csv')));
      expect(r.format).toBe('verdict+plain');
      expect(r.rejected).toEqual([]);
      expect(r.accounts).toEqual([
        { username: 'charm_ok01', password: 'Ch4rm:ok!', line: 1, ...verdict },
        { username: 'charm_capt03', password: 'C4ptcha#03', line: 2, ...verdict },
        { username: 'charm_ok05', password: 'Bulba,saur05', line: 3, ...verdict },
      ]);
    });
  }

  it('is known in a folder and as a browser download names a second copy', () => {
    expect(verdictOf('C:\\CaptCharmander\\ban.csv')).toEqual({ state: 'perm_banned' });
    expect(verdictOf('checks/OK (1).csv')).toEqual({ state: 'ok' });
    expect(verdictOf('ok.txt')).toBeUndefined();
    expect(verdictOf('bank.csv')).toBeUndefined();
  });

  it('its console output (usernames, no password) imports nothing', async () => {
    // `print("Trying to login with {}")`, `"{} is banned"`, `"{} has captcha, solving..."`,
    // `"Captcha is solved for {}"`, `"{} is fine."`, `"Cannot login with {}, trying again"`,
    // `"{} failed to login"`, `"Loop number {} of {}"`, `"Sleep for {} seconds"`, as `> log.txt` keeps it.
    const refused = readDump(fixture('captcharmander-console.txt'));
    await expect(refused).rejects.toThrow(/no accounts found.*it looks like a checker's log/);
    // Named for what it is, never a newsletter, and no reader's "account" in it (`charm_ban02 is banned`
    // read as `user pass`) offered as a way through.
    await expect(refused).rejects.not.toThrow(/newsletter|--format/);
    // Lines with `user:pass` in them are no such console's lines, whatever words follow.
    await expect(readDump(input('results.txt', 'ash01:Pika!pw1 is banned\nmisty02:St4r!mie is fine.\nbrock03:Onix!pw3 is fine.\n'))).rejects.not.toThrow(/checker's log/);
  });
});

describe("ShuckleTools' blindCheck result files (billyj85/ShuckleTools `common_blindcheck.py`)", () => {
  // `write_to_file(accounts_file + "_banned.csv" | "_clean.csv" | "_blinded.csv", username, password)`:
  // `"ptc,{},{}\n".format(username, password)` appended, `accounts_file` being `--accountcsv` as given.
  const cases = [
    ['accounts.csv_banned.csv', 'temp_banned', {}],
    ['accounts-check.txt_clean.csv', 'ok', {}],
    // The level an account file's name states is kept, as for any file named `lvl30`.
    ['/srv/shuckle/lvl30.csv_blinded.csv', 'blind', { level: 30 }],
  ] as const;

  for (const [name, state, level] of cases) {
    it(`${name}: every account exact, verdict ${state}`, async () => {
      const r = await readDump(input(name, fixtureBytes('shuckletools-blindcheck.csv')));
      expect(r.format).toBe('verdict+rocketmap');
      expect(r.rejected).toEqual([]);
      expect(r.accounts).toEqual([
        { username: 'shuckle_k01', password: 'Shuck!e01', line: 1, provider: 'ptc', state, ...level },
        { username: 'shuckle_k02', password: 'Sh:uck le,Zz!02', line: 2, provider: 'ptc', state, ...level },
        { username: 'shuckle_k03', password: 'Sh#ckle03', line: 3, provider: 'ptc', state, ...level },
      ]);
    });
  }

  it('needs the account file name before the verdict: `not_banned.csv` is no temp ban', () => {
    expect(verdictOf('not_banned.csv')).toBeUndefined();
    expect(verdictOf('seller_banned.csv')).toBeUndefined();
    expect(verdictOf('accounts.csv_banned.txt')).toBeUndefined();
  });

  it('its blindcheck.ini (database login, keys, `accountcsv`) imports nothing and names the account file', async () => {
    // config/blindcheck.ini.example filled in: `db-user`/`db-pass` are the database's, never an account.
    const refused = readDump(fixture('shuckletools-blindcheck.ini'));
    await expect(refused).rejects.toThrow(/accounts are in another file: \S+ \(accountcsv, line 11\): import that file too/);
    await expect(refused).rejects.not.toThrow(/Db!Pass2017|rmuser/);
  });
});

describe("Pogo-Account-Checker's other result files (pogo-account-checker/Pogo-Account-Checker)", () => {
  // `AccountCheckingService.java` (commit eda06cc's parent, December 2019): `echo '<account>' >>
  // PogoAccountChecker/<file>.txt`, the account's line as read (`user:pass`, `:` the default
  // delimiter); `README.md` names the later `tutorial.txt` and `tutorial_L{lvl}.txt`.
  const cases = [
    ['not_banned_tutorial.txt', { state: 'ok' }], // not banned, the tutorial not done
    ['tutorial.txt', { state: 'ok' }],
    ['tutorial_L5.txt', { state: 'ok', level: 5 }],
    ['locked.txt', { state: 'invalid' }], // locked until its password is changed: this one no longer logs in
    ['not_activated.txt', { state: 'invalid' }], // never activated by its mail: no login
    ['error.txt', { checkError: true }], // ten failed tries: the check failed, no verdict
  ] as const;

  for (const [name, verdict] of cases) {
    it(`${name}: every account exact, with its verdict`, async () => {
      const r = await readDump(input(name, fixtureBytes('pac-results.txt')));
      expect(r.format).toBe('verdict+plain');
      expect(r.rejected).toEqual([]);
      expect(r.accounts).toEqual([
        { username: 'pacuser01', password: 'P4c!pass1', line: 1, ...verdict },
        { username: 'pacuser02', password: 'Pac,pass;2', line: 2, ...verdict },
        { username: 'pacuser03', password: 'P4c pass#3', line: 3, ...verdict },
      ]);
    });
  }

  it('new.txt (never logged in to the game) states nothing, and a seller\'s other names are no verdict', () => {
    expect(verdictOf('new.txt')).toBeUndefined();
    expect(verdictOf('tutorials.txt')).toBeUndefined();
    expect(verdictOf('unlocked.txt')).toBeUndefined();
  });
});

describe("a combo checker's verdict word on each line (`user:pass | HIT`, `[FAIL] user:pass`)", () => {
  it('a hit is an account that logged in, a fail or a dead account one whose credentials are wrong: the verdict read, never kept in the password', async () => {
    // Stop 59's survey: `| dead Account` lines were imported as healthy accounts, and `user:pass HIT`
    // or `user:pass => FAIL` kept the word in the password. The console as its checker prints it
    // (file id 33425711899 of the search tool's code corpus): its banner, then `input()`'s prompt
    // with the first result glued after it (the number typed never reaches the redirected output).
    const r = await readDump(fixture('combo-checker-results.txt'));
    // The first result, glued after the prompt, is one of them: read, never passed over as prose (lead-in-account.ts).
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.state])).toEqual([
      [2, 'kanto.hit01@example.com', 'Pw!hit01', 'ok'],
      [3, 'kanto.dead02@example.com', 'Pw!dead02', 'invalid'],
      [4, 'kanto.hit03@example.com', 'Pw:hit03', 'ok'],
      [5, 'kanto.dead04@example.com', 'Pw|dead04', 'invalid'],
      [6, 'kanto.hit05@example.com', 'Pw#hit05', 'ok'],
    ]);
    expect(r.rejected).toEqual([]);
    // The class: a seller's lead-in or a prompt before the first account, in any reader; the
    // account read where the file's other lines are written as its tail is, else refused by its
    // line (a non-zero import), never skipped in silence.
    for (const [text, format] of [
      ['Enter the number of bots: ash01@example.com:Pika!chu1\nash02@example.com:Pika!chu2\n', undefined],
      ['Here is your account: ash01:Pika!chu1\nash02:Pika!chu2\nash03:Pika!chu3\n', undefined],
      ['Here is your account: ash01 Pika!chu1\nash02 Pika!chu2\nash03 Pika!chu3\n', undefined],
      ['Enter the number of bots: ash01@example.com:Pika!chu1\nash02@example.com:Pika!chu2\n', 'plain'],
    ] as const) {
      const read = await readDump(input('lead-in.txt', text), format ? { format } : {});
      expect(read.accounts.map((a) => [a.line, a.username.slice(0, 5), a.password])).toEqual(text.split('\n').filter(Boolean).map((_, k) => [k + 1, `ash0${k + 1}`, `Pika!chu${k + 1}`]));
      expect(read.rejected).toEqual([]);
    }
    // A tail the other lines are not written as (a `user;pass` tail over `user:pass` lines): refused by its line.
    const unsure = await readDump(input('lead-in.txt', 'Hello,\nHere is your account: ash01;Pika!chu1\nash02:Pika!chu2\nash03:Pika!chu3\nThanks!\n'));
    expect(unsure.accounts.map((a) => a.username)).toEqual(['ash02', 'ash03']);
    expect(unsure.rejected).toEqual([expect.objectContaining({ line: 2, reason: expect.stringMatching(/a sentence, `: `, then what looks like an account/) })]);
    expect(JSON.stringify(unsure.rejected)).not.toContain('Pika!chu1');
    // A letter of that one line, `--format plain` as detected: refused naming its line (stop 60 W; forced, it
    // was refused whole as "a letter without accounts (sentences: no line gives a login and a password)").
    for (const format of [undefined, 'plain'] as const) {
      const letter = await readDump(input('letter.txt', 'Hi Ash,\n\nHere is your account: ash01:Pika!chu1\n\nBest regards,\nShop\n'), format ? { format } : {}).catch((e: Error) => e);
      expect(String(letter), format).toMatch(/line 3: a sentence, `: `, then what looks like an account/);
      expect(String(letter), format).not.toContain('Pika!chu1');
    }
    // jrewv/ptc-capturer `capturer.py`'s console: `[HIT] {username}:{password}`, `[FAIL] ...`; the
    // same words after the account, bare or after ` => `.
    for (const text of ['[HIT] kanto_h1:Pw!h1xx\n[FAIL] kanto_f2:Pw!f2xx\n', 'kanto_h1:Pw!h1xx HIT\nkanto_f2:Pw!f2xx FAIL\n', 'kanto_h1:Pw!h1xx => HIT\nkanto_f2:Pw!f2xx => FAIL\n']) {
      const read = await readDump(input('console.txt', text));
      expect(read.accounts.map((a) => [a.username, a.password, a.state])).toEqual([['kanto_h1', 'Pw!h1xx', 'ok'], ['kanto_f2', 'Pw!f2xx', 'invalid']]);
    }
    // A bracketed word that is no verdict (a provider, a log level) is left where it stands.
    const provider = await readDump(input('p.txt', '[ptc] kanto_p1:Pw!p1xx\n[ptc] kanto_p2:Pw!p2xx\n'));
    expect(provider.accounts.map((a) => a.state)).not.toContain('ok');
  });

  it("a checker's console as printed: a progress line no second account, a tag without a verdict no healthy one, the page a debug line dumps and the colour codes read past", async () => {
    // Stop 59's survey left these refused: the `[CHECKING]` lines counted as code, the `[DEBUG]` pages made the file unsure.
    // A colorama combo checker (code corpus file 43885910041): `[CHECKING] user:pass` as each thread takes
    // an account, then its result, `[HIT]`, `[FAIL]`, `[CAPTCHA]`, `[ERROR] user:pass - network_error`;
    // redirected to a file (colorama strips its colours) and recorded by `script` on a terminal (the
    // colours kept, `\x1b[0m` after each write, CRLF, the typed answers echoed).
    for (const file of ['colorama-checker-console.txt', 'colorama-checker-script.txt']) {
      const r = await readDump(fixture(file));
      // A captcha's tag gives the captcha flag, an error's a failed check, as PGNumbra's result files do (verdict-files.ts).
      expect(r.accounts.map((a) => [a.username, a.password, a.state, a.history?.captcha, a.checkError])).toEqual([
        ['kanto.char02', 'Ch4r[mander', 'ok', undefined, undefined],
        ['kanto.bulba01', 'Bulb4!saur', 'invalid', undefined, undefined],
        ['kanto.pika04', 'P1ka:chu04', undefined, true, undefined],
        ['kanto.squirt03', 'Squ1rtle#03', undefined, undefined, true],
      ]);
      expect(r.rejected).toEqual([]);
    }
    // jrewv/ptc-capturer `capturer.py`: `[DEBUG] Response for {username}:` and the page's text under it,
    // then `[HIT]`, `[FAIL]`, `[BLOCKED] CAPTCHA detected for user:pass`; `[ERROR] user:pass → {error}`.
    const capturer = await readDump(fixture('ptc-capturer-console.txt'));
    expect(capturer.accounts.map((a) => [a.line, a.username, a.password, a.state ?? (a.history?.captcha ? 'captcha' : a.checkError ? 'check error' : undefined)])).toEqual([
      [16, 'kanto_a1', 'Pw!a1xx', 'invalid'],
      [19, 'kanto_b2', 'Pw!b2xx', 'ok'],
      [22, 'kanto_c3', 'Pw!c3xx', 'captcha'],
      [23, 'kanto_d4', 'Pw!d4xx', 'check error'],
      [26, 'kanto_e5', 'Pw!e5xx', 'invalid'],
    ]);
    // A progress line alone (the checker stopped before its result): the account, never a verdict.
    const stopped = await readDump(input('console.txt', '[CHECKING] kanto_s1:Pw!s1xx\n[CHECKING] kanto_s2:Pw!s2xx\n[HIT] kanto_s2:Pw!s2xx\n'));
    expect(stopped.accounts.map((a) => [a.line, a.username, a.state])).toEqual([[1, 'kanto_s1', undefined], [3, 'kanto_s2', 'ok']]);
    // Words after the password a checker never adds (`[HIT] user:Pika 01`: the password `Pika 01`, or
    // `Pika` and level 1?): refused by its line, never a password cut; a `[32m` without its ESC is the password's.
    const unsure = await readDump(input('console.txt', '[HIT] kanto_u1:Pika 01\n\x1b[31m[FAIL]\x1b[0m kanto_u2:Pw[32mX\n'));
    expect(unsure.accounts.map((a) => [a.username, a.password, a.state])).toEqual([['kanto_u2', 'Pw[32mX', 'invalid']]);
    expect(unsure.rejected).toEqual([expect.objectContaining({ line: 1, reason: expect.stringMatching(/checker's `\[HIT\]` line .* where the password ends is unsure/i) })]);
    expect(JSON.stringify(unsure.rejected)).not.toContain('Pika 01');
  });

  it("a PTC checker's console with times before its tags, a hit's captures (`| Level: 30 | Team: ... | Last login: ...`): GOOD and BANNED with their levels, an error's own line never an account", async () => {
    // Stop 65 G2 and J left it refused, or read without the hits' levels (the `Last login` capture, which
    // no reader reads, dropped every capture). Times in brackets before the tag as Klipar/Easy `massage.py`
    // prints them (`[%H:%M:%S]  [FAILED]  ...`), the captures as OpenBullet's `<DATA> | <CAPTURE>`.
    const r = await readDump(fixture('ptc-checker-console.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state, a.checkError])).toEqual([
      [4, 'johto_v01', 'Vx7!kq2Wz', 30, 'ok', undefined],
      [5, 'johto_v02', 'Vx8#zp9Lx', 27, 'perm_banned', undefined],
      [7, 'johto_v03', 'Vx9$lk8Vn', undefined, undefined, true],
      [8, 'johto_v04', 'Vx1%ab2Cd', undefined, 'invalid', undefined],
      [9, 'johto_v05', 'Vx2^cd3Ef', 32, 'ok', undefined],
      [11, 'johto_v06', 'Vx3&ef4Gh', 24, 'perm_banned', undefined],
      [12, 'johto_v07', 'Vx4*gh5Ij', 35, 'ok', undefined],
    ]);
    expect(r.rejected).toEqual([]);
    // The time in other spellings (`[2017-11-14 12:01:02]`, `[ 12:01:02 ]`, a logging's `,417`); a time before no tag stays as it is.
    const times = await readDump(input('console.txt', '[2017-11-14 12:01:02] [GOOD] johto_t1:Pw!t1xx | Level: 31 | Last login: 2017-11-14\n[ 12:01:03 ] [BANNED] johto_t2:Pw!t2xx\n[2017-11-14 12:01:04,417] [INVALID] johto_t3:Pw!t3xx\n'));
    expect(times.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [1, 'johto_t1', 'Pw!t1xx', 31, 'ok'],
      [2, 'johto_t2', 'Pw!t2xx', undefined, 'perm_banned'],
      [3, 'johto_t3', 'Pw!t3xx', undefined, 'invalid'],
    ]);
  });

  it("the marks checkers print between a hit and its captures (`|`, ` - `, `=>`, `→`, `»`, `•`, `::`): the account, its level and verdict, never a password holding them", async () => {
    // OpenBullet's `<DATA> | <CAPTURE>` (openbullet/openbullet2-docs `docs/hits/hit-outputs.md`, captures
    // `Key = Value`), Python checkers' `user:pass - Level N - ...` and `user:pass => STATUS: ...` (code
    // corpus files 53930016997, 2441642621), and the `»`, `•`, `::` consoles of stop 59's survey.
    const hits = [
      '[HIT] kanto_c1:Pw!c1xx » Lvl: 30 » Team: Valor',
      '[HIT] kanto_c2:Pw!c2xx | Level = 27 | Team = Mystic | Stardust = 120000',
      '[HIT] kanto_c3:Pw!c3xx • Level: 33 • Team: Instinct',
      '[HIT] kanto_c4:Pw!c4xx :: Level: 34',
      '[HIT] kanto_c5:Pw!c5xx => Level: 35',
      '[HIT] kanto_c6:Pw!c6xx - Level 36 - Team Valor',
      '[HIT] kanto_c7:Pw!c7xx | Country = US | Plan = Free',
      '[FAIL] kanto_c8:Pw!c8xx → wrong password',
    ];
    const r = await readDump(input('SUCCESS.txt', hits.join('\n') + '\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level, a.state])).toEqual([
      ['kanto_c1', 'Pw!c1xx', 30, 'ok'],
      ['kanto_c2', 'Pw!c2xx', 27, 'ok'],
      ['kanto_c3', 'Pw!c3xx', 33, 'ok'],
      ['kanto_c4', 'Pw!c4xx', 34, 'ok'],
      ['kanto_c5', 'Pw!c5xx', 35, 'ok'],
      ['kanto_c6', 'Pw!c6xx', 36, 'ok'],
      ['kanto_c7', 'Pw!c7xx', undefined, 'ok'],
      ['kanto_c8', 'Pw!c8xx', undefined, 'invalid'],
    ]);
    // Without the tag: the captures were kept in the password (`Pw!c1xx » Lvl: 30 » Team: Valor`).
    for (const text of ['kanto_c1:Pw!c1xx » Lvl: 30 » Team: Valor\nkanto_c2:Pw!c2xx » Lvl: 27 » Team: Mystic\n', 'kanto_c1:Pw!c1xx • 30\nkanto_c2:Pw!c2xx • 27\n']) {
      const read = await readDump(input('hits.txt', text));
      expect(read.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['kanto_c1', 'Pw!c1xx', 30], ['kanto_c2', 'Pw!c2xx', 27]]);
    }
  });

  it("a login checker's `[+] SUCCESS:` / `[-] FAILED:` console, a name checker's `name:email:password` hits (stop 61 L): the verdicts read, no account made of a name", async () => {
    // Code corpus file 24119245186 (a Roblox login checker): `[*] Trying: user:pass` before each check,
    // `[+] SUCCESS: user:pass`, `[-] FAILED: user:pass | Reason: ...`, `[⏳] Waiting N seconds ...`.
    // On stop 60's main: refused whole as "code or data"; `--format plain` made `Trying` a login.
    for (const format of [undefined, 'plain'] as const) {
      const r = await readDump(fixture('login-checker-console.txt'), format ? { format } : {});
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.state]), format).toEqual([
        [3, 'robin_k01', 'Sk7!lark01', 'ok'],
        [8, 'robin_k02', 'Sk7!lark02', 'invalid'],
        [13, 'robin_k03', 'Sk7|lark03', 'ok'],
      ]);
      // The waiting lines stay refused by their lines: what they are is not guessed.
      expect(r.rejected.map((j) => j.line)).toEqual([4, 9, 14]);
    }
    // Stop 62 L: the same checker's console where checks failed (test/fixtures/README.md): a proxy's
    // failure, a page that is no JSON, a captcha (`try_login` prints only its own lines, no verdict),
    // and `| Status: 429` (no error message: HTTP's Too Many Requests). On stop 61's main the file was
    // refused whole as "code or data, a URL"; forced, the three unanswered checks were healthy
    // accounts and the rate-limited one `invalid`.
    for (const format of [undefined, 'plain'] as const) {
      const r = await readDump(fixture('login-checker-console-errors.txt'), format ? { format } : {});
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.state, a.checkError, a.history?.captcha]), format).toEqual([
        [2, 'robin_e01', 'Sk7!lark21', undefined, true, undefined],
        [8, 'robin_e02', 'Sk7!lark22', undefined, true, undefined],
        [13, 'robin_e03', 'Sk7!lark23', undefined, undefined, true],
        [22, 'robin_e04', 'Sk7!lark24', undefined, true, undefined],
        [27, 'robin_e05', 'Sk7!lark25', 'ok', undefined, undefined],
        [32, 'robin_e06', 'Sk7!lark26', 'invalid', undefined, undefined],
      ]);
    }
    // Code corpus file 34081440702 (a Minecraft login checker): `{uname}:{username}:{password}`, ` :: NAME
    // CHANGED WITHIN LAST 30 DAYS` after some; the login is the address. On main: the login `Wren`, the
    // password `robin_m01@mail.example:Sk7!lark11 :: NAME CHANGED ...`: accounts no one delivered.
    for (const format of [undefined, 'plain'] as const) {
      const read = readDump(fixture('name-email-checker-hits.txt'), format ? { format } : {});
      await expect(read).rejects.toThrow(/line 2: the password opens with an e-mail address and a colon/);
      await expect(read).rejects.not.toThrow(/Sk7/);
    }
  });
});
