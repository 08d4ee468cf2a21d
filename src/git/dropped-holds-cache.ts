// What published-holds.ts's history search (keptInHistory) found NOT in HEAD's history, kept for
// that HEAD: a peer's hold learned at a commit git pruned, that HEAD's history never held (a forced
// push dropped its publication), stays named, and every writer refuses until `verify --fix`; each
// command in between (a cron's `status`, the scanners' pre-start `allocate`s) asked the same
// `git log -G -p` of the shards concerned again, the same answer every time (stop 60 S).
//
// Derived and checked: kept beside the HEAD it was found at, and used only while HEAD is that commit
// (its history cannot change; a moved HEAD asks git again and keeps the new answer). Only "not
// kept" is cached, never "kept": a kept hold is ended in the record at once, so it is never asked
// twice, and a cache forged or stale can only keep a hold named (an alarm), never free an account.
// In .git, beside the conflict log: a host's own, never committed, gone with the clone.
import { gitPath } from './repo.js';
import { readOwnFile } from '../store/own-file.js';
import { writeFileAtomic } from '../store/atomic-write.js';

const FILE = 'accountpool-dropped-holds.json';

/** Far past any answer kept (a hold's id is ~80 bytes: 50,000 holds). */
const MAX_BYTES = 4 * 1024 * 1024;

/** The hold ids found not kept in `head`'s history, as noted at that very HEAD; empty otherwise (none noted, another HEAD, unreadable). */
export async function droppedAt(dir: string, head: string): Promise<Set<string>> {
  const text = await readOwnFile(await gitPath(dir, FILE), MAX_BYTES).catch(() => undefined);
  if (text === undefined) return new Set();
  try {
    const noted = JSON.parse(text) as { head?: unknown; dropped?: unknown };
    if (noted.head !== head || !Array.isArray(noted.dropped) || !noted.dropped.every((id) => typeof id === 'string')) return new Set();
    return new Set(noted.dropped as string[]);
  } catch {
    return new Set();
  }
}

/** Notes `dropped` as found at `head` (replacing what was noted); a failure only costs the next command the search. */
export async function noteDroppedAt(dir: string, head: string, dropped: ReadonlySet<string>): Promise<void> {
  const text = JSON.stringify({ head, dropped: [...dropped] });
  if (text.length > MAX_BYTES) return;
  await writeFileAtomic(await gitPath(dir, FILE), `${text}\n`, 0o600, { durable: false }).catch(() => {});
}
