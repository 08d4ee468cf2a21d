// What tells that a file changed without reading it: its inode, size and times (git's index
// compares the same). Every write of the pool replaces a file by rename (a new inode); an edit
// in place moves its ctime, which no one can set back.
import { stat } from 'node:fs/promises';

export interface StatTimes {
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

export function stampOf(info: StatTimes): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

/** Longer than any file system's timestamp granularity (FAT's is 2 s). */
export const RACY_MS = 2500;

/**
 * No change since `checkedAt` can have left this stamp: its times were older by more than
 * RACY_MS (git's racy-clean rule: read-cache.c `is_racy_timestamp`).
 */
export function settled(info: StatTimes, checkedAt: number): boolean {
  const changed = info.ctimeNs > info.mtimeNs ? info.ctimeNs : info.mtimeNs;
  return Number(changed / 1_000_000n) < checkedAt - RACY_MS;
}

/** The file's stamp now, 'none' when there is no such file. */
export async function statStamp(file: string): Promise<string> {
  const info = await stat(file, { bigint: true }).catch(() => undefined);
  return info ? stampOf(info) : 'none';
}
