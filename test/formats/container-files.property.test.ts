// A scanner's or bot's compose file as compose-go loads it (compose-spec/compose-go `template/
// template.go` for `${VAR:-default}` and `$$`; `environment:` as a list or a map; YAML anchors):
// random files of services (RocketMap's image with POGOMAP_*, benmag's bot with USERNAME/PASSWORD,
// konjak's with POGO_*, Ashex's PokemonGo-Map with POKEMON_*, one program's or several side by side,
// databases and web servers beside them) import exactly the accounts their
// scanner and bot containers hold, in whichever of those forms written; a file whose containers hold
// none imports nothing and is named for what it is, never read as a list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

type Login = [username: string, password: string];

const username = fc.stringMatching(/^[a-z][a-z0-9_]{5,10}$/);
/** Passwords the images hand on unchanged (benmag's echo, konjak's sed leave these alone); `$` among them, written `$$`. */
const password = fc.stringMatching(/^[A-Za-z][A-Za-z0-9!$%+=:,.@-]{5,12}$/);
const serviceName = fc.stringMatching(/^[a-z][a-z0-9]{2,7}$/);
const form = fc.constantFrom('list', 'map', 'default', 'anchor');

/** Settings that are no account: a database's login, a key, a time zone, a variable left to the operator. */
const noise = fc.constantFrom<[string, string][]>(
  [['TZ', 'Europe/Paris']],
  [['POSTGRES_USER', 'dbadmin'], ['POSTGRES_PASSWORD', 'Db${DB_PW:-s3cret}']],
  [['MYSQL_USER', 'rm'], ['MYSQL_PASSWORD', '${MYSQL_PASSWORD}']],
  [['POGOMAP_GMAPS_KEY', 'AIzaSy${KEY:-Demo}'], ['POGOMAP_LOCATION', '"Seattle, WA"']],
  [],
);

interface Service {
  name: string;
  image: string;
  env: [string, string][];
  form: 'list' | 'map' | 'default' | 'anchor';
  login?: Login;
}

/** The account variables each image reads, and a mark its file needs (konjak's bot its latitude). */
const IMAGES: Record<string, { user: string; pass: string; more: [string, string][] }> = {
  'rocketmap/rocketmap:latest': { user: 'POGOMAP_USERNAME', pass: 'POGOMAP_PASSWORD', more: [['POGOMAP_AUTH_SERVICE', 'ptc']] },
  'benmag/pokemongo-bot': { user: 'USERNAME', pass: 'PASSWORD', more: [['AUTH_SERVICE', 'ptc']] },
  'konjak/pokemongobot': { user: 'POGO_USERNAME', pass: 'POGO_PASSWORD', more: [['POGO_LATITUDE', '47.6']] },
  // Ashex/pokemongo-map-docker `develop/entrypoint.sh`: each POKEMON_* variable a config.ini line.
  'ashex/pokemongo-map': { user: 'POKEMON_USERNAME', pass: 'POKEMON_PASSWORD', more: [['POKEMON_AUTH_SERVICE', 'ptc']] },
};

const scanner = fc.record({ name: serviceName, image: fc.constantFrom(...Object.keys(IMAGES)), env: noise, form, login: fc.tuple(username, password) });
/** Containers of one program, or of several side by side (RocketMap beside a bot: each program's reader reads its own, container-programs.ts). */
const scanners = fc.oneof(
  fc.tuple(fc.constantFrom(...Object.keys(IMAGES)), fc.array(scanner, { minLength: 1, maxLength: 3 })).map(([image, list]) => list.map((s) => ({ ...s, image }))),
  fc.array(scanner, { minLength: 2, maxLength: 4 }),
);
const other = fc.record({ name: serviceName, image: fc.constantFrom('postgres:13', 'mysql:5.7', 'nginx:alpine', 'redis'), env: noise, form });

