// An env file of a `format:` compose does not read, that a service takes from the base it extends
// in another file (`extends: {file: shared/common.yml, service: base}`). compose-go
// (compose-spec/compose-go e70e961 `loader/extends.go`): getExtendsBaseFromFile loads that file
// and takes the base service alone from it, its relative paths resolved from its own folder
// (paths.ResolveRelativePaths, `services.*.env_file.*.path`); applyServiceExtends extends the base
// first and merges it under the service (override.ExtendService: the base's env_file entries, then
// the service's); loader.go's loadYamlFile then keys the list by path (override.EnforceUnicity, a
// later entry replacing an earlier one at its place). The merged service is the project's, so
// `types/project.go` WithServicesEnvironmentResolved meets the base's entry and stops the whole
// project on dotenv/format.go's "unsupported env_file format", as for an entry of the file's own
// (container-companions.ts unreadableEnvFormat). The base file's other services are no part of
// the project: their entries are never checked. A base of the same file is a service of the
// project already, checked with the file's own.
import { extendingFile, extendsChain, extendsLinks } from './compose-extends.js';
import { composeEnvFiles, knownFormat, type EnvFileEntry } from './container-companions.js';
import { baseEnvFile } from './compose-environment.js';
import { besidePath, type Beside } from '../beside.js';

/** The first service whose merged env_file list, through an `extends:` of another file, holds a format compose does not read: by its `extends:` line, with why. */
export function extendedEnvFormat(lines: string[], name: string, beside: Beside | undefined): { line: number; reason: string } | undefined {
  if (!beside) return undefined;
  const links = extendsLinks(lines).filter((l) => l.file !== undefined);
  if (links.length === 0) return undefined;
  const { self, projectEnv } = extendingFile(lines, name, beside);
  const own = composeEnvFiles(lines);
  for (const link of links) {
    // A base the dump lacks, or a cycle, is said by the readers (compose-extends.ts extendsChain's problem).
    const { bases } = extendsChain(self, link, projectEnv);
    // Farthest base first, as each base is merged under the service extending it; keyed as the merge keys them.
    const merged = new Map<string, { entry: EnvFileEntry; where: string }>();
    for (const { file, span, viaFile } of [...bases].reverse()) {
      if (!viaFile) continue;
      for (const entry of composeEnvFiles(file.lines).filter((e) => e.service === span.from)) {
        const p = besidePath(entry.written, file.beside?.dir ?? '');
        const tag = { key: entry.written, path: 'path' in p ? p.path : entry.written, entry: '', named: `line ${entry.at ?? entry.line}` };
        merged.set(baseEnvFile(tag, file.path, true, beside.dir).key, { entry, where: `${file.path}:${entry.at ?? entry.line}` });
      }
    }
    // The service's own entries come after; one naming a base's file again replaces it at its place.
    for (const entry of own.filter((e) => e.service === link.span.from)) {
      if (merged.has(entry.written)) merged.set(entry.written, { entry, where: `${name}:${entry.at ?? entry.line}` });
    }
    const bad = [...merged.values()].find(({ entry }) => !knownFormat(entry.format));
    if (bad) {
      return {
        line: link.line,
        reason: `extends service ${link.service} of ${link.file}, whose env_file ${bad.entry.written} (${bad.where}) has format: ${bad.entry.format}, which compose does not read ("unsupported env_file format", compose-go dotenv/format.go): the service takes that entry from its base (loader/extends.go), and compose stops the whole project on it (types/project.go WithServicesEnvironmentResolved): no service of this file ran with these settings, so nothing of it is imported; mend the format there (\`.env\` or \`raw\`) or drop that entry`,
      };
    }
  }
  return undefined;
}
