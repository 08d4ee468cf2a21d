// A commit's whole tree as `git ls-tree -r` lists it, listed once for every check sync makes of that
// commit before it takes or publishes it: its links and submodules (tree-kinds.ts) and the merge
// driver git would give the pool's files (merge-attributes.ts). Each listed the same tree in a git
// process of its own, one more on every sync (stop 44: test/git/git-processes.test.ts counts them).
import { git } from './run-git.js';

export interface TreeEntry {
  /** git's file mode, as ls-tree prints it (`100644`, `120000` a link, `160000` a submodule). */
  mode: string;
  /** The blob's (or the gitlink's commit's) object name. */
  object: string;
  /** From the top of the tree, byte for byte (-z: no quoting). */
  path: string;
  /** A blob's size in bytes (`ls-tree -l`), read before any of it is: undefined for a submodule's commit. */
  size: number | undefined;
}

/** Every file of `commit`'s tree, in every folder (no folders themselves: -r); `maxBytes`: the listing's length at most (a GitError with `overLimit` past it). */
export async function listTree(dir: string, commit: string, maxBytes?: number): Promise<TreeEntry[]> {
  // git's Documentation/git-ls-tree.txt, "OUTPUT FORMAT": with -l `<mode> SP <type> SP <object> SP <object size> TAB <file>`
  // (the size padded with blanks, `-` for a submodule's commit), NUL-ended with -z.
  const { stdout } = await git(['ls-tree', '-r', '-z', '-l', '--full-tree', commit], { cwd: dir, maxBytes });
  const entries: TreeEntry[] = [];
  for (const record of stdout.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, , object, size] = record.slice(0, tab).split(/ +/);
    entries.push({ mode: mode!, object: object!, path: record.slice(tab + 1), size: size && /^\d+$/.test(size) ? Number(size) : undefined });
  }
  return entries;
}
