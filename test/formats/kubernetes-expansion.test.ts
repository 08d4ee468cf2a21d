// A Kubernetes container's `$(VAR)` references as the kubelet expands them (the Kubernetes API's
// EnvVar.value and Container.args docs; kubernetes/kubernetes `third_party/forked/golang/expansion/
// expand.go`, `pkg/kubelet/kubelet_pods.go` makeEnvironmentVariables): an env value sees the
// variables defined before it (envFrom's keys, then the env items above), args see them all, `$$`
// is one `$`, and a reference to a name the container does not define stays as written: then the
// account is refused by its line, never read with `$(NAME)` for its password.
import { describe, expect, it } from 'vitest';
import { expandReferences } from '../../src/formats/tools/kubernetes-expansion.js';
import { readDump } from '../../src/formats/index.js';
import { accountRows, input } from './helpers.js';

const pod = (...containers: string[]) => ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: map', 'spec:', '  containers:', ...containers].join('\n') + '\n';
const env = (name: string, value: string) => [`    - name: ${name}`, `      value: ${value}`];

describe("a Kubernetes container's $(VAR) references", () => {
  it('expand as the kubelet does', () => {
    const defined = new Map<string, string | undefined>([['A', 'x y'], ['S', undefined]]);
    expect(expandReferences('p$(A)q', defined)).toEqual({ text: 'px yq' });
    expect(expandReferences('$$(A)', defined)).toEqual({ text: '$(A)' });
    expect(expandReferences('$A $ $(A', defined)).toEqual({ text: '$A $ $(A' });
    expect(expandReferences('$(B)', defined).unknown).toMatch(/defines no B/);
    expect(expandReferences('$(S)', defined).unknown).toMatch(/not in this file/);
  });

  it("RocketMap's POGOMAP_* env: a reference to an item above read, one below or unknown refused by its line, `$$` one `$`", async () => {
    const text = pod(
      '  - name: a',
      '    image: frostthefox/rocketmap',
      '    env:',
      ...env('PW', 'Pika1'),
      ...env('POGOMAP_USERNAME', 'kx_a1'),
      ...env('POGOMAP_PASSWORD', '"$(PW)!"'),
      '  - name: b',
      '    image: frostthefox/rocketmap',
      '    env:',
      ...env('POGOMAP_USERNAME', 'kx_b2'),
      ...env('POGOMAP_PASSWORD', '$(LATER)'),
      ...env('LATER', 'Mew2'),
      '  - name: c',
      '    image: frostthefox/rocketmap',
      '    env:',
      ...env('POGOMAP_USERNAME', 'kx_c3'),
      ...env('POGOMAP_PASSWORD', "'$$(PW)'"),
    );
    const r = await readDump(input('pod.yml', text));
    expect(accountRows(r)).toEqual([
      [13, 'ptc', 'kx_a1', 'Pika1!'],
      [29, 'ptc', 'kx_c3', '$(PW)'],
    ]);
    expect(r.rejected.map((x) => [x.line, /LATER/.test(x.reason)])).toEqual([
      [20, false],
      [22, true],
    ]);
  });

  it("args see the container's whole env, a Secret's keys given by envFrom among them", async () => {
    const text = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: logins',
      'stringData:',
      '  LOGIN: kx_d4',
      '  PASS: "Dr0w zee"',
      '---',
      pod(
        '  - name: map',
        '    image: frostthefox/rocketmap',
        '    args: ["-a", "ptc", "-u", "$(LOGIN)", "-p", "$(PASS)$(SUFFIX)", "-k", "$(KEY)"]',
        '    envFrom:',
        '    - secretRef:',
        '        name: logins',
        '    env:',
        ...env('SUFFIX', '4'),
        '  - name: other',
        '    image: frostthefox/rocketmap',
        '    args: ["-a", "ptc", "-u", "kx_e5", "-p", "$(PASS)"]',
      ),
    ].join('\n');
    const r = await readDump(input('pod.yml', text));
    expect(accountRows(r)).toEqual([[17, 'ptc', 'kx_d4', 'Dr0w zee4']]);
    expect(r.rejected).toEqual([{ line: 26, reason: expect.stringMatching(/\$\(PASS\)/) }]);
  });

  it("benmag's bot image: its PASSWORD from a reference to a Secret's key", async () => {
    const text = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: bot',
      'data:',
      `  PW: ${Buffer.from('Sn0r lax').toString('base64')}`,
      '---',
      pod('  - name: bot', '    image: benmag/pokemongo-bot', '    envFrom:', '    - secretRef:', '        name: bot', '    env:', ...env('USERNAME', 'kx_f6'), ...env('PASSWORD', '$(PW)')),
    ].join('\n');
    const r = await readDump(input('pod.yml', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['kx_f6', 'Sn0r lax']]);
  });
});
