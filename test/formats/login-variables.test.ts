// A program's one game login given as its own variables (login-variables.ts): an env file, a shell's
// exports, a JavaScript config's constants, the fallback a program takes when the variable is unset.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const read = async (name: string, text?: string) => {
  const r = await readDump(text === undefined ? fixture(name) : input(name, text));
  return r.accounts.map((a) => [a.line, a.username, a.password, a.provider]);
};

describe('an .env of ConfigArgParse lists that a compose file hands to RocketMap', () => {
  // docker-compose reads an `.env` line's value whole; the compose file's `POGOMAP_USERNAME: ${PTC_USERS}`
  // hands `[a, b]` to RocketMap, whose ConfigArgParse splits it into one login an element
  // (configargparse-list.ts), paired as RocketMap pairs its options (pogom/utils.py get_args).
  const accounts = async (name: string, text?: string) => (await readDump(text === undefined ? fixture(name) : input(name, text))).accounts.map((a) => [a.line, a.username, a.password, a.provider]);

  it('reads `PTC_USERS=[a, b, c]` and `PTC_PASSWORDS=[x, y, z]` one account each, never the database\'s password or the Maps key', async () => {
    expect(await accounts('compose-ptc-lists.env')).toEqual([
      [6, 'kantoscan01', 'Scan!Pw01a', 'ptc'],
      [6, 'kantoscan02', 'Scan!Pw02b', 'ptc'],
      [6, 'kantoscan03', 'Scan!Pw03c', 'ptc'],
    ]);
  });

  it('one password for every login, a JSON list of texts, a quoted list, an auth-service list: as RocketMap reads each', async () => {
    expect(await accounts('.env', 'PTC_USERS=[m04a, m04b]\nPTC_PASSWORD=Shared!Pw1\n')).toEqual([[1, 'm04a', 'Shared!Pw1', 'ptc'], [1, 'm04b', 'Shared!Pw1', 'ptc']]);
    expect(await accounts('.env', 'PTC_USERNAMES=["json01", "json02"]\nPTC_PASSWORDS=["Js0n!Pw1a", "Js,0n!Pw2b"]\n')).toEqual([[1, 'json01', 'Js0n!Pw1a', 'ptc'], [1, 'json02', 'Js,0n!Pw2b', 'ptc']]);
    expect(await accounts('.env', 'PTC_USERS="[q01x, q02x]"\nPTC_PASSWORDS="[Qt1!pwAa, Qt2!pwBb]"\n')).toEqual([[1, 'q01x', 'Qt1!pwAa', 'ptc'], [1, 'q02x', 'Qt2!pwBb', 'ptc']]);
    expect(await accounts('.env', 'PTC_USERS=[mix07, mix07g@gmail.com]\nPTC_PASSWORDS=[Mx7!scPw3, Gg8#mlPw4]\nPTC_AUTH=[ptc, google]\n')).toEqual([[1, 'mix07', 'Mx7!scPw3', 'ptc'], [1, 'mix07g@gmail.com', 'Gg8#mlPw4', 'google']]);
  });

  it('refuses lists that do not pair (RocketMap stops on them), and a list in `\'` quotes ConfigArgParse would keep', async () => {
    await expect(readDump(input('.env', 'PTC_USERS=[a01x, a02x, a03x]\nPTC_PASSWORDS=[Pw1!aaa, Pw2!bbb]\n'))).rejects.toThrow(/\.env.*line 1.*2 passwords for 3 usernames/);
    await expect(readDump(input('.env', "PTC_USERS=['a01x', 'a02x']\nPTC_PASSWORDS=['Pw1!aaa', 'Pw2!bbb']\n"))).rejects.toThrow(/no accounts found/);
  });
});

