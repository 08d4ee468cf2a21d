// What a transaction journal (`.journal.json`) may name before recovery acts on it. Recovery
// renames, unlinks, cuts and appends to the paths the journal lists, as a killed writer of this
// pool left them; a journal from anywhere else was obeyed as well: one a peer committed with
// `git add -f` and a hand-run `git pull` checked out (sync refuses it, git does not), or one that
// came with a pool copied from another host, deleted any file it named as a temp, renamed any file
// it named over another, and cut any file it named as a month of history. A writer of this pool
// only ever writes: temps beside their targets (atomic-write.ts tempPathFor: `.NAME.TAG-ID.tmp`,
// the target anywhere, as an accounts file is), removals and renames of the pool's own files (the
// change log's segments, a reshard's old shards), appends to the pool's own files (history months,
// the change log). Anything else makes the journal no journal of this pool's: refused, naming it.
//
// "Of the pool" is not enough for what recovery renames, removes and cuts (stop 44): a forged
// "committed" journal renaming a file a peer committed over `.git/config` (git then runs its
// `core.fsmonitor` command at the next sync), or the change log over a shard, or appending to
// `.git/config` at a length of its choosing, named only paths inside the pool. So each list is
// held to the very files a writer of this pool puts there: a rename is only the change log's
// current segment over its previous one; a removal only a log segment or a shard file directly in
// `shards/`; an append only the change log or a month file of `history/`.
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { AppError } from '../errors.js';
import { leadsOut } from '../leads-out.js';
import { layoutOf } from './layout.js';
import { previousSegmentOf } from './change-log.js';
import { MONTH_FILE } from './history-files.js';

export interface JournalPaths {
  moves: { temp: unknown; target: unknown }[];
  removes?: unknown[];
  renames?: { temp: unknown; target: unknown }[];
  appends?: { target: unknown }[];
}

/** `path` with its longest existing head resolved (links and all): where it really leads. */
function realPath(path: string): string {
  let head = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...rest);
    } catch {
      if (dirname(head) === head) return path;
      rest.unshift(basename(head));
      head = dirname(head);
    }
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !leadsOut(rel);
}

/** Throws, naming `journalPath` and the entry, unless every path of `journal` is one a writer of this pool makes. */
export function checkJournalPaths(journalPath: string, journal: JournalPaths): void {
  const pool = realPath(dirname(journalPath));
  const refuse = (what: string): never => {
    throw new AppError(
      `${journalPath}: ${what}, which no transaction of this pool writes: not this pool's journal (copied in with the pool, or checked out by a hand-run \`git pull\` of a peer's \`git add -f\`). ` +
        `Nothing it names was touched. If no accountpool command of this pool was killed, remove it (\`rm ${journalPath}\`); otherwise restore the pool from git or a backup`,
    );
  };
  const text = (value: unknown, what: string): string => (typeof value === 'string' && isAbsolute(value) ? value : refuse(`it names ${what} ${JSON.stringify(value)}, not an absolute path`));
  const ofPool = (value: unknown, what: string): string => {
    const path = text(value, what);
    return inside(pool, realPath(path)) ? path : refuse(`it names ${what} ${path}, outside the pool`);
  };
  if (typeof journal !== 'object' || journal === null || !Array.isArray(journal.moves)) refuse('it lists no moves');
  for (const move of journal.moves) {
    const target = text(move?.target, 'a target');
    const temp = text(move?.temp, 'a temp');
    // A temp is a dot-file named after its target, beside it: never another file.
    if (dirname(temp) !== dirname(target) || !basename(temp).startsWith(`.${basename(target)}.`) || !temp.endsWith('.tmp')) refuse(`it names ${temp} as the temp of ${target}`);
  }
  // Compared resolved, as the pool folder is: the killed writer may have named it by another spelling.
  const layout = layoutOf(dirname(journalPath));
  const current = realPath(layout.changeLog);
  const previous = realPath(previousSegmentOf(layout.changeLog));
  const shards = realPath(layout.shardsDir);
  const history = realPath(layout.historyDir);
  const own = (value: unknown, what: string, allowed: (real: string) => boolean): void => {
    const path = ofPool(value, what);
    if (!allowed(realPath(path))) refuse(`it names ${what} ${path}, a file no transaction of this pool ${what === 'a file to remove' ? 'removes' : what === 'a file to append to' ? 'appends to' : 'renames'}`);
  };
  for (const file of journal.removes ?? []) own(file, 'a file to remove', (real) => real === current || real === previous || (dirname(real) === shards && SHARD_FILE.test(basename(real))));
  for (const rename of journal.renames ?? []) {
    own(rename?.temp, 'a file to rename', (real) => real === current);
    own(rename?.target, 'a rename target', (real) => real === previous);
  }
  for (const append of journal.appends ?? []) own(append?.target, 'a file to append to', (real) => real === current || (dirname(real) === history && MONTH_FILE.test(basename(real))));
}

/** A shard file's name (layout.ts shardName: the index, zero-padded). */
const SHARD_FILE = /^\d+\.yaml$/;
