// The command a Dockerfile's container runs, by Docker's own rules (the Dockerfile reference,
// docs.docker.com/reference/dockerfile, "CMD", "ENTRYPOINT", "Understand how CMD and ENTRYPOINT
// interact", "ENV", "ARG", "FROM"; moby/buildkit `frontend/dockerfile/docs/reference.md`):
// - an instruction goes on past a line ending in the escape character (`\`, or the one a `# escape=`
//   directive names);
// - `CMD [...]` / `ENTRYPOINT [...]` is the exec form when it parses as a JSON array of strings, run
//   with no shell (a `$VAR` in it stays as written); anything else is the shell form, run as
//   `/bin/sh -c "..."`, where the shell puts in the container's environment (its ENV values);
// - an exec-form ENTRYPOINT gets CMD appended (CMD's shell form as `/bin/sh -c ...`); a shell-form
//   ENTRYPOINT ignores CMD; the last of each in the stage counts;
// - each `FROM` starts a stage; the image built is the last stage's; a stage `FROM` an earlier
//   stage's name starts from that stage's settings, any other image from settings this file does
//   not show (the base image's ENTRYPOINT: a CMD of options alone is then its arguments);
// - ENV's values (`ENV A=x B="y"`, the older `ENV A x`) and ARG's defaults are put into later ENV
//   values (`ENV PTC_USER=${PTC_USER}`) at build time; an ARG is no runtime variable.
// The words are the command-line readers' (rocketmap-container.ts splitWords): read there as any
// start command (rocketmap-command.ts), never by a copy of its options.
import { splitWords } from './rocketmap-container.js';

export interface DockerfileRun {
  /** The container's command, word by word, each with the line of the instruction that gave it. */
  words: { word: string; line: number }[];
  /** Whether a shell runs it (a shell-form CMD or ENTRYPOINT): its `$VAR`s are the container's environment. */
  shell: boolean;
  /** The container's environment: the last stage's ENV values, build arguments put in. */
  env: Map<string, string>;
}

/** A Dockerfile instruction (a keyword Docker knows, any case) and its arguments. */
const INSTRUCTION = /^\s*(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)(?:\s+(.*))?$/i;
const DIRECTIVE_ESCAPE = /^#\s*escape\s*=\s*([\\`])\s*$/i;

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** The file's instructions, continued lines joined, comments left out; undefined if its first instruction is not FROM or ARG. */
function instructions(lines: string[]): Instruction[] | undefined {
  let escape = '\\';
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trimEnd(); // not /\s+$/: quadratic on a long run of blanks (tried from each)
    if (out.length === 0 && current === undefined) {
      const d = DIRECTIVE_ESCAPE.exec(raw);
      if (d) {
        escape = d[1]!;
        continue;
      }
    }
    if (/^\s*#/.test(raw) || (current === undefined && raw.trim() === '')) continue;
    const continued = raw.endsWith(escape);
    const text = continued ? raw.slice(0, -1) : raw;
    if (current) current.args += ` ${text.trim()}`;
    else {
      const m = INSTRUCTION.exec(text);
      if (!m) return undefined;
      current = { keyword: m[1]!.toUpperCase(), args: (m[2] ?? '').trim(), line: i + 1 };
    }
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  }
  if (current) out.push(current);
  return out.length > 0 && (out[0]!.keyword === 'FROM' || out[0]!.keyword === 'ARG') && out.some((s) => s.keyword === 'FROM') ? out : undefined;
}

/** Whether the lines are a Dockerfile: instructions alone, the first FROM (or ARG before it). */
export function isDockerfile(lines: string[]): boolean {
  return dockerfileStages(lines) !== undefined;
}

