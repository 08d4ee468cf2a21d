// RocketMap in a Kubernetes pod whose containers give their accounts partly as `args:` (options
// after the image's ENTRYPOINT, runserver.py: RocketMap/RocketMap `Dockerfile`) and partly as
// POGOMAP_* variables of the same container's `env:` (ConfigArgParse reads a variable only for an
// option the command line leaves out: bw2/ConfigArgParse `configargparse.py` parse_known_args).
// Each container pairs its own args with its own env, never another container's.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { accountRows, fixture, input } from './helpers.js';

const rows = accountRows;

describe('a Kubernetes container: its args: with its env:', () => {
  it('pairs each container on its own: flow and block args, a username on the command line over the env one', async () => {
    const r = await readDump(fixture('rocketmap-kubernetes-args.yml'));
    expect(r.format).toBe('rocketmap-command');
    expect(rows(r)).toEqual([
      [18, 'ptc', 'kubeargs_a1', 'Kub3:pw 1'],
      [35, 'ptc', 'kubeargs_b2', 'Kub3pw#2'],
      [41, 'ptc', 'kubeargs_c3', 'Ch4nsey3'],
      [41, 'ptc', 'kubeargs_d4', 'Dr0wzee4'],
    ]);
    expect(r.rejected).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/kubeargs_env_b|Env0nly|AIzaSyKubeArgsMapsKey|rocketmap-db/);
  });

  it("a container's args without a password take none from another container's env", async () => {
    const text = 'spec:\n  containers:\n  - name: a\n    image: frostthefox/rocketmap\n    args: ["-ns", "-u", "kubeargs_e5"]\n  - name: b\n    image: frostthefox/rocketmap\n    env:\n    - name: POGOMAP_USERNAME\n      value: kubeargs_f6\n    - name: POGOMAP_PASSWORD\n      value: Pw!f6\n';
    const r = await readDump(input('pod.yml', text));
    expect(rows(r)).toEqual([[10, 'ptc', 'kubeargs_f6', 'Pw!f6']]);
    expect(r.rejected.map((x) => x.line)).toEqual([5]);
  });
});
