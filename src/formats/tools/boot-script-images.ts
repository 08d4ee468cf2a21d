// A scanner image whose start script maps plain variables into RocketMap's (PokemonGo-Map's) account
// options, so `docker run -e "USERNAME=x" -e "PASSWORD=y" IMAGE` gives the map that account:
// rgeyer/docker-pokemongo-map (`Dockerfile`: `CMD "./boot.sh"`; `data/boot.sh`:
// `AUTHSERVICE=${AUTHSERVICE:-ptc}` then `python runserver.py -a $AUTHSERVICE -u "$USERNAME" -p
// "$PASSWORD" ...`; its README builds it as `pokemongo-map` and runs it with `-e "USERNAME=<your
// username>" -e "PASSWORD=<your password>"`). Its README's tag is also the one RocketMap's own
// Dockerfile header builds (`docker run -d -P pokemongo-map -a ptc -u ... -p ...`, an ENTRYPOINT
// that reads no USERNAME): under that bare name which image ran is unknown, so it is refused saying so.

import { dockerEnvOptions } from './docker-env-options.js';

/** rgeyer's image by its repository's name, as pulled or tagged from it. */
const RGEYER = /^(?:docker\.io\/)?rgeyer\/(?:docker-)?pokemongo-map(?::[\w.-]+)?$/i;
/** The bare tag both rgeyer's README and RocketMap's Dockerfile build. */
const BARE = /^(?:pokemongo-map|pokemongomap)(?::[\w.-]+)?$/i;

export type BootImageRead = { words: string[] } | { problem: string };

/**
 * The account options a `docker run`'s `-e` variables give through the image's start script, or why
 * they are unsure; undefined where the image is no such scanner or no USERNAME is set. `words` are
 * the command's words, `image` the image's index among them.
 */
export function bootScriptAccount(words: string[], image: number): BootImageRead | undefined {
  const name = words[image] ?? '';
  if (!RGEYER.test(name) && !BARE.test(name)) return undefined;
  // `-e NAME` alone passes the variable from the shell running docker: set, its value not in this file.
  const env = new Map(dockerEnvOptions(words, image).map(({ name, value }) => [name, value]));
  if (!env.has('USERNAME')) return undefined;
  if (!RGEYER.test(name)) return { problem: `the image ${name} is the tag rgeyer's README builds (its boot.sh maps USERNAME and PASSWORD into -u and -p) and the one RocketMap's own Dockerfile builds (which reads neither): which image ran is unknown here` };
  const [user, pass] = [env.get('USERNAME'), env.get('PASSWORD')];
  if (user === undefined || pass === undefined || !env.has('PASSWORD')) return { problem: 'USERNAME or PASSWORD is passed from the shell running docker (`-e NAME` without a value) or not at all: the account is not in this file' };
  // boot.sh: `-a $AUTHSERVICE`, ptc unless the variable is set.
  const auth = env.has('AUTHSERVICE') ? env.get('AUTHSERVICE') : 'ptc';
  if (auth === undefined) return { problem: 'AUTHSERVICE is passed from the shell running docker: the provider is not in this file' };
  return { words: ['-a', auth, '-u', user, '-p', pass] };
}
