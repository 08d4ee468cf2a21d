// PokemonGo-Bot in benmag's docker image (benmag/docker-pokemongo-bot, commit 1b84914): its login in
// plain AUTH_SERVICE / USERNAME / PASSWORD variables, which the image's start.sh echoes unescaped
// into configs/config.json. Each container's account exactly; a value the echo would change, or the
// Dockerfile's default left in, refused by its line; the Maps key and a database's password never read.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

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
});
