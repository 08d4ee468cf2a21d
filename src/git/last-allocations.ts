// What each instance's last `allocate` on this host wrote and was asked for: the accounts file
// (absolute path) and the options (count, levels, format, checker ...; never a password). A
// hand-out this host made can be lost to another host's published one (lost-holds.ts): its
// scanner's accounts file still lists the accounts until the same allocate runs again, and an
// instance named with --instance does not say which file that is. So the warning and `status`
// give the exact command from this record. Kept in .git (this host's own, never pushed: another
// host's files are not here); only a pool shared through git records it (no other pool loses a
// hold). A missing or unreadable record only makes the advice name FILE and N again.
import { isAbsolute } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.js';
import { shellWord } from '../shell-word.js';
import { gitPath } from './repo.js';
import { isRecordText as isText, readHostRecord } from './host-record.js';
import { lostHoldAdvice } from './lost-holds.js';
import { forgetLostLeases } from './lost-lease-record.js';
import { underPoolLock } from './pool-lock.js';
import type { Pool } from '../store/pool.js';

export const ALLOCATIONS_FILE = 'accountpool-allocations.json';

/** One instance's last allocate: its file and the options that differ from allocate's defaults. */
export interface LastAllocation {
  /** The --accountcsv given, absolute. */
  file: string;
  count: number;
  minLevel?: number;
  maxLevel?: number;
  format?: string;
  /** --checker NAME, or `none` for --no-check; unset: the pool config's. */
  checker?: string;
  concurrency?: number;
  allowPartial?: boolean;
  fileMode?: string;
  /** When (this host's clock): the oldest go first past MAX_INSTANCES. */
  at: string;
}

/** A record of more instances than this drops those allocated longest ago (any name the command line gives is one). */
const MAX_INSTANCES = 1000;
const MAX_BYTES = 4 * 1024 * 1024;

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/** Only what allocate could have been given: anything else in the file is dropped, never shown as a command. */
function valid(entry: unknown): LastAllocation | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  if (!isText(e.file) || !isAbsolute(e.file) || !isInt(e.count) || !isText(e.at)) return undefined;
  const optional = (key: string, check: (v: unknown) => boolean) => e[key] === undefined || check(e[key]);
  const ok = optional('minLevel', isInt) && optional('maxLevel', isInt) && optional('format', isText) && optional('checker', isText) && optional('concurrency', isInt) && optional('allowPartial', (v) => v === true) && optional('fileMode', isText);
  return ok ? (e as unknown as LastAllocation) : undefined;
}

async function readRecord(path: string): Promise<Map<string, LastAllocation>> {
  const found = new Map<string, LastAllocation>();
  const record = await readHostRecord(path, MAX_BYTES);
  const instances = typeof record === 'object' && record !== null ? (record as { instances?: unknown }).instances : undefined;
  if (typeof instances === 'object' && instances !== null) {
    for (const [name, entry] of Object.entries(instances)) {
      const last = valid(entry);
      if (last) found.set(name, last);
    }
  }
  return found;
}

/** The last allocate of each instance this host recorded (none for a pool without git). */
export async function lastAllocations(dir: string): Promise<Map<string, LastAllocation>> {
  return readRecord(await gitPath(dir, ALLOCATIONS_FILE));
}

/** Records `last` as `instance`'s. The caller holds the pool lock (two allocates must not drop each other's). */
export async function recordAllocation(dir: string, instance: string, last: LastAllocation): Promise<void> {
  const path = await gitPath(dir, ALLOCATIONS_FILE);
  const all = await readRecord(path);
  all.delete(instance);
  all.set(instance, last);
  const kept = [...all].sort(([, x], [, y]) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0)).slice(-MAX_INSTANCES);
  // Atomic, not fsynced: a crash loses at most the newest entry (the advice then says FILE and N).
  await writeFileAtomic(path, `${JSON.stringify({ instances: Object.fromEntries(kept) })}\n`, 0o600, { durable: false });
}

/** The allocate that writes `instance`'s accounts file again as `last` did, published first (--sync). */
export function refreshCommand(instance: string, last: LastAllocation, poolDir: string): string {
  const words = ['accountpool', 'allocate', '--sync'];
  if (instance !== last.file) words.push('--instance', shellWord(instance));
  words.push('--accountcsv', shellWord(last.file), '--count', String(last.count));
  if (last.minLevel !== undefined) words.push('--min-level', String(last.minLevel));
  if (last.maxLevel !== undefined) words.push('--max-level', String(last.maxLevel));
  if (last.format !== undefined) words.push('--format', shellWord(last.format));
  if (last.checker === 'none') words.push('--no-check');
  else if (last.checker !== undefined) words.push('--checker', shellWord(last.checker));
  if (last.concurrency !== undefined) words.push('--concurrency', String(last.concurrency));
  if (last.allowPartial) words.push('--allow-partial');
  if (last.fileMode !== undefined) words.push('--file-mode', shellWord(last.fileMode));
  words.push('--pool', shellWord(poolDir));
  return words.join(' ');
}

/** lostHoldAdvice (lost-holds.ts) for each instance, with the exact command where this host recorded its last allocate. */
export async function recordedAdvice(dir: string): Promise<(instance: string) => string> {
  const recorded = await lastAllocations(dir);
  return (instance) => {
    const last = recorded.get(instance);
    return lostHoldAdvice(instance, last && { file: last.file, command: refreshCommand(instance, last, dir) });
  };
}

/**
 * What an allocate that wrote `instance`'s accounts file leaves in this host's records, under the
 * pool lock: `last` as its last allocate, and its lost leases forgotten (lost-lease-record.ts) but
 * for an account the new file (`listed`) names again.
 */
export async function noteAllocation(pool: Pool, instance: string, last: LastAllocation, listed: readonly string[]): Promise<void> {
  await underPoolLock(pool, async () => {
    await recordAllocation(pool.layout.dir, instance, last);
    await forgetLostLeases(pool.layout.dir, instance, new Set(listed));
  });
}
