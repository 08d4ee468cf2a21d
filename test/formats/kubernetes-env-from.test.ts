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

  // The API resolves a pod's secretRef and secretKeyRef in the pod's own namespace (kubernetes/api
  // `core/v1/types.go`, EnvVarSource.SecretKeyRef: "Selects a key of a secret in the pod's namespace";
  // a pod template in its workload's); an object naming none is in `default`. Before, the last Secret of the name won,
  // whatever its namespace: a staging password given to the prod bot.
  it("finds the Secret in the pod's namespace, a Deployment's template in the Deployment's; two that could both apply refuse the account, naming the Secret", async () => {
    const secret = (ns: string | undefined, pw: string) => ['---', 'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: ptc', ...(ns ? [`  namespace: ${ns}`] : []), 'stringData:', '  POGO_USERNAME: konjak_ns1', `  POGO_PASSWORD: ${pw}`, '  password: ' + pw];
    // The staging Secret last: file order would give its password.
    const staged = [...secret('prod', 'Prod#Pw2'), ...secret('staging', 'Stage#Pw1')];
    const inProd = (lines: string[]) => lines.map((l) => (l === '  name: bot' ? '  name: bot\n  namespace: prod' : l));
    const r = await readDump(input('bot.yaml', [...staged, ...inProd(pod('konjak/pokemongobot', ['- secretRef:', '    name: ptc']))].join('\n')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['konjak_ns1', 'Prod#Pw2']]);
    const deployment = (ns: string) => ['---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: bot', `  namespace: ${ns}`, 'spec:', '  template:', '    metadata:', '      labels: {app: bot}', '    spec:', '      containers:', '        - name: bot', '          image: benmag/pokemongo-bot', '          env:', '            - name: USERNAME', '              value: ash_ns2', '            - name: PASSWORD', '              valueFrom:', '                secretKeyRef: {name: ptc, key: password}'];
    const d = await readDump(input('deploy.yaml', [...staged, ...deployment('prod')].join('\n')));
    expect(d.accounts.map((a) => [a.username, a.password])).toEqual([['ash_ns2', 'Prod#Pw2']]);
    // A pod in a namespace holding no such Secret gets neither: refused, the other namespaces said.
    const none = await readDump(input('deploy.yaml', [...staged, ...deployment('qa')].join('\n'))).catch((e: Error) => e.message);
    expect(JSON.stringify(none)).toMatch(/in the pod's namespace qa \(the file's is in namespace prod, staging\)/);
    expect(JSON.stringify(none)).not.toMatch(/Prod#Pw2|Stage#Pw1/);
    // A Secret naming no namespace and one naming `default`: both are the pod's, and they differ.
    const both = [...secret(undefined, 'Unset#Pw3'), ...secret('default', 'Deflt#Pw4'), ...pod('konjak/pokemongobot', ['- secretRef:', '    name: ptc'])].join('\n');
    const a = await readDump(input('bot.yaml', both)).catch((e: Error) => e);
    const said = JSON.stringify(a instanceof Error ? a.message : a);
    expect(said).toMatch(/2 Secrets named ptc in namespace default could apply/);
    expect(said).not.toMatch(/Unset#Pw3|Deflt#Pw4/);
    if (!(a instanceof Error)) expect(a.accounts).toEqual([]);
    // A Secret naming no namespace goes where it is applied (kubernetes/website `namespaces.md`;
    // kubectl refuses `-n X` for a manifest naming another, so `apply -n prod -f dir/` is the one
    // applying both): the prod pod's. Beside one naming prod that differs, both could apply.
    const unset = await readDump(input('bot.yaml', [...secret(undefined, 'Unset#Pw5'), ...inProd(pod('konjak/pokemongobot', ['- secretRef:', '    name: ptc']))].join('\n')));
    expect(unset.accounts.map((x) => [x.username, x.password])).toEqual([['konjak_ns1', 'Unset#Pw5']]);
    const two = await readDump(input('bot.yaml', [...secret(undefined, 'Unset#Pw5'), ...staged, ...deployment('prod')].join('\n'))).catch((e: Error) => e.message);
    expect(JSON.stringify(two)).toMatch(/2 Secrets named ptc in namespace prod could apply/);
    expect(JSON.stringify(two)).not.toMatch(/Unset#Pw5|Prod#Pw2/);
  });
});