describe('a login given as prefixed variables', () => {
  it("reads zeeraw/pogo's exports as the account, never `export` as a login", async () => {
    expect(await read('pogo-cli-exports.sh')).toEqual([[3, 'gocli_ash01', 'Go!cli#Pika1', 'ptc']]);
  });

  it("reads pokespotter's .env with the provider it names", async () => {
    expect(await read('pokespotter.env')).toEqual([[2, 'spotter.trainer.17@gmail.com', 'Sp0tter!Times', 'google']]);
  });

  it("reads POGOserver's asset-download login, never its API's or MySQL's", async () => {
    // DOWNLOAD_PROVIDER: "GOOGLE" names the game's provider; API_USERNAME and MYSQL_USERNAME (root) name none.
    expect(await read('pogoserver-cfg.js')).toEqual([[58, 'pogoserver.assets@gmail.com', 'Ass3ts:Dl,2016', 'google']]);
  });

  it("reads bcbrian/pokemongo-api's example filled in: the fallback after `process.env.X ||`", async () => {
    expect(await read('pokemongo-api-example.js')).toEqual([[12, 'unionsq_ash7', 'Un10n#Sq:pw', 'ptc']]);
  });

  it('refuses the example as published, its fallbacks the placeholders USER and PASS', async () => {
    const text = "var username = process.env.PGO_USERNAME || 'USER'\nvar password = process.env.PGO_PASSWORD || 'PASS'\nvar provider = process.env.PGO_PROVIDER || 'ptc'\n";
    await expect(readDump(input('example.js', text))).rejects.toThrow(/no accounts found.*placeholder/);
  });

  it("reads Python's os.environ.get fallback and a second account's numbered names", async () => {
    const text = "import os\nlogin = os.environ.get('PTC_USERNAME', 'py_ash01')\nsecret = os.environ.get('PTC_PASSWORD', 'Py!thon01')\nexport PTC_USERNAME_2=py_ash02\nexport PTC_PASSWORD_2='Py!thon02'\n";
    expect(await read('scan.py', text)).toEqual([
      [2, 'py_ash01', 'Py!thon01', undefined],
      [4, 'py_ash02', 'Py!thon02', undefined],
    ]);
  });

  it('never reads a login whose prefix and provider name no game: a database\'s, an app\'s', async () => {
    const text = 'export DB_USERNAME=dbadmin01\nexport DB_PASSWORD=S3cret!db\nexport APP_USER=app01\nexport APP_PASS=Secr3t!app\n';
    await expect(readDump(input('deploy.sh', text))).rejects.toThrow(/no accounts found/);
  });

  it('refuses a value the shell fills in, never guessing it', async () => {
    const text = 'export PGO_USERNAME=ash_var01\nexport PGO_PASSWORD="$SECRET_PW"\n';
    const error = await readDump(input('run.sh', text)).catch((e: Error) => e);
    expect(String(error)).toMatch(/run\.sh.*line 2.*shell expands/);
  });

  it("reads `docker run`'s -e in each form docker takes (next word, `--env=`, glued `-eNAME=x`), never `-e NAME` passed from the shell", async () => {
    // docker/cli's `--env` is a pflag list option: `-e X=1`, `--env X=1`, `--env=X=1` and `-eX=1` set X alike.
    const text = 'docker run -e PGO_USERNAME=dock_ash01 --env=PGO_PASSWORD=D0ck!er01 -ePGO_PROVIDER=ptc -e PGO_USERNAME_2 scanner:latest\n';
    expect(await read('run.sh', text)).toEqual([[1, 'dock_ash01', 'D0ck!er01', 'ptc']]);
  });

  it('refuses a provider the game has none of', async () => {
    const text = 'PGO_USERNAME=ash_prov01\nPGO_PASSWORD=Pr0vider!x\nPGO_PROVIDER=facebook\n';
    const error = await readDump(input('.env', text)).catch((e: Error) => e);
    expect(String(error)).toMatch(/line 3.*neither ptc nor google/);
  });
});

describe('variables as a platform lists them (stop 65)', () => {
  // `heroku config` pads `NAME:` into a column; kubectl describe lists a container's `Environment:`
  // the same way; `docker inspect` gives `"Env": ["NAME=value", ...]`. The value is the rest of the line.
  it("reads `heroku config`'s listing of vincen-t/Poke-Slack-Alerts' POKEMON_TEST_USER / _PASSWORD, never a Slack secret or the RPC id", async () => {
    expect(await read('heroku-config-vars.txt')).toEqual([[4, 'slackhunter09', 'Gr33nPidgey!', undefined]]);
  });

  it('refuses a listing without a game login, never its variables as accounts', async () => {
    const text = '=== alerts Config Vars\nRPC_ID:                    8145806132888207460\nSLACK_SLASH_SECRET_PULSE:  pQ3x9Lm2Vt8Kr5Nw1Zy7Ab4C\nSLACK_TOKEN:               xoxb-170264553-4Zs8kQ1mRt7yVbN3cJdWxP2e\n';
    await expect(readDump(input('config.txt', text))).rejects.toThrow(/no accounts found|no reader recognises/);
  });

  it("reads kubectl describe's Environment block of timwah/pokeslack, and refuses a value kept in a secret", async () => {
    expect(await read('kubectl-describe-pokeslack.txt')).toEqual([[18, 'slackscan78', 'Sl4ck!Scan78', undefined]]);
    const secret = '    Environment:\n      AUTH_SERVICE:  ptc\n      USERNAME:      slackscan79\n      PASSWORD:      <set to the key \'password\' in secret \'pokeslack\'>  Optional: false\n';
    await expect(readDump(input('describe.txt', secret))).rejects.toThrow(/kept elsewhere|unsure what this is/);
  });

  it("reads docker inspect's Env array, and `heroku config --shell` / `--json` of the POKEMON_ prefix", async () => {
    expect(await read('docker-inspect-pokeslack.json')).toEqual([[23, 'slackscan77', 'Sl4ck!Scan77', 'ptc']]);
    expect(await read('vars.sh', 'POKEMON_TEST_PASSWORD=Gr33nPidgey!\nPOKEMON_TEST_USER=slackhunter09\nSLACK_TOKEN=xoxb-170264553-4Zs8kQ1mRt7yVbN3cJdWxP2e\n')).toEqual([[2, 'slackhunter09', 'Gr33nPidgey!', undefined]]);
    expect(await read('vars.json', '{\n  "POKEMON_TEST_PASSWORD": "Gr33nPidgey!",\n  "POKEMON_TEST_USER": "slackhunter09"\n}\n')).toEqual([[3, 'slackhunter09', 'Gr33nPidgey!', undefined]]);
  });
});
