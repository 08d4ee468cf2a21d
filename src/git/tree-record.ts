// A commit's shards against its own record of them (`shards/.manifest`, store/manifest.ts).
//
// Every write refuses a pool whose record names a shard, with accounts, that is not there (the
// store's loss check: a shard moved away by a confused tool is never taken for an empty one). A
// peer's commit that took a recorded shard out of `shards/` (`git mv shards/0.yaml old/`, a rename
// to `0.yaml.bak`, `git rm` without the record) or dropped the record itself was taken by sync, and
// then every command on every host that synced refused the pool until a hand repaired it. So sync
// refuses such a commit before anything of it is taken, by the same rule the store applies, read
// off the commit's tree. A reshard (store/reshard.ts) and `verify --fix --accept-loss` change the
// record with the files, in the same commit: they pass.
import { AppError, FileError } from '../errors.js';
import { decodeManifest, type Manifest } from '../store/manifest.js';
import { MANIFEST_FILE } from '../store/layout.js';
import { gitObject, GitError } from './run-git.js';
import type { TreeEntry } from './tree-listing.js';
import { counted } from '../counted-noun.js';

const RECORD = `shards/${MANIFEST_FILE}`;
/** A record of 100,000 shards is ~1 MB; more is no record a pool wrote, and is not read into memory. */
const RECORD_MAX_BYTES = 4 * 1024 * 1024;

/** The commit's record, read in one git process; undefined when its tree has none. */
async function recordAt(dir: string, commit: string, remote: string, entry: TreeEntry | undefined): Promise<Manifest | undefined> {
  if (!entry) return undefined;
  const where = `${remote} (commit ${commit.slice(0, 12)}): ${RECORD}`;
  const tooLarge = (size: string) => new AppError(`${where} is ${size} bytes, no record of shards a pool writes. Nothing was synced or changed here.`);
  // Its size from the tree's listing, then read sizes first (gitObject): a peer's record of gigabytes is never streamed.
  if (entry.size !== undefined && entry.size > RECORD_MAX_BYTES) throw tooLarge(String(entry.size));
  let out: Buffer | undefined;
  try {
    out = await gitObject(entry.object, { cwd: dir, maxBytes: RECORD_MAX_BYTES });
  } catch (error) {
    if (error instanceof GitError && error.overLimit) throw tooLarge(`over ${RECORD_MAX_BYTES}`);
    throw error;
  }
  if (!out) return undefined;
  try {
    return decodeManifest(where, out.toString('utf8'));
  } catch (error) {
    if (error instanceof FileError) throw new AppError(`${error.message}. Nothing was synced or changed here.`);
    throw error;
  }
}

/**
 * Refuses `commit` of `remote` when its tree drops the record of the shards `here` (HEAD's tree)
 * has, or its record names a shard holding accounts whose file the tree lacks. `here` spares the
 * record's read when the commit's record is HEAD's and it has every shard file HEAD has.
 */
export async function refuseMissingShards(dir: string, commit: string, remote: string, entries: readonly TreeEntry[], here?: readonly TreeEntry[]): Promise<void> {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const record = byPath.get(RECORD);
  const hadRecord = here?.find((entry) => entry.path === RECORD);
  if (!record && hadRecord) {
    throw new AppError(
      `${remote} (commit ${commit.slice(0, 12)}) deletes ${RECORD}, the record of the shards every write checks the shards against (a shard gone would go unnoticed). Nothing was synced or changed here. ` +
        `Whoever committed it restores the file (\`git checkout HEAD~1 -- ${RECORD}\`, commit), then sync here again`,
    );
  }
  if (!record) return;
  // The record HEAD has (which every write here accepted) and every shard file HEAD has: nothing it
  // records can be missing. An allocation's or a verdict's commits are so: no git process to read it.
  if (here && hadRecord?.object === record.object && here.every((entry) => !entry.path.startsWith('shards/') || byPath.has(entry.path))) return;
  const manifest = await recordAt(dir, commit, remote, record);
  const missing: string[] = [];
  for (const [name, count] of manifest ?? []) {
    if (count === 0 || byPath.has(`shards/${name}.yaml`)) continue;
    const was = here?.find((entry) => entry.path === `shards/${name}.yaml`);
    const movedTo = was && entries.find((entry) => entry.object === was.object && entry.path !== was.path);
    missing.push(`shards/${name}.yaml (recorded with ${count === undefined ? 'some accounts' : counted(count, 'account')})${movedTo ? ` is now at ${movedTo.path}` : ' is not in it'}`);
  }
  if (missing.length === 0) return;
  throw new AppError(
    `${remote} (commit ${commit.slice(0, 12)}) takes shards out of the pool its own record of the shards still counts: ${missing.slice(0, 10).join('; ')}${missing.length > 10 ? `; and ${missing.length - 10} more` : ''}. ` +
      `Taken, every command here would refuse the pool as missing those accounts. Nothing was synced or changed here. ` +
      `Whoever committed it moves the file back into shards/ (\`git mv\`) and commits, then sync here again`,
  );
}
