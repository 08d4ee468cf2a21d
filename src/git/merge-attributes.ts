// Which merge driver git would give the pool's files in a commit, as git itself reads it.
//
// The shards, their record and the history files are merged only by accountpool's driver (repo.ts
// DRIVER): as text or `merge=union`, two hosts' lines for one account both land in the shard (a
// union merge) or conflict markers do, and every command on that host refuses the pool until a hand
// repairs it. `.gitattributes` comes with every pull, and a later line or a `.gitattributes` in a
// folder overrides an earlier one (gitattributes(5): "the last matching pattern decides", deeper
// files win): a peer's commit adding `shards/.gitattributes` with `*.yaml merge=union` kept the
// root file's lines, so repo.ts attributesSet passed, and the next sync merged by union. Reading
// lines here would repeat git's rules (macros, `binary`, `!merge`, precedence); instead git is asked
// (`git check-attr --cached`, over the commit's tree read into a scratch index), which applies
// them all, `.git/info/attributes` included.
import { rm } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { git } from './run-git.js';
import { DRIVER, gitPath } from './repo.js';
import { listTree, type TreeEntry } from './tree-listing.js';
import { shellWord } from '../shell-word.js';
import { isPoolFile } from './pool-files.js';

export interface OtherMerge {
  path: string;
  /** What git would merge it by: `union`, `text` (unset), `binary` (set false), a driver's name. */
  merge: string;
  /** An attribute under which git checks the file out (and commits it) as other bytes than its blob's (`working-tree-encoding=UTF-16LE`). */
  checkout?: string;
}

/**
 * Attributes that make git write a pool file into the work tree as other bytes than the store
 * wrote (gitattributes(5)): `working-tree-encoding` re-encodes it (and every commit after then
 * failed: "failed to encode 'shards/0.yaml' from UTF-16LE to UTF-8"), `eol=crlf` ends its lines
 * with CR LF, `ident` rewrites `$Id$`. Each, when set to what it does so. Not `filter`: a filter
 * runs only what this host's own config names, and `filter=git-crypt` on the shards is how a pool
 * is encrypted (docs/git.md; crypt.ts refuses a commit that would drop it).
 */
const CHECKOUT: Record<string, (value: string) => boolean> = {
  'working-tree-encoding': (value) => value !== 'unspecified' && value !== 'unset',
  eol: (value) => value === 'crlf',
  ident: (value) => value === 'set',
};

/** The pool files of `commit` that git would not merge by accountpool's driver (`entries`: its tree as listed already). */
export async function otherMerges(dir: string, commit: string, entries?: readonly TreeEntry[]): Promise<OtherMerge[]> {
  // The pool's files git merges: the shards, their record, the history months (pool-files.ts).
  const paths = (entries ?? (await listTree(dir, commit))).map((entry) => entry.path).filter(isPoolFile);
  if (paths.length === 0) return [];
  // A scratch index of the commit's tree, never the pool's own (a rebase may be about to use it).
  const index = await gitPath(dir, `accountpool-attributes-${process.pid}.index`);
  try {
    const env = { GIT_INDEX_FILE: index };
    await git(['read-tree', commit], { cwd: dir, env });
    const { stdout: attributes } = await git(['check-attr', '--cached', '-z', '--stdin', 'merge', ...Object.keys(CHECKOUT)], { cwd: dir, env, input: paths.join('\0') + '\0' });
    // -z: "path NUL attribute NUL value NUL" for each path and attribute (git-check-attr(1), OUTPUT).
    const fields = attributes.split('\0');
    const other: OtherMerge[] = [];
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const [path, attribute, value] = [fields[i]!, fields[i + 1]!, fields[i + 2]!];
      if (attribute === 'merge') {
        if (value !== DRIVER) other.push({ path, merge: value === 'unset' ? 'binary (-merge)' : value === 'unspecified' ? 'text' : value === 'set' ? 'text (merge)' : value });
      } else if (CHECKOUT[attribute]?.(value)) {
        other.push({ path, merge: DRIVER, checkout: value === 'set' ? attribute : `${attribute}=${value}` });
      }
    }
    return other;
  } finally {
    await rm(index, { force: true });
  }
}

/** Refuses, before anything of `commit` is merged or published, where git would merge a pool file by another driver. */
export async function refuseOtherMerges(dir: string, commit: string, where: string, entries?: readonly TreeEntry[]): Promise<void> {
  const found = await otherMerges(dir, commit, entries);
  const rewritten = found.filter((o) => o.checkout !== undefined);
  if (rewritten.length > 0) {
    const named = rewritten.slice(0, 5).map((o) => `${o.path} by ${o.checkout}`);
    throw new AppError(
      `${where} (commit ${commit.slice(0, 12)}) has git check the pool's files out as other bytes than accountpool wrote: ${named.join(', ')}${rewritten.length > 5 ? ` and ${rewritten.length - 5} more` : ''}, by a .gitattributes line or file (\`git -C ${shellWord(dir)} log -p -- '*.gitattributes'\`). ` +
        `Taken, the shards in the work tree are no longer the ones committed, and git refuses or garbles every commit of them. Nothing was synced or changed here. ` +
        `Remove those lines (and any .gitattributes under shards/ or history/), commit, then sync again`,
    );
  }
  const other = found.filter((o) => o.merge !== DRIVER);
  if (other.length === 0) return;
  const shown = other.slice(0, 5).map((o) => `${o.path} by ${o.merge}`);
  throw new AppError(
    `${where} (commit ${commit.slice(0, 12)}) has git merge ${shown.join(', ')}${other.length > 5 ? ` and ${other.length - 5} more` : ''}, not by accountpool's driver: a .gitattributes line or file (\`git -C ${shellWord(dir)} log -p -- '*.gitattributes'\`) overrides merge=${DRIVER}. ` +
      `Merged so, two hosts' lines for one account would both be kept (or conflict markers written) and the pool refused until repaired by hand. Nothing was synced or changed here. ` +
      `Remove the overriding lines (and any .gitattributes under shards/ or history/), commit, then sync again`,
  );
}
