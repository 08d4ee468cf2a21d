// jabbink's PokemonGoBot in konstantinj's docker image: its login in POGO_* variables, as the
// image's run.sh writes them into config.properties (jabbink-docker.ts). Each bot's account
// exactly; a value run.sh would change refused by its line; the proxy login and Maps key never read.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe('PokemonGoBot (jabbink) in konjak/pokemongobot', () => {
  it("a compose file of three bots: each service's account, base64_password when password is empty, a password with a blank refused", async () => {
    const r = await readDump(fixture('pokemongobot-docker-compose.yml'));
    expect(r.format).toBe('jabbink-bot');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [5, 'ptc', 'konjak_a1', 'Sl0wp0ke:1!'],
      [23, 'ptc', 'konjak_c3', 'Psyduck=3'],
    ]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[16, expect.stringContaining('splits a value at blanks')]]);
    expect(JSON.stringify(r)).not.toMatch(/ProxySecret5|proxyuser|AIzaSyKonjakMapsKey04|Slow bro/);
  });

  it('`docker run -e POGO_*`: a Google login by its `@`; two `docker run` lines are two bots', async () => {
    const text = 'docker run -d -e POGO_USERNAME=konjak.d4@gmail.com -e POGO_PASSWORD=G00gle:pw4 -e POGO_LATITUDE=40.76 -e POGO_LONGITUDE=-73.97 konjak/pokemongobot\n'
      + 'docker run -d -e POGO_USERNAME=konjak_e5 -e POGO_PASSWORD=Pw!5 -e POGO_LATITUDE=40.76 -e POGO_LONGITUDE=-73.97 konjak/pokemongobot\n';
    const r = await readDump(input('bots.sh', text));
    expect(r.accounts.map((a) => [a.provider, a.username, a.password])).toEqual([['google', 'konjak.d4@gmail.com', 'G00gle:pw4'], ['ptc', 'konjak_e5', 'Pw!5']]);
  });

  it("babfrag's image: its env file filled in is read; its example, `<google or ptc password>`, is refused as a placeholder", async () => {
    // babfrag/docker-PokemonGoBot pogobot.env.example, and the same filled in.
    const filled = await readDump(input('pogobot.env', 'POGO_USERNAME=babfrag_a1\nPOGO_PASSWORD=B4bfrag!pw\nPOGO_LATITUDE=1.50\nPOGO_LONGITUDE=1.50\n'));
    expect(filled.accounts.map((a) => [a.username, a.password])).toEqual([['babfrag_a1', 'B4bfrag!pw']]);
    const example = 'POGO_USERNAME=<google or ptc login>\nPOGO_PASSWORD=<google or ptc password>\nPOGO_LATITUDE=<starting latitude like 1.50>\nPOGO_LONGITUDE=<starting longitude like 1.50>\n';
    await expect(readDump(input('pogobot.env.example', example))).rejects.toThrow(/line 2: a note in brackets where the password goes/);
  });

  it('a `/`, `&` or `\\` in a password, which run.sh\'s sed would change, is refused by its line', async () => {
    for (const password of ['a/b', 'a&b', 'a\\\\b']) {
      const text = `bot:\n  image: konjak/pokemongobot\n  environment:\n    - POGO_USERNAME=konjak_f6\n    - POGO_PASSWORD=${password}\n    - POGO_LATITUDE=1\n    - POGO_LONGITUDE=2\n`;
      await expect(readDump(input('bot.yml', text))).rejects.toThrow(/line 5: the bot's docker image/);
    }
  });

  // docker/compose `docs/extends.md` (2015, the version 1 files konstantinj's docker-compose.yml.dist is one of): a
  // service `extends:` `file: common-services.yml` and `service:`, its own settings over the base's (compose-go
  // loader/extends.go and override/merge.go keep the rule): the bot's image, location and shared password in the base.
  it('a service extending the bot in common-services.yml: the base\'s POGO_* under its own; a base the dump lacks refuses its login by the extends line; a cycle the file', async () => {
    const common = ['pokemongobot:', '  image: konjak/pokemongobot', '  restart: always', '  environment:', '    - POGO_PASSWORD=Shared8pw', '    - POGO_LATITUDE=40.764871', '    - POGO_LONGITUDE=-73.9734972', 'looped:', '  extends:', '    file: docker-compose.yml', '    service: pokemongobot4'].join('\n');
    const bot = (n: number, file: string, env: string[]) => [`pokemongobot${n}:`, '  extends:', `    file: ${file}`, '    service: pokemongobot', '  environment:', ...env.map((e) => `    - ${e}`)];
    const compose = [...bot(1, 'common-services.yml', ['POGO_USERNAME=konjak_g7', 'POGO_PASSWORD=Pidgey7!']), ...bot(2, 'common-services.yml', ['POGO_USERNAME=konjak_h8']), ...bot(3, 'missing.yml', ['POGO_USERNAME=konjak_i9', 'POGO_PASSWORD=Pw9secret'])].join('\n');
    const beside = (text: string) => ({ dir: '', files: new Map([['common-services.yml', text]]), refused: new Map<string, string>() });
    const r = await readDump({ ...input('docker-compose.yml', compose), beside: beside(common) });
    expect(r.format).toBe('jabbink-bot');
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[6, 'konjak_g7', 'Pidgey7!'], [13, 'konjak_h8', 'Shared8pw']]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[15, expect.stringMatching(/^extends service pokemongobot of missing\.yml, which is not in this dump/)]]);
    expect(JSON.stringify(r)).not.toMatch(/Pw9secret|konjak_i9/);
    const cyclic = `${compose}\n${['pokemongobot4:', '  extends:', '    file: common-services.yml', '    service: looped'].join('\n')}`;
    await expect(readDump({ ...input('docker-compose.yml', cyclic), beside: beside(common) })).rejects.toThrow(/line 22: extends comes back to docker-compose\.yml service pokemongobot4 .*nothing of it is imported/);
  });

  it("a Kubernetes pod's containers: each one's env: pairs, a password from a Secret refused by its line", async () => {
    const text = 'spec:\n  containers:\n  - name: bot\n    image: konjak/pokemongobot\n    env:\n    - name: POGO_USERNAME\n      value: konkube_a1\n    - name: POGO_PASSWORD\n      value: "Kon1kube"\n    - name: POGO_LATITUDE\n      value: "52.5"\n'
      + '  - name: bot2\n    image: konjak/pokemongobot\n    env:\n    - name: POGO_USERNAME\n      value: konkube_b2\n    - name: POGO_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: b2\n          key: pw\n';
    const r = await readDump(input('bots.yml', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[7, 'konkube_a1', 'Kon1kube']]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[18, expect.stringContaining('comes from a Secret (valueFrom)')]]);
  });
});
