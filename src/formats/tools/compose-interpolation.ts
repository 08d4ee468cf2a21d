// A docker-compose file's values as compose reads them: compose-go interpolates every YAML value
// (never a key) before it loads the file (compose-spec/compose-go `template/template.go`, its
// SubstituteWith; the Compose Specification's `interpolation.md`):
//   - `$$` is one `$`;
//   - `$NAME` and `${NAME}` are the variable's value (NAME `[_a-zA-Z][_a-zA-Z0-9]*`), a blank with a
//     warning where it is unset;
//   - `${NAME:-default}` (unset or empty) and `${NAME-default}` (unset) fall back to the default,
//     itself interpolated (`${A:-${B:-x}}`);
//   - `${NAME:?err}` and `${NAME?err}` stop compose with `err` where it is unset (or empty);
//   - `${NAME:+alt}` and `${NAME+alt}` are `alt` where it is set (and not empty), else blank;
//   - a `$` followed by anything else (`$!`, `${}`, a `$` ending the value) stops compose: "Invalid
//     template".
// Of the operator's variables a dump holds at most the `.env` beside the compose file (read with it
// when the folder, archive or inbox batch holds it: service-env-files.ts; their shell's, which
// would win over it, never), so any other variable is unset here: a default written in the file is what the container got run from the dump's folder,
// and is read; a value that needs a variable's own text (`${PASS}`), or that depends on whether one
// is set (`${A:+x}`), is unknown here: the account it belongs to is refused by its line, never
// guessed (a blank password is no login, and `$` read as written is not what compose passed on).

export type Interpolated = { text: string; unknown?: undefined } | { text?: undefined; unknown: string };

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** Where the `}` closing the `${` at `from` is, counting nested `${`, or -1. */
function closingBrace(s: string, from: number): number {
  let open = 0;
  for (let i = from; i < s.length; i++) {
    if (s.startsWith('${', i)) {
      open++;
      i++;
    } else if (s[i] === '}' && --open === 0) return i;
  }
  return -1;
}

/**
 * The variables known to be set, and (`unsure`) those an env file sets to a value this reader
 * cannot be sure of, each with why and where (`.env:3, where ...`): such a variable is set, so
 * it is named by that line, never as one the dump lacks.
 */
export interface EnvVariables extends ReadonlyMap<string, string> {
  readonly unsure?: ReadonlyMap<string, string>;
}

/** Why `name`, unset here, is unknown: the env file line that sets it unsure, else the operator's. */
function unsetVariable(written: string, name: string, env: EnvVariables): string {
  const where = env.unsure?.get(name);
  return where !== undefined ? `${written}, set in ${where}` : `${written}, a variable of the operator's (their shell's or a .env file's), not in this dump`;
}

/** One `${...}`'s inside (`NAME`, `NAME:-x`, ...) with every variable unset. */
function braced(inside: string, env: EnvVariables): Interpolated {
  const name = NAME.exec(inside)?.[0];
  if (name === undefined) return { unknown: `\`\${${inside}}\`, which compose reads as no variable (it stops: "Invalid template")` };
  const rest = inside.slice(name.length);
  const op = /^(:?[-?+])/.exec(rest)?.[1];
  if (rest !== '' && op === undefined) return { unknown: `\`\${${inside}}\`, which compose reads as no variable (it stops: "Invalid template")` };
  const value = env.get(name);
  // Set by an env file line read as unsure: whether set, empty or what, it is that line's to say.
  if (value === undefined && env.unsure?.has(name)) return { unknown: unsetVariable(`\${${name}${op ?? ''}${op ? '...' : ''}}`, name, env) };
  const empty = value === undefined || (op?.startsWith(':') === true && value === '');
  const word = rest.slice(op?.length ?? 0);
  if (op === undefined) return value === undefined ? { unknown: unsetVariable(`\${${name}}`, name, env) } : { text: value };
  if (op.endsWith('-')) return empty ? interpolate(word, env) : { text: value! };
  if (op.endsWith('?')) return empty ? { unknown: `\${${name}${op}...}, which stops compose unless ${name} is set (in the operator's shell or a .env file, not in this dump)` } : { text: value! };
  // `+`: the alternative where the variable is set (and not empty); whether it is, is the operator's.
  if (value === undefined) return { unknown: `\${${name}${op}...}, which depends on whether ${name} is set (in the operator's shell or a .env file, not in this dump)` };
  return empty ? { text: '' } : interpolate(word, env);
}

/** `value` as compose passes it on, or why it is unknown here. `env`: variables known to be set (none by default). */
export function interpolate(value: string, env: EnvVariables = new Map()): Interpolated {
  if (!value.includes('$')) return { text: value };
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = value[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '{') {
      const end = closingBrace(value, i);
      if (end < 0) return { unknown: 'an unclosed `${`, which stops compose ("Invalid template")' };
      const part = braced(value.slice(i + 2, end), env);
      if (part.unknown !== undefined) return part;
      out += part.text;
      i = end;
    } else {
      const name = NAME.exec(value.slice(i + 1))?.[0];
      if (name === undefined) return { unknown: 'a `$` compose reads as no variable (it stops: "Invalid template"; a `$` of the value itself is written `$$`)' };
      const v = env.get(name);
      if (v === undefined) return { unknown: unsetVariable(`$${name}`, name, env) };
      out += v;
      i += name.length;
    }
  }
  return { text: out };
}

/** Whether `lines` are a docker-compose file's: its values are then interpolated (a `services:` block, compose v2 and later; or a version 1 file). */
export function isComposeFile(lines: readonly string[]): boolean {
  return lines.some((l) => /^services:\s*(?:#.*)?$/.test(l)) || isVersion1Compose(lines);
}

/**
 * A version 1 compose file (docker-compose before 1.6, and its docs' examples until 2017): no
 * `services:` block, each top-level key a service (`web:` with its `image:`, `environment:`, ...),
 * interpolated as later versions are (docker-compose 1.5). Known by its top-level lines, every
 * one a key opening a block, and a service among them naming an `image:` or a `build:`, or taking
 * them from the service it `extends:` (docker/compose `docs/extends.md`: `web:` with `extends:` only).
 */
export function isVersion1Compose(lines: readonly string[]): boolean {
  let service = false;
  let top = false;
  for (const l of lines) {
    if (l.trim() === '' || l.trimStart().startsWith('#') || l === '---') continue;
    if (!/^\s/.test(l)) {
      if (!/^[\w.-]+:\s*(?:#.*)?$/.test(l) || /^(?:services|apiVersion|kind|version|networks|volumes)\s*:/.test(l)) return false;
      top = true;
    } else if (top && /^ {2}(?:image|build|extends)\s*:/.test(l)) service = true;
  }
  return service;
}

/** A value of a compose file as the container got it (`env`: the `.env` beside it), or the value as written with why it is unknown here. */
export function composeValue(value: string, env: EnvVariables = new Map()): { value: string; problem?: string } {
  const i = interpolate(value, env);
  return i.unknown === undefined ? { value: i.text } : { value, problem: `its value holds ${i.unknown}` };
}