/** The compose file: each service its env in its form; an anchored env under `x-NAME:` named by `<<:`. */
function composeFile(services: Service[]): string {
  const out: string[] = [];
  const anchored: string[] = [];
  out.push('services:');
  services.forEach((s, i) => {
    const image = IMAGES[s.image];
    const login: [string, string][] = s.login && image ? [[image.user, s.login[0]], [image.pass, s.login[1].replaceAll('$', '$$$$')], ...image.more] : [];
    const env = [...s.env, ...login];
    out.push(`  ${s.name}${i}:`, `    image: ${s.image}`);
    if (env.length === 0) return;
    if (s.form === 'anchor') {
      anchored.push(`x-env${i}: &env${i}`, ...env.map(([k, v]) => `  ${k}: ${v}`));
      out.push('    environment:', `      <<: *env${i}`);
    } else if (s.form === 'list') out.push('    environment:', ...env.map(([k, v]) => `      - ${k}=${v.replace(/^"(.*)"$/, '$1')}`));
    else if (s.form === 'map') out.push('    environment:', ...env.map(([k, v]) => `      ${k}: ${v}`));
    else out.push('    environment:', ...env.map(([k, v]) => `      ${k}: "\${${k}_FROM_SHELL:-${v.replace(/^"(.*)"$/, '$1')}}"`));
  });
  return [...anchored, ...out].join('\n') + '\n';
}

const sorted = (logins: Login[]) => [...new Map(logins.map((l) => [l.join('\u0000'), l])).values()].sort();

describe('compose files of scanners and bots', () => {
  it('import exactly the logins their scanner and bot containers hold, in every form', async () => {
    await fc.assert(
      fc.asyncProperty(scanners, fc.array(other, { maxLength: 2 }), async (own, others) => {
        const services = [...own, ...others] as Service[];
        const r = await readDump(input('docker-compose.yml', composeFile(services)));
        const want = sorted(own.map((s) => s.login));
        expect(sorted(r.accounts.map((a) => [a.username, a.password]))).toEqual(want);
        expect(r.rejected).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it("RocketMap's and konjak's images: each service its own anchored env (`x-a: &a`, `<<: *a`), its own keys over the anchor's", async () => {
    const rocketmap = ['x-a: &a', '  POGOMAP_USERNAME: anchor_a1', '  POGOMAP_PASSWORD: Pw!a1', 'x-b: &b', '  POGOMAP_USERNAME: anchor_b2', '  POGOMAP_PASSWORD: Pw!b2', 'services:'];
    rocketmap.push('  a:', '    image: rocketmap/rocketmap', '    environment:', '      <<: *a', '  b:', '    image: rocketmap/rocketmap', '    environment:', '      <<: *b', '      POGOMAP_PASSWORD: Own!b2');
    const r = await readDump(input('docker-compose.yml', rocketmap.join('\n')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['anchor_a1', 'Pw!a1'], ['anchor_b2', 'Own!b2']]);
    const konjak = ['x-pogo: &pogo', '  POGO_USERNAME: anchor_k3', '  POGO_PASSWORD: Pw!k3', '  POGO_LATITUDE: "47.6"', 'services:', '  bot:', '    image: konjak/pokemongobot', '    environment:', '      <<: *pogo'];
    const k = await readDump(input('docker-compose.yml', konjak.join('\n')));
    expect(k.accounts.map((a) => [a.username, a.password])).toEqual([['anchor_k3', 'Pw!k3']]);
  });

  it('a file whose containers hold no account imports nothing and says what it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(other, scanner.map((s) => ({ ...s, login: undefined }))), { minLength: 1, maxLength: 4 }), async (services) => {
        const error = await readDump(input('docker-compose.yml', composeFile(services as Service[]))).then(
          (r) => new Error(`read ${r.accounts.length} accounts`),
          (e: unknown) => e as Error,
        );
        expect(error.message).toMatch(/no accounts found|no reader recognises/);
        expect(error.message).toMatch(/it looks like a docker-compose file/);
      }),
      { numRuns: 25 },
    );
  });
});
