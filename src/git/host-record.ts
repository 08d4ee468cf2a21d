// This host's own small records in .git (never pushed): the last allocate of each instance
// (last-allocations.ts) and the leases its instances lost (lost-lease-record.ts). Both are advice,
// never the record of a hold (the shards are): one torn, missing or another version's reads as
// nothing recorded, and each entry is checked field by field before it is used.
import { readOwnFile } from '../store/own-file.js';

/** A text field of a record entry: present, and no longer than any name or path the commands take. */
export const isRecordText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4096;

/** The record at `path` parsed, or undefined when it is missing, over `maxBytes`, or not JSON. */
export async function readHostRecord(path: string, maxBytes: number): Promise<unknown> {
  const text = await readOwnFile(path, maxBytes).catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
