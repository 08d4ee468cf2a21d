// Where a pool lives, so that a copy of it (`cp -a`, rsync, a VM snapshot, a backup restored beside
// the live pool) can tell it is one: both copies hold the same holds and the same free accounts, so
// both used hand the same accounts to two scanners. The record is `.cache/place.json`: the pool's
// identity (made once, random) and its folder's device, inode and absolute path. It lives under
// .cache, not in a file of its own, because it must stay on this host: git ignores .cache, so a
// clone (its own host, under git's guarantees) starts with no record and records its own place;
// a copy of the folder carries it along. It is not derived (the identity cannot be made again):
// lost with .cache, the next write records the folder as a new pool, as a pool from before stop 67.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hostname } from 'node:os';
import { makeFolder } from '../make-folder.js';
import { readIfPresent, writeFileAtomic } from './atomic-write.js';
import { CONFIG_FILE } from './layout.js';
import { shellWord } from '../shell-word.js';

export interface PlaceRecord {
  id: string;
  path: string;
  dev: number;
  ino: number;
  host: string;
}

/** What the folder is, against its record. */
export type PlaceVerdict =
  | { kind: 'here'; record: PlaceRecord }
  | { kind: 'unrecorded' }
  /** The same folder under another path (`mv` on one disk): the record follows it. */
  | { kind: 'renamed'; record: PlaceRecord }
  /** Another folder, and the recorded place holds no pool of this identity (moved to another disk, restored in its place). */
  | { kind: 'moved'; record: PlaceRecord }
  /** Another folder, and the recorded place still holds a pool of this identity: this one is a copy. */
  | { kind: 'copy'; record: PlaceRecord };

export const placeFile = (dir: string) => join(dir, '.cache', 'place.json');

export async function readPlace(dir: string): Promise<PlaceRecord | undefined> {
  const text = await readIfPresent(placeFile(dir)).catch(() => undefined);
  if (text === undefined || text.length > 4096) return undefined;
  try {
    const r = JSON.parse(text) as Partial<PlaceRecord>;
    if (typeof r.id !== 'string' || typeof r.path !== 'string' || typeof r.dev !== 'number' || typeof r.ino !== 'number') return undefined;
    return { id: r.id, path: r.path, dev: r.dev, ino: r.ino, host: typeof r.host === 'string' ? r.host : '' };
  } catch {
    return undefined;
  }
}

async function folderIdentity(dir: string): Promise<{ dev: number; ino: number }> {
  const s = await stat(dir);
  return { dev: s.dev, ino: s.ino };
}

/** Whether `dir` holds a pool whose recorded identity is `id` (the folder a copy came from, still in use). */
async function holdsPool(dir: string, id: string): Promise<boolean> {
  const isPool = await stat(join(dir, CONFIG_FILE)).then((s) => s.isFile(), () => false);
  return isPool && (await readPlace(dir))?.id === id;
}

export async function judgePlace(dir: string): Promise<PlaceVerdict> {
  const here = resolve(dir);
  const record = await readPlace(here);
  if (!record) return { kind: 'unrecorded' };
  const { dev, ino } = await folderIdentity(here);
  if (record.dev === dev && record.ino === ino) return record.path === here ? { kind: 'here', record } : { kind: 'renamed', record };
  // Another folder at the recorded path is this one put back in its place (a restore): no other copy.
  if (record.path === here) return { kind: 'moved', record };
  // The recorded path another spelling of this very folder (a link, /tmp and /private/tmp, a bind
  // mount) whose numbers changed (restored in place, remounted): never its own copy.
  const there = await stat(record.path).catch(() => undefined);
  if (there?.dev === dev && there.ino === ino) return { kind: 'renamed', record };
  return (await holdsPool(record.path, record.id)) ? { kind: 'copy', record } : { kind: 'moved', record };
}

/** Records `dir` as the pool's place, keeping its identity, or a new one (a new pool, an adopted copy). */
export async function recordPlace(dir: string, id = randomBytes(12).toString('hex')): Promise<PlaceRecord> {
  const here = resolve(dir);
  const record: PlaceRecord = { id, path: here, ...(await folderIdentity(here)), host: hostname() };
  await makeFolder(join(here, '.cache'));
  // Not fsynced: lost in a crash, the next write records the folder again (as a new pool: no refusal).
  await writeFileAtomic(placeFile(here), `${JSON.stringify(record)}\n`, 0o600, { durable: false });
  return record;
}

export const ADOPT_COPY = 'accountpool verify --fix --adopt-copy';

/** Why a copy writes nothing, naming both places and the way out. */
export function copyRefusal(here: string, record: PlaceRecord, outcome = 'nothing was written here'): string {
  return (
    `this pool is a copy of the pool at ${record.path} (still there, same identity${record.host && record.host !== hostname() ? `, recorded on host ${record.host}` : ''}), not the pool itself: ` +
    `both hand out the same accounts, so ${outcome} (${resolve(here)}). ` +
    `If the pool was moved here, remove the old folder (\`rm -r ${shellWord(record.path)}\`) and run the command again; ` +
    `to keep this copy as a pool of its own, run \`${ADOPT_COPY}\` (its holds kept; the accounts free in both copies may then be handed out by each: import only other accounts here, or remove the shared ones from one of them)`
  );
}
