// A pgoapi bot's one config for many accounts (src/formats/tools/bot-accounts.ts): poketrainer's
// `config.json` and PogoGen's `accounts.json`. Each account exact, a password written once for
// all of them taken as each one's, and none of the bot's settings (its Google Maps key above all)
// kept on an account.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { YAML_MAX } from '../../src/formats/tools/yaml-config-size.js';
import { fixture, input } from './helpers.js';

describe("poketrainer's config.json (jekirl/poketrainer `config.json.example`)", () => {
  it('reads every account exact, the one without a password taking `defaults`', async () => {
    const r = await readDump(fixture('poketrainer-config.json'));
    expect(r.format).toBe('bot-accounts');
    expect(r.rejected).toEqual([]);
    // `_load_config`: `Config(dict_merge(defaults, config))`, so `defaults.password` is brock's.
    expect(r.accounts).toEqual([
      { username: 'trainer.ash.k@gmail.com', password: 'G00gle pass:ash', line: 5, provider: 'google' },
      { username: 'misty_w0rld', password: 'St4rmie,"Psy"', line: 91, provider: 'ptc' },
      { username: 'brock_r0ck', password: 'Onix#R0ck5', line: 216, provider: 'ptc' },
    ]);
  });

  it('keeps none of the bot settings on an account: the Maps key never enters the pool', async () => {
    const r = await readDump(fixture('poketrainer-config.json'));
    expect(JSON.stringify(r)).not.toMatch(/AIzaSy|GMAPS_API_KEY|BEHAVIOR|Cerulean/);
  });

  it('the unedited example (`Username`/`Password`, `someusername`/`password`) imports nothing', async () => {
    const refused = readDump(fixture('poketrainer-config-example.json'));
    await expect(refused).rejects.toThrow(/no accounts found.*line 5: the example's placeholder, not an account; line 91: the example's placeholder/);
    // No hint leads to the placeholders: the JSON reader would read them as two accounts.
    await expect(refused).rejects.not.toThrow(/--format/);
    // The same placeholders in any file that reads them as accounts with another reader stay unhinted too.
    const plain = readDump(input('config.json', fixture('poketrainer-config-example.json').text.replace(/"Password"/g, '"Passw0rd"')));
    await expect(plain).rejects.not.toThrow(/--format/);
  });

  it('an account with no password of its own and none in `defaults` is rejected on its line, not guessed', async () => {
    const text = JSON.stringify({ accounts: [{ auth_service: 'ptc', username: 'lone_trainer', location: '1,2' }, { auth_service: 'ptc', username: 'paired_one', password: 'Pa1red!', location: '1,2' }] }, null, 2);
    const r = await readDump(input('config.json', text));
    expect(r.accounts).toEqual([{ username: 'paired_one', password: 'Pa1red!', line: 10, provider: 'ptc' }]);
    expect(r.rejected).toEqual([{ line: 5, reason: 'missing password' }]);
  });
});

