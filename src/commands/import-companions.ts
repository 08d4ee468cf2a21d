// `import FOLDER`: the folder is one dump, so a compose file or pod spec in it is read with the
// files beside it it takes settings from (import/container-batch.ts), read from that folder only:
// a link (which may lead anywhere) or a file whose real path lies outside the folder is refused,
// so is one over max_dump_size, judged by the file opened (a link or a FIFO swapped in is never followed or waited on). A file named alone (`import docker-compose.yml`) is read alone.
import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { splitChatPart } from '../formats/mail/split-chat-files.js';
import { splitChatPlan } from '../import/split-chat-plan.js';
import { readBounded } from '../read-bounded.js';
import { companionPlan, type DumpTree } from '../import/container-batch.js';
import type { Beside } from '../formats/beside.js';
import { fileKind } from '../file-kind.js';
import { fsPath } from '../watch/raw-names.js';
import type { ImportPath } from './import-paths.js';
import { limitText } from '../byte-size.js';

export interface FolderCompanions {
  beside: Map<ImportPath, Beside>;
  /** Files a container file used, with the path of that file: not imported on their own. */
  used: Map<ImportPath, string>;
  /**
   * Files a container file used that the walk skipped by name (a compose file's `.env`), by the
   * folder named (its real path) and their path there: the container file's path.
   */
  skippedUsed: Map<string, Map<string, string>>;
  /** The paths of the first pages of Telegram chat exports: the files they use are their chat's (import/chat-export-pages.ts). */
  chats: Set<string>;
}

/** The container files among `files` with the files beside them, per folder named. */
export async function folderCompanions(files: readonly ImportPath[], maxSize: number, cwd?: string): Promise<FolderCompanions> {
  const out: FolderCompanions = { beside: new Map(), used: new Map(), skippedUsed: new Map(), chats: new Set() };
  if (cwd !== undefined) await looseSplitChats(files, maxSize, cwd, out);
  const byRoot = new Map<string, ImportPath[]>();
  for (const f of files) if (!('refused' in f) && f.inFolder) byRoot.set(f.inFolder.root, [...(byRoot.get(f.inFolder.root) ?? []), f]);
  for (const [root, inRoot] of byRoot) {
    const byRel = new Map(inRoot.map((f) => [(f as { inFolder: { rel: string } }).inFolder.rel, f]));
    const plan = await companionPlan(folderTree(root, [...byRel.keys()], maxSize));
    for (const [rel, beside] of plan.beside) out.beside.set(byRel.get(rel)!, beside);
    for (const rel of plan.chats) out.chats.add(byRel.get(rel)!.path);
    for (const [rel, by] of plan.used) {
      const user = byRel.get(by)!;
      const file = byRel.get(rel);
      if (file) out.used.set(file, user.path);
      else out.skippedUsed.set(root, new Map([...(out.skippedUsed.get(root) ?? []), [rel, user.path]]));
    }
  }
  return out;
}

/**
 * Files named one by one (`import message_1.json message_2.json`, `import trading/*.json`) that are
 * one conversation its exporter split (split-chat-plan.ts): read as one, as in their folder. Only
 * the files named are read; a compose file named alone is still read alone.
 */
async function looseSplitChats(files: readonly ImportPath[], maxSize: number, cwd: string, out: FolderCompanions): Promise<void> {
  const byDir = new Map<string, Map<string, ImportPath>>();
  for (const f of files) {
    if ('refused' in f || f.inFolder || f.path === '-' || splitChatPart(f.path) === undefined) continue;
    const full = resolve(cwd, f.path);
    const dir = dirname(full);
    byDir.set(dir, (byDir.get(dir) ?? new Map()).set(basename(full), f));
  }
  for (const [dir, byName] of byDir) {
    if (byName.size < 2) continue;
    const plan = await splitChatPlan(folderTree(dir, [...byName.keys()], maxSize));
    for (const [name, beside] of plan.beside) {
      out.beside.set(byName.get(name)!, beside);
      out.chats.add(byName.get(name)!.path);
    }
    for (const [name, by] of plan.used) out.used.set(byName.get(name)!, byName.get(by)!.path);
  }
}

function folderTree(root: string, paths: string[], maxSize: number): DumpTree {
  return {
    paths,
    maxBytes: maxSize,
    async read(rel) {
      const full = join(root, ...rel.split('/'));
      // Judged by the file opened, not by an lstat before it: a link or a FIFO put under the name
      // between the two was followed, or hung the import (O_NOFOLLOW refuses the one, O_NONBLOCK
      // opens the other without waiting for a writer), and a file that grew past max_dump_size
      // since was read whole. As the watcher opens its files (watch/read-file.ts).
      let handle: FileHandle;
      try {
        handle = await open(fsPath(full), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        if (code === 'ELOOP') return { refused: 'is a symbolic link, not followed (it may lead out of the folder)' };
        return { refused: `cannot be read (${code ?? (error as Error).message})` };
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) return { refused: `is ${fileKind(info)}, not a file` };
        const real = await realpath(fsPath(full)).catch(() => undefined);
        const top = await realpath(root).catch(() => root);
        if (typeof real !== 'string' || !real.startsWith(top + sep)) return { refused: 'lies outside the folder (through a linked folder): not read' };
        const tooLarge = { refused: `holds more than ${limitText(maxSize)} (max_dump_size)` };
        if (info.size > maxSize) return tooLarge;
        const bytes = await readBounded(handle, info.size, maxSize);
        if (bytes.length > maxSize) return tooLarge;
        return { text: bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
      } finally {
        await handle.close();
      }
    },
  };
}