type Form = { exec: string[] } | { shell: string };
interface Stage {
  name?: string;
  /** The line of its FROM: a CMD above it came from the base stage. */
  from: number;
  entrypoint?: Form & { line: number };
  cmd?: Form & { line: number };
  env: Map<string, string>;
  args: Map<string, string>;
  /** Each ENV variable's line, and the build argument without a default its value took, if one did (given only by `docker build --build-arg`). */
  envAt: Map<string, { line: number; buildArg?: string }>;
  /** The stage's ARGs declared without a default (`ARG PTC_PASS`): their values are the builder's. */
  openArgs: Set<string>;
}

function form(args: string): Form {
  if (args.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(args);
      if (Array.isArray(list) && list.every((w) => typeof w === 'string')) return { exec: list as string[] };
    } catch {
      // Not JSON: Docker runs it as the shell form.
    }
  }
  return { shell: args };
}

/**
 * `$A`, `${A}`, `${A:-x}`, `${A:+x}` put in from the variables known at build time; an unknown one is
 * empty, as Docker makes it. A name of `open` (an ARG without a default) is added to `used`.
 */
function substitute(s: string, vars: Map<string, string>, open?: Set<string>, used?: string[]): string {
  return s.replace(/\\\$|\$\{([A-Za-z_]\w*)(?::([-+])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (all, braced?: string, op?: string, word?: string, bare?: string) => {
    if (all === '\\$') return '$';
    const value = vars.get((braced ?? bare)!);
    if (value === undefined && open?.has((braced ?? bare)!)) used?.push((braced ?? bare)!);
    if (op === '-') return value ? value : word!;
    if (op === '+') return value ? word! : '';
    return value ?? '';
  });
}

/** The older ENV form's value (buildkit `parser/line_parsers.go` parseNameVal: the rest of the line, its blanks kept) with its quotes and escapes taken out, as buildkit's shell lexer reads one word. */
function withoutQuotes(s: string): string {
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    if (c === "'") {
      const close = s.indexOf("'", k + 1);
      if (close < 0) return out + s.slice(k + 1);
      out += s.slice(k + 1, close);
      k = close;
    } else if (c === '"') {
      for (k++; k < s.length && s[k] !== '"'; k++) out += s[k] === '\\' && /["\\$]/.test(s[k + 1] ?? '') ? s[++k] : s[k];
    } else if (c === '\\' && k + 1 < s.length) out += s[++k];
    else out += c;
  }
  return out;
}

/**
 * ENV's or ARG's `name=value` pairs (quotes as a shell's), or the older `ENV name value` of the rest of
 * the line (its quotes taken out as the shell's too: buildkit's parseEnv); the third item the build
 * arguments without a default the value took.
 */
function pairs(args: string, vars: Map<string, string>, keyword: string, open?: Set<string>): [string, string | undefined, string[]][] {
  if (keyword === 'ENV' && !/^[A-Za-z_][\w.-]*=/.test(args)) {
    const m = /^([A-Za-z_][\w.-]*)\s+(.*)$/.exec(args);
    if (!m) return [];
    const used: string[] = [];
    const value = substitute(withoutQuotes(m[2]!), vars, open, used);
    return [[m[1]!, value, used]];
  }
  const out: [string, string | undefined, string[]][] = [];
  for (const w of splitWords(args).words) {
    const eq = w.indexOf('=');
    const used: string[] = [];
    if (eq < 0) out.push([w, undefined, used]);
    else out.push([w.slice(0, eq), substitute(w.slice(eq + 1), vars, open, used), used]);
  }
  return out;
}

/**
 * A read asks a Dockerfile's stages twice (the command it runs, then its image's variables): worked
 * out once per lines array. Callers only read the stages.
 */
const stagesOf = new WeakMap<string[], Stage[] | undefined>();

/** The file's stages in order, each as its instructions leave it; undefined for no Dockerfile. */
function dockerfileStages(lines: string[]): Stage[] | undefined {
  if (!stagesOf.has(lines)) stagesOf.set(lines, stagesOfLines(lines));
  return stagesOf.get(lines);
}

function stagesOfLines(lines: string[]): Stage[] | undefined {
  const all = instructions(lines);
  if (!all) return undefined;
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string>();
  let stage: Stage | undefined;
  for (const ins of all) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(ins.args);
      const image = substitute(m?.[1] ?? '', globalArgs).toLowerCase();
      const base = stages.find((s) => s.name === image);
      stage = base
        ? { name: m?.[2]?.toLowerCase(), from: ins.line, entrypoint: base.entrypoint, cmd: base.cmd, env: new Map(base.env), args: new Map(), envAt: new Map(base.envAt), openArgs: new Set() }
        : { name: m?.[2]?.toLowerCase(), from: ins.line, env: new Map(), args: new Map(), envAt: new Map(), openArgs: new Set() };
      stages.push(stage);
      continue;
    }
    if (!stage) {
      if (ins.keyword === 'ARG') for (const [k, v] of pairs(ins.args, globalArgs, 'ARG')) if (v !== undefined) globalArgs.set(k, v);
      continue;
    }
    const vars = new Map([...stage.args, ...stage.env]);
    if (ins.keyword === 'ARG') {
      // `ARG NAME` alone brings a global default into the stage.
      for (const [k, v] of pairs(ins.args, vars, 'ARG')) {
        const value = v ?? globalArgs.get(k);
        if (value !== undefined) stage.args.set(k, value);
        else stage.openArgs.add(k);
      }
    } else if (ins.keyword === 'ENV') {
      for (const [k, v, used] of pairs(ins.args, vars, 'ENV', stage.openArgs)) {
        if (v === undefined) continue;
        stage.env.set(k, v);
        stage.envAt.set(k, { line: ins.line, ...(used.length > 0 ? { buildArg: used[0] } : {}) });
      }
    } else if (ins.keyword === 'CMD') stage.cmd = { ...form(ins.args), line: ins.line };
    else if (ins.keyword === 'ENTRYPOINT') {
      stage.entrypoint = { ...form(ins.args), line: ins.line };
      // Docker: setting ENTRYPOINT resets a CMD the stage took from its base.
      if (stage.cmd && stage.cmd.line < stage.from) stage.cmd = undefined;
    }
  }
  return stages;
}

