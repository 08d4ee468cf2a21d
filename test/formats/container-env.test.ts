// A scanner's accounts in its container's environment beyond RocketMap's own `POGOMAP_*` lines:
// PokemonGo-Map's `POKEMON_*` variables of Ashex's image (pokemongo-map-docker.ts), RocketMap's
// docs' `POGOM_*` names, and environments written as name/value lists (an ECS task definition, a
// Kubernetes pod: env-pairs.ts). Each container's accounts exactly, never a key or a database's
// password beside them, and nothing read from a `POKEMON_*` file of another program.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { accountRows, fixture, input } from './helpers.js';

const rows = accountRows;

describe('scanner accounts in a container environment', () => {
  it("Ashex's PokemonGo-Map image: `-e POKEMON_*` as its entrypoint writes them into config.ini, lists and auth services paired per container", async () => {
    const r = await readDump(fixture('pokemongo-map-docker-run.sh'));
    expect(r.format).toBe('rocketmap-command');
    expect(rows(r)).toEqual([
      [7, 'ptc', 'ashex_a1', 'Sq=irtle 1!'],
      [17, 'ptc', 'ashex_b2', 'Wart:ortle2'],
      [17, 'google', 'ashex.c3@gmail.com', 'Blast oise3'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSyAshexMapsKey01|AshexDbSecret7/);
  });

  it('an ECS task definition: each container its own environment, JSON strings decoded, the database container never read', async () => {
    const r = await readDump(fixture('pokemongo-map-ecs-task.json'));
    expect(r.format).toBe('rocketmap-command');
    expect(rows(r)).toEqual([
      [46, 'ptc', 'ecs_d4', 'Chärm "ander" 4'],
      [62, 'ptc', 'ecs_e5', 'Char,meleon5'],
      [62, 'ptc', 'ecs_f6', 'Char,meleon5'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSyEcsMapsKey02|EcsDbSecret8/);
  });

  it("RocketMap's docs' `POGOM_*` names: read, and the report says RocketMap itself never saw them", async () => {
    const r = await readDump(fixture('rocketmap-ecs-task.json'));
    expect(rows(r)).toEqual([[35, 'ptc', 'frost_g7', 'Pid:gey 7']]);
    expect(r.notes?.join(' ')).toMatch(/RocketMap reads POGOMAP_\*/);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSyRmEcsMapsKey03|RmEcsDbSecret9/);
  });

  it("a Kubernetes pod's `env:` lists: YAML quoting as YAML reads it; a password from a Secret is no password here, refused by its line", async () => {
    const r = await readDump(fixture('rocketmap-kubernetes.yml'));
    expect(rows(r)).toEqual([
      [22, 'ptc', 'kube_h8', "Rhy'don #8"],
      [22, 'ptc', 'kube_i9', "Rhy'don #8"],
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([36, 38]);
    expect(r.rejected[1]!.reason).toContain('valueFrom');
    expect(JSON.stringify(r)).not.toContain('rocketmap-accounts');
  });

  it('`POKEMON_*` in a file that shows no PokemonGo-Map (a Showdown bot\'s env) is never read as an account', async () => {
    await expect(readDump(input('bot.env', 'POKEMON_USERNAME=showdownbot\nPOKEMON_PASSWORD=ladderpass\nSHOWDOWN_SERVER=sim.psim.us\n'))).rejects.toThrow();
  });

  it("a `POKEMON_*` value as ConfigArgParse reads its config.ini line: a blank and `#` end it; one it reads nothing from is refused by its line", async () => {
    const text = 'POKEMON_LOCATION=Seattle\nPOKEMON_USERNAME=ashex_k11\nPOKEMON_PASSWORD=Mew two #comment\n';
    expect(rows(await readDump(input('map.env', text)))).toEqual([[2, 'ptc', 'ashex_k11', 'Mew two']]);
    const none = readDump(input('map.env', 'POKEMON_LOCATION=Seattle\nPOKEMON_USERNAME=ashex_k12\nPOKEMON_PASSWORD=#secret\n'));
    await expect(none).rejects.toThrow(/line 3: PokemonGo-Map reads no value from POKEMON_PASSWORD/);
    await expect(none).rejects.not.toThrow(/#secret/);
  });

  it('an ECS environment written compactly, a pair a line', async () => {
    const text = '{"containerDefinitions": [{"image": "frostthefox/rocketmap", "environment": [\n{"name": "POGOMAP_USERNAME", "value": "ecs_l13"},\n{"name": "POGOMAP_PASSWORD", "value": "Dit\\\\to 13"}]}]}\n';
    expect(rows(await readDump(input('task.json', text)))).toEqual([[2, 'ptc', 'ecs_l13', 'Dit\\to 13']]);
  });
});
