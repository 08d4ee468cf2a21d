// A Kubernetes container's `envFrom:` (the Kubernetes API's EnvFromSource: `secretRef` or
// `configMapRef`, and `prefix` put before each key; kubernetes/website `content/en/docs/tasks/
// inject-data-application/distribute-credentials-secure.md` and `content/en/docs/tasks/configure-
// pod-container/configure-pod-configmap.md`): every key of the named Secret (its `data:` base64,
// `stringData:` plain) or ConfigMap (`data:` plain) becomes a variable of that container, the last
// source winning and the container's own `env:` over all. Read for each image's own variables
// (benmag's USERNAME, konjak's POGO_*, RocketMap's POGOMAP_*); a Secret no such container names, and
// a key the prefix renames, are never the image's login.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { accountRows, input } from './helpers.js';

const doc = (kind: string, name: string, block: string, entries: string[]) => ['---', 'apiVersion: v1', `kind: ${kind}`, 'metadata:', `  name: ${name}`, `${block}:`, ...entries.map((e) => `  ${e}`)];
const pod = (image: string, envFrom: string[], extra: string[] = []) => ['---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bot', 'spec:', '  containers:', '    - name: bot', `      image: ${image}`, ...extra, '      envFrom:', ...envFrom.map((l) => `        ${l}`)];
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe("a Kubernetes container's envFrom", () => {
  it("benmag's image: a ConfigMap's and a Secret's keys together, the container's own env: winning; a prefixed key is another variable", async () => {
    const text = [
      ...doc('ConfigMap', 'bot-settings', 'data', ['AUTH_SERVICE: google', 'USERNAME: envfrom.a1@gmail.com']),
      ...doc('Secret', 'bot-login', 'data', [`PASSWORD: ${b64('Fr0m:Secret 1')}`, `USERNAME: ${b64('not_this_one')}`]),
      ...pod('benmag/pokemongo-bot', ['- configMapRef:', '    name: bot-settings', '- secretRef:', '    name: bot-login'], ['      env:', '        - name: USERNAME', '          value: envfrom_a1']),
    ].join('\n');
    const r = await readDump(input('bot.yaml', text));
    expect(r.accounts.map((a) => [a.provider, a.username, a.password])).toEqual([['google', 'envfrom_a1', 'Fr0m:Secret 1']]);
    expect(JSON.stringify(r)).not.toMatch(/not_this_one|bm90/);
    // `prefix: BOT_` makes the Secret's keys BOT_USERNAME, BOT_PASSWORD: the image reads neither.
    const prefixed = [...doc('Secret', 'bot-login', 'stringData', ['USERNAME: envfrom_b2', 'PASSWORD: Pw!b2']), ...pod('benmag/pokemongo-bot', ['- prefix: BOT_', '  secretRef:', '    name: bot-login'])].join('\n');
    const p = await readDump(input('bot.yaml', prefixed)).catch((e: Error) => e);
    expect(JSON.stringify(p instanceof Error ? p.message : p)).not.toMatch(/Pw!b2/);
    if (!(p instanceof Error)) expect(p.accounts).toEqual([]);
  });

  it("konjak's image: POGO_* from a Secret named by the bot's container; a Secret no container names is never read", async () => {
    const text = [
      ...doc('Secret', 'pogo-login', 'stringData', ['POGO_USERNAME: konjak_envfrom1', 'POGO_PASSWORD: K0njak!pw']),
      ...doc('Secret', 'unused', 'stringData', ['POGO_USERNAME: konjak_unused', 'POGO_PASSWORD: Unused!pw']),
      ...pod('konjak/pokemongobot', ['- secretRef:', '    name: pogo-login']),
    ].join('\n');
    const r = await readDump(input('bot.yaml', text));
    expect(r.format).toBe('jabbink-bot');
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[7, 'konjak_envfrom1', 'K0njak!pw']]);
    expect(JSON.stringify(r)).not.toMatch(/konjak_unused|Unused!pw/);
  });

  it("RocketMap: a prefix POGOMAP_ before a Secret's base64 keys gives its accounts, paired with the container's args; the database's Secret never read", async () => {
    const text = [
      ...doc('Secret', 'db-login', 'data', [`USERNAME: ${b64('dbadmin01')}`, `PASSWORD: ${b64('Adm1n!pw')}`]),
      ...doc('Secret', 'rm-accounts', 'data', [`USERNAME: ${b64('[rm_envfrom1, rm_envfrom2]')}`, `PASSWORD: ${b64('Sh4red!pw')}`]),
      ...pod('frostthefox/rocketmap', ['- prefix: POGOMAP_', '  secretRef:', '    name: rm-accounts'], ['      args: ["-a", "ptc", "-l", "Seattle"]']),
    ].join('\n');
    const r = await readDump(input('rocketmap.yaml', text));
    expect(r.format).toBe('rocketmap-command');
    expect(accountRows(r)).toEqual([
      [15, 'ptc', 'rm_envfrom1', 'Sh4red!pw'],
      [15, 'ptc', 'rm_envfrom2', 'Sh4red!pw'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/dbadmin01|Adm1n/);
  });

  it('YAML anchors as the API server reads them: an aliased envFrom list, a Secret merging an anchored mapping (`<<: *base`) under its own keys', async () => {
    const text = [
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: pogo-login',
      '  annotations: &base',
      '    POGO_USERNAME: konjak_anchor1',
      '    POGO_PASSWORD: Overridden!pw',
      'stringData:',
      '  <<: *base',
      '  POGO_PASSWORD: Anch0r!pw',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: bots',
      'spec:',
      '  containers:',
      '    - name: bot',
      '      image: konjak/pokemongobot',
      '      envFrom: &from',
      '        - secretRef:',
      '            name: pogo-login',
      '    - name: bot2',
      '      image: konjak/pokemongobot',
      '      envFrom: *from',
    ].join('\n');
    const r = await readDump(input('bots.yaml', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [7, 'konjak_anchor1', 'Anch0r!pw'],
      [7, 'konjak_anchor1', 'Anch0r!pw'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Overridden/);
  });
});
