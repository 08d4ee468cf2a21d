// jabbink's PokemonGoBot in konstantinj's docker image (`konjak/pokemongobot`, 2016): its settings
// given as `POGO_*` variables, "username=user@gmail.com -> POGO_USERNAME=user@gmail.com"
// (konstantinj/docker-PokemonGoBot `README.md`, `docker-compose.yml.dist`: a compose
// `environment:` list). Its `run.sh` turns each into a config.properties line before the bot
// starts: `for e in $(env)` (each variable split at blanks and expanded as a file pattern), the
// name after `POGO_` lower-cased, the value all after the first `=`, `#` alone commenting the
// property out, and `sed -i "s/^$k.*/$p$k=$v/g"` where the template already has the property (so
// a `/`, `&` or `\` in the value changes what the bot gets, or leaves the template's). The bot then
// reads the file as jabbink-bot.ts does.
// babfrag/docker-PokemonGoBot's image takes the same variables from an env file
// (`pogobot.env.example`: POGO_USERNAME, POGO_PASSWORD, POGO_LATITUDE, POGO_LONGITUDE) into its
// `run.sh`'s `sed -i "s/password=/password=${POGO_PASSWORD}/g"`: the same characters change there.
// So a username or password holding a blank, `/`, `&`, `\`, `*`, `?` or `[` is refused by its line:
// the bot got something other than the text written, and so is the example's `<google or ptc
// password>` left in. `POGO_` is read only beside the image's name or the bot's own `POGO_LATITUDE`.
// A compose service extending another (`extends:`, of this file or `file:` another of the dump) has its base's
// `POGO_*` under its own, as compose merges them (extends-variables.ts).
import { splitLines } from '../decode.js';
import type { Property } from '../java-properties.js';
import { placeholderPassword } from '../lists/placeholder-passwords.js';
import { containerScopes, scopedVariables, type ScopedVariable } from './scoped-variables.js';
import { extendsInto, inheritedVariables } from './extends-variables.js';
import { composeEnvironment } from './compose-environment.js';
import { withAnchoredCopies } from './container-spans.js';
import type { Beside } from '../beside.js';
import { appendAll } from '../long-arrays.js';

const VARIABLE = /\bPOGO_([A-Za-z0-9_]+?)\s*[=:]\s*(.*)$/;
const MARK = /konjak\/pokemongobot|\bPOGO_LATITUDE\b/;
/** What run.sh's unquoted `$(env)` and `echo $e`, and its sed replacement, would change. */
const CHANGED = /[\s/&\\*?[]/;
const CHANGED_REASON = "the bot's docker image (konjak/pokemongobot run.sh) splits a value at blanks and feeds `/`, `&`, `\\`, `*`, `?` and `[` to the shell or sed: it got something other than this value";

export interface BotEnvironment {
  /** config.properties as run.sh writes it: each property's value and the line of its variable. */
  props: Map<string, Property>;
  /** Lines whose account value the bot would not get as written, or that hold a placeholder, and why (`fatal`: compose refuses the whole file). */
  unsure: { line: number; reason: string; fatal?: true }[];
}

/** Each setting of a file, scoped to its container: an anchored block's (`x-pogo: &pogo`) to each service naming it (container-spans.ts). */
function ownSettings(lines: readonly string[], beside: Beside | undefined): (ScopedVariable & { at: number })[] {
  const keyOf = containerScopes(lines);
  const settings = scopedVariables(lines, VARIABLE, /POGO_/, beside).map((v) => ({ ...v, at: v.container ?? v.line }));
  return withAnchoredCopies(lines, settings, (v, span) => ({ ...v, scope: keyOf(span.from - 1), at: span.from }));
}

/** Each container's `POGO_*` settings (a compose service's, a `docker run`'s, or the file's), or undefined for a file without them. */
export function botEnvironments(text: string, name: string, beside?: Beside): BotEnvironment[] | undefined {
  // The bot's mark may be only in the service a compose service extends in another file of the dump (extends-variables.ts).
  const marked = MARK.test(text) || (beside !== undefined && /^[ \t]+extends[ \t]*:/m.test(text) && [...beside.files.values()].some((t) => MARK.test(t)) && extendsInto(splitLines(text), name, beside, MARK));
  // Its POGO_* may be in a file beside it (an env_file, a Secret's manifest: beside.ts).
  if ((!text.includes('POGO_') && !beside) || !marked) return undefined;
  const byScope = new Map<string, BotEnvironment>();
  const lines = splitLines(text);
  const keyOf = containerScopes(lines);
  let settings: ScopedVariable[] = ownSettings(lines, beside);
  // A service extending another: the base's settings before its own (the last setting wins); a
  // base not read leaves its own login unsure, refused by its `extends:` line.
  const extended: ScopedVariable[] = [];
  for (const got of inheritedVariables(lines, name, beside, ownSettings).values()) {
    // Its `extends:` line is one of its own: its scope.
    const scope = keyOf(got.line - 1);
    const env: BotEnvironment = byScope.get(scope) ?? { props: new Map(), unsure: [] };
    if (got.fatal) env.unsure.push({ line: got.line, reason: got.problem!, fatal: true });
    else if (got.problem) {
      if (settings.some((v) => v.scope === scope && /^(?:username|password|base64_password)$/i.test(v.name))) env.unsure.push({ line: got.line, reason: got.problem });
      settings = settings.filter((v) => v.scope !== scope);
    } else appendAll(extended, got.variables.map((v) => ({ ...v, scope, ...(v.comment ? { comment: `in ${v.origin}, ${v.comment}` } : {}) })));
    if (env.unsure.length > 0) byScope.set(scope, env);
  }
  for (const { scope, name: raw, value, line, comment } of composeEnvironment([...extended, ...settings], (v) => v.scope, (v) => JSON.stringify([v.value, v.comment]), (v, comment) => ({ ...v, value: '', comment }))) {
    const env: BotEnvironment = byScope.get(scope) ?? { props: new Map(), unsure: [] };
    byScope.set(scope, env);
    const name = raw.toLowerCase();
    const account = /^(?:username|password|base64_password)$/.test(name);
    if (value === undefined) {
      if (account) env.unsure.push({ line, reason: `POGO_${raw} comes from a Secret (valueFrom), not written in this file` });
    } else if (value === '#') env.props.delete(name);
    else if (comment && account) env.unsure.push({ line, reason: `POGO_${raw}: ${comment}` });
    else if (account && (placeholderPassword(value) ?? CHANGED.test(value))) {
      const placeholder = placeholderPassword(value);
      env.unsure.push({ line, reason: placeholder ? `${placeholder} where the ${name} goes (the image's example, not filled in)` : CHANGED_REASON });
    } else env.props.set(name, { value, line });
  }
  const found = [...byScope.values()].filter((e) => e.props.has('username') || e.unsure.length > 0);
  return found.length > 0 ? found : undefined;
}
