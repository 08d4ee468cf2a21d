// A docker-compose file's values as compose-go interpolates them before a container gets them
// (compose-spec/compose-go `template/template.go` SubstituteWith; the Compose Specification's
// `interpolation.md`): `$$` one `$`, `${VAR:-default}` / `${VAR-default}` their default where the
// variable is unset (a dump holds none of the operator's variables), `${VAR}`, `$VAR`, `${VAR:?err}`
// and `${VAR:+alt}` unknown here: the account they belong to refused by its line, never read with
// the `$` as written nor with a blank. For every reader of a compose file: RocketMap's `POGOMAP_*`
// and `command:`, benmag's bot image, konjak's bot image.
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/formats/tools/compose-interpolation.js';
import { readDump } from '../../src/formats/index.js';
import { accountRows, input } from './helpers.js';

const compose = (...service: string[]) => ['services:', ...service].join('\n') + '\n';

describe('compose-go interpolation', () => {
  it('reads defaults and `$$`, and says what is unknown', () => {
    expect(interpolate('Pa$$word')).toEqual({ text: 'Pa$word' });
    expect(interpolate('${PASS:-Pika 1}x')).toEqual({ text: 'Pika 1x' });
    expect(interpolate('${PASS-}')).toEqual({ text: '' });
    expect(interpolate('${A:-${B:-in}ner}')).toEqual({ text: 'inner' });
    expect(interpolate('${A:-$$x}')).toEqual({ text: '$x' });
    for (const unknown of ['${PASS}', '$PASS', 'x${PASS:?set it}', '${PASS:+alt}', '${PASS+alt}', 'Pa$!', 'Pa$', '${}', '${1A}', '${A', '${A:-${B}}', '${A/x/y}']) {
      expect(interpolate(unknown).unknown, unknown).toBeDefined();
    }
    expect(interpolate('${PASS}', new Map([['PASS', 'Set 1']]))).toEqual({ text: 'Set 1' });
    expect(interpolate('${PASS:-d}', new Map([['PASS', '']]))).toEqual({ text: 'd' });
    expect(interpolate('${PASS-d}', new Map([['PASS', '']]))).toEqual({ text: '' });
  });

  it("RocketMap's POGOMAP_* in a compose file: a default read, `$$` one `$`, a variable of the operator's refused by its line", async () => {
    const text = compose(
      '  map:',
      '    image: rocketmap/rocketmap',
      '    environment:',
      '      - POGOMAP_USERNAME=${MAP_USER:-ash_i1}',
      '      - POGOMAP_PASSWORD=Pi$$ka1',
      '  map2:',
      '    image: rocketmap/rocketmap',
      '    environment:',
      '      POGOMAP_USERNAME: ash_i2',
      '      POGOMAP_PASSWORD: ${MAP_PASS}',
      '      POGOMAP_GMAPS_KEY: ${KEY}',
    );
    const r = await readDump(input('docker-compose.yml', text));
    expect(accountRows(r)).toEqual([[5, 'ptc', 'ash_i1', 'Pi$ka1']]);
    // The username's line refused for its missing password, the password's for its variable.
    expect(r.rejected.map((x) => x.line)).toEqual([10, 11]);
    expect(r.rejected[1]!.reason).toMatch(/MAP_PASS/);
    expect(JSON.stringify(r)).not.toMatch(/ash_i2.*\$\{|"password":""/);
  });

  it("RocketMap's options in a service's `command:`: interpolated before compose hands them on; a variable elsewhere leaves the accounts be", async () => {
    const text = compose(
      '  map:',
      '    image: rocketmap/rocketmap',
      '    command: -a ptc -u ash_i3 -p "${P:-Mew$$3}" -l "${LOC}" -k ${KEY}',
      '  map2:',
      '    image: rocketmap/rocketmap',
      '    command: ["-a", "ptc", "-u", "ash_i4", "--password=${P4:?set the password}", "-l", "x"]',
    );
    const r = await readDump(input('docker-compose.yml', text));
    expect(accountRows(r)).toEqual([[4, 'ptc', 'ash_i3', 'Mew$3']]);
    expect(r.rejected).toEqual([{ line: 7, reason: expect.stringMatching(/P4/) }]);
  });

  it("benmag's bot image: its USERNAME and PASSWORD interpolated; an unset variable refuses that container's login by its line", async () => {
    const text = compose(
      '  bot:',
      '    image: benmag/pokemongo-bot',
      '    environment:',
      '      USERNAME: ${BOT_USER-bot_i5}',
      '      PASSWORD: "Char$$mander5"',
      '  bot2:',
      '    image: benmag/pokemongo-bot',
      '    environment:',
      '      - USERNAME=bot_i6',
      '      - PASSWORD=$BOT_PASS',
    );
    const r = await readDump(input('docker-compose.yml', text));
    expect(accountRows(r)).toEqual([[5, 'ptc', 'bot_i5', 'Char$mander5']]);
    expect(r.rejected.map((x) => x.line)).toEqual([11]);
    expect(r.rejected[0]!.reason).toMatch(/BOT_PASS/);
  });

  it("konjak's bot image: POGO_* interpolated the same", async () => {
    const text = compose(
      '  bot:',
      '    image: konjak/pokemongobot',
      '    environment:',
      '      - POGO_USERNAME=${U:-pogo_i7}',
      '      - POGO_PASSWORD=${PW}',
      '      - POGO_LATITUDE=1',
    );
    await expect(readDump(input('docker-compose.yml', text))).rejects.toThrow(/line 6: POGO_PASSWORD: its value holds \$\{PW\}/);
    const one = await readDump(input('docker-compose.yml', text.replace('${PW}', () => '${PW:-Mew$$7}')));
    expect(one.accounts.map((a) => [a.username, a.password])).toEqual([['pogo_i7', 'Mew$7']]);
  });
});

// A value written as a YAML alias of a scalar (`PASSWORD: *pass`, `x-pass: &pass Pika1`) or carrying
// an anchor (`PASSWORD: &pw Pika1`) is the anchored scalar, as YAML (yaml.org/spec/1.2.2 §7.1 "Alias
// Nodes") and compose-go's loader read it, then interpolated: its text `*pass` was imported as the
// password (src/formats/tools/yaml-scalar-alias.ts).
describe('a variable written as a YAML alias', () => {
  it("is the anchored scalar for RocketMap's and benmag's readers; an alias of no scalar, or of no anchor, refused by its line", async () => {
    const text = ['x-pass: &pass "Pika 9$$"', 'x-env: &env', '  a: b', 'services:', '  bot:', '    image: benmag/pokemongo-bot', '    environment:', '      USERNAME: ash_y1', '      PASSWORD: *pass', '  map:', '    image: rocketmap/rocketmap', '    environment:', '      POGOMAP_USERNAME: ash_y2', '      POGOMAP_PASSWORD: &own Mew-2', '  map2:', '    image: rocketmap/rocketmap', '    environment:', '      POGOMAP_USERNAME: ash_y3', '      POGOMAP_PASSWORD: *env', '  map3:', '    image: rocketmap/rocketmap', '    environment:', '      POGOMAP_USERNAME: ash_y4', '      POGOMAP_PASSWORD: *nowhere', ''].join('\n');
    const r = await readDump(input('docker-compose.yml', text));
    expect(new Set(r.accounts.map((a) => `${a.username}/${a.password}`))).toEqual(new Set(['ash_y1/Pika 9$', 'ash_y2/Mew-2']));
    expect(r.rejected.filter((x) => /alias/.test(x.reason)).map((x) => x.line)).toEqual([19, 24]);
    expect(JSON.stringify(r.accounts)).not.toMatch(/\*|&/);
  });
});
