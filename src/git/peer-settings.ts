// A peer's accountpool.yaml, read off its commit before sync takes it.
//
// The settings come with a sync like the shards do. A peer's commit of settings this host's
// commands refuse (`lock_wait: soon`, a setting this version does not know, a YAML error) was taken
// on a fast-forward as any file, and from then on every command here refused the pool's config
// until a hand reverted it: one push stopped every host that synced. Now the file a taken commit
// changes is checked by the same parser every command uses (config-file.ts), and the sync refused,
// naming commit, line and key, before anything is taken.
import { yaml } from '../yaml-lazy.js';
import { DEFAULT_CONFIG } from '../config.js';
import { CONFIG_MAX_BYTES, parseConfig } from '../config-file.js';
import { CONFIG_FILE } from '../store/layout.js';
import { MAX_SHARDS } from '../store/reshard.js';
import { AppError, FileError } from '../errors.js';
import { yamlShapeProblem } from '../yaml-shape.js';
import { gitObject, GitError } from './run-git.js';
import type { TreeEntry } from './tree-listing.js';

/** accountpool.yaml's text at `commit` ('' when it has none). */
export async function settingsTextAt(dir: string, commit: string): Promise<string> {
  // Bounded as read: a peer's settings file of gigabytes is no settings file (config-file.ts refuses it too).
  // Its size read first (gitObject): such a file is never streamed.
  const shown = await gitObject(`${commit}:${CONFIG_FILE}`, { cwd: dir, maxBytes: CONFIG_MAX_BYTES }).catch((error: unknown) => {
    if (error instanceof GitError && error.overLimit) throw new AppError(`${CONFIG_FILE} of commit ${commit.slice(0, 12)} is over ${CONFIG_MAX_BYTES / 1024 / 1024} MB, no settings file. Nothing was synced or changed here.`);
    throw error;
  });
  return shown?.toString('utf8') ?? '';
}

/**
 * The shard count `text` (accountpool.yaml at `commit`) says, the default when the key is absent.
 * Only that key: what a reshard's replay needs to know of a commit in the history, whose other
 * settings may be long replaced.
 */
export function shardCountIn(commit: string, text: string): number {
  const shape = yamlShapeProblem(text); // before the YAML library holds a node for each (yaml-shape.ts)
  if (shape) {
    throw new AppError(
      `${CONFIG_FILE} of commit ${commit.slice(0, 12)}, line ${shape.line}: ${shape.what}, no settings file. Nothing was synced or changed here. ` +
        `Whoever committed it fixes the file (\`git revert\`), then sync here again`,
    );
  }
  const doc = yaml().parseDocument(text, { schema: 'core' });
  const shards: unknown = yaml().isMap(doc.contents) ? doc.contents.get('shards') : undefined;
  if (shards === undefined) return DEFAULT_CONFIG.shards;
  // A count no pool may have is no reshard (config-file.ts refuses it too): taken for one, a host with
  // unpublished commits resharded itself into 5,000 files on a peer's word, or to the default 64.
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) {
    throw new AppError(
      `${CONFIG_FILE} of commit ${commit.slice(0, 12)} sets shards: ${String(JSON.stringify(shards) ?? shards).slice(0, 40).replace(/^"(.*)"$/, '$1')}, no shard count a pool may have (1 to ${MAX_SHARDS}). Nothing was synced or changed here. ` +
        `Whoever committed it sets the count back (\`git revert\`), then sync here again`,
    );
  }
  return shards;
}

/**
 * Refuses `commit` of `remote` when its accountpool.yaml, changed from `here`'s (HEAD's listing),
 * holds settings every command here would refuse. Read only when the file changed (a git process
 * then, never on an allocation's pull).
 */
export async function refuseSettings(dir: string, commit: string, remote: string, entries: readonly TreeEntry[], here: readonly TreeEntry[]): Promise<void> {
  const there = entries.find((entry) => entry.path === CONFIG_FILE);
  if (!there || there.object === here.find((entry) => entry.path === CONFIG_FILE)?.object) return;
  const text = await settingsTextAt(dir, commit);
  try {
    // A shape no settings file has first: the YAML library's parse of it costs gigabytes (yaml-shape.ts).
    if (yamlShapeProblem(text)) parseConfig(CONFIG_FILE, text);
    shardCountIn(commit, text); // its own message: a count is what a replay acts on
    parseConfig(CONFIG_FILE, text);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    throw new AppError(
      `${CONFIG_FILE} of ${remote}'s commit ${commit.slice(0, 12)}, line ${error.line}: ${error.reason}. Every command here would refuse these settings: nothing was synced or changed here. ` +
        `Whoever committed it fixes the file (\`git revert\`), then sync here again; a setting only a newer accountpool knows: update it on this host first`,
    );
  }
}
