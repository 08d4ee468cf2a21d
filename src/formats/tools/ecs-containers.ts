// An Amazon ECS task definition's containers (`"containerDefinitions": [ {...}, ... ]`, or the bare
// list of them a Terraform `container_definitions` file holds): each object is one container, with
// its own `"command"` (the Cmd of `docker create`, run after the image's ENTRYPOINT: RocketMap's
// image runs `python ./runserver.py`, so these are its options), its own `"entryPoint"` where the
// image's is replaced, and its own `"environment"` list (env-pairs.ts) (AWS ECS API reference,
// ContainerDefinition: command, entryPoint, environment). ConfigArgParse reads a POGOMAP_* variable
// only for an option the command leaves out, so the two pair per container, never across them.
import { words } from './rocketmap-container.js';

export interface EcsWord {
  word: string;
  line: number;
}

const LIST = /"containerDefinitions"\s*:\s*\[/;
const STRING = /"(?:[^"\\]|\\.)*"/y;

/** Each JSON string's text in `lines` from (line, column) to the `]` closing the list there. */
function stringsUntilClose(lines: readonly string[], line: number, column: number): { items: EcsWord[]; closed: boolean } {
  const items: EcsWord[] = [];
  for (let i = line; i < lines.length; i++) {
    const text = lines[i]!;
    for (let c = i === line ? column : 0; c < text.length; c++) {
      const ch = text[c]!;
      if (ch === ']') return { items, closed: true };
      if (ch !== '"') continue;
      STRING.lastIndex = c;
      const m = STRING.exec(text);
      if (!m) return { items, closed: false };
      try {
        items.push({ word: JSON.parse(m[0]) as string, line: i + 1 });
      } catch {
        return { items, closed: false };
      }
      c += m[0].length - 1;
    }
  }
  return { items, closed: false };
}

/** The spans (first and last line, 1-based) of each container object in the task definition's list. */
function containerSpans(lines: readonly string[]): [number, number][] {
  let at = lines.findIndex((l) => LIST.test(l));
  let column = at >= 0 ? LIST.exec(lines[at]!)!.index + LIST.exec(lines[at]!)![0].length : 0;
  if (at < 0) {
    // A Terraform template holds the list alone: `[` first, its objects naming an image.
    at = lines.findIndex((l) => l.trim() !== '');
    if (at < 0 || !lines[at]!.trimStart().startsWith('[') || !lines.some((l) => /"image"\s*:/.test(l))) return [];
    column = lines[at]!.indexOf('[') + 1;
  }
  const spans: [number, number][] = [];
  let depth = 0;
  let start = -1;
  for (let i = at; i < lines.length; i++) {
    const text = lines[i]!;
    for (let c = i === at ? column : 0; c < text.length; c++) {
      const ch = text[c]!;
      if (ch === '"') {
        STRING.lastIndex = c;
        const m = STRING.exec(text);
        if (!m) return spans;
        c += m[0].length - 1;
      } else if (ch === '{' || ch === '[') {
        if (depth === 0 && ch === '{') start = i + 1;
        depth++;
      } else if (ch === '}' || ch === ']') {
        if (depth === 0) return spans; // the list's own `]`
        depth--;
        if (depth === 0 && ch === '}') spans.push([start, i + 1]);
      }
    }
  }
  return spans;
}

/** Which container (its object's first line) a line is in, or undefined outside every task definition's containers. */
export function ecsContainerScopes(lines: readonly string[]): (line: number) => number | undefined {
  const spans = containerSpans(lines);
  return (line) => spans.find(([first, last]) => first <= line && line <= last)?.[0];
}

/**
 * The words each container runs: its `"entryPoint"` (when the definition replaces the image's)
 * followed by its `"command"`, each word with its line; a `sh -c "..."` string split as the shell
 * does. A list this reader cannot follow to its `]` (broken JSON) gives nothing.
 */
export function ecsCommands(lines: readonly string[]): EcsWord[][] {
  const spans = containerSpans(lines);
  const out: EcsWord[][] = [];
  for (const [first, last] of spans) {
    const own: Partial<Record<'entryPoint' | 'command', EcsWord[]>> = {};
    for (let i = first - 1; i < last; i++) {
      for (const m of lines[i]!.matchAll(/"(entryPoint|command)"\s*:\s*\[/g)) {
        const list = stringsUntilClose(lines, i, m.index + m[0].length);
        if (list.closed) own[m[1] as 'entryPoint' | 'command'] = list.items;
      }
    }
    const run = [...(own.entryPoint ?? []), ...(own.command ?? [])];
    const shell = /^(?:\/bin\/)?(?:ba)?sh$/.test(run[0]?.word ?? '') && run[1]?.word === '-c' && run[2];
    const ws = shell ? words(shell.word).map((word) => ({ word, line: shell.line })) : run;
    if (ws.length > 0) out.push(ws);
  }
  return out;
}
