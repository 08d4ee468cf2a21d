// The files `accountpool import PATH...` names: a file as given, `-` for standard input, and every
// file below a folder (a seller's unpacked zip, a generator's output folder), found by the inbox's
// own rules so a folder means the same whether it is dropped into the inbox or named here:
//   - walked to the inbox's depth (watch/scan.ts MAX_DEPTH), level folders (`level-31/`, `31/`)
//     give their level (watch/level-folder.ts), a bad one (`level-99/`) refuses its files; the
//     folder named counts only when it lies in the inbox (`import 2026/` is no level 2026);
//   - hidden and partial names (`.git/`, `.DS_Store`, `x.part`, `x.swp`, `x~`) are skipped
//     (watch/ignore.ts), and so are the pool's own folder and, in the inbox, imported/ and failed/;
//   - links to files are read (the operator named the folder; `import FILE` follows links too),
//     links to folders are not entered (a loop, or a tree outside the folder), and are said so.
// Files come in name order, the order `ls` shows: it decides who goes first among never-used accounts.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inboxRelative, isIgnoredName, FAILED_DIR, IMPORTED_DIR } from '../watch/ignore.js';
import { folderLevel } from '../watch/level-folder.js';
import { folderColumns } from '../watch/columns-folder.js';
import { folderEncoding } from '../watch/encoding-folder.js';
import type { Role } from '../formats/lists/columns.js';
import { fileKind } from '../file-kind.js';
import { fsPath, nameOf, shownName } from '../watch/raw-names.js';
import { MAX_DEPTH } from '../watch/scan.js';

/** The first names skipped, for a message: `a, b, c, d, e, ...`. */
export function someNames(names: string[]): string {
  return `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}`;
}

/** One file to import, or one entry refused with the reason (it makes the exit non-zero). */
export type ImportPath =
  /** `inFolder`: found below a folder named (`root`, its real path), at `rel` there: its dump is that folder (import-companions.ts). */
  | { path: string; folderLevel?: number; folderColumns?: Role[]; folderEncoding?: string; inFolder?: { root: string; rel: string } }
  | { path: string; refused: string };

export interface NamedPaths {
  files: ImportPath[];
  /** Per folder named: what was skipped by name, for one line on standard error. */
  skipped: { folder: string; names: string[] }[];
}

/**
 * Expands the operands in order. Paths are shown as the operator wrote them (`dumps/level-31/a.txt`),
 * and a file named twice (`import dumps dumps/a.txt`) is imported once.
 */
export async function namedPaths(operands: string[], { cwd, inbox, poolDir }: { cwd: string; inbox: string; poolDir: string }): Promise<NamedPaths> {
  const files: ImportPath[] = [];
  const skipped: NamedPaths['skipped'] = [];
  const seen = new Set<string>();
  const add = (entry: ImportPath) => {
    const key = entry.path === '-' ? '-' : resolve(cwd, entry.path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(entry);
  };
  for (const operand of operands) {
    const info = operand === '-' ? undefined : await stat(fsPath(resolve(cwd, operand))).catch(() => undefined);
    if (!info?.isDirectory()) {
      add({ path: operand }); // a file, stdin, or missing: read and judged as `import FILE` always was
      continue;
    }
    const root = resolve(cwd, operand);
    const names: string[] = [];
    const found: ImportPath[] = [];
    // A folder of the inbox (`import inbox/level-30`) keeps the level its place there gives, as the watcher would.
    const inInbox = inboxRelative(resolve(inbox), root);
    await walk(root, operand, '', 0, { root, found, names, inbox: resolve(inbox), poolDir: resolve(poolDir), levelFrom: inInbox ? `${inInbox}/` : '' });
    if (found.length === 0) found.push({ path: operand, refused: `${operand}: a folder with no file to import${names.length > 0 ? ` (skipped by name: ${someNames(names)})` : ''}` });
    else if (names.length > 0) skipped.push({ folder: operand, names });
    for (const entry of found) add(entry);
  }
  return { files, skipped };
}

interface Walk {
  /** The folder named. */
  root: string;
  found: ImportPath[];
  names: string[];
  /** The pool's inbox: its imported/ and failed/ hold what the watcher filed already. */
  inbox: string;
  poolDir: string;
  /** Prefixed to a file's path below the folder for its level: the folder's own path in the inbox. */
  levelFrom: string;
}

async function walk(dir: string, shown: string, rel: string, depth: number, w: Walk): Promise<void> {
  // Listed as bytes: a name that is not UTF-8 (a zip unpacked with CP437 names) becomes raw-names.ts's
  // string for it, which opens the very file; Node's own strings would name no file.
  const listed = await readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
  const entries = listed.map((e) => ({ name: nameOf(e.name), isDirectory: () => e.isDirectory(), isSymbolicLink: () => e.isSymbolicLink() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const entryRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const path = join(dir, entry.name);
    const display = join(shown, entryRel);
    if (isIgnoredName(entry.name) || (dir === w.inbox && (entry.name === IMPORTED_DIR || entry.name === FAILED_DIR))) {
      w.names.push(shownName(entryRel) + (entry.isDirectory() ? '/' : ''));
      continue;
    }
    // `import .` in a folder that holds the pool: its accountpool.yaml and shards are no dump.
    if (path === w.poolDir) {
      w.names.push(`${entryRel}/ (the pool)`);
      continue;
    }
    if (entry.isDirectory()) {
      if (depth >= MAX_DEPTH) w.found.push({ path: display + '/', refused: `${shownName(display)}/: a folder deeper than ${MAX_DEPTH} levels, not walked` });
      else await walk(path, shown, entryRel, depth + 1, w);
      continue;
    }
    const info = await stat(fsPath(path)).catch(() => undefined);
    if (entry.isSymbolicLink() && info?.isDirectory()) {
      w.found.push({ path: display, refused: `${shownName(display)}: a link to a folder, not followed (name the folder itself)` });
      continue;
    }
    // A dangling link or a vanished file is left to the read, which names it; a FIFO would hang it.
    if (info && !info.isFile()) {
      w.found.push({ path: display, refused: `${shownName(display)}: is ${fileKind(info)}, not a file` });
      continue;
    }
    const level = folderLevel(w.levelFrom + entryRel);
    // `dumps/columns-user,level,pass/`: the list's columns, as the inbox reads that folder (columns-folder.ts).
    const columns = folderColumns(w.levelFrom + entryRel);
    // `dumps/encoding-cp1251/`: the charset of its files that are not UTF-8 (encoding-folder.ts).
    const encoding = folderEncoding(w.levelFrom + entryRel);
    if ('error' in level) w.found.push({ path: display, refused: `${shownName(display)}: ${level.error}` });
    else if ('error' in columns) w.found.push({ path: display, refused: `${shownName(display)}: ${columns.error}` });
    else if ('error' in encoding) w.found.push({ path: display, refused: `${shownName(display)}: ${encoding.error}` });
    else w.found.push({ path: display, inFolder: { root: w.root, rel: entryRel }, ...(level.level !== undefined ? { folderLevel: level.level } : {}), ...(columns.columns ? { folderColumns: columns.columns } : {}), ...(encoding.encoding ? { folderEncoding: encoding.encoding } : {}) });
  }
}
