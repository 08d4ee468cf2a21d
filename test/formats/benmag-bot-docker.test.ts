// PokemonGo-Bot in benmag's docker image (benmag/docker-pokemongo-bot, commit 1b84914): its login in
// plain AUTH_SERVICE / USERNAME / PASSWORD variables, which the image's start.sh echoes unescaped
// into configs/config.json. Each container's account exactly; a value the echo would change, or the
// Dockerfile's default left in, refused by its line; the Maps key and a database's password never read.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

/** A pod of a postgres container given the Secret `db-login` and the bot given `pokebot-login` (envFrom). */
const POD_OF_TWO_SECRETS = [
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: pokebot',
  'spec:',
  '  containers:',
  '    - name: db',
  '      image: postgres:13',
  '      envFrom:',
  '        - secretRef:',
  '            name: db-login',
  '    - name: bot',
  '      image: benmag/pokemongo-bot',
  '      envFrom:',
  '        - secretRef:',
  '            name: pokebot-login',
];

/** A Secret document (the Kubernetes API's Secret): its name and one block of keys. */
const secret = (name: string, block: string, entries: string[]) => ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, `${block}:`, ...entries.map((e) => `  ${e}`)];
/** The database's Secret, base64 `data:` (`dbadmin01` / `Adm1n!pw`): never an account. */
const DB_DATA_SECRET = secret('db-login', 'data', ['USERNAME: ZGJhZG1pbjAx', 'PASSWORD: QWRtMW4hcHc=']);

