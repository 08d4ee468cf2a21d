// A pool's repository holds regular files only: the shards, their record, the history files,
// accountpool.yaml, .gitattributes and .gitignore. git also stores symbolic links (mode 120000)
// and submodules (gitlinks, mode 160000; git's Documentation/git-ls-tree.txt, "OUTPUT FORMAT",
// and Documentation/gitsubmodules.txt). A peer of a shared pool who commits
// `shards/2.yaml -> /home/me/other-pool/shards/2.yaml` made every host that took it read that
// file through the link: its accounts and passwords counted as the pool's, folded into a real
// shard and pushed. The store follows links on purpose (a shard the operator moved to another
// disk), so the refusal is here, where git is known: `sync` takes no commit whose tree holds
// anything but regular files, anywhere in it (every path is one the pool or git reads, or could),
// except clocks/: a peer's link there is already made harmless by sync itself (this host's clock file
// put back as its file and published, another host's read without following links:
// test/security/clock-file-taken.test.ts, clock-folder-link.test.ts), so refusing would only stop the pool.
import { AppError } from '../errors.js';
import { CLOCKS_DIR } from './clock-files.js';
import { git, GitError } from './run-git.js';
import { listTree, type TreeEntry } from './tree-listing.js';
import { shellWord } from '../shell-word.js';

/** Modes of a regular file in a git tree (git's `S_IFREG | 0644` and `| 0755`). */
const REGULAR = new Set(['100644', '100755']);

const KIND: Record<string, string> = { '120000': 'a symbolic link', '160000': 'a submodule (gitlink)' };

export interface OddEntry {
  path: string;
  /** What it is, in words (`a symbolic link to /home/me/x.yaml`). */
  kind: string;
}

/** The entries of `commit`'s whole tree that are not regular files, with where each link points (`entries`: the tree as listed already). */
export async function oddEntries(dir: string, commit: string, entries?: readonly TreeEntry[]): Promise<OddEntry[]> {
  const odd: TreeEntry[] = [];
  for (const entry of entries ?? (await listTree(dir, commit))) {
    if (entry.path === CLOCKS_DIR || entry.path.startsWith(`${CLOCKS_DIR}/`)) continue;
    if (!REGULAR.has(entry.mode)) odd.push(entry);
  }
  // A link's target is at most PATH_MAX (4096) bytes where it could be followed: a larger "link" blob is
  // named without a target, never read (its size is the listing's: tree-listing.ts).
  const links = odd.filter((entry) => entry.mode === '120000' && entry.size !== undefined && entry.size <= 4096).slice(0, 10);
  // A link's blob is its target; read in one git process (cat-file --batch: "<oid> <type> <size>\n<bytes>\n").
  const targets = new Map<string, string>();
  if (links.length > 0) {
    // Sizes are in bytes: walk the answer as bytes (a target that is not UTF-8 only reads oddly in the message).
    // Bounded still (a blob replaced between the listing and the read: git killed, the links named without targets).
    const out = Buffer.from(
      (await git(['cat-file', '--batch'], { cwd: dir, input: links.map((l) => l.object).join('\n') + '\n', maxBytes: links.length * (4096 + 128) }).catch((error: unknown) => {
        if (error instanceof GitError && error.overLimit) return { stdout: '' };
        throw error;
      })).stdout,
    );
    let at = 0;
    for (const link of links) {
      const end = out.indexOf(10, at);
      if (end < 0) break;
      const size = Number(out.subarray(at, end).toString().split(' ')[2]);
      if (!Number.isSafeInteger(size)) break;
      targets.set(link.object, out.subarray(end + 1, end + 1 + size).toString());
      at = end + 1 + size + 1;
    }
  }
  return odd.map(({ path, mode, object }) => ({
    path,
    kind: mode === '120000' ? `${KIND[mode]}${targets.has(object) ? ` to ${JSON.stringify(targets.get(object))}` : ''}` : (KIND[mode] ?? `an entry of mode ${mode}`),
  }));
}

/** Refuses to take `commit` (from `remote`) when its tree holds anything but regular files: nothing merged, nothing changed here. */
export async function refuseOddEntries(dir: string, commit: string, remote: string, entries?: readonly TreeEntry[]): Promise<void> {
  const odd = await oddEntries(dir, commit, entries);
  if (odd.length === 0) return;
  const shown = odd.slice(0, 10).map((entry) => `${entry.path} is ${entry.kind}`);
  throw new AppError(
    `${remote} (commit ${commit.slice(0, 12)}) holds what a pool never holds: ${shown.join('; ')}${odd.length > 10 ? `; and ${odd.length - 10} more` : ''}. ` +
      `A pool's files are regular files; read through a link, another file's accounts and passwords would be taken as the pool's. Nothing was synced or changed here. ` +
      `Whoever committed it replaces it with the file's own content (\`git rm --cached\` the link, copy the file in, commit), then sync here again`,
  );
}

/** Refuses to publish this pool's commits while HEAD's tree holds a link or a submodule (an operator's shard linked to another disk, committed as the link). */
export async function refuseOddHere(dir: string, entries?: readonly TreeEntry[]): Promise<void> {
  const odd = await oddEntries(dir, 'HEAD', entries);
  if (odd.length === 0) return;
  const shown = odd.slice(0, 10).map((entry) => `${entry.path} is ${entry.kind}`);
  throw new AppError(
    `${dir}: this pool's commits hold ${shown.join('; ')}${odd.length > 10 ? `; and ${odd.length - 10} more` : ''}: git keeps a link as the link, not the accounts it leads to, and the other hosts refuse to take it. Nothing was synced. ` +
      `Put the file itself in its place (\`cp --remove-destination "$(readlink -f PATH)" PATH\` in ${shellWord(dir)}), commit it (\`git -C ${shellWord(dir)} commit -qam "a shard as a file"\`), then sync again`,
  );
}
