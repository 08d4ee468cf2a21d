// PokemonGo-Bot (PokemonGoF) in benmag's docker image (benmag/docker-pokemongo-bot, 2016): its login
// given as plain `AUTH_SERVICE`, `USERNAME` and `PASSWORD` variables (`docker run -e USERNAME=x`, a
// compose `environment:`, an env file, a Kubernetes container's `env:` or an ECS container's
// `"environment"` pairs: env-pairs.ts). The image's `start.sh` writes them into the bot's
// `configs/config.json` with one `echo "{" "\"auth_service\": \"$AUTH_SERVICE\", " "\"username\":
// \"$USERNAME\", " "\"password\": \"$PASSWORD\", " ...`, run by `sh` (the Dockerfile's `CMD ["sh",
// "/usr/local/bin/start.sh"]`: dash on its python:2.7 Debian base, whose echo reads `\` escapes),
// and the bot reads that JSON: a value holding `"` or `\` reached the bot as something else, or
// broke the file, so it is refused by its line. A variable left unset keeps the Dockerfile's
// default (`ENV USERNAME "username"`, `ENV PASSWORD "password"`, `ENV AUTH_SERVICE "ptc"`): a bot
// never set up, or one logging in with the word `password`, never an account. Names this plain are
// every program's, so they are read only in a file naming the image (`benmag/pokemongo-bot`,
// `benmag/docker-pokemongo-bot`), and there only in the container naming it (container-spans.ts:
// a postgres service's `USERNAME` beside the bot is the database's) or, from an env file, the
// file's; a Kubernetes Secret's `stringData` (or its `data`, base64-decoded) or a ConfigMap's
// `data` counts as the env of the containers naming it in `envFrom` (kubernetes-env-from.ts), and a YAML anchor's block outside every service counts as the
// env of the services naming the anchor. The bot's Maps key and location beside them are never read.
import { scopedVariables, type ScopedVariable } from './scoped-variables.js';
import { anchoredInto, containerSpans, spanAt, spanNames, type Span } from './container-spans.js';
import { setsOwn } from './compose-extends.js';
import { extendsInto, inheritedVariables, type VariablesOf } from './extends-variables.js';
import { composeEnvironment } from './compose-environment.js';
import { splitLines } from '../decode.js';
import type { Beside } from '../beside.js';
import { appendAll } from '../long-arrays.js';

