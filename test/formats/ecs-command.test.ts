// RocketMap in an Amazon ECS task definition whose containers give their accounts partly in
// `"command"` (the Cmd run after the image's ENTRYPOINT, `python ./runserver.py`: RocketMap/RocketMap
// `Dockerfile`; AWS ECS API reference, ContainerDefinition `command`, `entryPoint`) and partly as
// POGOMAP_* variables of the same container's `"environment"` (ConfigArgParse reads a variable only
// for an option the command leaves out: bw2/ConfigArgParse `configargparse.py` parse_known_args).
// Each container pairs its own command with its own environment, never another container's.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { accountRows as rows, fixture, input } from './helpers.js';

describe('an ECS container: its "command" with its "environment"', () => {
  it("pairs each container on its own: the command's usernames over the env's, a sh -c string, the provider from its own env", async () => {
    const r = await readDump(fixture('rocketmap-ecs-command.json'));
    expect(r.format).toBe('rocketmap-command');
    expect(rows(r)).toEqual([
      [15, 'ptc', 'ecscmd_a1', 'Ecs:Pw "1"'],
      [16, 'ptc', 'ecscmd_b2', 'Ecs:Pw "1"'],
      [37, 'google', 'ecscmd_c3@gmail.com', 'Ecs2pw#g'],
    ]);
    expect(r.rejected).toEqual([]);
    // The hash key, Maps keys and database passwords beside them never become accounts.
    expect(JSON.stringify(r)).not.toMatch(/ecscmd_env_only|HKEcsCmd|AIzaSy|RmEcsCmd/);
  });

  it("a container's command without a password takes none from another container's environment", async () => {
    const text = JSON.stringify({
      containerDefinitions: [
        { name: 'a', image: 'frostthefox/rocketmap', command: ['-ns', '-u', 'ecscmd_d4'] },
        { name: 'b', image: 'frostthefox/rocketmap', environment: [{ name: 'POGOMAP_USERNAME', value: 'ecscmd_e5' }, { name: 'POGOMAP_PASSWORD', value: 'Pw!e5' }] },
      ],
    }, null, 2);
    const r = await readDump(input('task.json', text));
    expect(rows(r)).toEqual([[18, 'ptc', 'ecscmd_e5', 'Pw!e5']]);
    expect(r.rejected.map((x) => x.line)).toEqual([8]);
  });

  it("a Terraform template's bare list of container definitions, written compactly", async () => {
    const text = '[\n  {"name": "rm", "image": "frostthefox/rocketmap", "command": ["-ns", "-u", "ecscmd_f6", "-p", "Tf]pw,6"],\n   "environment": [{"name": "POGOMAP_PASSWORD", "value": "unused"}]}\n]\n';
    const r = await readDump(input('container_definitions.json', text));
    expect(rows(r)).toEqual([[2, 'ptc', 'ecscmd_f6', 'Tf]pw,6']]);
    expect(r.rejected).toEqual([]);
  });
});
