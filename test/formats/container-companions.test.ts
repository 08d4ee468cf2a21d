// A container file's settings kept in the files beside it in the same dump (src/formats/beside.ts):
// a compose file's `.env` (compose-spec/compose-go `cli/options.go` WithDotEnv: read from the
// project folder, it interpolates the compose file) and its services' `env_file:` files
// (compose-go `types/project.go` WithServicesEnvironmentResolved: each file's variables, a later
// file's over an earlier one's, the service's own `environment:` over them all), read by
// compose-go's `dotenv/parser.go` rules (src/formats/tools/dotenv.ts); a pod spec's Secrets and
// ConfigMaps in another manifest of its folder (kubernetes/website `distribute-credentials-secure.md`).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { envFileVariables } from '../../src/formats/tools/dotenv.js';
import { besidePath, type Beside } from '../../src/formats/beside.js';
import { companionsUsed, companionsWanted } from '../../src/formats/tools/container-companions.js';
import { input } from './helpers.js';
import { companionPlan } from '../../src/import/container-batch.js';

const beside = (files: Record<string, string>, dir = '', refused: Record<string, string> = {}): Beside => ({ dir, files: new Map(Object.entries(files)), refused: new Map(Object.entries(refused)) });
const read = (name: string, text: string, b?: Beside) => readDump({ ...input(name, text), ...(b ? { beside: b } : {}) });

describe('env files as compose-go reads them', () => {
  it('quotes, comments, export and interpolation from the lines above; what compose versions read differently is unsure', () => {
    const vars = envFileVariables(['# accounts', 'export A=ash_e1', "B='Pi $x #1'", 'C="M${A}w"', 'D=Pika1 # old', 'E=Pi#ka', 'F="a\\nb"', 'G="open', 'H=${NOPE}', 'INHERITED', 'I: yaml1'].join('\n'));
    expect(vars.map((v) => [v.line, v.name, v.value ?? null, Boolean(v.problem)])).toEqual([
      [2, 'A', 'ash_e1', false],
      [3, 'B', 'Pi $x #1', false],
      [4, 'C', 'Mash_e1w', false],
      [5, 'D', 'Pika1', false],
      [6, 'E', null, true],
      [7, 'F', null, true],
      [8, 'G', null, true],
      [9, 'H', null, true],
      [11, 'I', 'yaml1', false],
    ]);
  });

  it('a path leading out of the dump is refused; one inside is its path in the dump', () => {
    expect(besidePath('./bot.env', 'stack')).toEqual({ path: 'stack/bot.env' });
    expect(besidePath('../common.env', 'stack')).toEqual({ path: 'common.env' });
    for (const out of ['../x.env', '/etc/passwd', 'C:\\x.env', '~/x.env', 'a/../../x.env', '${DIR}/x.env']) expect(besidePath(out), out).toHaveProperty('refused');
  });
});

const compose = (...lines: string[]) => ['services:', ...lines].join('\n') + '\n';

