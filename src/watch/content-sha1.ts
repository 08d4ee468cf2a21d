// The SHA-1 of a file's bytes as read, computed once per read: a file of a burst's batch was hashed
// four times (taken-files.ts' lookup, burst.ts' join, and the receipt's and the taking's records in
// its transaction), the same bytes each time. Keyed weakly by the buffer itself: the bytes read are
// never written to, and a later read of the file is another buffer, hashed again.
import { createHash } from 'node:crypto';

const known = new WeakMap<Uint8Array, string>();

/** `bytes`' SHA-1 in hex, computed at the first call for this buffer. */
export function contentSha1(bytes: Uint8Array): string {
  let hash = known.get(bytes);
  if (hash === undefined) {
    hash = createHash('sha1').update(bytes).digest('hex');
    known.set(bytes, hash);
  }
  return hash;
}
