// A file whose download is still running beside it: Firefox makes an empty `NAME` to hold the name
// and writes `NAME.part`, renamed over it when done; aria2 writes `NAME` in place and keeps its
// `NAME.aria2` control file until done. The name alone settles at once (Firefox's is empty and
// never written), and was set aside as "is empty" or imported half-written. Such a file waits
// while the sibling is there (ignore.ts's DOWNLOADING; the sibling itself is left alone).
import { lstat } from 'node:fs/promises';
import { DOWNLOADING } from './ignore.js';
import type { InboxFolder } from './inbox-folder.js';

/** The name of a download's file beside `name` in `folder` (`NAME.part`, ...), or undefined. */
export async function downloadingBeside(folder: InboxFolder, name: string): Promise<string | undefined> {
  for (const end of DOWNLOADING) {
    for (const sibling of new Set([`${name}${end}`, `${name}${end.toLowerCase()}`])) {
      if (await lstat(folder.at(sibling)).catch(() => undefined)) return sibling;
    }
  }
  return undefined;
}