const IMAGE = /\bbenmag\/(?:docker-)?pokemongo-bot\b/i;
const VARIABLE = /(?<![\w-])(USERNAME|PASSWORD|AUTH_SERVICE)\s*[=:]\s*(.*)$/;
const NAMES = /(?<![\w-])(?:USERNAME|PASSWORD|AUTH_SERVICE)\b/;
const CHANGED = /["\\]/;
const DEFAULTS: Record<string, string> = { USERNAME: 'username', PASSWORD: 'password' };

export interface BenmagLogin {
  username?: string;
  password?: string;
  provider: 'ptc' | 'google';
  line: number;
  /** Why this container's login is refused, by `line`. */
  problem?: string;
  /** A problem compose refuses the whole file for (an `extends:` cycle): nothing of it is imported. */
  fatal?: true;
}

/** Each container's login in a file naming benmag's image, or undefined for a file without one. */
export function benmagLogins(text: string, name: string, beside?: Beside): BenmagLogin[] | undefined {
  // The image may be named only by the service a compose service extends in another file of the dump (extends-variables.ts).
  const named = IMAGE.test(text) || (beside !== undefined && /^[ \t]+extends[ \t]*:/m.test(text) && [...beside.files.values()].some((t) => IMAGE.test(t)) && extendsInto(splitLines(text), name, beside, IMAGE));
  // Its USERNAME may be in a file beside it (an env_file, a Secret's manifest: beside.ts).
  if (!named || (!/USERNAME/.test(text) && !beside)) return undefined;
  const byScope = new Map<string, Map<string, { value: string | undefined; line: number; comment?: string; origin?: string }>>();
  const { variables, unsure } = imageVariables(splitLines(text), name, beside);
  for (const v of variables) {
    const env = byScope.get(v.scope) ?? new Map<string, { value: string | undefined; line: number; comment?: string; origin?: string }>();
    byScope.set(v.scope, env);
    env.set(v.name, v); // the last setting wins, as a shell's or compose's does
  }
  const out: BenmagLogin[] = unsure.map((u) => ({ provider: 'ptc', line: u.line, problem: u.reason, ...(u.fatal ? { fatal: true as const } : {}) }));
  for (const env of byScope.values()) {
    const user = env.get('USERNAME');
    if (!user) continue;
    const pass = env.get('PASSWORD');
    const service = (env.get('AUTH_SERVICE')?.value ?? 'ptc').trim().toLowerCase();
    const provider = service === 'google' ? 'google' : 'ptc';
    const problem = [user, pass].map((v, i) => {
      const name = i === 0 ? 'USERNAME' : 'PASSWORD';
      if (!v) return { line: user.line, reason: `${name} is not set: the image's default \`${DEFAULTS[name]}\` is no account` };
      if (v.value === undefined) return { line: v.line, reason: `${name} comes from a Secret (valueFrom), not written in this file` };
      if (v.value === DEFAULTS[name]) return { line: v.line, reason: `${name} holds the image's default \`${DEFAULTS[name]}\`: a bot never set up` };
      if (v.comment) return { line: v.line, reason: `${name}: ${v.comment}` };
      if (CHANGED.test(v.value)) return { line: v.line, reason: `${name} holds \`"\` or \`\\\`, which the image's start.sh writes into config.json unescaped (its echo reads \`\\\` escapes): the bot got something other than this value` };
      return undefined;
    }).map((p, i) => p && { ...p, origin: [user, pass][i]?.origin }).find((p) => p !== undefined);
    const auth = env.get('AUTH_SERVICE');
    if (!problem && auth && (auth.value === undefined || (auth.value === '' && auth.comment))) {
      out.push({ provider, line: auth.line, problem: auth.comment ? `AUTH_SERVICE: ${auth.comment}: the provider is unknown` : 'AUTH_SERVICE comes from a Secret (valueFrom), not written in this file: the provider is unknown' });
    } else if (!problem && service !== 'ptc' && service !== 'google') {
      out.push({ provider, line: auth!.line, problem: 'AUTH_SERVICE is neither ptc nor google: the bot logs in with no provider it knows' });
    } else if (problem) {
      // A base's value (extends-variables.ts) is refused by the `extends:` line, naming where it is written.
      out.push({ provider, line: problem.line, problem: problem.origin ? `in ${problem.origin}, ${problem.reason}` : problem.reason });
    }
    else out.push({ username: user.value!, password: pass!.value!, provider, line: user.line });
  }
  return out.length > 0 ? out : undefined;
}

interface OwnVariables {
  spans: Span[];
  /** Each container's own settings (an anchor's block it merges, a Secret given to it, included). */
  bySpan: Map<Span, ScopedVariable[]>;
  /** Those outside every container (an env file). */
  loose: ScopedVariable[];
}

function ownVariables(lines: readonly string[], beside: Beside | undefined): OwnVariables {
  const spans = containerSpans(lines);
  const bySpan = new Map<Span, ScopedVariable[]>();
  const loose: ScopedVariable[] = [];
  const add = (span: Span, v: ScopedVariable) => bySpan.set(span, [...(bySpan.get(span) ?? []), { ...v, scope: span.key }]);
  for (const v of scopedVariables(lines, VARIABLE, NAMES, beside)) {
    // A Secret's or ConfigMap's key given to a pod's container by `envFrom:` (kubernetes-env-from.ts).
    if (v.container !== undefined) {
      const span = spans.find((s) => s.key === `pod ${v.container}`);
      if (span) add(span, v);
      continue;
    }
    const span = spanAt(spans, v.line);
    // In an anchor's block outside every container (`x-db-env: &dbenv`): the env of the containers
    // naming that anchor, and no other's (a postgres service's `environment: *dbenv`).
    const into = span ? undefined : anchoredInto(lines, spans, v.line);
    if (span) add(span, v);
    else if (!into) loose.push(v);
    else for (const s of into) add(s, v);
  }
  return { spans, bySpan, loose };
}

/** A compose file's services' own variables, as a base the services of another file extend (extends-variables.ts). */
const serviceVariables: VariablesOf = (lines, beside) => [...ownVariables(lines, beside).bySpan].flatMap(([span, vs]) => vs.map((v) => ({ ...v, at: span.from })));

/**
 * The plain variables that are the image's: those of a container naming it (after those of the
 * service it extends, of this file or another, which its own override), a Secret's keys given to
 * such a container, and those outside every container (an env file). A service whose base is not
 * read (the dump lacks its file) is unsure: its own login variables are refused by its `extends:` line.
 */
function imageVariables(lines: string[], name: string, beside: Beside | undefined): { variables: ScopedVariable[]; unsure: { line: number; reason: string; fatal?: boolean }[] } {
  const { spans, bySpan, loose } = ownVariables(lines, beside);
  const out = [...loose];
  const unsure: { line: number; reason: string; fatal?: boolean }[] = [];
  const inherited = inheritedVariables(lines, name, beside, serviceVariables);
  for (const span of spans) {
    const own = bySpan.get(span) ?? [];
    const got = inherited.get(span.from);
    const ownImage = setsOwn(lines, span, 'image');
    if (got?.fatal) unsure.push({ line: got.line, reason: got.problem!, fatal: true });
    else if (got?.problem) {
      // Compose runs it with its base's image and settings, which are not here: the bot's or not, its login is unsure.
      if ((spanNames(lines, span, IMAGE, spans) || !ownImage) && own.some((v) => v.name !== 'AUTH_SERVICE')) unsure.push({ line: got.line, reason: got.problem });
    } else if (spanNames(lines, span, IMAGE, spans) || (got !== undefined && !ownImage && got.names(IMAGE))) {
      // A service's own settings after those it inherits: the last setting wins.
      const from = (got?.variables ?? []).map((v) => ({ ...v, scope: span.key }));
      appendAll(out, composeEnvironment([...from, ...own], () => span.key, (v) => JSON.stringify([v.value, v.comment]), (v, comment) => ({ ...v, value: '', comment })));
    }
  }
  return { variables: out, unsure };
}
