// A bot image's settings given as environment variables, gathered per container: a `docker run`
// line is one container, so is a compose service (under `services:` or, in a version 1 file, a
// top-level key); an env file is the file's one. The images that read plain names
// (konjak/pokemongobot's `POGO_*`, benmag/docker-pokemongo-bot's `USERNAME`) each take them here.
import { commentInValue, DOCKER_RUN, ENV_OPTION, serviceScopes, unquote, words } from './rocketmap-container.js';

export interface ScopedVariable {
  /** The container the setting belongs to; settings of one container share it. */
  scope: string;
  /** The variable's name after its prefix, as `variable`'s first group caught it. */
  name: string;
  value: string;
  line: number;
  /** Why the value is unsure: ` #` after it, a comment or its own (rocketmap-container.ts commentInValue). */
  comment?: string;
}

/**
 * Every setting `variable` matches (its groups: the name, then the value to the line's end) on a
 * line `contains` matches, in file order. On a `docker run -e NAME=x` line the value is one shell
 * word; elsewhere (an env file, a compose item) it is the rest of the line, its quotes taken off.
 */
export function scopedVariables(lines: readonly string[], variable: RegExp, contains: RegExp): ScopedVariable[] {
  const service = serviceScopes(lines as string[]);
  const out: ScopedVariable[] = [];
  let run = 0;
  let top = 0;
  lines.forEach((raw, i) => {
    if (DOCKER_RUN.test(raw)) run++;
    if (/^[\w.-]+:\s*$/.test(raw)) top++;
    if (!contains.test(raw)) return;
    const onCommand = ENV_OPTION.test(raw);
    for (const item of onCommand ? words(raw).filter((w) => contains.test(w)) : [raw]) {
      const m = variable.exec(item);
      if (!m) continue;
      const value = onCommand ? m[2]! : unquote(m[2]!, item.slice(0, m.index));
      const comment = onCommand ? undefined : commentInValue(m[2]!);
      out.push({ scope: `${service(i + 1)} ${run} ${top}`, name: m[1]!, value, line: i + 1, ...(comment ? { comment } : {}) });
    }
  });
  return out;
}
