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
import { anchoredInto, containerSpans, extendedService, spanAt, spanNames, type Span } from './container-spans.js';
import { splitLines } from '../decode.js';
import type { Beside } from '../beside.js';

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
}

/** Each container's login in a file naming benmag's image, or undefined for a file without one. */
export function benmagLogins(text: string, beside?: Beside): BenmagLogin[] | undefined {
  // Its USERNAME may be in a file beside it (an env_file, a Secret's manifest: beside.ts).
  if (!IMAGE.test(text) || (!/USERNAME/.test(text) && !beside)) return undefined;
  const byScope = new Map<string, Map<string, { value: string | undefined; line: number; comment?: string }>>();
  for (const v of imageVariables(splitLines(text), beside)) {
    const env = byScope.get(v.scope) ?? new Map<string, { value: string | undefined; line: number; comment?: string }>();
    byScope.set(v.scope, env);
    env.set(v.name, v); // the last setting wins, as a shell's or compose's does
  }
  const out: BenmagLogin[] = [];
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
    }).find((p) => p !== undefined);
    const auth = env.get('AUTH_SERVICE');
    if (!problem && auth && (auth.value === undefined || (auth.value === '' && auth.comment))) {
      out.push({ provider, line: auth.line, problem: auth.comment ? `AUTH_SERVICE: ${auth.comment}: the provider is unknown` : 'AUTH_SERVICE comes from a Secret (valueFrom), not written in this file: the provider is unknown' });
    } else if (!problem && service !== 'ptc' && service !== 'google') {
      out.push({ provider, line: auth!.line, problem: 'AUTH_SERVICE is neither ptc nor google: the bot logs in with no provider it knows' });
    } else if (problem) out.push({ provider, line: problem.line, problem: problem.reason });
    else out.push({ username: user.value!, password: pass!.value!, provider, line: user.line });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The plain variables that are the image's: those of a container naming it (after those of the
 * service it extends, which its own override), a Secret's keys given to such a container, and those
 * outside every container (an env file).
 */
function imageVariables(lines: readonly string[], beside: Beside | undefined): ScopedVariable[] {
  const spans = containerSpans(lines);
  const bySpan = new Map<Span, ScopedVariable[]>();
  const out: ScopedVariable[] = [];
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
    else if (!into) out.push(v);
    else for (const s of into) add(s, v);
  }
  // A service's own settings after those it inherits: the last setting wins.
  const inherited = (span: Span, seen: Set<Span>): ScopedVariable[] => {
    seen.add(span);
    const base = extendedService(lines, spans, span);
    const from = base && !seen.has(base) ? inherited(base, seen) : [];
    return [...from, ...(bySpan.get(span) ?? [])].map((v) => ({ ...v, scope: span.key }));
  };
  for (const span of spans) if (spanNames(lines, span, IMAGE, spans)) out.push(...inherited(span, new Set()));
  return out;
}
