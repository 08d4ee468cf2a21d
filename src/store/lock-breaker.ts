// One breaker at a time: the waiter that may decide a lock is abandoned and break it holds
// `<lock>-break`, so each decision is made on the lock as it is and no two waiters break in turn
// (the second would break the fresh lock the first one's successor just took).
//
// A breaker can be killed too, and its folder must not hold everyone up. So the folder says who
// holds it, like the lock's owner file (lock-owner.ts): it is made aside with `owner.json` inside
// and renamed into place, so it never exists without its owner (rename never replaces a folder
// that is not empty, so it is also the mutual exclusion). A breaker whose owner is dead is cleared
// at once; one whose owner cannot be looked at (another host, boot or namespace) once it is older
// than the lock's stale time (a breaker works for milliseconds).
//
// Clearing is a rename to a tombstone named after the breaker judged dead (its nonce). The
// tombstone holds that breaker's owner file, so it is not empty: a second waiter that judged the
// same breaker dead a moment later cannot rename a newer breaker onto it. Tombstones (and folders a
// killed breaker left aside) are removed a minute later by the next breaker.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { livenessOf, ownIdentity, parseIdentity, type Identity } from './lock-owner.js';
import { writeDurable, writeFailed } from './atomic-write.js';
import { readOwnFile } from './own-file.js';

const OWNER = 'owner.json';
/** Folders made aside by a breaker killed before renaming, and tombstones, are removed after this. */
const LEFTOVER_MS = 60_000;

type BreakerOwner = Identity & { nonce?: string };

/** Ends a breaker's turn. */
export type LetGo = () => Promise<void>;

/** Takes the breaker of `lockDir`; undefined when another waiter holds it (a dead one is cleared first). */
export async function takeBreaker(lockDir: string, staleMs: number): Promise<LetGo | undefined> {
  const path = `${lockDir}-break`;
  const nonce = randomBytes(6).toString('hex');
  const aside = `${path}-new-${nonce}`;
  try {
    await mkdir(aside, { mode: 0o700 });
    await writeDurable(join(aside, OWNER), JSON.stringify({ ...ownIdentity(), nonce } satisfies BreakerOwner), 0o600, false);
    await rename(aside, path);
  } catch (error) {
    await rm(aside, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw writeFailed(aside, error);
    await clearIfDead(path, staleMs);
    return undefined;
  }
  // Never throws from here on: a breaker held by a live process that forgot it would stop every
  // abandoned lock from being broken.
  await removeLeftovers(path).catch(() => {});
  return async () => {
    // Ours, unless a waiter on another host took us for dead (only after staleMs): then leave it.
    const owner = await ownerOf(path);
    if (owner && owner.nonce !== nonce) return;
    const done = `${path}-done-${nonce}`;
    if (await rename(path, done).then(() => true, () => false)) await rm(done, { recursive: true, force: true }).catch(() => {});
  };
}

async function ownerOf(path: string): Promise<BreakerOwner | undefined> {
  const text = await readOwnFile(join(path, OWNER));
  return text === undefined ? undefined : parseIdentity<{ nonce: string }>(text);
}

async function clearIfDead(path: string, staleMs: number): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return;
  const owner = await ownerOf(path);
  const state = owner ? livenessOf(owner) : 'unknown';
  // A breaker without an owner file was made by an older version (mkdir, then work): its age is all there is.
  const dead = state === 'dead' || (state === 'unknown' && Date.now() - info.mtimeMs > staleMs);
  if (!dead) return;
  await rename(path, `${path}-dead-${owner?.nonce ?? `ino${info.ino}`}`).catch(() => {});
}

async function removeLeftovers(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `${basename(path)}-`;
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries.filter((e) => e.startsWith(prefix))) {
    const info = await stat(join(dir, entry)).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > LEFTOVER_MS) await rm(join(dir, entry), { recursive: true, force: true });
  }
}