describe('a compose file with its .env and env_file files beside it', () => {
  it("interpolates RocketMap's values with the .env beside it; alone, the same value stays refused", async () => {
    const text = compose('  map:', '    image: rocketmap/rocketmap', '    environment:', '      POGOMAP_USERNAME: ash_c1', '      POGOMAP_PASSWORD: ${MAP_PASS}', '  map2:', '    image: rocketmap/rocketmap', '    command: -a ptc -u ash_c2 -p "${P2}" -l x');
    const b = beside({ '.env': "MAP_PASS='Pika$1'\nP2=\"Mew 2\"\n" });
    const r = await read('docker-compose.yml', text, b);
    expect(new Set(r.accounts.map((a) => `${a.username}/${a.password}`))).toEqual(new Set(['ash_c1/Pika$1', 'ash_c2/Mew 2']));
    expect(r.rejected).toEqual([]);
    await expect(read('docker-compose.yml', text)).rejects.toThrow(/line 6: POGOMAP_PASSWORD: its value holds \$\{MAP_PASS\}.*line 9: .*\$\{P2\}/);
    expect(companionsUsed(text, b)).toEqual(['.env']);
    // A `.env` value compose versions read differently (`#` unquoted) refuses the account by that
    // .env line's reason, never as a variable the dump lacks; a variable built on it too.
    const why = await read('docker-compose.yml', text.replace('"${P2}"', '"${P2:-x}"'), beside({ '.env': 'MAP_PASS=Pw#x\nP2="M${MAP_PASS}"\n' })).then(
      () => '',
      (error: Error) => error.message,
    );
    expect(why).toContain('line 6: POGOMAP_PASSWORD: its value holds ${MAP_PASS}, set in .env:1, where the value holds `#`, where compose before 2.0 ended it');
    expect(why).toContain('line 9: a RocketMap account option\'s value holds ${P2:-...}, set in .env:2, where its value holds ${MAP_PASS}, set in .env:1');
    expect(why).not.toContain('not in this dump');
    expect(why).not.toContain('Pw#x');
  });

  it("reads each service's env_file as its environment, its own environment over it, and a database's env file never", async () => {
    const text = compose(
      '  bot:',
      '    image: benmag/pokemongo-bot',
      '    env_file: bot.env',
      '  bot2:',
      '    image: benmag/pokemongo-bot',
      '    env_file:',
      '      - path: ./env/bot2.env',
      '        required: true',
      '    environment:',
      '      - PASSWORD=Own2pass',
      '  db:',
      '    image: postgres',
      '    env_file: [db.env]',
    );
    const b = beside({ 'bot.env': 'USERNAME=ash_c3\nPASSWORD=Pika3x\n', 'env/bot2.env': 'USERNAME=ash_c4\nPASSWORD=FilePass\n', 'db.env': 'USERNAME=dbadmin01\nPASSWORD=dbpass01\n' });
    const r = await read('docker-compose.yml', text, b);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[4, 'ash_c3', 'Pika3x'], [8, 'ash_c4', 'Own2pass']]);
    expect(r.rejected).toEqual([]);
    expect(companionsWanted(text)).toEqual({ paths: ['.env', 'bot.env', 'env/bot2.env', 'db.env'], manifests: false });
    expect(companionsUsed(text, b).sort()).toEqual(['bot.env', 'db.env', 'env/bot2.env']);
  });

  it("RocketMap's and konjak's variables in env files; a value compose reads unsure refused by the line naming the file, its own named", async () => {
    const text = compose('  map:', '    image: rocketmap/rocketmap', '    env_file: map.env', '  pogo:', '    image: konjak/pokemongobot', '    env_file: pogo.env');
    const b = beside({ 'map.env': 'POGOMAP_USERNAME=ash_c5\nPOGOMAP_PASSWORD=Pi#ka5\n', 'pogo.env': 'POGO_USERNAME=ash_c6\nPOGO_PASSWORD=Pogo6pw\nPOGO_LATITUDE=1\n' });
    const r = await read('docker-compose.yml', text, b);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[7, 'ash_c6', 'Pogo6pw']]);
    expect(new Set(r.rejected.map((x) => x.line))).toEqual(new Set([4]));
    expect(r.rejected.map((x) => x.reason).join('\n')).toMatch(/map\.env:2/);
    expect(JSON.stringify(r.rejected)).not.toMatch(/Pi#ka5/);
  });

  it('an env_file out of the dump or behind a link is refused by its line; one the dump lacks is said', async () => {
    const text = compose('  bot:', '    image: benmag/pokemongo-bot', '    env_file:', '      - ../secret.env', '      - link.env', '      - gone.env', '    environment:', '      - USERNAME=ash_c7', '      - PASSWORD=Pika7pw');
    const r = await read('docker-compose.yml', text, beside({}, '', { 'link.env': 'is a symbolic link: not followed' }));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_c7']);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[5, expect.stringMatching(/outside this dump/)], [6, expect.stringMatching(/symbolic link/)]]);
    expect(r.notes?.join('\n')).toMatch(/line 7: env_file gone\.env is not in this dump/);
  });

  // The Compose Specification `services.md` env_file long syntax (`path`, `required`, `format`); `format: raw`
  // as docker/compose `cmd/compose/compose.go` rawEnv reads it (docker/cli `pkg/kvfile`, `docker run --env-file`:
  // the line as written; newer kvfile takes quotes off, older kept them); compose-go `dotenv/format.go`
  // ParseWithFormat refuses any other format ("unsupported env_file format").
  it('the long syntax: flow mappings, required: false missing said nowhere, format: raw read as written, another format refusing the project', async () => {
    const services = [
      '  map9:', '    image: rocketmap/rocketmap', '    env_file:', '      - {path: gone.env, required: false}', '      - path: raw.env', '        format: raw',
      '  map10:', '    image: rocketmap/rocketmap', '    env_file:', '      - path: quoted.env', '        format: raw',
    ];
    const toml = ['  map11:', '    image: rocketmap/rocketmap', '    env_file:', '      - required: true', '        path: foo.env', '        format: toml'];
    const b = beside({ 'raw.env': 'POGOMAP_USERNAME=ash_raw9\nPOGOMAP_PASSWORD=Pw #raw9\n', 'quoted.env': 'POGOMAP_USERNAME=ash_q10\nPOGOMAP_PASSWORD="Pq!10"\n', 'foo.env': 'POGOMAP_USERNAME=ash_t11\nPOGOMAP_PASSWORD=Pt!11\n' });
    const r = await read('docker-compose.yml', compose(...services), b);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[6, 'ash_raw9', 'Pw #raw9']]);
    expect(r.rejected.find((x) => x.line === 11)?.reason).toMatch(/quoted\.env:2, a value between quotes in a format: raw env file/);
    expect(JSON.stringify(r)).not.toMatch(/Pq!10|Pt!11/);
    expect(r.notes?.join('\n') ?? '').not.toMatch(/gone\.env/);
    // Another format stops compose's whole project (compose-go types/project.go WithServicesEnvironmentResolved
    // returns dotenv/format.go's "unsupported env_file format"): the file refused whole by that line (stop 58;
    // only map11's line was refused before, ash_raw9 imported); alone (foo.env required, not in the dump) the same.
    const text = compose(...services, ...toml);
    for (const b2 of [b, undefined]) {
      const why = await read('docker-compose.yml', text, b2).then(() => '', (e: Error) => e.message);
      expect(why).toMatch(/^docker-compose\.yml:16: env_file foo\.env has format: toml, which compose does not read .*compose stops the whole project on it .*nothing of it is imported/);
      expect(why).not.toMatch(/Pw #raw9|Pt!11/);
    }
    expect(companionsWanted(text)?.paths).toEqual(['.env', 'gone.env', 'raw.env', 'quoted.env', 'foo.env']);
  });

  // compose-go override/uncity.go EnforceUnicity keys a service's env_file list by path, the later entry
  // replacing the earlier AT THE EARLIER PLACE (override/merge_env_file_test.go "Unicity between string and
  // mapping"): its `required:` and `format:` are the later's. Stop 57 kept the first entry's.
  it("a path named twice in one list: the later entry's required: and format: at the earlier's place", async () => {
    const text = compose(
      '  map1:', '    image: rocketmap/rocketmap', '    env_file:', '      - foo.env', '      - gone.env', '      - {path: gone.env, required: false}',
      '  map2:', '    image: rocketmap/rocketmap', '    env_file:', '      - {path: quoted.env, format: raw}', '      - quoted.env',
      '  map3:', '    image: rocketmap/rocketmap', '    env_file:', '      - {path: foo.env, format: toml}', '      - foo.env',
    );
    const r = await read('docker-compose.yml', text, beside({ 'foo.env': 'POGOMAP_USERNAME=ash_m1\nPOGOMAP_PASSWORD=Pfoo!1\n', 'quoted.env': 'POGOMAP_USERNAME=ash_q2\nPOGOMAP_PASSWORD="Pq!2"\n' }));
    // map1: gone.env optional as compose keeps it (required before: foo.env's account refused as maybe overridden);
    // map2: quoted.env read as .env, quotes taken off (raw before: refused); map3: toml replaced, no project refused.
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[5, 'ash_m1', 'Pfoo!1'], [12, 'ash_q2', 'Pq!2'], [17, 'ash_m1', 'Pfoo!1']]);
    expect(r.rejected).toEqual([]);
  });

  // compose-go types/project.go loadEnvFile: a required env file that is missing stops compose ("env file ... not
  // found"), so where the service ran it existed; read after another, it may set that one's variables.
  it('a required env file the dump lacks, after the one giving an account: refused by its line; optional, or under environment:, read', async () => {
    const text = compose(
      '  map1:', '    image: rocketmap/rocketmap', '    env_file: [foo.env, gone.env]',
      '  map2:', '    image: rocketmap/rocketmap', '    env_file: [gone.env, foo.env]',
      '  map3:', '    image: rocketmap/rocketmap', '    env_file:', '      - foo.env', '      - path: gone.env', '        required: false',
      '  map4:', '    image: rocketmap/rocketmap', '    env_file: [gone.env]', '    environment:', '      POGOMAP_USERNAME: ash_e4', '      POGOMAP_PASSWORD: Penv!4',
    );
    const r = await read('docker-compose.yml', text, beside({ 'foo.env': 'POGOMAP_USERNAME=ash_m1\nPOGOMAP_PASSWORD=Pfoo!1\n' }));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[7, 'ash_m1', 'Pfoo!1'], [11, 'ash_m1', 'Pfoo!1'], [18, 'ash_e4', 'Penv!4']]);
    expect(r.rejected.map((x) => x.line)).toEqual([4, 4]);
    expect(r.rejected[1]!.reason).toBe('POGOMAP_PASSWORD: env_file gone.env (line 4), which compose requires and this dump lacks or refused, comes after foo.env, which sets it, and may set it too: which value the container got is unsure (import the folder holding both)');
  });
});

