// Huge files in any commit a sync fetched, not only in the tip it rebases onto.
//
// The size check off the tip's listing (peer-file-size.ts) let a peer hide a huge file in a commit
// before the tip (added, then taken out again): every commit between this host's HEAD and the
// remote's head is taken into this pool's history, and a later step may read one of them (a
// reshard's replay rebases onto the commit before the remote's reshard). So every blob the fetched
// commits bring is checked, from one git process: `rev-list --objects --filter=blob:limit=N
// --filter-print-omitted HEAD..TIP` walks those commits' trees and prints each blob of N bytes or
// more as `~<object>` (git's Documentation/rev-list-options.txt, "--filter-print-omitted"), which
// `cat-file --batch-check` then sizes (that second process only when one is found).
//
// What this cannot undo: git's fetch has already written such a blob into `.git/objects`
// (compressed). Fetching with `--filter=blob:limit=` would keep it out, but only from a remote that
// allows filters (`uploadpack.allowFilter`, set on the remote's side; a bare repository on a shared
// disk or an ssh host does not by default: git then warns and fetches everything), and it makes
// the clone a partial one, whose later commands fetch a missing blob on demand by themselves
// (checkout, merge), bringing the huge file in by another door. So the pool refuses what it
// fetched, and says how to free the space once the peer's history is rewritten. (What was tried at
// stop 48, and what a probe fetch would need: docs/git.md, beside "filtering not recognized".)
import { AppError } from '../errors.js';
import { git, GitError } from './run-git.js';
import { shellWord } from '../shell-word.js';

/** The listing of a fetch's new objects is read up to this (41 bytes an object: ~3,000,000 objects). */
const OBJECTS_LISTING_BYTES = 128 * 1024 * 1024;

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The blobs over `bound` bytes that the commits from `base` (exclusive) to `tip` bring, with their sizes. */
export async function hugeFetchedBlobs(dir: string, base: string, tip: string, bound: number): Promise<{ object: string; size: number }[]> {
  const { stdout } = await git(['rev-list', '--objects', `--filter=blob:limit=${bound + 1}`, '--filter-print-omitted', '--no-object-names', `${base}..${tip}`], { cwd: dir, maxBytes: OBJECTS_LISTING_BYTES }).catch((error: unknown) => {
    if (error instanceof GitError && error.overLimit) throw new AppError(`the commits fetched up to ${tip.slice(0, 12)} bring more than ${Math.floor(OBJECTS_LISTING_BYTES / 41)} new files and folders, far more than any pool's history; nothing was synced or changed here`);
    throw error;
  });
  const omitted = stdout.split('\n').filter((line) => line.startsWith('~')).map((line) => line.slice(1).trim());
  if (omitted.length === 0) return [];
  const sized = (await git(['cat-file', '--batch-check=%(objectname) %(objectsize)'], { cwd: dir, input: `${omitted.join('\n')}\n` })).stdout;
  return sized
    .split('\n')
    .map((line) => line.split(' '))
    .filter((parts) => parts.length === 2 && /^\d+$/.test(parts[1]!))
    .map(([object, size]) => ({ object: object!, size: Number(size) }))
    .filter((blob) => blob.size > bound);
}

/** Where the log of the fetched commits is read up to, to name a huge blob's file (only once one is found). */
const PLACES_LOG_BYTES = 64 * 1024 * 1024;

/**
 * The file and commit that brought each of `objects` (first seen, oldest commit first): one `git log
 * --raw` over the fetched commits, whose lines `:<mode> <mode> <old> <new> <status>\t<path>` name the
 * blob each file became. Read only after a huge blob was found, so an honest sync never pays for it;
 * a log past its bound names none (the object and size are still shown).
 */
async function placesOf(dir: string, base: string, tip: string, objects: ReadonlySet<string>): Promise<Map<string, string>> {
  const places = new Map<string, string>();
  const log = await git(['log', '--reverse', '--format=commit %H', '--raw', '--no-renames', '--no-abbrev', '-r', '--diff-merges=first-parent', `${base}..${tip}`], { cwd: dir, maxBytes: PLACES_LOG_BYTES }).catch(() => undefined);
  let commit = '';
  for (const line of log?.stdout.split('\n') ?? []) {
    if (line.startsWith('commit ')) commit = line.slice(7).trim();
    else if (line.startsWith(':')) {
      const tab = line.indexOf('\t');
      const object = line.slice(0, tab).split(' ')[3];
      if (tab > 0 && object && objects.has(object) && !places.has(object)) places.set(object, `${line.slice(tab + 1)} (commit ${commit.slice(0, 12)}, object ${object.slice(0, 12)})`);
    }
  }
  return places;
}

/** Refuses the commits `remote` brings (from `base` to `tip`) when any of them holds a file over `bound` bytes: nothing taken. */
export async function refuseHugeFetched(dir: string, base: string, tip: string, remote: string, bound: number): Promise<void> {
  const huge = await hugeFetchedBlobs(dir, base, tip, bound);
  if (huge.length === 0) return;
  const places = await placesOf(dir, base, tip, new Set(huge.map((blob) => blob.object)));
  const shown = huge.slice(0, 5).map((blob) => `${places.get(blob.object) ?? `object ${blob.object.slice(0, 12)}`} is ${MB(blob.size)}`);
  throw new AppError(
    `${remote}: the commits up to ${tip.slice(0, 12)} hold files far larger than any pool file here, in a commit before the last one: ${shown.join('; ')}${huge.length > 5 ? `; and ${huge.length - 5} more` : ''} ` +
      `(the bound is ${MB(bound)}: 64 MB, or four times this host's largest pool file). Nothing was synced or changed here. ` +
      `git's fetch has stored them in .git/objects (compressed); once whoever committed them takes those commits out of the remote's history (\`git reset --hard\` to the commit before them, \`git push --force\`; a revert keeps them in it), ` +
      `\`git -C ${shellWord(dir)} reflog expire --expire=now --all && git -C ${shellWord(dir)} gc --prune=now\` after the next sync frees the space`,
  );
}
