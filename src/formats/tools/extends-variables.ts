// What a compose service takes from the service it extends, for the readers of a bot image's plain
// variables (benmag-bot-docker.ts, jabbink-docker.ts), by the rule rocketmap-extends.ts follows for
// RocketMap's (compose-extends.ts: compose-go `loader/extends.go`, `override/merge.go`): the base's
// variables (its `environment:`, its env files, an anchor it merges) before the service's own,
// which win; the base's own base before them; each base read from its own file and folder, the
// same file or `file:` of the dump, the project's `.env` interpolating them all. Its `image:` is the
// base's where the service writes none. A base the dump lacks leaves the service's settings unsure
// (`problem`: its accounts refused by the `extends:` line); a cycle, or a base service its file does
// not hold, is an error compose refuses the whole project for (`fatal`).
import { extendingFile, extendsChain, extendsLinks, setsOwn, type BaseFile } from './compose-extends.js';
import { containerSpans, spanNames } from './container-spans.js';
import type { Beside } from '../beside.js';

/** A variable of a service, as a reader gathers them: `at` is a line of the service it belongs to. */
export interface ServiceVariable {
  name: string;
  value: string | undefined;
  line: number;
  comment?: string;
  at: number;
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
      : [...bases].reverse().flatMap(({ file: f, span }) =>
          variablesOf(f)
            .filter((v) => span.from <= v.at && v.at <= span.to)
            .map((v) => ({ ...v, origin: `${f.path}:${v.line}`, line: link.line, at: link.span.from })),
        );
    out.set(link.span.from, { line: link.line, variables, names, ...(problem ? { problem } : {}), ...(fatal ? { fatal } : {}) });
  }
  return out;
}
