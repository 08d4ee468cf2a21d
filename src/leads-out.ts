// Whether a path relative to a folder (node:path `relative`) leaves that folder: the one test
// behind every "is this inside the pool / the inbox" question (pool-files.ts, journal-paths.ts,
// watch/ignore.ts). `..` alone, `../` first, or an absolute path (another drive on Windows) lead
// out; `..name` is a file inside whose name begins with two dots, which a test of the text alone
// would have taken for a way out.
import { isAbsolute, sep } from 'node:path';

/** Whether `rel`, as `relative(folder, path)` gives it, leads out of `folder` ('' is the folder itself: in). */
export function leadsOut(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}