// `env_file:` in a YAML anchor's block, merged by `<<: *bot` (yaml.org/type/merge.html; compose-go's
// loader reads the merged mapping, so the anchor's `env_file` is each merging service's own, unless
// the service writes its own `env_file:`, which replaces it whole: docker/compose `docs/reference/
// compose_file` "Extension fields" and compose-spec `spec.md`'s `x-` fragments used with `<<:`).
describe('env_file in an anchored block merged by services', () => {
  it("is each merging service's, a service's own env_file replacing it; one out of the dump refused once, by the anchor's line", async () => {
    const text = ['x-bot: &bot', '  image: benmag/pokemongo-bot', '  env_file: bot.env', 'x-map: &map', '  image: rocketmap/rocketmap', '  env_file:', '    - ../out.env', '    - map.env', 'services:', '  bot1:', '    <<: *bot', '  bot2:', '    <<: *bot', '    env_file: bot2.env', '  map:', '    <<: *map', ''].join('\n');
    const b = beside({ 'bot.env': 'USERNAME=ash_m1\nPASSWORD=Pika1m\n', 'bot2.env': 'USERNAME=ash_m2\nPASSWORD=Pika2m\n', 'map.env': 'POGOMAP_USERNAME=ash_m3\nPOGOMAP_PASSWORD=Pika3m\n' });
    const r = await read('docker-compose.yml', text, b);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[11, 'ash_m1', 'Pika1m'], [14, 'ash_m2', 'Pika2m'], [16, 'ash_m3', 'Pika3m']]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[7, expect.stringMatching(/env_file \.\.\/out\.env leads outside this dump/)]]);
    expect(companionsWanted(text)).toEqual({ paths: ['.env', 'bot.env', 'bot2.env', 'map.env'], manifests: false });
    expect(companionsUsed(text, b).sort()).toEqual(['bot.env', 'bot2.env', 'map.env']);
  });
});