/** The variables of the image a Dockerfile builds (its last stage's ENV, a stage it is built FROM included), with their lines. */
export function dockerfileEnv(lines: string[]): DockerfileVariable[] {
  const last = dockerfileStages(lines)?.at(-1);
  if (!last) return [];
  return [...last.env].map(([name, value]) => ({ name, value, ...last.envAt.get(name)! }));
}

export interface DockerfileVariable {
  name: string;
  value: string;
  line: number;
  /** A build argument without a default the value took: the builder's `--build-arg`, not in this file. */
  buildArg?: string;
}

/** The command the image this Dockerfile builds runs, or undefined where it names none (or is no Dockerfile). */
export function dockerfileRun(lines: string[]): DockerfileRun | undefined {
  const last = dockerfileStages(lines)?.at(-1);
  if (!last) return undefined;
  const { entrypoint, cmd } = last;
  const at = (ws: string[], line: number) => ws.map((word) => ({ word, line }));
  const shellWords = (f: { shell: string; line: number }) => at(splitWords(f.shell).words, f.line);
  if (entrypoint && 'shell' in entrypoint) return { words: shellWords(entrypoint), shell: true, env: last.env };
  const head = entrypoint ? at((entrypoint as { exec: string[] }).exec, entrypoint.line) : [];
  if (!cmd) return head.length > 0 ? { words: head, shell: false, env: last.env } : undefined;
  // A shell-form CMD under an exec-form ENTRYPOINT is appended as `/bin/sh -c "..."`: three arguments, never options.
  if ('shell' in cmd) return head.length > 0 ? { words: [...head, ...at(['/bin/sh', '-c', cmd.shell], cmd.line)], shell: false, env: last.env } : { words: shellWords(cmd), shell: true, env: last.env };
  return { words: [...head, ...at(cmd.exec, cmd.line)], shell: false, env: last.env };
}
