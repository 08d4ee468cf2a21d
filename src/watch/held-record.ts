// The mail conversations a watcher is importing or holding (mail-group.ts, held-groups.ts), kept on
// disk so that a watcher killed (SIGKILL, a reboot) or run again (`watch --once`) never reads a
// member alone. Read alone, a reply naming no login (`Sorry, the new password is X`) whose
// delivery was filed before the kill is refused, where the conversation applied it; and a
// delivery whose reply made its accounts unsure would be imported with the stale password.
//
// Derived data: each member's name in the inbox, the sha1 and size of the bytes it was judged on,
// never a password or a result. The conversation is read again from those very bytes at the
// next start (held-rebuild.ts): the members still waiting in the inbox, the others where they
// were filed (imported/, failed/). Sealed (cache-seal.ts): an edited or foreign record is no
// record. Kept in the pool's `.cache/inbox-held/`, out of reach of the inbox's writers, as
// taken-files.ts' records are; a link in its place is refused (own-folders.ts).
import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeFolder } from '../make-folder.js';
import { sealText, unsealText } from '../cache-seal.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { readOwnFile } from '../store/own-file.js';
import { OwnFolders } from './own-folders.js';

/** One mail of a conversation: its name in the inbox when it was read, and what its bytes were. */
export interface HeldMember {
  name: string;
  sha1: string;
  size: number;
}

/** Far beyond a record: a few hundred bytes a member, at most max_dump_size's worth of mails a conversation. */
const RECORD_MAX = 16 * 1024 * 1024;

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

export const memberOf = (name: string, bytes: Buffer): HeldMember => ({ name, sha1: sha1(bytes), size: bytes.length });

export class HeldRecord {
  readonly path: string;
  private readonly folders: OwnFolders;

  constructor(poolDir: string, inboxRealPath: string) {
    this.path = join(poolDir, '.cache', 'inbox-held', `${sha1(inboxRealPath).slice(0, 16)}.json`);
    this.folders = new OwnFolders([dirname(dirname(this.path)), dirname(this.path)], 'held mail conversations');
  }

  /** The conversations recorded; none when there is no record, or one that is not ours (unsealed, edited, damaged). */
  async load(): Promise<HeldMember[][]> {
    await this.folders.check();
    const body = unsealText(await readOwnFile(this.path, RECORD_MAX));
    if (body === undefined) return [];
    try {
      const groups = (JSON.parse(body) as { groups?: unknown }).groups;
      return Array.isArray(groups) ? groups.filter(isGroup) : [];
    } catch {
      return [];
    }
  }

  /** Replaces the record with `groups` (none: the record goes); written whole or not at all, before the imports it covers. */
  async save(groups: readonly HeldMember[][]): Promise<void> {
    await this.folders.check();
    if (groups.length === 0) {
      await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      return;
    }
    await makeFolder(dirname(this.path));
    await writeFileAtomic(this.path, sealText(`${JSON.stringify({ groups })}\n`));
  }
}

function isGroup(group: unknown): group is HeldMember[] {
  return Array.isArray(group) && group.length >= 2 && group.every((m: Partial<HeldMember> | null) => typeof m?.name === 'string' && typeof m.sha1 === 'string' && /^[0-9a-f]{40}$/.test(m.sha1) && Number.isSafeInteger(m.size));
}