// The override compose reads over the compose file on its own (compose-spec/compose-go `cli/options.go`:
// the first of DefaultFileNames in the folder, then the first of DefaultOverrideFileNames beside it;
// compose-spec `merge.md`: `environment:` merged by variable, the override's winning; `image:`,
// `command:`, `entrypoint:` replaced, `env_file:` added).
describe('docker-compose.override.yml merged over docker-compose.yml', () => {
  const base = compose('  map:', '    image: rocketmap/rocketmap', '    environment:', '      POGOMAP_USERNAME: ash_o1', '      POGOMAP_PASSWORD: OldPw1', '  bot:', '    image: benmag/pokemongo-bot', '    environment:', '      - USERNAME=ash_o2', '      - PASSWORD=OldPw2', '  bot3:', '    image: benmag/pokemongo-bot', '    environment:', '      - USERNAME=ash_o3', '      - PASSWORD=Pika3o', '  bot4:', '    image: benmag/pokemongo-bot', '    environment:', '      - USERNAME=ash_o4', '      - PASSWORD=Pika4o');
  const override = compose('  map:', '    environment:', '      POGOMAP_PASSWORD: ${NEW_PASS}', '  bot:', '    environment:', '      - PASSWORD=Pika2o', '  bot3:', '    command: ["--config", "other.json"]', '  bot4:', '    ports: ["8000:8000"]');

  it("takes the override's variables over the file's own; a service whose command it replaces is refused by its line, naming the override's", async () => {
    const b: Beside = { ...beside({ '.env': 'NEW_PASS=Pika1o\n', 'docker-compose.override.yml': override }), override: 'docker-compose.override.yml' };
    const r = await read('docker-compose.yml', base, b);
    expect(new Set(r.accounts.map((a) => `${a.username}/${a.password}`))).toEqual(new Set(['ash_o1/Pika1o', 'ash_o2/Pika2o', 'ash_o4/Pika4o']));
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[15, expect.stringMatching(/^docker-compose\.override\.yml:9 sets this service's command:.*docker compose config/)]]);
    // Alone, the file gives what it writes (no override in the dump).
    expect((await read('docker-compose.yml', base)).accounts.map((a) => a.password)).toEqual(['OldPw1', 'OldPw2', 'Pika3o', 'Pika4o']);
  });

  it('is the override only of the file compose takes in its folder, and read with it, not alone, where it names only its services', async () => {
    const files: Record<string, string> = { 'docker-compose.yml': base, 'docker-compose.override.yml': override, '.env': 'NEW_PASS=Pika1o\n', 'other/compose.yaml': base, 'other/compose.override.yaml': compose('  extra:', '    image: benmag/pokemongo-bot') };
    const plan = await companionPlan({ paths: Object.keys(files), read: async (p) => (files[p] === undefined ? undefined : { text: files[p]! }) });
    expect(plan.beside.get('docker-compose.yml')?.override).toBe('docker-compose.override.yml');
    expect(plan.used.get('docker-compose.override.yml')).toBe('docker-compose.yml');
    // An override adding a service of its own is still read alone too (its own services are no other file's).
    expect(plan.beside.get('other/compose.yaml')?.override).toBe('other/compose.override.yaml');
    expect(plan.used.has('other/compose.override.yaml')).toBe(false);
  });
});

// `extends:` as compose-go resolves it (compose-spec/compose-go `loader/extends.go`: the base of the
// same file or of `file:`, relative to the extending file's folder, its own relative paths from its
// own folder, a cycle an error; `override/merge.go`: `command:` replaced whole, `environment:` the
// base's then the service's; the Compose Specification `services.md` "extends").
describe('a compose service that extends another', () => {
  const common = compose('  base:', '    image: rocketmap/rocketmap', '    env_file: ./map.env', '    command: -u ash_x1 -p ${PW:-Pdef1} -l x', '  env-only:', '    image: rocketmap/rocketmap', '    environment:', '      POGOMAP_USERNAME: ash_x2', '      POGOMAP_PASSWORD: Pold2', '  loop:', '    extends: {file: ../docker-compose.yml, service: map5}');
  const main = compose(
    '  map1:', '    extends:', '      file: shared/common.yml', '      service: base',
    '    environment:', '      POGOMAP_USERNAME: ash_never', // the base's command gives -u: ConfigArgParse reads no variable for it
    '  map2:', '    extends: {file: shared/common.yml, service: env-only}', '    environment:', '      POGOMAP_PASSWORD: Pnew2',
    '  map3:', '    extends: map2', '    command: -l y',
    '  db:', '    image: postgres', '    extends: {file: shared/db.yml, service: pg}',
  );
  it("reads the base's command and variables under the service's own, from the base's own folder, named by the extends line", async () => {
    const files = { 'docker-compose.yml': main, 'shared/common.yml': common, 'shared/map.env': 'POGOMAP_AUTH_SERVICE=google\n', '.env': 'PW=Penv1\n' };
    const plan = await companionPlan({ paths: Object.keys(files), read: async (p) => (p in files ? { text: files[p as keyof typeof files] } : undefined) });
    const b = plan.beside.get('docker-compose.yml')!;
    expect([...b.files.keys()].sort()).toEqual(['.env', 'shared/common.yml', 'shared/map.env']);
    // The base file is read through the file extending it, never alone (where its env-only service would give Pold2, a password no container got); so are the files it uses.
    expect(Object.fromEntries(plan.used)).toEqual({ '.env': 'docker-compose.yml', 'shared/common.yml': 'docker-compose.yml', 'shared/map.env': 'docker-compose.yml' });
    const r = await read('docker-compose.yml', main, b);
    // map1: the base's command (the project's .env interpolating it), its env_file's provider; map2: the base's user, its own password; map3: its own command, the inherited variables.
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider]).sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([[3, 'ash_x1', 'Penv1', 'google'], [9, 'ash_x2', 'Pnew2', 'ptc'], [13, 'ash_x2', 'Pnew2', 'ptc']]);
    expect(r.notes).toContain('line 17: extends service pg of shared/db.yml, which is not in this dump: which account compose gives this service is unsure (import the folder or archive holding both, or the output of `docker compose config`)');
    // Alone, a service whose base is in another file is refused by its extends line, never read as its own lines give it.
    const alone = await read('docker-compose.yml', main).then(() => '', (e: Error) => e.message);
    expect(alone).toMatch(/line 3: extends service base of shared\/common\.yml, which is not in this dump.*line 9: extends service env-only/);
    expect(alone).not.toContain('ash_never');
    // A file whose accounts are all its base's is still RocketMap's; alone, it names the file it lacks.
    const bare = compose('  map:', '    extends: {file: shared/common.yml, service: base}');
    expect((await read('docker-compose.yml', bare, b)).accounts.map((a) => [a.line, a.username, a.password])).toEqual([[3, 'ash_x1', 'Penv1']]);
    await expect(read('docker-compose.yml', bare)).rejects.toThrow(/line 3: extends service base of shared\/common\.yml, which is not in this dump/);
    // The base's `environment:` is laid over every env file, the service's own too (compose-go types/project.go
    // WithServicesEnvironmentResolved, on the merged service): its own env file's password never reached RocketMap.
    const own = compose('  map4:', '    extends: {file: shared/common.yml, service: env-only}', '    env_file: own.env');
    const withOwn = { ...b, files: new Map(b.files).set('own.env', 'POGOMAP_PASSWORD=Pfile4\n') };
    expect((await read('docker-compose.yml', own, withOwn)).accounts.map((a) => [a.line, a.username, a.password])).toEqual([[3, 'ash_x2', 'Pold2']]);
  });

  // compose-go loader/extends.go getExtendsBaseFromFile takes the base service alone from its file, its paths
  // resolved from its folder, and merges its env_file entries under the service's (override.ExtendService,
  // then EnforceUnicity by path): the merged service's entry of an unknown format stops the project
  // (types/project.go WithServicesEnvironmentResolved). The base file's other services are not the project's.
  it("an env file of a format compose does not read, taken from a base in another file: the file refused by the extends line; the base file's other services never checked", async () => {
    const base = compose('  base:', '    image: rocketmap/rocketmap', '    env_file:', '      - path: map.env', '        format: toml', '  other:', '    image: x', '    env_file: [{path: o.env, format: ini}]', '  mid:', '    extends: {file: deeper/far.yml, service: far}');
    const far = compose('  far:', '    image: rocketmap/rocketmap', '    env_file: [{path: ../map.env, format: yaml}]');
    const own = ['    environment:', '      POGOMAP_USERNAME: ash_f1', '      POGOMAP_PASSWORD: Pfmt!1'];
    const files = beside({ 'shared/common.yml': base, 'shared/deeper/far.yml': far, 'shared/map.env': 'POGOMAP_AUTH_SERVICE=ptc\n' });
    const refused = async (service: string, ...more: string[]) => read('docker-compose.yml', compose('  map:', `    extends: {file: shared/common.yml, service: ${service}}`, ...more, ...own), files).then(() => '', (e: Error) => e.message);
    // Before (stop 58), both were read as if compose had started them: ash_f1 imported.
    expect(await refused('base')).toMatch(/^docker-compose\.yml:3: extends service base of shared\/common\.yml, whose env_file map\.env \(shared\/common\.yml:5\) has format: toml, which compose does not read .*stops the whole project/);
    expect(await refused('mid')).toMatch(/^docker-compose\.yml:3: .*env_file \.\.\/map\.env \(shared\/deeper\/far\.yml:4\) has format: yaml/);
    expect(await refused('base')).not.toContain('Pfmt!1');
    // The service naming the same file again replaces the base's entry at its place: read as .env.
    const again = await read('docker-compose.yml', compose('  map:', '    extends: {file: shared/common.yml, service: base}', '    env_file: shared/map.env', ...own), files);
    expect(again.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[6, 'ash_f1', 'Pfmt!1']]);
    // A base without such an entry, its file's other service holding one: read.
    const fine = await read('docker-compose.yml', compose('  map:', '    extends: {file: shared/common.yml, service: other2}', ...own), beside({ 'shared/common.yml': compose('  other2:', '    image: rocketmap/rocketmap', '  other:', '    image: x', '    env_file: [{path: o.env, format: ini}]') }));
    expect(fine.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[5, 'ash_f1', 'Pfmt!1']]);
  });

  it("plain USERNAME/PASSWORD for a service running RocketMap's image, its own or its base's, are refused as RocketMap's: it reads POGOMAP_*", async () => {
    // Stop 56 B2: through a base beside it the e-mail reader imported the login; alone, or with the
    // image its own, the file was refused naming `--format email-text` as the way through.
    // RocketMap's pogom/utils.py get_args: ConfigArgParse with auto_env_var_prefix='POGOMAP_'.
    const base = compose('  rm:', '    image: rocketmap/rocketmap:latest', '    command: -l x');
    const plain = ['    environment:', '      USERNAME: ash_plain1', '      PASSWORD: Pplain!1'];
    const said = /^docker-compose\.yml: lines 5, 6: a login in plain USERNAME\/PASSWORD variables for a service running RocketMap's image, which never reads them: RocketMap takes its accounts from POGOMAP_USERNAME, POGOMAP_PASSWORD and POGOMAP_AUTH_SERVICE/;
    for (const [text, b] of [
      [compose('  map:', '    extends: {file: shared/base.yml, service: rm}', ...plain), beside({ 'shared/base.yml': base })],
      [compose('  map:', '    image: rocketmap/rocketmap', ...plain), undefined],
    ] as const) await expect(read('docker-compose.yml', text, b)).rejects.toThrow(said);
    // Another program's service with the same variables (benmag's bot reads them) is not RocketMap's.
    const bot = await read('docker-compose.yml', compose('  bot:', '    image: benmag/pokemongo-bot', ...plain));
    expect(bot.accounts.map((a) => a.username)).toEqual(['ash_plain1']);
  });

  // An env file named twice in a service's merged env_file list (compose-spec/compose-go override/uncity.go
  // EnforceUnicity, keyed by path: override/merge_env_file_test.go TestMergeEnvFilesMixed, `[foo.env]` then
  // `[bar.env, foo.env]` is `[foo.env, bar.env]`, and "Unicity between string and mapping") is read once, at
  // its first place; compose-go v1 (mergo.WithAppendSlice) and the Python docker-compose 1.x
  // (merge_list_or_string) read it again at the second. Where the two give a variable different values,
  // the account is refused by its line; where they agree, or `environment:` sets it, it is read.
  it('an env file named by both a base and the service: read once at the base\'s place; where older compose reads another value, refused', async () => {
    const main = compose(
      '  base:', '    image: rocketmap/rocketmap', '    env_file: foo.env',
      '  map1:', '    extends: base', '    env_file: [bar.env, foo.env]',
      '  map2:', '    extends: base', '    env_file: [same.env, foo.env]',
      '  map3:', '    extends: base', '    env_file: [bar.env, ./foo.env]', // two keys: foo.env read twice by every compose
      '  map4:', '    extends: base', '    env_file:', '      - bar.env', '      - path: foo.env', '        required: true',
      '  map5:', '    extends: base', '    env_file: [bar.env, foo.env]', '    environment:', '      POGOMAP_PASSWORD: Penv!55',
      '  map6:', '    image: rocketmap/rocketmap', '    env_file: [foo.env, bar.env, foo.env]',
      '  map7:', '    extends: {file: shared/common.yml, service: base}', '    env_file: [bar.env, foo.env]', // the base's ../foo.env joined: foo.env
      '  map8:', '    extends: {file: shared/common.yml, service: base}', '    env_file: [bar.env, ./foo.env]',
    );
    const files = {
      'foo.env': 'POGOMAP_USERNAME=ash_u1\nPOGOMAP_PASSWORD=Pfoo!11\n', 'bar.env': 'POGOMAP_PASSWORD=Pbar!22\n', 'same.env': 'POGOMAP_PASSWORD=Pfoo!11\n',
      'shared/common.yml': compose('  base:', '    image: rocketmap/rocketmap', '    env_file: ../foo.env'),
    };
    const r = await read('docker-compose.yml', main, beside(files));
    expect(r.accounts.map((a) => [a.line, a.username, a.password]).sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([
      // map2 and map5 by their own env_file line: the service's entry replaces the base's at the base's place (stop 58).
      [4, 'ash_u1', 'Pfoo!11'], [10, 'ash_u1', 'Pfoo!11'], [13, 'ash_u1', 'Pfoo!11'], [22, 'ash_u1', 'Penv!55'], [33, 'ash_u1', 'Pfoo!11'],
    ]);
    const twice = r.rejected.filter((x) => /named twice/.test(x.reason));
    expect(twice.map((x) => x.line)).toEqual([7, 17, 27, 30]);
    expect(twice[0]!.reason).toBe("POGOMAP_PASSWORD: foo.env is named twice in the service's env_file list as compose merges it (an extends: base's entries first; docker-compose.yml:4 and line 7), bar.env between the two setting it too: docker compose on compose-go v2 (2024 on) reads foo.env once, at the first place, so bar.env's value wins; docker-compose 1.x and docker compose on compose-go v1 read it again at the second, so its own wins: which value the container got depends on the operator's compose");
    expect(twice[3]!.reason).toContain('shared/common.yml:4 and line 30');
    expect(JSON.stringify(r)).not.toMatch(/Pbar!22/);
    // The bot images' readers follow the same rule (extends-variables.ts, scoped-variables.ts).
    for (const [image, user, pass] of [['benmag/pokemongo-bot', 'USERNAME', 'PASSWORD'], ['konjak/pokemongobot', 'POGO_USERNAME', 'POGO_PASSWORD']] as const) {
      const bots = compose('  base:', `    image: ${image}`, '    env_file: foo.env', '  bot1:', '    extends: base', '    env_file: [bar.env, foo.env]', '  bot2:', '    extends: base', '    env_file: [bar.env, ./foo.env]');
      const got = await read('docker-compose.yml', bots, beside({ 'foo.env': `${user}=ash_b1\n${pass}=Pfoo11x\n`, 'bar.env': `${pass}=Pbar22x\n` }));
      expect(got.accounts.map((a) => [a.line, a.username, a.password]).sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([[4, 'ash_b1', 'Pfoo11x'], [10, 'ash_b1', 'Pfoo11x']]);
      expect(got.rejected.map((x) => [x.line, x.reason])).toEqual([[7, expect.stringMatching(new RegExp(`^${pass}: foo\\.env is named twice`))]]);
    }
  });

  it('a cycle refuses the whole file, naming both files', async () => {
    const cyclic = main + compose('  map5:', '    extends: {file: shared/common.yml, service: loop}').replace('services:\n', '');
    const why = await read('docker-compose.yml', cyclic, beside({ 'shared/common.yml': common })).then(() => '', (e: Error) => e.message);
    expect(why).toContain('line 19: extends comes back to docker-compose.yml service map5 (docker-compose.yml service map5 extends shared/common.yml service loop extends docker-compose.yml service map5)');
  });
});

