// An env file as docker compose reads it: the `.env` beside a compose file (its variables
// interpolate the compose file's values) and a service's `env_file:` files (its variables become
// the container's environment, under the service's own `environment:`). compose-spec/compose-go
// `dotenv/parser.go` (parse, locateKeyName, extractVarValue) and `dotenv/godotenv.go`
// (ExpandVariables: template.Substitute, compose-interpolation.ts):
//   - blank lines and lines starting with `#` are skipped, an `export ` before the name dropped;
//   - `NAME=value` or `NAME: value`, the name of letters, digits, `_`, `.`, `-`; a name alone on its
//     line is the operator's own variable, passed on from their shell (not in a dump: none here);
//   - an unquoted value runs to the line's end, cut at ` #`, blanks after it dropped, and is then
//     interpolated with the variables above it (and the `lookup` given: the `.env`'s for an
//     env_file);
//   - `'...'` is taken as written; `"..."` has its escapes read and is then interpolated.
// What compose's versions read differently, or this reader cannot be sure of, is a problem of that
// line, never a value guessed: an unquoted `#` without a blank before it (compose-go before 2.0
// cut the value at any `#`), a `\` inside double quotes (its escapes changed between versions), a
// quoted value running over several lines or followed by more than a comment, a variable this
// dump does not define (compose-interpolation.ts). A line compose itself refuses (a name holding
// another character) is one too: compose stops on it, so the file gave nobody anything.
import { interpolate, type EnvVariables } from './compose-interpolation.js';

export interface EnvFileVariable {
  name: string;
  /** The value as the container (or the interpolation) gets it; undefined with `problem`. */
  value: string | undefined;
  /** 1-based line of the file. */
  line: number;
  problem?: string;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([\p{L}\p{N}_.\-[\]]+)\s*[=:]\s?(.*)$/u;
const NAME_ALONE = /^\s*(?:export\s+)?[\p{L}\p{N}_.\-[\]]+\s*$/u;

/** Every assignment of `text`, in order, each value as compose reads it or with why it is unsure. */
export function envFileVariables(text: string, lookup: EnvVariables = new Map(), file = '.env'): EnvFileVariable[] {
  const out: EnvFileVariable[] = [];
  const known = new Map(lookup);
  const unsure = new Map(lookup.unsure);
  const env: EnvVariables = Object.assign(known, { unsure });
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#') || NAME_ALONE.test(raw)) return;
    const m = ASSIGNMENT.exec(raw);
    if (!m) {
      out.push({ name: '', value: undefined, line, problem: 'a line compose reads as no variable (it stops: "unexpected character in variable name")' });
      return;
    }
    const name = m[1]!;
    const read = valueOf(m[2]!.trimStart(), env);
    if ('problem' in read) {
      known.delete(name);
      unsure.set(name, `${file}:${line}, where ${read.problem}`);
      out.push({ name, value: undefined, line, problem: read.problem });
    } else {
      known.set(name, read.value);
      unsure.delete(name);
      out.push({ name, value: read.value, line });
    }
  });
  return out;
}

function valueOf(written: string, known: EnvVariables): { value: string } | { problem: string } {
  const quote = written[0];
  if (quote !== '"' && quote !== "'") {
    const value = written.split(' #')[0]!.trimEnd();
    if (value.includes('#')) return { problem: "the value holds `#`, where compose before 2.0 ended it and compose 2 does not: which the container got is unsure" };
    return interpolated(value, known);
  }
  let end = -1;
  for (let k = 1; k < written.length; k++) {
    if (written[k] === quote && written[k - 1] !== '\\') {
      end = k;
      break;
    }
  }
  if (end < 0) return { problem: 'a quoted value not closed on its line (one over several lines, or a quote missing): not read' };
  const after = written.slice(end + 1).trim();
  if (after !== '' && !after.startsWith('#')) return { problem: 'more after the closing quote, which compose reads as another variable: not read' };
  const inside = written.slice(1, end);
  if (quote === "'") return { value: inside };
  if (inside.includes('\\')) return { problem: 'a `\\` inside double quotes, whose escapes compose versions read differently: which the container got is unsure' };
  return interpolated(inside, known);
}

function interpolated(value: string, known: EnvVariables): { value: string } | { problem: string } {
  const i = interpolate(value, known);
  return i.unknown === undefined ? { value: i.text } : { problem: `its value holds ${i.unknown}` };
}

/**
 * The variables an env file defines (the last of a name wins), for interpolation: a variable with
 * a problem is left out of the values and named in `unsure` by `file` and line, so a value using
 * it is refused for that line's reason (`MAP_PASS=Pw#x`), not as a variable the dump lacks.
 */
export function envFileMap(variables: readonly EnvFileVariable[], file = '.env'): EnvVariables {
  const out = new Map<string, string>();
  const unsure = new Map<string, string>();
  for (const v of variables) {
    if (v.name === '') continue;
    if (v.value !== undefined) {
      out.set(v.name, v.value);
      unsure.delete(v.name);
    } else {
      out.delete(v.name);
      unsure.set(v.name, `${file}:${v.line}, where ${v.problem}`);
    }
  }
  return Object.assign(out, { unsure });
}

/**
 * An env file named with `format: raw` (docker/compose `cmd/compose/compose.go` registers it:
 * rawEnv, docker/cli `pkg/kvfile` ParseFromReader, the reader of `docker run --env-file`): blanks
 * before a line dropped, a line starting with `#` skipped, `NAME=value` with the value as written
 * to the line's end (its blanks kept, no ` #` comment, no interpolation); a name alone passes the
 * operator's own variable (not in a dump: none here). A value between two like quotes (`"x"`,
 * `'x'`) is unsure: docker/cli's newer kvfile takes them off (`trimQuotes`), its older one kept them
 * before. A line with no name, or a name holding a blank, stops compose: the file gave nobody
 * anything (`name: ''`, as envFileVariables says it).
 */
export function rawEnvFileVariables(text: string): EnvFileVariable[] {
  const out: EnvFileVariable[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const l = raw.trimStart();
    if (l === '' || l.startsWith('#')) return;
    const at = l.indexOf('=');
    const name = at < 0 ? l : l.slice(0, at);
    if (name === '' || /[ \t]/.test(name)) {
      out.push({ name: '', value: undefined, line, problem: 'a line compose stops on with format: raw (no variable name, or one holding a blank)' });
      return;
    }
    if (at < 0) return;
    const value = l.slice(at + 1);
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]!)) {
      out.push({ name, value: undefined, line, problem: 'a value between quotes in a format: raw env file, which newer docker/cli takes off and older kept: which the container got is unsure' });
    } else out.push({ name, value, line });
  });
  return out;
}
