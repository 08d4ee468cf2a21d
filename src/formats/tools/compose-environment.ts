// The one place that says which of a compose service's variables reach its container, once its
// `extends:` chain is merged: every reader of a compose service's variables (rocketmap-command.ts,
// benmag-bot-docker.ts, jabbink-docker.ts) orders what it gathered through composeEnvironment.
//
// The rule, from compose-spec/compose-go (v2, docker compose since early 2024):
//   - `override/merge.go` mergeSpecials: `env_file:` and `environment:` are sequences, the base's
//     followed by the service's (loader/extends.go applyServiceExtends calls override.ExtendService
//     on the raw service, the base extended first);
//   - `override/uncity.go` EnforceUnicity, run on every file loaded (loader/loader.go
//     loadYamlFile), keys `services.*.env_file` by path (envFileIndexer: the string, or the
//     mapping's `path:`): a later entry with the key of an earlier one replaces it AT THE EARLIER
//     PLACE (`seq[j] = entry`), so a file named by both the base and the service is read once, at
//     the base's place (override/merge_env_file_test.go TestMergeEnvFilesMixed: `[foo.env]` then
//     `[bar.env, foo.env]` gives `[foo.env, bar.env]`). The same holds inside one service's own
//     list (`[a.env, b.env, a.env]` is `[a.env, b.env]`);
//   - the key is the path as compared then: the service's own entries and a same-file base's as
//     written (`./a.env` and `a.env` are two keys, so that file is read twice), a base of another
//     file (`file:`) with its paths already joined to its folder relative to the project's
//     (loader/extends.go getExtendsBaseFromFile: paths.ResolveRelativePaths with loader.Dir,
//     filepath.Join cleaning `./` and `../`), so `shared/../a.env` from a base is `a.env`;
//   - `types/project.go` WithServicesEnvironmentResolved then reads each env file of that list in
//     turn (a later file's variable over an earlier one's) and lays the merged `environment:` over
//     them all.
// compose-go v1 (loader/merge.go: mergo.WithAppendSlice, read by docker compose before it moved to v2) and the
// Python docker-compose 1.x (compose/config/config.py merge_list_or_string: `to_list(base) +
// to_list(override)`) appended the lists and read every entry, a repeated file again at its
// later place. Where the two readings give a variable different values (another file between
// the two entries sets it too, and no `environment:` does), which one the container got depends
// on the operator's compose: that variable is unsure (refused by its line, as dotenv.ts refuses
// what compose versions read differently), never read either way.
// An env file compose requires (no `required: false`) that the dump lacks or refused existed where
// the service ran (`types/project.go` loadEnvFile stops on a missing one): it may set any variable
// an env file before it gave, so such a variable is unsure too (`opaque` markers at its place).
import { posix } from 'node:path';
import { appendAll } from '../long-arrays.js';

/** Which `env_file:` entry a variable came from, carried through the `extends:` merge. */
export interface EnvFileTag {
  /** The key compose's unicity compares (the path as written; a base of another file's joined to its folder). */
  key: string;
  /** The env file's path in the dump. */
  path: string;
  /** The entry's identity in this reading (two entries naming one file are two). */
  entry: string;
  /** Where the entry is written: `line 9`, `shared/common.yml:5`. */
  named: string;
  /** An env file compose requires (no `required: false`) that the dump lacks or refused: it may set any variable. */
  lacking?: true;
}

/** A base's env file entry as the extending file's merge sees it (compose-extends.ts extendsChain's `viaFile`: a base of another file). */
export function baseEnvFile(tag: EnvFileTag, basePath: string, viaFile: boolean, mainDir: string): EnvFileTag {
  return {
    key: viaFile ? posix.relative(mainDir, tag.path) : tag.key,
    path: tag.path,
    entry: `${basePath} ${tag.entry}`,
    named: tag.named.replace(/^line /, `${basePath}:`),
  };
}

interface Gathered {
  name: string;
  fromFile?: true;
  envFile?: EnvFileTag;
  /** An env file compose requires that this dump lacks or refused (service-env-files.ts): it existed where the service ran, and may set anything. */
  opaque?: true;
}