describe("a pod spec with its Secrets in another manifest of its folder", () => {
  it("reads envFrom's Secret from the manifest beside it, and only the Secret it names", async () => {
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bot', 'spec:', '  containers:', '    - name: bot', '      image: benmag/pokemongo-bot', '      envFrom:', '        - secretRef:', '            name: bot-login'].join('\n');
    const secret = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: bot-login', 'stringData:', '  USERNAME: ash_c8', '  PASSWORD: Pika8pw', '---', 'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'stringData:', '  USERNAME: dbadmin02', '  PASSWORD: dbpass02'].join('\n');
    const b = beside({ 'secret.yaml': secret });
    const r = await read('pod.yaml', pod, b);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[7, 'ash_c8', 'Pika8pw']]);
    expect(companionsWanted(pod)).toEqual({ paths: [], manifests: true });
    expect(companionsUsed(pod, b)).toEqual(['secret.yaml']);
  });
});

// One key of a Secret or ConfigMap as one variable (`valueFrom: secretKeyRef:` / `configMapKeyRef:`,
// the API's EnvVarSource and SecretKeySelector: `name`, `key`, `optional` "whether the Secret or its
// key must be defined"; kubernetes/website `content/en/docs/tasks/inject-data-application/
// distribute-credentials-secure.md`, "Define a container environment variable with data from a
// single Secret"; the schema in instrumenta/kubernetes-json-schema `envvar.json`): the object from
// the same file or a manifest beside it, a `data:` value base64-decoded as the container gets it.
describe("a pod spec's valueFrom: secretKeyRef and configMapKeyRef", () => {
  const deployment = (...env: string[]) => ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: map', 'spec:', '  template:', '    spec:', '      containers:', '        - name: map', '          image: rocketmap/rocketmap', '          env:', ...env, ''].join('\n');
  const ref = (name: string, kind: string, object: string, key: string, optional = false) => [`            - name: ${name}`, '              valueFrom:', `                ${kind}:`, `                  name: ${object}`, `                  key: ${key}`, ...(optional ? ['                  optional: true'] : [])];
  const secret = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: map-login', 'data:', `  password: ${Buffer.from('Pika7pw').toString('base64')}`, '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: map-user', 'data:', '  user: ash_k1', ''].join('\n');

  it('reads the key from the Secret or ConfigMap in the manifest beside it, and names that manifest as used', async () => {
    const pod = deployment(...ref('POGOMAP_USERNAME', 'configMapKeyRef', 'map-user', 'user'), ...ref('POGOMAP_PASSWORD', 'secretKeyRef', 'map-login', 'password'));
    const b = beside({ 'secret.yaml': secret });
    const r = await read('deploy.yaml', pod, b);
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika7pw']]);
    expect(r.rejected).toEqual([]);
    expect(companionsWanted(pod)).toEqual({ paths: [], manifests: true });
    expect(companionsUsed(pod, b)).toEqual(['secret.yaml']);
  });

  it("two manifests beside it holding the pod's Secret differently refuse the account naming both; another namespace's is never read", async () => {
    const login = (ns: string, pw: string) => ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: map-login', `  namespace: ${ns}`, 'stringData:', `  password: ${pw}`, ''].join('\n');
    const pod = deployment(...ref('POGOMAP_USERNAME', 'configMapKeyRef', 'map-user', 'user'), ...ref('POGOMAP_PASSWORD', 'secretKeyRef', 'map-login', 'password'));
    // secret.yaml's map-login names no namespace: `default` too, a third candidate.
    const r = await read('deploy.yaml', pod, beside({ 'a.yaml': login('default', 'Pika5a'), 'b.yaml': login('default', 'Pika5b'), 'secret.yaml': secret })).catch((e: Error) => e.message);
    expect(r).toMatch(/line 18: POGOMAP_PASSWORD: .*3 Secrets named map-login in namespace default could apply \(lines a\.yaml:1, b\.yaml:1, secret\.yaml:1\)/);
    expect(r).not.toMatch(/Pika5|Pika7/);
    // A Secret of that name in another namespace beside it: not the pod's, secret.yaml's is.
    const s = await read('deploy.yaml', pod, beside({ 'a.yaml': login('staging', 'Pika5a'), 'secret.yaml': secret }));
    expect(s.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika7pw']]);
  });

  it("reads a bot's Secret in the same file; a Secret or key the dump lacks refuses the account by its valueFrom line, naming them", async () => {
    const bot = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: bot', 'stringData:', '  pass: Pika8pw', '---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bots', 'spec:', '  containers:'];
    const container = (n: number, object: string, key: string, optional = false) => [`    - name: bot${n}`, '      image: benmag/pokemongo-bot', '      env:', '        - name: USERNAME', `          value: ash_k${n}`, '        - name: PASSWORD', '          valueFrom:', '            secretKeyRef:', `              name: ${object}`, `              key: ${key}`, ...(optional ? ['              optional: true'] : [])];
    const text = [...bot, ...container(2, 'bot', 'pass'), ...container(3, 'bot', 'nope'), ...container(4, 'gone', 'pass', true), ''].join('\n');
    const r = await read('pod.yaml', text, beside({}));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k2', 'Pika8pw']]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [30, expect.stringMatching(/PASSWORD: comes from a Secret \(valueFrom\) that the Secret does not hold: Secret bot's key nope/)],
      [40, expect.stringMatching(/PASSWORD: comes from a Secret \(valueFrom\) in neither this file nor a manifest beside it: Secret gone's key pass .*optional/)],
    ]);
    expect(JSON.stringify(r.rejected)).not.toMatch(/Pika8pw/);
  });
});

