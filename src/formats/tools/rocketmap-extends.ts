// What a RocketMap compose service takes from the service it extends (compose-extends.ts says
// which, and compose-go's merge rules): the base's account variables (its `environment:` and env
// files) under the service's own, and the base's `command:` where the service writes none of its
// own (compose's `command:` replaces the base's whole). Read from the base's own file and folder,
// its chain followed; an account made of them is named by the `extends:` line, a refusal of the
// base's names the base's file and line.
import { extendingFile, extendsChain, extendsLinks, setsOwn, type BaseFile, type ExtendsLink } from './compose-extends.js';
import { withAnchoredCopies } from './container-spans.js';
import { accountVariables, type VariableValue } from './rocketmap-container.js';
import type { Beside } from '../beside.js';
import { baseEnvFile } from './compose-environment.js';

/** A word of a command with its line, as rocketmap-command.ts reads them. */
export interface LinedWord {
  word: string;
  line: number;
}

export type CommandsOf = (lines: string[], beside?: Beside) => { found: LinedWord[][]; unsure: { line: number; reason: string }[] };

export interface Inherited {
  variables: VariableValue[];
  commands: LinedWord[][];
  /** Why the base is not read: the service's accounts are refused by its `extends:` line. */
  problem?: string;
  /** A problem compose refuses the whole project for (a cycle, a base service no file holds): no container of the file started. */
  fatal?: boolean;
}

/**
 * The settings the service of `link` takes from its bases (the one chain walk: compose-extends.ts
 * extendsChain), nearest first: each base's account variables and command words in its span, a
 * base's unsure command refusing the service (said before a problem farther down the chain, as
 * the walk meets them); the variables farthest base first (the nearer win), the command the
 * nearest base's that writes its own `command:` (compose's replaces the base's whole).
 */
function baseSettings(self: BaseFile, link: ExtendsLink, projectEnv: string | undefined, commandsOf: CommandsOf): Inherited {
  const chain = extendsChain(self, link, projectEnv);
  const levels: { variables: VariableValue[]; commands: LinedWord[][]; ownCommand: boolean }[] = [];
  const mainDir = self.beside?.dir ?? '';
  for (const { file: base, span, viaFile } of chain.bases) {
    const inScope = (line: number) => span.from <= line && line <= span.to;
    const own = withAnchoredCopies(base.lines, accountVariables(base.lines, base.beside), (v, s) => ({ ...v, container: s.from }))
      .filter((v) => inScope(v.container ?? v.line))
      .map((v) => (v.envFile ? { ...v, envFile: baseEnvFile(v.envFile, base.path, viaFile, mainDir) } : v));
    const read = commandsOf(base.lines, base.beside);
    const unsure = read.unsure.find((u) => inScope(u.line));
    if (unsure) return { variables: [], commands: [], problem: `in ${base.path}:${unsure.line}, ${unsure.reason}` };
    levels.push({
      variables: own.map((v) => (v.problem === undefined ? v : { ...v, problem: `in ${base.path}:${v.line}, ${v.problem}` })),
      commands: read.found.filter((c) => c.length > 0 && inScope(c[0]!.line)),
      ownCommand: setsOwn(base.lines, span, 'command'),
    });
  }
  if (chain.problem) return { variables: [], commands: [], problem: chain.problem, ...(chain.fatal ? { fatal: true } : {}) };
  let variables: VariableValue[] = [];
  let commands: LinedWord[][] = [];
  levels.reverse().forEach((level, k) => {
    variables = [...variables, ...level.variables];
    if (k === 0 || level.ownCommand) commands = level.commands;
  });
  return { variables, commands };
}

/**
 * For each service of the compose file `lines` that extends another: what it inherits, its
 * variables and command words renamed to its `extends:` line and scoped to it (`container`: its
 * first line), by the service's first line.
 */
export function inheritedSettings(lines: string[], name: string, beside: Beside | undefined, commandsOf: CommandsOf): Map<number, Inherited & { line: number }> {
  const out = new Map<number, Inherited & { line: number }>();
  const links = extendsLinks(lines);
  if (links.length === 0) return out;
  const { self, projectEnv } = extendingFile(lines, name, beside);
  for (const link of links) {
    const got = baseSettings(self, link, projectEnv, commandsOf);
    out.set(link.span.from, {
      line: link.line,
      ...(got.problem ? { problem: got.problem } : {}),
      ...(got.fatal ? { fatal: true } : {}),
      variables: got.variables.map((v) => ({ ...v, line: link.line, container: link.span.from })),
      commands: setsOwn(lines, link.span, 'command') ? [] : got.commands.map((c) => c.map((w) => ({ ...w, line: link.line }))),
    });
  }
  return out;
}
