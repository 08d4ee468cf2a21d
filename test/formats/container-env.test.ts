// A scanner's accounts in its container's environment beyond RocketMap's own `POGOMAP_*` lines:
// PokemonGo-Map's `POKEMON_*` variables of Ashex's image (pokemongo-map-docker.ts), RocketMap's
// docs' `POGOM_*` names, and environments written as name/value lists (an ECS task definition, a
// Kubernetes pod: env-pairs.ts). Each container's accounts exactly, never a key or a database's
// password beside them, and nothing read from a `POKEMON_*` file of another program.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { accountRows, fixture, input } from './helpers.js';

const rows = accountRows;

describe('scanner accounts in a container environment', () => {
  it("Ashex's PokemonGo-Map image: `-e POKEMON_*` as its entrypoint writes them into config.ini, lists and auth services paired per container", async () => {
    const r = await readDump(fixture('pokemongo-map-docker-run.sh'));
    expect(r.format).toBe('rocketmap-command');
    expect(rows(r)).toEqual([
      [7, 'ptc', 'ashex_a1', 'Sq=irtle 1!'],
      [17, 'ptc', 'ashex_b2', 'Wart:ortle2'],
      [17, 'google', 'ashex.c3@gmail.com', 'Blast oise3'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSyAshexMapsKey01|AshexDbSecret7/);
  });

  it('an ECS task definition: each container its own environment, JSON strings decoded, the database container never read', async () => {
    const r = await readDump(fixture('pokemongo-map-ecs-task.json'));
    expect(r.format).toBe('rocketmap-command');
    expect(rows(r)).toEqual([
      [46, 'ptc', 'ecs_d4', 'Chärm "ander" 4'],
      [62, 'ptc', 'ecs_e5', 'Char,meleon5'],
      [62, 'ptc', 'ecs_f6', 'Char,meleon5'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSyEcsMapsKey02|EcsDbSecret8/);
  });

  it("RocketMap's docs' `POGOM_*` names: read, and the report says RocketMap itself never saw them", async () => {
    const r = await readDump(fixture('rocketmap-ecs-task.json'));
    expect(rows(r)).toEqual([[35, 'ptc', 'frost_g7', 'Pid:gey 7']]);
    expect(r.notes?.join(' ')).toMatch(/RocketMap reads POGOMAP_\*/);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSyRmEcsMapsKey03|RmEcsDbSecret9/);
  });

  it("a Kubernetes pod's `env:` lists: YAML quoting as YAML reads it; a password from a Secret is no password here, refused by its line", async () => {
    const r = await readDump(fixture('rocketmap-kubernetes.yml'));
    expect(rows(r)).toEqual([
      [22, 'ptc', 'kube_h8', "Rhy'don #8"],
      [22, 'ptc', 'kube_i9', "Rhy'don #8"],
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([36, 38]);
    // The refusal names the Secret and key it wanted (neither in this file nor beside it); no account is read of them.
    expect(r.rejected[1]!.reason).toMatch(/valueFrom.*Secret rocketmap-accounts's key kube_j10/);
    expect(JSON.stringify(r.accounts)).not.toContain('rocketmap-accounts');
  });

  it('`POKEMON_*` in a file that shows no PokemonGo-Map (a Showdown bot\'s env) is never read as an account', async () => {
    await expect(readDump(input('bot.env', 'POKEMON_USERNAME=showdownbot\nPOKEMON_PASSWORD=ladderpass\nSHOWDOWN_SERVER=sim.psim.us\n'))).rejects.toThrow();
  });

  it("a `POKEMON_*` value as ConfigArgParse reads its config.ini line: a blank and `#` end it; one it reads nothing from is refused by its line", async () => {
    const text = 'POKEMON_LOCATION=Seattle\nPOKEMON_USERNAME=ashex_k11\nPOKEMON_PASSWORD=Mew two #comment\n';
    expect(rows(await readDump(input('map.env', text)))).toEqual([[2, 'ptc', 'ashex_k11', 'Mew two']]);
    const none = readDump(input('map.env', 'POKEMON_LOCATION=Seattle\nPOKEMON_USERNAME=ashex_k12\nPOKEMON_PASSWORD=#secret\n'));
    await expect(none).rejects.toThrow(/line 3: PokemonGo-Map reads no value from POKEMON_PASSWORD/);
    await expect(none).rejects.not.toThrow(/#secret/);
  });

  it('an ECS environment written compactly, a pair a line', async () => {
    const text = '{"containerDefinitions": [{"image": "frostthefox/rocketmap", "environment": [\n{"name": "POGOMAP_USERNAME", "value": "ecs_l13"},\n{"name": "POGOMAP_PASSWORD", "value": "Dit\\\\to 13"}]}]}\n';
    expect(rows(await readDump(input('task.json', text)))).toEqual([[2, 'ptc', 'ecs_l13', 'Dit\\to 13']]);
  });
});

// A file running several programs side by side: RocketMap's image (RocketMap/RocketMap
// `Dockerfile`, `pogom/utils.py` `auto_env_var_prefix='POGOMAP_'`), benmag's bot
// (benmag/docker-pokemongo-bot `start.sh`: USERNAME, PASSWORD, AUTH_SERVICE), konjak's
// (konstantinj/docker-PokemonGoBot `run.sh`: POGO_*) and Ashex's PokemonGo-Map
// (Ashex/pokemongo-map-docker `develop/entrypoint.sh`: POKEMON_*). Each container is read by its
// own program's rules, and every program's accounts are imported: none is lost to the reader
// chosen first.
describe('a container file running several programs', () => {
  const compose = [
    'services:',
    '  scanner:',
    '    image: rocketmap/rocketmap:latest',
    '    environment:',
    '      - POGOMAP_USERNAME=mixscan01',
    '      - POGOMAP_PASSWORD=Scan1pass!',
    '      - POGOMAP_LOCATION=Seattle',
    '  oldmap:',
    '    image: ashex/pokemongo-map',
    '    environment:',
    '      POKEMON_USERNAME: mixmap02',
    '      POKEMON_PASSWORD: Map2pass',
    '  bot:',
    '    image: benmag/pokemongo-bot',
    '    environment:',
    '      USERNAME: mixbot03',
    '      PASSWORD: Bot3pass!',
    '      AUTH_SERVICE: google',
    '  kotlin:',
    '    image: konjak/pokemongobot',
    '    environment:',
    '      - POGO_USERNAME=mixkot04',
    '      - POGO_PASSWORD=Kot4pass',
    '      - POGO_LATITUDE=47.6',
    '      - POGO_LONGITUDE=-122.3',
    '  db:',
    '    image: postgres:13',
    '    environment:',
    '      POSTGRES_USER: rm',
    '      POSTGRES_PASSWORD: dbpass1',
    '',
  ].join('\n');

  it('a compose file: RocketMap, PokemonGo-Map, benmag\'s and konjak\'s bots each give their accounts, the database none', async () => {
    const r = await readDump(input('docker-compose.yml', compose));
    expect(rows(r)).toEqual([
      [5, 'ptc', 'mixscan01', 'Scan1pass!'],
      [11, 'ptc', 'mixmap02', 'Map2pass'],
      [16, 'google', 'mixbot03', 'Bot3pass!'],
      [22, 'ptc', 'mixkot04', 'Kot4pass'],
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.format.split('+').sort()).toEqual(['jabbink-bot', 'pokemongo-bot', 'rocketmap-command']);
  });

  it("one program's refused container refuses its line while the others' accounts are read", async () => {
    const r = await readDump(input('docker-compose.yml', compose.replace('PASSWORD: Bot3pass!', 'PASSWORD: password')));
    expect(rows(r).map((a) => a[2])).toEqual(['mixscan01', 'mixmap02', 'mixkot04']);
    expect(r.rejected).toEqual([{ line: 17, reason: expect.stringMatching(/PASSWORD holds the image's default/) }]);
  });

  it('a Kubernetes manifest: a pod running RocketMap and a bot container gives both', async () => {
    const pod = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: scan',
      'spec:',
      '  containers:',
      '  - name: rocketmap',
      '    image: rocketmap/rocketmap',
      '    env:',
      '    - name: POGOMAP_USERNAME',
      '      value: podscan05',
      '    - name: POGOMAP_PASSWORD',
      '      value: Pod5pass',
      '  - name: bot',
      '    image: benmag/pokemongo-bot',
      '    env:',
      '    - name: USERNAME',
      '      value: podbot06',
      '    - name: PASSWORD',
      '      value: Pod6pass',
      '',
    ].join('\n');
    expect(rows(await readDump(input('pod.yaml', pod)))).toEqual([
      [11, 'ptc', 'podscan05', 'Pod5pass'],
      [18, 'ptc', 'podbot06', 'Pod6pass'],
    ]);
  });

  it('an ECS task definition: a RocketMap container and a konjak bot container give both', async () => {
    const task = [
      '{"family": "scan", "containerDefinitions": [',
      ' {"name": "rm", "image": "rocketmap/rocketmap", "environment": [',
      '  {"name": "POGOMAP_USERNAME", "value": "ecsscan07"},',
      '  {"name": "POGOMAP_PASSWORD", "value": "Ecs7pass"}]},',
      ' {"name": "bot", "image": "konjak/pokemongobot", "environment": [',
      '  {"name": "POGO_USERNAME", "value": "ecsbot08"},',
      '  {"name": "POGO_PASSWORD", "value": "Ecs8pass"},',
      '  {"name": "POGO_LATITUDE", "value": "47.6"},',
      '  {"name": "POGO_LONGITUDE", "value": "-122.3"}]}',
      ']}',
      '',
    ].join('\n');
    expect(rows(await readDump(input('task.json', task)))).toEqual([
      [3, 'ptc', 'ecsscan07', 'Ecs7pass'],
      [6, 'ptc', 'ecsbot08', 'Ecs8pass'],
    ]);
  });
});

describe('a long container file running several programs', () => {
  it("RocketMap's service past the first 200 lines, behind a bot's, is read too", async () => {
    const lines = ['services:', '  bot:', '    image: benmag/pokemongo-bot', '    environment:', '      - USERNAME=farbot01', '      - PASSWORD=Far1pass'];
    for (let i = 0; i < 60; i++) lines.push(`  web${i}:`, '    image: nginx:alpine', '    environment:', '      - TZ=Europe/Paris');
    lines.push('  rm:', '    image: rocketmap/rocketmap', '    environment:', '      - POGOMAP_USERNAME=farscan02', '      - POGOMAP_PASSWORD=Far2pass');
    expect(rows(await readDump(input('docker-compose.yml', lines.join('\n'))))).toEqual([
      [5, 'ptc', 'farbot01', 'Far1pass'],
      [250, 'ptc', 'farscan02', 'Far2pass'],
    ]);
  });
});
