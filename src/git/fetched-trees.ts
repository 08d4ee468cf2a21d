// How many files every commit a sync fetched holds, not only the tip it rebases onto.
//
// peer-tree-size.ts bounds the tip's tree (and the reshard's replay point) off its listing; a peer
// could still put a million files in a commit before the tip and take them out again: the commit
// comes into this pool's history, and whatever later checks it out (a reshard's replay, a
// `git checkout` by hand, a bisect) writes every file. Listing every fetched commit's whole tree
// would cost a pool's tree a commit. Instead one `git log` walks the fetched commits oldest first,
// each with the files it adds and deletes against its first parent (`--raw --diff-filter=AD`:
// an honest allocation or import only modifies shards, so prints nothing; a reshard adds and
// deletes a few thousand), and the count runs on from the parent's: the commit the range starts
// from is counted once off `ls-tree`. Sizes in all are not summed here: a huge file in any fetched
// commit is refused by fetched-blobs.ts, and the tip's bytes by peer-tree-size.ts.
import { AppError } from '../errors.js';
import { git, GitError } from './run-git.js';
import type { TreeBounds } from './peer-tree-size.js';

/** The adds and deletes of the fetched commits are read up to this many times a tree listing within the bound. */
const LOG_TIMES_LISTING = 4;

function refusal(commit: string, remote: string, what: string, bounds: TreeBounds): AppError {
  return new AppError(
    `${remote} (commit ${commit.slice(0, 12)}, before the last one fetched) ${what}, far more than any pool holds (the bound is ${bounds.files} files, or four times what this host's pool holds). ` +
      `Taken into this pool's history, checking it out would write every file here. Nothing was synced or changed here. ` +
      `Whoever committed them takes those commits out of the remote's history (\`git reset --hard\` to the commit before them, \`git push --force\`), then sync here again`,
  );
}

/** Files in `commit`'s tree, counted off `ls-tree -r --name-only -z`, its listing read up to `bounds.listingBytes`. */
async function filesIn(dir: string, commit: string, remote: string, bounds: TreeBounds): Promise<number> {
  const { stdout } = await git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit], { cwd: dir, maxBytes: bounds.listingBytes }).catch((error: unknown) => {
    throw error instanceof GitError && error.overLimit ? refusal(commit, remote, `holds more than ${bounds.files} files`, bounds) : error;
  });
  let files = 0;
  for (let i = stdout.indexOf('\0'); i >= 0; i = stdout.indexOf('\0', i + 1)) files++;
  return files;
}

/** Refuses the commits from `base` (exclusive) to `tip` when any of them holds more than `bounds.files` files: nothing taken. */
export async function refuseBigFetchedTrees(dir: string, base: string, tip: string, remote: string, bounds: TreeBounds): Promise<void> {
  const maxBytes = bounds.listingBytes * LOG_TIMES_LISTING;
  // git's Documentation/diff-format.txt, "RAW OUTPUT FORMAT": `:<mode> <mode> <object> <object> <status>\t<path>`.
  const { stdout } = await git(
    ['log', '--reverse', '--topo-order', '--format=commit %H %P', '--raw', '--no-renames', '--no-abbrev', '-r', '--diff-merges=first-parent', '--diff-filter=AD', `${base}..${tip}`],
    { cwd: dir, maxBytes },
  ).catch((error: unknown) => {
    if (error instanceof GitError && error.overLimit) throw refusal(tip, remote, `and the commits before it add or delete more than ${Math.floor(maxBytes / 1024 / 1024)} MB of file names`, bounds);
    throw error;
  });
  const counts = new Map<string, number>();
  let commit: string | undefined;
  let files = 0;
  const close = () => {
    if (commit === undefined) return;
    if (files > bounds.files) throw refusal(commit, remote, `holds ${files} files`, bounds);
    counts.set(commit, files);
  };
  for (const line of stdout.split('\n')) {
    if (line.startsWith('commit ')) {
      close();
      const [, id, parent] = line.split(' ');
      commit = id!;
      // Oldest first (--reverse --topo-order): a parent in the range is counted before its children.
      files = parent === undefined ? 0 : (counts.get(parent) ?? (await filesIn(dir, parent, remote, bounds)));
      if (parent !== undefined && !counts.has(parent)) counts.set(parent, files);
    } else if (line.startsWith(':')) {
      const status = line.slice(line.indexOf('\t') - 1, line.indexOf('\t'));
      if (status === 'A') files++;
      else if (status === 'D') files--;
    }
  }
  close();
}