/**
 * `variables` (one reader's, each service's farthest base first, in the order it gathered them)
 * as compose applies them: every env file's variable first, the files in merged order with each
 * key read once at its first place; then every other setting, in order (the last setting of a
 * name in a scope wins). A variable of a scope is unsure where compose before the unicity rule
 * gives it another value, or where an env file the dump lacks (`opaque`) comes after the file
 * giving it; then `unsure(v, reason)` (the reader's unsure copy of the winning variable) is put
 * after that scope's env files, so it wins over them and `environment:` still over it. The
 * `opaque` markers themselves are never returned.
 */
export function composeEnvironment<T extends Gathered>(variables: readonly T[], scopeOf: (v: T) => string, valueOf: (v: T) => string, unsure: (v: T, reason: string) => T): T[] {
  const files = variables.filter((v) => v.fromFile);
  const rest = variables.filter((v) => !v.fromFile);
  // Each key read once, at its first entry's place, as its LAST entry says (its `required:`, its
  // `format:`): EnforceUnicity's `seq[j] = entry` (override/merge_env_file_test.go "Unicity between
  // string and mapping": `[bar.env, foo.env]` then `[{path: foo.env, required: true}]` gives
  // `[bar.env, {path: foo.env, required: true}]`). Every entry is marked (service-env-files.ts), read or not.
  const last = new Map<string, string>();
  const byEntry = new Map<string, T[]>();
  for (const v of files) {
    if (!v.envFile) continue;
    last.set(`${scopeOf(v)}\0${v.envFile.key}`, v.envFile.entry);
    const e = `${scopeOf(v)}\0${v.envFile.entry}`;
    byEntry.set(e, [...(byEntry.get(e) ?? []), v]);
  }
  const placed = new Set<string>();
  const kept: T[] = [];
  for (const v of files) {
    if (!v.envFile) {
      kept.push(v);
      continue;
    }
    const k = `${scopeOf(v)}\0${v.envFile.key}`;
    if (placed.has(k)) continue;
    placed.add(k);
    appendAll(kept, byEntry.get(`${scopeOf(v)}\0${last.get(k)}`)!);
  }
  const read = kept.filter((v) => !v.opaque);
  const plain = files.filter((v) => !v.opaque);
  if (read.length === plain.length && read.every((v, i) => v === plain[i]) && !kept.some((v) => v.opaque && v.envFile?.lacking)) return [...read, ...rest];
  // The winner of each name per scope, read once (compose-go v2) and read at every entry (before it).
  const winners = (list: readonly T[]) => new Map(list.filter((v) => !v.opaque).map((v) => [`${scopeOf(v)}\0${v.name}`, v]));
  const now = winners(kept);
  const before = winners(files);
  const set = new Set(rest.map((v) => `${scopeOf(v)}\0${v.name}`));
  const unsures: T[] = [];
  for (const [k, v] of now) {
    if (set.has(k)) continue;
    const old = before.get(k)!;
    if (old !== v && old.envFile && v.envFile && old.envFile.key !== v.envFile.key && valueOf(old) !== valueOf(v)) {
      // `old` is a later entry naming a file read once earlier: `v`'s file lies between the two.
      const at = files.find((w) => w.envFile && scopeOf(w) === scopeOf(v) && w.envFile.key === old.envFile!.key)!.envFile!;
      const places = at.named === old.envFile.named ? at.named : `${at.named} and ${old.envFile.named}`;
      unsures.push(unsure(v, `${old.envFile.path} is named twice in the service's env_file list as compose merges it (an extends: base's entries first; ${places}), ${v.envFile.path} between the two setting it too: docker compose on compose-go v2 (2024 on) reads ${old.envFile.path} once, at the first place, so ${v.envFile.path}'s value wins; docker-compose 1.x and docker compose on compose-go v1 read it again at the second, so its own wins: which value the container got depends on the operator's compose`));
      continue;
    }
    // An env file compose requires, after the one giving the value, which this dump lacks: it may set it too.
    const lacking = kept.slice(kept.indexOf(v) + 1).find((w) => w.opaque && w.envFile?.lacking && scopeOf(w) === scopeOf(v));
    if (lacking?.envFile) {
      unsures.push(unsure(v, `env_file ${lacking.envFile.path} (${lacking.envFile.named}), which compose requires and this dump lacks or refused, comes after ${v.envFile?.path ?? 'the file'}, which sets it, and may set it too: which value the container got is unsure (import the folder holding both)`));
    }
  }
  return [...read, ...unsures, ...rest];
}
