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
    const raw = lines[i]!.replace(/\s+$/, '');
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
  return instructions(lines) !== undefined;
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

/** `$A`, `${A}`, `${A:-x}`, `${A:+x}` put in from the variables known at build time; an unknown one is empty, as Docker makes it. */
function substitute(s: string, vars: Map<string, string>): string {
  return s.replace(/\\\$|\$\{([A-Za-z_]\w*)(?::([-+])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (all, braced?: string, op?: string, word?: string, bare?: string) => {
    if (all === '\\$') return '$';
    const value = vars.get((braced ?? bare)!);
    if (op === '-') return value ? value : word!;
    if (op === '+') return value ? word! : '';
    return value ?? '';
  });
}

/** ENV's or ARG's `name=value` pairs (quotes as a shell's), or the older `ENV name value` of the rest of the line. */
function pairs(args: string, vars: Map<string, string>, keyword: string): [string, string | undefined][] {
  if (keyword === 'ENV' && !/^[A-Za-z_][\w.-]*=/.test(args)) {
    const m = /^([A-Za-z_][\w.-]*)\s+(.*)$/.exec(args);
    return m ? [[m[1]!, substitute(m[2]!, vars)]] : [];
  }
  const out: [string, string | undefined][] = [];
  for (const w of splitWords(args).words) {
    const eq = w.indexOf('=');
    if (eq < 0) out.push([w, undefined]);
    else out.push([w.slice(0, eq), substitute(w.slice(eq + 1), vars)]);
  }
  return out;
}

/** The command the image this Dockerfile builds runs, or undefined where it names none (or is no Dockerfile). */
export function dockerfileRun(lines: string[]): DockerfileRun | undefined {
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
        ? { name: m?.[2]?.toLowerCase(), from: ins.line, entrypoint: base.entrypoint, cmd: base.cmd, env: new Map(base.env), args: new Map() }
        : { name: m?.[2]?.toLowerCase(), from: ins.line, env: new Map(), args: new Map() };
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
      }
    } else if (ins.keyword === 'ENV') {
      for (const [k, v] of pairs(ins.args, vars, 'ENV')) if (v !== undefined) stage.env.set(k, v);
    } else if (ins.keyword === 'CMD') stage.cmd = { ...form(ins.args), line: ins.line };
    else if (ins.keyword === 'ENTRYPOINT') {
      stage.entrypoint = { ...form(ins.args), line: ins.line };
      // Docker: setting ENTRYPOINT resets a CMD the stage took from its base.
      if (stage.cmd && stage.cmd.line < stage.from) stage.cmd = undefined;
    }
  }
  const last = stages.at(-1);
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
