// What a compose service takes from the service it extends, for the readers of a bot image's plain
// variables (benmag-bot-docker.ts, jabbink-docker.ts), by the rule rocketmap-extends.ts follows for
// RocketMap's (compose-extends.ts: compose-go `loader/extends.go`, `override/merge.go`): the base's
// variables (its `environment:`, its env files, an anchor it merges) before the service's own,
// which win (in the order compose applies them: compose-environment.ts); the base's own base before them; each base read from its own file and folder, the
// same file or `file:` of the dump, the project's `.env` interpolating them all. Its `image:` is the
// base's where the service writes none. A base the dump lacks leaves the service's settings unsure
// (`problem`: its accounts refused by the `extends:` line); a cycle, or a base service its file does
// not hold, is an error compose refuses the whole project for (`fatal`).
import { extendingFile, extendsChain, extendsLinks, setsOwn, type BaseFile, type ExtendsLink } from './compose-extends.js';
import { containerSpans, spanNames } from './container-spans.js';
import type { Beside } from '../beside.js';
import { baseEnvFile, type EnvFileTag } from './compose-environment.js';

/** A variable of a service, as a reader gathers them: `at` is a line of the service it belongs to. */
export interface ServiceVariable {
  name: string;
  value: string | undefined;
  line: number;
  comment?: string;
  at: number;
  /** From an `env_file:` (compose-environment.ts). */
  fromFile?: true;
  envFile?: EnvFileTag;
  opaque?: true;
}

/** A reader's variables of every service of a compose file, the file's own folder beside it. */
export type VariablesOf = (lines: string[], beside: Beside | undefined) => ServiceVariable[];

export interface InheritedVariables {
  /** The `extends:` line: the inherited variables' line, and the line a problem is said by. */
  line: number;
  /** The bases' variables, farthest base first, each at the `extends:` line; `origin` names where it is written (`common.yml:7`). */
  variables: (ServiceVariable & { origin: string })[];
  /** Whether the image compose runs the service with, where the service writes no `image:` of its own, is one `image` matches. */
  names: (image: RegExp) => boolean;
  /** Why the bases are not read: the service's accounts are refused by `line`. */
  problem?: string;
  /** A problem compose refuses the whole file for (a cycle, a base service its file does not hold). */
  fatal?: boolean;
}

/**
 * For each service of the compose file `lines` (named `name`, its folder's files `beside`) that
 * extends another: what it inherits, by the service's first line. `read` gives a file's variables
 * as the reader gathers them; each file is read once.
 */
export function inheritedVariables(lines: string[], name: string, beside: Beside | undefined, read: VariablesOf): Map<number, InheritedVariables> {
  const out = new Map<number, InheritedVariables>();
  const links = extendsLinks(lines);
  if (links.length === 0) return out;
  const { self, projectEnv } = extendingFile(lines, name, beside);
  const mainDir = beside?.dir ?? '';
  const readOnce = new Map<string, ServiceVariable[]>();
  const variablesOf = (f: BaseFile) => readOnce.get(f.path) ?? readOnce.set(f.path, read(f.lines, f.beside)).get(f.path)!;
  for (const link of links) {
    const { bases, problem, fatal } = extendsChain(self, link, projectEnv);
    const names = (image: RegExp) => {
      for (const { file: f, span } of bases) {
        if (spanNames(f.lines, span, image, containerSpans(f.lines))) return true;
        if (setsOwn(f.lines, span, 'image')) return false;
      }
      return false;
    };
    const variables = problem
      ? []
      : [...bases].reverse().flatMap(({ file: f, span, viaFile }) =>
          variablesOf(f)
            .filter((v) => span.from <= v.at && v.at <= span.to)
            .map((v) => ({ ...v, origin: `${f.path}:${v.line}`, line: link.line, at: link.span.from, ...(v.envFile ? { envFile: baseEnvFile(v.envFile, f.path, viaFile, mainDir) } : {}) })),
        );
    out.set(link.span.from, { line: link.line, variables, names, ...(problem ? { problem } : {}), ...(fatal ? { fatal } : {}) });
  }
  return out;
}

/**
 * Whether a service of the compose file `lines` runs, by its `extends:` chain, an image `mark`
 * matches: the nearest base that names an image names this one (compose-go: `image:` is the
 * service's own where it writes one, else its base's). The extending file may name no image at
 * all, its bases' files beside it naming it (a reader's detection follows the chain, never any
 * file of the folder that happens to name the image).
 */
export function extendsInto(lines: string[], name: string, beside: Beside | undefined, mark: RegExp): boolean {
  const links = extendsLinks(lines);
  if (links.length === 0) return false;
  return links.some((link) => linkRunsImage(lines, name, beside, link, mark));
}

/** extendsInto for one service's `extends:` link: whether the image its chain gives it is one `mark` matches. */
export function linkRunsImage(lines: string[], name: string, beside: Beside | undefined, link: ExtendsLink, mark: RegExp): boolean {
  if (setsOwn(lines, link.span, 'image')) return false;
  const { self, projectEnv } = extendingFile(lines, name, beside);
  for (const { file: f, span } of extendsChain(self, link, projectEnv).bases) {
    if (spanNames(f.lines, span, mark, containerSpans(f.lines))) return true;
    if (setsOwn(f.lines, span, 'image')) return false;
  }
  return false;
}

/**
 * The services of a compose file whose `extends:` chain stops at a base the dump lacks (not a
 * cycle: that is the readers' fatal refusal), each by its `extends:` line with why: the program
 * such a service runs, and the account compose gives it, are in what is missing.
 */
export function unreadBases(lines: string[], name: string, beside: Beside | undefined): { line: number; problem: string }[] {
  const links = extendsLinks(lines);
  if (links.length === 0) return [];
  const { self, projectEnv } = extendingFile(lines, name, beside);
  return links.flatMap((link) => {
    const chain = extendsChain(self, link, projectEnv);
    return chain.problem && !chain.fatal ? [{ line: link.line, problem: chain.problem }] : [];
  });
}