describe('PokemonGo-Bot in benmag/pokemongo-bot', () => {
  it('a compose file of four bots: each service its account, `"` and an unset PASSWORD refused by line', async () => {
    const r = await readDump(fixture('benmag-pokemongo-bot-compose.yml'));
    expect(r.format).toBe('pokemongo-bot');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [7, 'ptc', 'benmag_a1', 'Sn0rlax!1 two'],
      [15, 'google', 'benmag.b2@gmail.com', 'G00gle:pw2'],
    ]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [22, expect.stringContaining("start.sh writes into config.json unescaped")],
      [26, expect.stringContaining("PASSWORD is not set: the image's default `password`")],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSyBenmagMapsKey01|secret|Pw"3/);
  });

  it('`docker run -e`: one shell word each; two runs are two bots; the default `username` is no account', async () => {
    const text = 'docker run -d -e USERNAME=benmag_e5 -e PASSWORD=Pidgey5! -e LOCATION="Brisbane, QLD" benmag/pokemongo-bot\n'
      + 'docker run -d -e USERNAME=username -e PASSWORD=Pw6! benmag/pokemongo-bot\n';
    const r = await readDump(input('bots.sh', text));
    expect(r.accounts.map((a) => [a.provider, a.username, a.password])).toEqual([['ptc', 'benmag_e5', 'Pidgey5!']]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[2, expect.stringContaining("USERNAME holds the image's default `username`")]]);
  });

  it('plain USERNAME / PASSWORD in a file that names no such image are no bot login', async () => {
    const text = 'version: "3"\nservices:\n  db:\n    image: postgres\n    environment:\n      - USERNAME=dbadmin01\n      - PASSWORD=Adm1n!pw\n';
    await expect(readDump(input('docker-compose.yml', text))).rejects.toThrow(/docker-compose file/);
  });

  // A container's plain variables are the image's only where that container names it (s47: on main
  // every service's USERNAME was read once the file named the image anywhere: `dbadmin01` imported).
  it("a postgres service's or `docker run`'s USERNAME beside the bot is the database's, never an account; a service merging the bot's anchor is the bot", async () => {
    const compose = [
      'version: "3"',
      'x-bot: &bot',
      '  image: benmag/pokemongo-bot',
      '  restart: always',
      'services:',
      '  db:',
      '    image: postgres:13',
      '    environment:',
      '      - USERNAME=dbadmin01',
      '      - PASSWORD=Adm1n!pw',
      '  bot1:',
      '    <<: *bot',
      '    environment:',
      '      - USERNAME=benmag_f6',
      '      - PASSWORD=Eevee6!x',
      'volumes:',
      '  data: {}',
    ].join('\n');
    const r = await readDump(input('docker-compose.yml', compose));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[14, 'benmag_f6', 'Eevee6!x']]);
    const runs = 'docker run -d -e USERNAME=dbadmin01 -e PASSWORD=Adm1n!pw postgres:13\ndocker run -d -e USERNAME=benmag_g7 -e PASSWORD=Jolteon7! benmag/pokemongo-bot\n';
    const s2 = await readDump(input('start.sh', runs));
    expect(s2.accounts.map((a) => [a.line, a.username])).toEqual([[2, 'benmag_g7']]);
    expect(JSON.stringify([r, s2])).not.toMatch(/dbadmin01|Adm1n/);
  });

  // A compose file's extension fields (`x-*`, the Compose Specification's "Extension" with YAML
  // anchors): a block outside `services:` is the env of the services naming its anchor only (s47
  // review: the database's `x-db-env` block was read as the file's, `dbadmin01` imported).
  it("an anchor's block outside the services is the env of the services naming it: the database's never, the bot's yes", async () => {
    const dbAnchor = [
      'x-db-env: &dbenv',
      '  USERNAME: dbadmin01',
      '  PASSWORD: Adm1n!pw',
      'services:',
      '  bot:',
      '    image: benmag/pokemongo-bot',
      '    environment:',
      '      AUTH_SERVICE: ptc',
      '      USERNAME: benmag_j10',
      '      PASSWORD: Vaporeon10!',
      '  db:',
      '    image: postgres:13',
      '    environment: *dbenv',
    ].join('\n');
    const r = await readDump(input('docker-compose.yml', dbAnchor));
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[9, 'ptc', 'benmag_j10', 'Vaporeon10!']]);
    expect(JSON.stringify(r)).not.toMatch(/dbadmin01|Adm1n/);
    const botAnchor = [
      'x-bot: &bot',
      '  image: benmag/pokemongo-bot',
      '  environment:',
      '    AUTH_SERVICE: ptc',
      '    USERNAME: benmag_k11',
      '    PASSWORD: Espeon11!',
      'services:',
      '  bot:',
      '    <<: *bot',
    ].join('\n');
    const b = await readDump(input('docker-compose.yml', botAnchor));
    expect(b.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[5, 'ptc', 'benmag_k11', 'Espeon11!']]);
  });

  // YAML's merge key (yaml.org/type/merge.html; go-yaml v3 under compose-go's loader) is shallow: a
  // service's own `environment:` replaces the merged anchor's whole, so the anchor's PASSWORD never
  // fills a service writing only USERNAME (on main it did: an account the bot never logged in with).
  // A `<<:` inside the service's own `environment:` map merges the variables key by key.
  it("a service's own environment: replaces the one it merges from an anchor whole; a merge inside environment: merges the variables", async () => {
    const compose = (service: string[]) => [
      'x-bot: &bot',
      '  image: benmag/pokemongo-bot',
      '  environment:',
      '    USERNAME: anchor_user',
      '    PASSWORD: Anch0r!pw',
      'x-login: &login',
      '  AUTH_SERVICE: ptc',
      '  PASSWORD: L0gin!pw',
      'services:',
      '  bot:',
      ...service,
    ].join('\n');
    const own = await readDump(input('docker-compose.yml', compose(['    <<: *bot', '    environment:', '      USERNAME: benmag_m13']))).catch((e: Error) => e);
    expect(own instanceof Error ? own.message : JSON.stringify(own.accounts)).not.toMatch(/Anch0r/);
    if (!(own instanceof Error)) expect(own.rejected.map((r) => r.reason)).toEqual([expect.stringContaining('PASSWORD is not set')]);
    const merged = await readDump(input('docker-compose.yml', compose(['    <<: *bot'])));
    expect(merged.accounts.map((a) => [a.username, a.password])).toEqual([['anchor_user', 'Anch0r!pw']]);
    const inner = await readDump(input('docker-compose.yml', compose(['    <<: *bot', '    environment:', '      <<: *login', '      USERNAME: benmag_n14'])));
    expect(inner.accounts.map((a) => [a.username, a.password])).toEqual([['benmag_n14', 'L0gin!pw']]);
  });

  // YAML's merge key takes a list too (yaml.org/type/merge.html: `<<: [*a, *b]`, each mapping merged
  // in turn, a key of an earlier one winning over a later one's, the service's own over all): the
  // image is followed through the list, and the environment is the first anchor's that has one.
  it('`<<: [*a, *b]`: the image comes through the list, and the first anchor holding environment: is the one used', async () => {
    const compose = (merge: string, own: string[] = []) => ['x-bot: &bot', '  image: benmag/pokemongo-bot', 'x-login: &login', '  environment:', '    USERNAME: first_w1', '    PASSWORD: F1rst!pw',
      'x-old: &old', '  environment:', '    USERNAME: second_w2', '    PASSWORD: S3cond!pw', 'services:', '  bot:', `    <<: ${merge}`, ...own, ''].join('\n');
    const accounts = async (text: string) => (await readDump(input('docker-compose.yml', text))).accounts.map((a) => [a.line, a.username, a.password]);
    expect(await accounts(compose('[*bot, *login, *old]'))).toEqual([[5, 'first_w1', 'F1rst!pw']]);
    expect(await accounts(compose('[*bot, *old, *login]'))).toEqual([[9, 'second_w2', 'S3cond!pw']]);
    expect(await accounts(compose('[ *login, *bot ]'))).toEqual([[5, 'first_w1', 'F1rst!pw']]);
    // The service's own environment: wins over every anchor in the list.
    expect(await accounts(compose('[*bot, *login, *old]', ['    environment:', '      USERNAME: own_w3', '      PASSWORD: Own3!pw']))).toEqual([[15, 'own_w3', 'Own3!pw']]);
  });

  // kubernetes/website `.../distribute-credentials-secure.md`: `envFrom: - secretRef: name: X` gives a
  // container every key of the Secret X as a variable. The Secret's keys are the env of the containers
  // naming it, in the same file; a database's Secret is not the bot's login (s47: read as an account).
  it("a Kubernetes Secret's stringData is the env of the container naming it in envFrom, and no other's", async () => {
    const manifest = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: db-login',
      'stringData:',
      '  USERNAME: dbadmin01',
      '  PASSWORD: Adm1n!pw',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: pokebot-login',
      'type: Opaque',
      'stringData:',
      '  AUTH_SERVICE: google',
      '  USERNAME: benmag.h8@gmail.com',
      '  PASSWORD: "Flareon8!"',
      ...POD_OF_TWO_SECRETS,
    ].join('\n');
    const r = await readDump(input('pokebot.yaml', manifest));
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[16, 'google', 'benmag.h8@gmail.com', 'Flareon8!']]);
    expect(JSON.stringify(r)).not.toMatch(/dbadmin01|Adm1n/);
  });

  // A Secret's `data:` holds base64 (Kubernetes API, Secret.data): the database's encoded
  // `USERNAME: ZGJhZG1pbjAx` was read as the file's own variables (s47 review: an invented account).
  it("a Secret's base64 data is never read as written; the bot's stringData Secret still is", async () => {
    const manifest = [...DB_DATA_SECRET, '---', ...secret('pokebot-login', 'stringData', ['USERNAME: benmag_l12', 'PASSWORD: Glaceon12!']), ...POD_OF_TWO_SECRETS].join('\n');
    const r = await readDump(input('pokebot.yaml', manifest));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[14, 'benmag_l12', 'Glaceon12!']]);
    expect(JSON.stringify(r)).not.toMatch(/ZGJhZG1pbjAx|QWRtMW4hcHc/);
  });

  // The Kubernetes API's Secret: `data` holds each value base64-encoded, `stringData` plain text merged
  // over it; the container gets the decoded value (kubernetes/website distribute-credentials-secure.md).
  // s47-X built this decoding; stop 47's rule kept: the database's data: Secret beside it is never read.
  it("a Secret's base64 data: named by the bot's envFrom is decoded as the container gets it; a value that is no base64 text is refused by its line", async () => {
    const manifest = (pass: string) => [...DB_DATA_SECRET, '---', ...secret('pokebot-login', 'data', ['AUTH_SERVICE: cHRj', 'USERNAME: YmVubWFnX2Q5', `PASSWORD: ${pass}`]), ...POD_OF_TWO_SECRETS].join('\n');
    const r = await readDump(input('pokebot.yaml', manifest('VW1icmVvbiA5Ong=')));
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[15, 'ptc', 'benmag_d9', 'Umbreon 9:x']]);
    expect(JSON.stringify(r)).not.toMatch(/YmVu|VW1i|ZGJh|dbadmin01/);
    await expect(readDump(input('pokebot.yaml', manifest('Umbreon9!')))).rejects.toThrow(/line 16: PASSWORD: the Secret's data: value is no base64/);
  });

  // The Compose Specification's `extends` (docker/compose-spec `spec.md`, "extends": `service` and an
  // optional `file`; `extends: NAME` the short form): the service is the one it extends with its own
  // settings over it, so a bot extending the base naming the image, with its provider, is the bot.
  it('a service extending the bot base of the same file gets its image and its env, its own settings winning', async () => {
    const compose = [
      'version: "2.1"',
      'services:',
      '  bot-base:',
      '    image: benmag/pokemongo-bot',
      '    environment:',
      '      - AUTH_SERVICE=google',
      '      - PASSWORD=password',
      '  bot1:',
      '    extends: bot-base',
      '    environment:',
      '      - USERNAME=benmag.i9@gmail.com',
      '      - PASSWORD=Umbreon9!',
      '  bot2:',
      '    extends:',
      '      service: bot-base',
      '    environment:',
      '      - USERNAME=benmag.j10@gmail.com',
      '  bot3:',
      '    extends:',
      '      file: common.yml',
      '      service: bot-base',
      '    environment:',
      '      - USERNAME=benmag_k11',
      '      - PASSWORD=Glaceon11!',
      '  db:',
      '    image: postgres',
      '    environment:',
      '      - USERNAME=dbadmin01',
      '      - PASSWORD=Adm1n!pw',
    ].join('\n');
    const r = await readDump(input('docker-compose.yml', compose));
    // bot2 keeps the base's PASSWORD, the image's default: refused by its extends line naming the base's, never an account.
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[11, 'google', 'benmag.i9@gmail.com', 'Umbreon9!']]);
    // bot3 extends a service of a file not read here: which image and login compose gives it is unsure, refused by its extends line.
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [14, "in docker-compose.yml:7, PASSWORD holds the image's default `password`: a bot never set up"],
      [19, expect.stringMatching(/^extends service bot-base of common\.yml, which is not in this dump/)],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/benmag_k11|Glaceon|dbadmin01|Adm1n/);
    // With common.yml in the dump (`import DIR`, an archive: compose-go loader/extends.go reads `file:` from the
    // compose file's folder), bot3 is its base's image with its base's env under its own; bot5 takes the base's
    // PASSWORD; a base's value start.sh would change is refused by the extends line, naming where it is written.
    const common = ['services:', '  bot-base:', '    image: benmag/pokemongo-bot', '    environment:', '      - AUTH_SERVICE=ptc', '      - PASSWORD=Leafeon11!', '  bot-quoted:', '    extends: bot-base', '    environment:', '      - PASSWORD=Pw"12'].join('\n');
    const more = [...compose.split('\n').slice(0, 24), '  bot5:', '    extends: {file: common.yml, service: bot-base}', '    environment:', '      USERNAME: benmag_l12', '  bot6:', '    extends: {file: common.yml, service: bot-quoted}', '    environment:', '      USERNAME: benmag_m13'].join('\n');
    const files = { dir: '', files: new Map([['common.yml', common]]), refused: new Map<string, string>() };
    const withBase = await readDump({ ...input('docker-compose.yml', more), beside: files });
    expect(withBase.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[11, 'google', 'benmag.i9@gmail.com', 'Umbreon9!'], [23, 'ptc', 'benmag_k11', 'Glaceon11!'], [28, 'ptc', 'benmag_l12', 'Leafeon11!']]);
    expect(withBase.rejected.map((x) => [x.line, x.reason])).toEqual([[14, expect.stringContaining("default `password`")], [30, expect.stringMatching(/^in common\.yml:10, PASSWORD holds `"`/)]]);
    // A base that extends back to the service: compose refuses the file, so nothing of it is imported.
    const loop = common.replace('  bot-quoted:\n    extends: bot-base', '  bot-quoted:\n    extends: {file: docker-compose.yml, service: bot6}');
    await expect(readDump({ ...input('docker-compose.yml', more), beside: { ...files, files: new Map([['common.yml', loop]]) } })).rejects.toThrow(/line 30: extends comes back to docker-compose\.yml service bot6 \(docker-compose\.yml service bot6 extends common\.yml service bot-quoted extends docker-compose\.yml service bot6\).*nothing of it is imported/);
  });

  // Stop 55 left two: a compose file naming no image, its bots' image only in the base file they
  // extend, was read as a letter (email-text), and a base's `env_file:` under the service's own.
  // compose-go: the image is the nearest base's (loader/extends.go); env_file lists and environment
  // maps merge (override/merge.go), and the merged environment is laid over every env file's
  // variables (types/project.go WithServicesEnvironmentResolved).
  it("a compose file naming no image, its bots' image in the base file they extend: read by following extends; the base's env_file merged, environment over every env file; the base missing, refused by the extends line", async () => {
    const compose = [
      'services:',
      '  bot1:',
      '    extends:',
      '      file: bots/base.yml',
      '      service: bot-base',
      '    environment:',
      '      - USERNAME=benmag_n14',
      '  bot2:',
      '    extends: {file: bots/base.yml, service: bot-base}',
      '    env_file: own.env',
      '    environment:',
      '      USERNAME: benmag_o15',
      '  pg:',
      '    extends: {file: bots/base.yml, service: db}',
      '    environment:',
      '      - USERNAME=dbadmin02',
      '      - PASSWORD=Adm1n!pw2',
    ].join('\n');
    // Alone: which program compose runs these services with is named only in bots/base.yml; nothing is guessed.
    await expect(readDump(input('docker-compose.yml', compose))).rejects.toThrow(/^docker-compose\.yml: line 3: extends service bot-base of bots\/base\.yml, which is not in this dump: .*; line 9: .*; line 14: .*no reader was chosen and nothing of this file is imported$/);
    const base = ['services:', '  bot-base:', '    image: benmag/pokemongo-bot', '    env_file: bot.env', '    environment:', '      - AUTH_SERVICE=ptc', '  db:', '    image: postgres', '    environment:', '      - PASSWORD=Pg!base1'].join('\n');
    const files = new Map([['bots/base.yml', base], ['bots/bot.env', 'PASSWORD=Espeon14!\n'], ['own.env', 'PASSWORD=OwnFile15!\n']]);
    const r = await readDump({ ...input('docker-compose.yml', compose), beside: { dir: '', files, refused: new Map<string, string>() } });
    // bot1's password is the base's env_file's (read from the base's folder); bot2's own env_file sets one too,
    // but the base's env file comes first and bot2's after it: its own wins. The postgres service is never the bot.
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[7, 'ptc', 'benmag_n14', 'Espeon14!'], [12, 'ptc', 'benmag_o15', 'OwnFile15!']]);
    expect(JSON.stringify(r)).not.toMatch(/dbadmin02|Adm1n|Pg!base1/);
    // A base's `environment:` PASSWORD is laid over every env file, the extending service's own too.
    const withEnv = new Map(files).set('bots/base.yml', base.replace('      - AUTH_SERVICE=ptc', '      - AUTH_SERVICE=ptc\n      - PASSWORD=BaseEnv16!'));
    const over = await readDump({ ...input('docker-compose.yml', compose), beside: { dir: '', files: withEnv, refused: new Map<string, string>() } });
    expect(over.accounts.map((a) => [a.username, a.password])).toEqual([['benmag_n14', 'BaseEnv16!'], ['benmag_o15', 'BaseEnv16!']]);
  });

  // The same image in a Kubernetes Deployment: each container's `env:` (the Kubernetes API's EnvVar,
  // `- name:` / `value:`; kubernetes/website define-environment-variable-container.md) is what
  // start.sh sees, a YAML string (`''` one quote); a value from a Secret (`valueFrom:`) is not here.
  it('a Kubernetes pod: each benmag container its login, a Secret refused by line, a proxy sidecar never read', async () => {
    const r = await readDump(fixture('benmag-pokemongo-bot-kubernetes.yml'));
    expect(r.format).toBe('pokemongo-bot');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [22, 'ptc', 'benkube_a1', "B3n:kube '1'"],
      [35, 'google', 'benkube.b2@gmail.com', 'G00gle#kube2'],
    ]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[44, expect.stringContaining('comes from a Secret (valueFrom)')]]);
    expect(JSON.stringify(r)).not.toMatch(/squidadmin01|Squ1dPr0xy|AIzaSyBenKubeMapsKey01|Brisbane/);
  });

  it('an ECS task definition: each container naming the image its own "environment" pairs', async () => {
    const text = JSON.stringify({
      containerDefinitions: [
        { name: 'bot', image: 'benmag/pokemongo-bot', environment: [{ name: 'USERNAME', value: 'benecs_h8' }, { name: 'PASSWORD', value: 'Ecs:pw 8' }, { name: 'AUTH_SERVICE', value: 'ptc' }] },
        { name: 'db', image: 'mysql', environment: [{ name: 'USERNAME', value: 'ecsdb01' }, { name: 'PASSWORD', value: 'Db!pw01' }] },
      ],
    }, null, 1);
    const r = await readDump(input('task.json', text));
    expect(r.accounts.map((a) => [a.provider, a.username, a.password])).toEqual([['ptc', 'benecs_h8', 'Ecs:pw 8']]);
    expect(r.rejected).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/ecsdb01|Db!pw01/);
  });

  // Recovered from stop 46 (fed67510): two services merging the anchor, one with a map `environment:`
  // (main's container-spans.ts spanNames follows `<<: *bot`; this holds it for each service).
  it('services that merge the image from a YAML anchor (`<<: *bot`) are its containers; the database beside them is not', async () => {
    const text = 'version: "3.4"\nx-bot: &bot\n  image: benmag/pokemongo-bot\n  restart: always\nservices:\n  bot1:\n    <<: *bot\n    environment:\n      - USERNAME=benanchor_a1\n      - PASSWORD=Anch0r!1\n'
      + '  bot2:\n    <<: *bot\n    environment:\n      USERNAME: benanchor_b2\n      PASSWORD: Anch0r!2\n  db:\n    image: postgres\n    environment:\n      - USERNAME=dbadmin01\n      - PASSWORD=Adm1n!pw\n';
    const r = await readDump(input('docker-compose.yml', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[9, 'benanchor_a1', 'Anch0r!1'], [14, 'benanchor_b2', 'Anch0r!2']]);
    expect(JSON.stringify(r)).not.toMatch(/dbadmin01|Adm1n/);
  });

  // s47-C left it: a manifest with a database's Secret and no container naming the bot's image fell to
  // the generic e-mail reader, which imported `USERNAME: dbadmin01` (and, from a `data:` Secret, the
  // base64 text) as an account. A Kubernetes manifest is now a known file without accounts
  // (not-accounts/kubernetes-manifests.ts): the scanner and bot readers take what it holds for them.
  it("a Kubernetes manifest whose Secret is a database's, with no container of the bot's image, is refused, never read as a list", async () => {
    const secret = (data: string) => ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db-login', 'type: Opaque', data].join('\n');
    const pod = ['---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: db', 'spec:', '  containers:', '    - name: db', '      image: postgres:13', '      envFrom:', '        - secretRef:', '            name: db-login', ''].join('\n');
    for (const text of [
      secret('stringData:\n  USERNAME: dbadmin01\n  PASSWORD: Adm1n!pw\n'),
      secret('data:\n  USERNAME: ZGJhZG1pbjAx\n  PASSWORD: QWRtMW4hcHc=\n'),
      `${secret('stringData:\n  USERNAME: dbadmin01\n  PASSWORD: Adm1n!pw')}\n${pod}`,
      // Stop 48: the same Secret pasted without apiVersion/kind (a fragment, a Helm values snippet):
      // the generic e-mail reader imported dbadmin01. An object's fields alone, with metadata's name.
      'metadata:\n  name: db-login\ntype: Opaque\nstringData:\n  USERNAME: dbadmin01\n  PASSWORD: Adm1n!pw\n',
    ]) {
      const error = await readDump(input('db.yaml', text)).then(() => undefined, (e: Error) => e);
      expect(error?.message).toMatch(/a Kubernetes manifest/);
      expect(error?.message).not.toMatch(/dbadmin01|Adm1n|ZGJh|QWRt/);
    }
  });

  // Stop 55's survey: a ConfigMap holding RocketMap's accounts.csv (mounted for --accountcsv) was
  // refused as "no account list" (stop 55 G named the file). Stop 55 G2: the key's file is read as
  // an archive's member is, by its name, through the same readers, its lines the manifest's; a file
  // under a name naming another service (`rocketmap-db`, `postgres-init`) is never read.
  it("a ConfigMap's or Secret's accounts.csv is read by the manifest's lines; a database's users file beside it or alone never", async () => {
    const r = await readDump(fixture('k8s-accounts-configmap.yaml'));
    expect(r.format).toBe('kubernetes-data-file+rocketmap');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [9, 'ptc', 'k8s_acct01', 'Wq2!eR4t'],
      [10, 'ptc', 'k8s_acct02', 'Ui6!oP8a'],
      [11, 'google', 'k8s.acct03@gmail.com', 'Gm9!kL2j'],
    ]);
    // The config.ini beside it is settings (its Maps key no line to refuse); the Secret's db-users.csv is the database's.
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[43, expect.stringContaining('names another service than the game')]]);
    expect(JSON.stringify(r)).not.toMatch(/rmadmin|Adm1n|AIzaSy/);
    const db = await readDump(fixture('k8s-db-users-configmap.yaml')).then(() => undefined, (e: Error) => e);
    expect(db?.message).toMatch(/no accounts found.*line 6: the data key users\.txt holds a file under the name `postgres-init`/);
    expect(db?.message).not.toMatch(/dbadmin|Adm1n/);
    // A Secret's stringData `|-` block, a blank line in it, and a line no account: numbered as the manifest's.
    const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: scanner-logins\nstringData:\n  accounts.txt: |-\n    k8s_sec01:Ab3!cd5Ef\n\n    k8s_sec02 Gh7!ij9Kl 2017\n    k8s_sec03:Mn2!op4Qr\n';
    const s = await readDump(input('secret.yaml', text));
    expect(s.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[7, 'k8s_sec01', 'Ab3!cd5Ef'], [10, 'k8s_sec03', 'Mn2!op4Qr']]);
    expect(s.rejected.map((x) => x.line)).toEqual([9]);
  });
});
