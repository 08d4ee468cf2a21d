// One shard file merged from its three versions: read each (any YAML style, like the pool does),
// merge the accounts (merge-accounts.ts), write the result in canonical form. Never a conflict
// marker: a version that cannot be read stops the merge instead (git then leaves "ours" in place
// and reports the file as conflicted).
import { decodeShard, encodeAccountLine, encodeShard } from '../store/shard-codec.js';
import { mergeAccounts, type MergeOptions, type PasswordConflict } from './merge-accounts.js';
import type { LostHold } from './lost-holds.js';
import { mergedNameProblems } from './merge-names.js';
import { decodeManifest, encodeManifest, mergeManifests, MANIFEST_HEADER } from '../store/manifest.js';
import { MANIFEST_FILE } from '../store/layout.js';
import { basename } from 'node:path';

export interface ShardVersions {
  base: string;
  ours: string;
  theirs: string;
}

/** The shard's name (`07`) from the path git gives (`shards/07.yaml`), else from a version's header line. */
export function shardNameOf(path: string | undefined, texts: ShardVersions): string {
  const fromPath = path?.match(/([^/\\]+)\.yaml$/)?.[1];
  if (fromPath) return fromPath;
  for (const text of [texts.ours, texts.theirs, texts.base]) {
    const fromHeader = text.match(/^# accountpool shard ([^:\s]+):/)?.[1];
    if (fromHeader) return fromHeader;
  }
  return 'unknown';
}

/** `label` names the file in errors (`shards/07.yaml`). */
export function mergeShardTexts(name: string, label: string, texts: ShardVersions, options: MergeOptions): { text: string; conflicts: PasswordConflict[]; names: string[]; lost: LostHold[] } {
  const read = (side: keyof ShardVersions) => decodeShard(name, `${label} (${side === 'base' ? 'common ancestor' : side} version)`, texts[side]).accounts;
  const ours = read('ours');
  const { accounts, conflicts, lost } = mergeAccounts(read('base'), ours, read('theirs'), options);
  return { text: encodeShard(name, accounts.map(encodeAccountLine)), conflicts, names: mergedNameProblems(label, accounts, ours), lost };
}

/** The record of the shards (`shards/.manifest`) merged line by line: see mergeManifests. */
export function mergeManifestTexts(label: string, texts: ShardVersions): string {
  const read = (side: keyof ShardVersions) => decodeManifest(`${label} (${side === 'base' ? 'common ancestor' : side} version)`, texts[side]);
  return encodeManifest(mergeManifests(read('base'), read('ours'), read('theirs')));
}

/** Whether git hands us the record of the shards rather than a shard. */
export function isManifest(path: string | undefined, texts: ShardVersions): boolean {
  if (path !== undefined) return basename(path) === MANIFEST_FILE;
  return [texts.ours, texts.theirs].some((text) => text.startsWith(MANIFEST_HEADER));
}