describe('a known program whose container gives nothing', () => {
  it("is said in a note by its service's line, never passed over in silence", async () => {
    const text = compose('  map:', '    image: rocketmap/rocketmap:latest', '    env_file: map.env', '  bot:', '    image: benmag/pokemongo-bot', '    environment:', '      - USERNAME=ash_c9', '      - PASSWORD=Pika9pw', '  db:', '    image: postgres');
    const r = await read('docker-compose.yml', text);
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_c9']);
    expect(r.notes).toEqual([expect.stringMatching(/^line 2: the service map runs RocketMap, and this file gives it no account/)]);
  });
});

describe('a version 1 compose file (no services: block, each top-level key a service)', () => {
  // docker/compose 1.x `compose/config/config.py` (V1 files: the services at the top level); its
  // docs' examples kept that shape until 2017. Before, its services were one scope: a postgres
  // service's USERNAME was read as the bot's account, and of two RocketMap services only the last.
  it("reads each service's own account, never a database's", async () => {
    const text = ['bot:', '  image: benmag/pokemongo-bot', '  environment:', '    - USERNAME=ash_v1', '    - PASSWORD=Pika1v', 'db:', '  image: postgres', '  environment:', '    - USERNAME=dbadmin9', '    - PASSWORD=dbpass9', 'map:', '  image: rocketmap/rocketmap', '  environment:', '    - POGOMAP_USERNAME=ash_v2', '    - POGOMAP_PASSWORD=Pika2v', 'map2:', '  image: rocketmap/rocketmap', '  environment:', '    - POGOMAP_USERNAME=ash_v3', '    - POGOMAP_PASSWORD=Pika$$3v', ''].join('\n');
    const r = await read('docker-compose.yml', text);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[4, 'ash_v1', 'Pika1v'], [14, 'ash_v2', 'Pika2v'], [19, 'ash_v3', 'Pika$3v']]);
    expect(r.rejected).toEqual([]);
  });
});
