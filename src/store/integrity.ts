// What a writer checks before it writes anything, and what it records after: the pool on disk
// against the record of its shards (manifest.ts), and every account held once.
//
// A shard that is missing or cut short, or an account entered twice (`ash` and a hand-added
// `ASH`, in one shard or two), stops every transaction before it reads on: writing would make the
// loss permanent (a missing shard reads as an empty one and would be written back so), or hand one
// account to two scanners and write it back twice. `verify` reports the same problems with files
// and lines; the README's Troubleshooting section says what to do.
import { readShard } from './shard-open.js';
import { AppError, FileError } from '../errors.js';
import { describeLoss, encodeManifest, lossesOf, manifestOf, readManifest, type Loss, type Manifest, type ShardOnDisk } from './manifest.js';
import { accountLineNumber } from './shard-codec.js';
import type { Location, ShardState, Snapshot } from './snapshot.js';

/** The record as read: its manifest and text; none yet (a pool made before records); or why it does not read. */
export interface RecordRead {
  record?: { manifest: Manifest; text: string };
  error?: FileError;
}

export async function readRecord(path: string): Promise<RecordRead> {
  try {
    return { record: await readManifest(path) };
  } catch (error) {
    if (error instanceof FileError) return { error };
    throw error;
  }
}

export function onDisk(bases: readonly ShardState[]): ShardOnDisk[] {
  return bases.map((shard) => ({ name: shard.name, file: shard.file, size: shard.absent ? undefined : shard.size }));
}

export function lossesAgainst(read: RecordRead, bases: readonly ShardState[]): Loss[] {
  return read.record ? lossesOf(read.record.manifest, onDisk(bases)) : [];
}

/** Where an account is, as `file:line`. */
export async function placeOf(shard: ShardState, index: number): Promise<string> {
  const canonical = shard.lineAt(index) !== undefined;
  const line = canonical ? index + 2 : accountLineNumber((await readShard(shard.file)).toString('utf8'), index);
  return `${shard.file}:${line}`;
}

/** Accounts held twice, each as "account X is in FILE:LINE and in FILE:LINE" (X as first spelled). */
export async function duplicateProblems(snapshot: Snapshot): Promise<string[]> {
  const problems: string[] = [];
  for (const { username, places } of snapshot.duplicates()) {
    const where = await Promise.all(places.map((at: Location) => placeOf(snapshot.shards[at.shard]!, at.index)));
    problems.push(`account ${username} is in ${where.join(' and in ')} (usernames are one account however they are capitalised): keep one`);
  }
  return problems;
}

/** What is lost against the record, each naming its file: a record that does not read, a recorded shard missing or holding fewer accounts. */
export function lossProblems(read: RecordRead, shards: readonly ShardOnDisk[]): string[] {
  return [...(read.error ? [read.error.message] : []), ...(read.record ? lossesOf(read.record.manifest, shards) : []).map(describeLoss)];
}

/** What the operator is told to do about a loss. */
export const LOSS_ADVICE = 'restore what is missing (git checkout, a backup) or, if the accounts were removed on purpose, record the pool as it is with `accountpool verify --fix --accept-loss`';

/**
 * Throws, naming every file at fault, when the pool on disk is not what was last written: a
 * recorded shard missing or holding fewer accounts (unless `acceptLoss`: the operator said so),
 * a record that does not read (likewise), an account held twice (always).
 */
export async function assertIntact(onDiskSnapshot: Snapshot, bases: readonly ShardState[], read: RecordRead, acceptLoss = false): Promise<void> {
  const problems = acceptLoss ? [] : lossProblems(read, onDisk(bases));
  const lost = problems.length > 0;
  problems.push(...(await duplicateProblems(onDiskSnapshot)));
  if (problems.length === 0) return;
  const advice = lost ? LOSS_ADVICE : 'edit the shards by hand, then run `accountpool verify`';
  throw new AppError(`${problems.join('; ')}. Nothing was written: ${advice}`);
}

/** The record after a commit that leaves the shards `after` (those it writes) over `bases`; undefined when unchanged. */
export function recordAfter(bases: readonly ShardState[], after: readonly ShardState[], read: RecordRead): string | undefined {
  const shards = new Map(onDisk(bases).map((s) => [s.name, s]));
  for (const state of after) shards.set(state.name, { name: state.name, file: state.file, size: state.size });
  return recordOf([...shards.values()], read);
}

/** The record of `shards` as they are on disk; undefined when it is the one `read`. */
export function recordOf(shards: readonly ShardOnDisk[], read: RecordRead): string | undefined {
  const text = encodeManifest(manifestOf(shards));
  return text === read.record?.text ? undefined : text;
}
