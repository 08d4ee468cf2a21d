// Files that lie next to the dumps and hold no account (known-files.ts): each is refused, naming
// what it is, and nothing in it is ever read as an account; a list of accounts is never taken
// for one of them.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { knownFile } from '../../src/formats/not-accounts/known-files.js';
import { fixture, input } from './helpers.js';

const refusal = async (name: string, text?: string) => {
  const error = await readDump(text === undefined ? fixture(name) : input(name, text)).then(
    (r) => new Error(`read ${r.accounts.length} accounts`),
    (e: unknown) => e as Error,
  );
  return error.message;
};

describe('files without accounts, named for what they are', () => {
  it.each([
    ['rocketmap-geofence.txt', 'a geofence file (area names and their coordinates)'],
    ['rocketmap-spawns.json', 'map data (spawn points, gyms or nests: coordinates, no logins)'],
    ['rocketmap-requirements.txt', "a Python requirements file (pip's packages and versions)"],
    ['scanner-crontab.txt', 'a crontab (scheduled commands)'],
    ['monocle-scan.log', "a log file (`[time][LEVEL][worker]` lines, as Monocle's scan.log)"],
    ['pikapy-pokemaparguments.txt', "a scanner's `-u USERNAME` arguments without passwords (pikapy's pokemaparguments.txt)"],
    ['pokemobbot-pokebagstats.csv', 'a table whose first line names its columns (Name, Level, CP, IV, Move1, Move2) and none a password'],
  ])('%s: no accounts, "%s"', async (file, what) => {
    const message = await refusal(file);
    expect(message).toContain('no accounts found');
    expect(message).toContain(`it looks like ${what}`);
  });

  it('a script of docker commands without a scanner\'s accounts: its image `owner/image:tag` is no `user:pass`', async () => {
    // Ashex/pokemongo-map-docker README.md's `docker run -d -P --name ... -e "NAME=value" ... IMAGE:TAG` layout, another image's settings.
    const text = '#!/bin/sh\ndocker run -d -P \\\n   --name pgpool \\\n   -e "DB_HOST=db" \\\n   sloppydrive/pgpool:latest\ndocker pull mariadb:10.1\n';
    const message = await refusal('start-pool.sh', text);
    expect(message).toContain('it looks like a script of docker commands (options, variables and images: no account list)');
    // With a scanner's accounts in its variables it is RocketMap's start command, read exactly.
    const accounts = await readDump(input('start.sh', 'docker run -d -e "POGOMAP_USERNAME=dock_a1" -e "POGOMAP_PASSWORD=Pw:1" frostthefox/rocketmap:develop\n'));
    expect(accounts.accounts.map((a) => [a.username, a.password])).toEqual([['dock_a1', 'Pw:1']]);
  });

  it('the crontab\'s database password never appears in the message', async () => {
    expect(await refusal('scanner-crontab.txt')).not.toContain('RmDbPass9');
  });

  it('a nests table whose header splits like `user,pass` is refused, not read as one account', async () => {
    const text = 'pokemon_id,name,lat,lon,park\n129,Magikarp,40.7829,-73.9654,Central Park\n1,Bulbasaur,40.6602,-73.9690,Prospect Park\n';
    const message = await refusal('nests.csv', text);
    // (Its header is a header line now, line-kinds.ts isIdentifierHeader: no line splits like an account at all.)
    expect(message).toContain('it looks like map data (a table of coordinates: spawn points, gyms or nests)');
  });

  it('a table under a header that names no password column gives no account whose password is the other cells', async () => {
    // `ash01` / `30,Mystic` and `ash01` / `Pika!1,30` were imported before: passwords nobody has.
    for (const text of ['Username,Level,Team\nash01,30,Mystic\nmisty02,27,Valor\n', 'Login;Kode;Level\nash01;Pika!1;30\nmisty02;Star!2;27\n', 'Name;Level;CP;IV;Move1\nPidgey;12;245;62.22%;Tackle\nRattata;18;512;80.00%;Dig\n']) {
      const message = await refusal('table.csv', text);
      expect(message, text).toMatch(/no accounts found; .*it looks like a table whose first line names its columns \(.*\) and none a password/);
      expect(message).not.toContain('Pika!1');
    }
    // A header that names the password, and a list whose first line is an account, are still read.
    const named = await readDump(input('stock.csv', 'Login,Password,Level\nash01,Pika!1,30\nmisty02,Star!2,27\n'));
    expect(named.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['ash01', 'Pika!1', 30], ['misty02', 'Star!2', 27]]);
    const list = await readDump(input('stock.csv', 'ptc,ash,Pikachu,30\nptc,misty,Starmie,27\nptc,brock,Onix,25\n'));
    expect(list.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['ash', 'Pikachu', 30], ['misty', 'Starmie', 27], ['brock', 'Onix', 25]]);
  });

  it("bare package names under pip's own file names are a requirements file whatever packages they list; under another name, judged by the scanners' packages", async () => {
    // pip's docs (`pip install -r requirements.txt`, `-r requirements/base.txt`, `-c constraints.txt`), pip-tools' `requirements.in`.
    const packages = 'asyncpg\naiopogo2\npokeapi-client\nuvicorn\n';
    for (const name of ['requirements.txt', 'stock/requirements-dev.txt', 'requirements/base.txt', 'dev-requirements.in', 'a.zip!constraints.txt']) {
      expect(await refusal(name, packages), name).toMatch(/it looks like a Python requirements file/);
    }
    expect(await refusal('usernames.txt', packages)).not.toMatch(/requirements/);
    // The name is a hint for bare names alone: an account line among them still breaks it.
    expect(await refusal('requirements.txt', `${packages}ash01:Pika1234\n`)).not.toMatch(/requirements file/);
  });

  it('a docker-compose file with a database login in it is refused as such', async () => {
    const text = "version: '2'\nservices:\n  db:\n    image: mysql:5.7\n    environment:\n      MYSQL_USER: rocketmap\n      MYSQL_PASSWORD: RmDbPass9\n  rocketmap:\n    image: rocketmap/rocketmap\n    command: -cf /config/config.ini\n";
    const message = await refusal('docker-compose.yml', text);
    expect(message).toContain('it looks like a docker-compose file (services and their settings)');
    expect(message).not.toContain('RmDbPass9');
  });

  it('a route of coordinates alone, and a JSON list of gyms, are named too', async () => {
    expect(await refusal('route.txt', '40.7829,-73.9654\n40.7831,-73.9661\n40.7840,-73.9670\n')).toContain('it looks like a list of coordinates');
    expect(await refusal('gyms.json', '[{"name": "Bow Bridge", "latitude": 40.7756, "longitude": -73.9717, "team": 2}]')).toContain('it looks like map data');
  });

  it('a list of accounts is none of these, and one cron line among accounts does not refuse the list', async () => {
    for (const file of ['plain-seller.txt', 'rocketmap-accounts.csv', 'monocle-accounts.csv', 'kinancity-result.csv', 'pgo-create-accounts.json', 'pogom-config.json', 'necrobot2-auth.json', 'seller-user-pass-level.txt']) {
      expect(knownFile(fixture(file).text), file).toBeUndefined();
    }
    const r = await readDump(input('list.txt', 'ash_k01:Pika!chu1\nmisty_c02:Star!mie2\n*/5 * * * * /opt/check.sh\nbrock_p03:Onix!rock3\n'));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_k01', 'misty_c02', 'brock_p03']);
  });
});
