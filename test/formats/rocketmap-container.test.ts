// RocketMap launched by docker-compose, `docker run`, systemd or supervisor, its accounts in the
// command or in its POGOMAP_* variables (rocketmap-container.ts): each process's accounts exactly,
// never the keys, database passwords or other services' settings beside them.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const read = async (name: string) => (await readDump(fixture(name))).accounts.map((a) => [a.line, a.provider, a.username, a.password]);
const SECRETS = ['R00tDbSecret', 'RmDbSecret9', 'AIzaSyComposeMapsKey', '7X3K9Q2M5V8B1N4C6Z0L'];

describe('RocketMap in containers and services', () => {
  it('a docker-compose file: each service its own command (a string, a list, a JSON list) or environment, paired on its own', async () => {
    const r = await readDump(fixture('rocketmap-docker-compose.yml'));
    expect(r.format).toBe('rocketmap-command');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [24, 'ptc', 'geodude_c1', 'Rock Throw1'],
      [24, 'ptc', 'geodude_c2', 'Rock#Throw2'],
      [38, 'google', 'onix.c3@gmail.com', 'B1nd: tight'],
      [45, 'ptc', 'zubat_c4', 'Leech!Life4'],
      [51, 'ptc', 'machop_c5', 'K@rate Chop5'],
      [51, 'ptc', 'machop_c6', 'K@rate Chop5'],
    ]);
    const seen = JSON.stringify(r);
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });

  it('`docker run IMAGE -u x -p y`: docker\'s own `-u 1000` and `-p 5001:5000` before the image are no account; `-e POGOMAP_USERNAME=[a, b]`', async () => {
    expect(await read('rocketmap-docker-run.sh')).toEqual([
      [7, 'ptc', 'abra_d1', 'Tele port1'],
      [8, 'ptc', 'kadabra_d2', 'Psy:beam23'],
      [8, 'ptc', 'alakazam_d3', 'Psy:beam23'],
    ]);
  });

  it('a systemd unit with its accounts in `Environment=` lines; a supervisor file of two programs, each paired on its own', async () => {
    expect(await read('rocketmap-worker.service')).toEqual([
      [9, 'ptc', 'tentacool_s1', 'Acid Spray1'],
      [9, 'ptc', 'tentacool_s2', 'Wrap=Tight2'],
    ]);
    expect(await read('rocketmap-supervisor.conf')).toEqual([
      [2, 'ptc', 'ponyta_v1', 'Fl@me1'],
      [9, 'ptc', 'rapidash_v2', 'Stomp!23'],
      [9, 'ptc', 'rapidash_v3', 'Stomp!23'],
    ]);
  });

  it('an option on the command line wins over its variable, as ConfigArgParse has it', async () => {
    const r = await readDump(input('start.sh', 'export POGOMAP_USERNAME=envonly1\nexport POGOMAP_PASSWORD=EnvPw1\npython runserver.py -u cmduser1 -l x\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['cmduser1', 'EnvPw1']]);
  });

  it('`docker run -e POGOMAP_*` is that container\'s environment alone, its JSON lists read as JSON: another `docker run` without `-u` gets no account', async () => {
    const r = await readDump(fixture('rocketmap-docker-run-two.sh'));
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [5, 'ptc', 'voltorb_e1', 'Self, Destruct1'],
      [5, 'ptc', 'electrode_e2', 'Sonic "Boom" 2'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/OnlyTheWebPass9|8E2L3E4C5T6R7O8D/);
    const env = await readDump(input('worker.env', 'POGOMAP_USERNAME=["envj1", "envj2"]\nPOGOMAP_PASSWORD=["a,b", "c"]\n'));
    expect(env.accounts.map((a) => [a.username, a.password])).toEqual([['envj1', 'a,b'], ['envj2', 'c']]);
  });

  it('`-e` at the start of a continued `docker run` line and `--env=NAME=x` are one shell word each, never the rest of the line; `\\"` inside double quotes is a quote', async () => {
    const run = 'docker run -d \\\n-e POGOMAP_USERNAME=colzero1 \\\n--env=POGOMAP_PASSWORD=Eq"ual"Pw1 \\\n  rocketmap/rocketmap -l x -st 2\n';
    expect((await readDump(input('run.sh', run))).accounts.map((a) => [a.line, a.username, a.password])).toEqual([[2, 'colzero1', 'EqualPw1']]);
    const escaped = 'docker run -d -e "POGOMAP_USERNAME=[\\"dq1\\", \\"dq2\\"]" -e POGOMAP_PASSWORD="Say \\"hi\\"1" rocketmap/rocketmap -l x\n';
    expect((await readDump(input('run.sh', escaped))).accounts.map((a) => [a.username, a.password])).toEqual([['dq1', 'Say "hi"1'], ['dq2', 'Say "hi"1']]);
  });

  it('a compose file without RocketMap stays refused: a database\'s `-u root -p secret` is no account', async () => {
    const compose = 'version: "3"\nservices:\n  db:\n    image: mysql:5.7\n    command: mysql -u root -p S3cretRoot -h db\n    environment:\n      MYSQL_USER: rm\n      MYSQL_PASSWORD: RmPw1\n';
    const err = await readDump(input('docker-compose.yml', compose)).catch((e: Error) => e);
    expect(String(err)).toMatch(/docker-compose file/);
    expect(String(err)).not.toMatch(/S3cretRoot|RmPw1/);
  });
  // Docker's rules (dockerfile-command.ts): an exec-form CMD appended to an exec-form ENTRYPOINT, the last
  // stage's, a shell-form CMD's `$VAR` from ENV (an ARG's default put in); exec form runs no shell.
  it('a Dockerfile: the command its container runs, by Docker\'s CMD/ENTRYPOINT/ENV rules', async () => {
    expect(await read('rocketmap-multistage.Dockerfile')).toEqual([
      [16, 'ptc', 'ashk01', 'Pika!1234'],
      [16, 'ptc', 'misty02', 'Star#5678'],
    ]);
    expect(await read('rocketmap-shell-cmd.Dockerfile')).toEqual([[10, 'ptc', 'brock03', 'Onix&Rock9']]);
    // A CMD of options alone for the base image's ENTRYPOINT; an earlier stage's CMD is not the image's.
    const own = 'FROM rocketmap/rocketmap AS old\nCMD ["-u", "stale1", "-p", "OldPw1"]\nFROM rocketmap/rocketmap\nCMD ["-a", "ptc", "-u", "cmdonly1", "-p", "Cmd!Pw1", "-l", "x"]\n';
    expect((await readDump(input('Dockerfile', own))).accounts.map((a) => [a.line, a.username, a.password])).toEqual([[4, 'cmdonly1', 'Cmd!Pw1']]);
    // A stage FROM an earlier one keeps its ENTRYPOINT and CMD.
    const inherited = 'FROM python:2.7 AS base\nENTRYPOINT ["python", "runserver.py"]\nCMD ["-u", "inh1", "-p", "Inh!Pw1"]\nFROM base\nEXPOSE 5000\n';
    expect((await readDump(input('Dockerfile', inherited))).accounts.map((a) => [a.line, a.username])).toEqual([[3, 'inh1']]);
    // A shell-form ENTRYPOINT ignores CMD; an exec-form CMD passes `$PTC_USER` as written: neither is an account.
    const shellEntry = 'FROM python:2.7\nENTRYPOINT python runserver.py -l x\nCMD ["-u", "ign1", "-p", "Ign!Pw1"]\n';
    await expect(readDump(input('Dockerfile', shellEntry))).rejects.toThrow(/no accounts found/);
    const literal = 'FROM python:2.7\nENV PTC_USER=lit1 PTC_PASS=Lit!Pw1\nCMD ["python", "runserver.py", "-u", "$PTC_USER", "-p", "$PTC_PASS"]\n';
    await expect(readDump(input('Dockerfile', literal))).rejects.toThrow(/line 3: .*exec-form CMD or ENTRYPOINT runs no shell/);
  });

  it("a Dockerfile's ENV POGOMAP_* is the image's environment: its last stage's, both ENV forms, ARG defaults put in", async () => {
    // Stop 61: the older `ENV NAME value` went unread, two assignments continued onto one ENV read as one, and a
    // build stage's ENV (not in the image) was read; refused before (1 line), read exactly now.
    expect(await read('rocketmap-env.Dockerfile')).toEqual([
      [11, 'ptc', 'koffing_w1', 'Smog Bomb1'],
      [11, 'ptc', 'koffing_w2', 'Sludge=2'],
    ]);
    // An ARG without a default is the builder's `--build-arg`: refused by its ENV line, never read as empty.
    const open = 'FROM rocketmap/rocketmap\nARG PTC_PASS\nENV POGOMAP_USERNAME=argu1 POGOMAP_PASSWORD=${PTC_PASS}\n';
    await expect(readDump(input('Dockerfile', open))).rejects.toThrow(/line 3: POGOMAP_PASSWORD: its value takes the build argument PTC_PASS, which has no default in this file/);
    // A command's own `-u`/`-p` win over the variables, as ConfigArgParse has it.
    const both = 'FROM python:2.7\nENV POGOMAP_USERNAME=envu1 POGOMAP_PASSWORD=Env!Pw1\nENTRYPOINT ["python", "runserver.py"]\nCMD ["-a", "ptc", "-u", "cmdu1", "-p", "Cmd!Pw1"]\n';
    expect((await readDump(input('Dockerfile', both))).accounts.map((a) => [a.username, a.password])).toEqual([['cmdu1', 'Cmd!Pw1']]);
  });

  it("a systemd unit's `Environment=` of several assignments, each quoted or not, as systemd reads it: `%%` one `%`, a specifier refused", async () => {
    // Stop 61: the line's rest was one value, so a second assignment on it was lost (refused before, read exactly now).
    expect(await read('rocketmap-workers.service')).toEqual([
      [8, 'ptc', 'grimer_u1', 'Mud Slap1'],
      [8, 'ptc', 'grimer_u2', 'Mini%mize2'],
    ]);
    const unit = '[Service]\nEnvironment=POGOMAP_USERNAME=spec1 "POGOMAP_PASSWORD=Pw%i1"\nExecStart=/usr/bin/python runserver.py -a ptc -l x\n';
    await expect(readDump(input('rocketmap.service', unit))).rejects.toThrow(/line 2: POGOMAP_PASSWORD: the Environment= value holds a `%` specifier/);
  });
});
