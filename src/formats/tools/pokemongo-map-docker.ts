// PokemonGo-Map (2016, RocketMap's forerunner) in Ashex's docker image, `ashex/pokemongo-map`, the
// image PokemonGo-Map's own docs pointed to. Ashex/pokemongo-map-docker `develop/entrypoint.sh`
// (and `master/`, `tagged/`) writes each `POKEMON_*` variable of the container into
// config/config.ini on the first start, `echo "$key_name: $key_value"`: the name after `POKEMON_`
// lower-cased with `_` as `-` (`POKEMON_AUTH_SERVICE` sets `auth-service`), the value all after
// the first `=` (since its commit e1de581, 2016-07-31). PokemonGo-Map reads that file with
// ConfigArgParse as RocketMap does (rocketmap-config.ts): `[a, b]` is a list, a blank then `#`
// or `;` ends the value. Options given on the command line win over the file, as they win over
// RocketMap's POGOMAP_ variables (rocketmap-container.ts).
// `POKEMON_` is a prefix other programs use too (a Showdown bot's `POKEMON_USERNAME`), so these
// variables are read only in a file that shows PokemonGo-Map: its image or container named, or
// another of its settings beside them.
import { keyMarkValue } from './rocketmap-config.js';

/** PokemonGo-Map's marks: its image's or container's name, or a variable of its own settings. */
const POKEMONGO_MAP = /pokemongo-?map|\bPOKEMON_(?:LOCATION|STEP_LIMIT|GMAPS_KEY|AUTH_SERVICE|NUM_THREADS|NO_SERVER|DB_WAIT)\b/i;

export function showsPokemongoMap(lines: readonly string[]): boolean {
  return lines.some((l) => POKEMONGO_MAP.test(l));
}

/**
 * The value PokemonGo-Map gets from a `POKEMON_*` variable holding `value`: the config.ini line
 * the entrypoint writes, read as ConfigArgParse reads it; undefined where it reads none.
 */
export function configLineValue(value: string): string | undefined {
  return keyMarkValue(`key: ${value}`)?.value;
}
