// A pool file a peer's commit turns into a folder (`shards/2.yaml/x`, `accountpool.yaml/x`), or a
// pool folder it turns into a file (`history` as a blob).
//
// git takes either as any change: the rebase checks the folder out where the file was. Every
// command here then refuses the pool (a shard that is a folder is no shard: unreadable-shard.ts),
// on every host that synced, until a hand repaired it. Where the commit's record counts that
// shard as 0 (an empty shard, or the record lowered with it) no other check sees it: its file is
// only "gone" (tree-record.ts) where the record counts accounts in it. So sync refuses such a
// commit off its tree's listing, before anything of it is taken, naming each path.
import { AppError } from '../errors.js';
import { CONFIG_FILE } from '../store/layout.js';
import { POOL_PATHS, isPoolFile } from './pool-files.js';
import type { TreeEntry } from './tree-listing.js';

/** Files the pool reads at the top of its folder, besides those under POOL_PATHS. */
const TOP_FILES = new Set([CONFIG_FILE, '.gitattributes', '.gitignore']);

const isPoolFilePath = (path: string) => TOP_FILES.has(path) || isPoolFile(path);

/** Each path of the tree where a pool file is a folder, or a pool folder a file; with a file it holds. */
export function filesAsFolders(entries: readonly TreeEntry[]): string[] {
  const found = new Map<string, string>();
  for (const { path } of entries) {
    if (POOL_PATHS.includes(path)) found.set(path, `${path} is a file, where the pool keeps a folder`);
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      const folder = path.slice(0, slash);
      if (isPoolFilePath(folder) && !found.has(folder)) found.set(folder, `${folder} is a folder (holding ${path}), where the pool keeps a file`);
    }
  }
  return [...found.values()];
}

/** Refuses `commit` of `remote` when its tree turns a pool file into a folder or a pool folder into a file: nothing taken. */
export function refuseFilesAsFolders(commit: string, remote: string, entries: readonly TreeEntry[]): void {
  const found = filesAsFolders(entries);
  if (found.length === 0) return;
  throw new AppError(
    `${remote} (commit ${commit.slice(0, 12)}) ${found.slice(0, 10).join('; ')}${found.length > 10 ? `; and ${found.length - 10} more` : ''}. ` +
      `Taken, every command here would refuse the pool. Nothing was synced or changed here. ` +
      `Whoever committed it puts the file back in its place (\`git rm -r --cached\` the folder, the file from the commit before), commits, then sync here again`,
  );
}
