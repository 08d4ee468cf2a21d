// Which files under a pool's git folder are the pool's own: what `commit` takes into a commit and
// what `sync` holds to accountpool's merge driver (merge-attributes.ts). One list, so that a file
// the pool commits is never one whose merge goes unchecked.

/** The folders the pool's files live in: never the operator's own files elsewhere in the folder. */
export const POOL_PATHS = ['shards', 'history'];

/** A file the pool writes under POOL_PATHS: a shard, the shards' record, a month of history. */
export function isPoolFile(path: string): boolean {
  return /^shards\/[^/]+\.yaml$/.test(path) || path === 'shards/.manifest' || /^history\/\d{4}-\d\d\.txt$/.test(path);
}