describe("PogoGen's accounts.json (Pacane/PogoGen `test/accounts.json`, `lib/pogogen.dart`)", () => {
  it("reads every account, `global`'s password where an account has none of its own", async () => {
    // `applyGlobalSettings` then `applyAccountSettings`: the account's own password wins.
    const r = await readDump(fixture('pogogen-accounts.json'));
    expect(r.format).toBe('bot-accounts');
    expect(r.rejected).toEqual([]);
    expect(r.accounts).toEqual([
      { username: 'gary_oak01', password: 'Shared#Pass16', line: 22, provider: 'ptc' },
      { username: 'gary.oak.two@gmail.com', password: 'Own pass:2', line: 29, provider: 'google' },
      // `"enabled": false` only keeps PogoGen from writing its bot config: the account is still the operator's.
      { username: 'gary_oak03', password: 'Shared#Pass16', line: 37, provider: 'ptc' },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSy|gmapkey|filename/);
  });

  it("its own test file's `sample_username` / `sample_password` are placeholders", async () => {
    const text = JSON.stringify({ global: { password: 'sample_password', gmapkey: 'sample_gmapkey' }, accounts: [{ filename: 'f', auth_service: 'ptc', username: 'sample_username', location: 'x,y' }] }, null, 2);
    await expect(readDump(input('accounts.json', text))).rejects.toThrow(/the example's placeholder/);
  });
});

describe("PGO-mapscan-opt's res/usersettings.json (seikur0/PGO-mapscan-opt `res/usersettings.json.example`)", () => {
  it('reads every profile exact, its `type` the provider', async () => {
    // `main0.py`: `{'type': profile['type'], 'user': profile['username'], 'pw': profile['password']}`.
    const r = await readDump(fixture('pgo-mapscan-opt-usersettings.json'));
    expect(r.format).toBe('bot-accounts');
    expect(r.rejected).toEqual([]);
    expect(r.accounts).toEqual([
      { username: 'scanbot_00', password: 'Sc4n:n0rth!', line: 67, provider: 'ptc' },
      { username: 'scanbot_01', password: 'Sc4n,east#1', line: 80, provider: 'ptc' },
      { username: 'scan.bot.two@gmail.com', password: 'G00gle two', line: 86, provider: 'google' },
      { username: 'scanbot_03', password: '"quoted"3', line: 92, provider: 'ptc' },
      { username: 'scan.bot.four@gmail.com', password: 'G4!four', line: 98, provider: 'google' },
    ]);
  });

  it("keeps no profile's proxy (its own login), Maps key or Pushbullet key", async () => {
    const r = await readDump(fixture('pgo-mapscan-opt-usersettings.json'));
    expect(JSON.stringify(r)).not.toMatch(/Pr0xyPass|proxyuser|203\.0\.113|AIzaSy|o\.Xk2Pb|coordinates|learn_file/);
  });

  it('the unedited example (`agent0`...`agent4`, `pass`) imports nothing', async () => {
    await expect(readDump(fixture('pgo-mapscan-opt-usersettings-example.json'))).rejects.toThrow(/no accounts found.*5 lines rejected \(line 67: the example's placeholder/);
  });
});

describe("spawnScan's config.json (TBTerra/spawnScan `config.json`)", () => {
  it('gives every user the provider its one top-level `auth_service` names', async () => {
    // `spawn.py` logs every user in with `config['auth_service']`: a Google list is no PTC list.
    const r = await readDump(fixture('spawnscan-config.json'));
    expect(r.format).toBe('bot-accounts');
    expect(r.rejected).toEqual([]);
    expect(r.accounts).toEqual([
      { username: 'spawn.one@gmail.com', password: 'Sp4wn:one', line: 4, provider: 'google' },
      { username: 'spawn.two@gmail.com', password: 'Sp4wn two', line: 5, provider: 'google' },
    ]);
  });

  it("the template's `user1`/`pass1` are placeholders", async () => {
    const template = '{\n\t"auth_service": "ptc",\n\t"users":[\n\t\t{"username": "user1", "password": "pass1"},\n\t\t{"username": "user2", "password": "pass2"}\n\t],\n\t"work":[[1.0,2.0, 3.0,4.0]]\n}';
    await expect(readDump(input('config.json', template))).rejects.toThrow(/line 4: the example's placeholder/);
  });
});

describe("node-pogo-spawnscan-cdlm's config.yaml (condulum/node-pogo-spawnscan-cdlm `config.example.yaml`)", () => {
  it("reads its `workers:` YAML list exact: the quotes are YAML's, not the password's", async () => {
    const r = await readDump(fixture('spawnscan-cdlm-config.yaml'));
    expect(r.format).toBe('bot-accounts');
    expect(r.rejected).toEqual([]);
    // `lib/scan_worker.js` logs every worker in with `setAuthInfo('ptc', ...)`: no provider written, the pool's default.
    expect(r.accounts).toEqual([
      { username: 'cdlm_scan01', password: 'Cdlm#Pass:1', line: 3 },
      { username: 'cdlm_scan02', password: "Cdlm 'two'", line: 6 },
    ]);
  });

  it('a `workers:` list far larger than a config is refused for its size, never parsed', async () => {
    // The yaml package takes ~4 s of CPU a megabyte: a 4 MB list held an import for 17 s.
    const big = `workers:\n${Array.from({ length: 6000 }, (_, i) => `  - username: w${i}x\n    password: p${i}Word!`).join('\n')}\nspeed: 1\n`;
    expect(big.length).toBeGreaterThan(YAML_MAX);
    await expect(readDump(input('config.yaml', big))).rejects.toThrow(/a YAML `workers:` config of \d+ KB, larger than the 256 KB/);
  });

  it("OpenPoGoBot's reader refuses a login-block YAML of that size too, unparsed (a 3.6 MB one took 10 s of CPU)", async () => {
    const big = `login:\n  auth_service: ptc\n  username: big_bot1\n  password: B1g!bot\nitems:\n${Array.from({ length: 12000 }, (_, i) => `  - name: item${i}\n    count: ${i}`).join('\n')}\n`;
    expect(big.length).toBeGreaterThan(YAML_MAX);
    const refused = readDump(input('config.yml', big));
    await expect(refused).rejects.toThrow(/a YAML config with a login block of \d+ KB, larger than the 256 KB/);
    await expect(refused).rejects.not.toThrow(/B1g!bot/);
  });

  it("the example's `test`/`test` workers import nothing", async () => {
    const example = 'workers: #enter your ptc accounts here.\n  -\n    username: "test"\n    password: "test"\n  - \n    username: "test"\n    password: "test"\n\ntravelling_speed: 10\nrounds_to_scan: 6\n';
    await expect(readDump(input('config.yaml', example))).rejects.toThrow(/line 3: the example's placeholder/);
  });
});

describe('what the bot reader leaves to the JSON reader', () => {
  it("a generator's `{\"accounts\": [...]}` with no bot settings stays the JSON reader's, its level kept", async () => {
    const text = JSON.stringify({ accounts: [{ auth_service: 'ptc', username: 'gen_user1', password: 'Gen!pass1', level: 12 }] });
    const r = await readDump(input('accounts.json', text));
    expect(r.format).toBe('json');
    expect(r.accounts.map((a) => [a.username, a.password, a.provider, a.level])).toEqual([['gen_user1', 'Gen!pass1', 'ptc', 12]]);
  });
});
