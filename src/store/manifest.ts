// The record of what the pool holds (`shards/.manifest`): every shard file and how many accounts
// it held when accountpool last wrote the pool, written in the same journaled commit as the shards.
//
// Why: a shard file that disappears (moved away by a confused tool, deleted by hand) reads as an
// empty shard, and a shard cut short reads as a smaller one. Without a record, `verify` called such
// a pool sound and the next write made the loss permanent. With it, every transaction refuses to
// write while a recorded shard is missing or holds fewer accounts than recorded, and `verify`
// names the files; only `verify --fix --accept-loss` records a smaller pool (see README,
// Troubleshooting). More accounts than recorded (added by hand) is no loss: the next write
// records them.
//
// git: the file is committed with the shards, so it travels with them. One line per shard, and a
// line changes only when its shard's number of accounts does (an allocation changes none), so two
// hosts rarely touch the same line; when they do, the merge driver marks it `?` (mergeManifests)
// and the next write counts that shard again.
//
//   # accountpool manifest ...
//   00 1520
//   01 ?
import { constants } from 'node:fs';
import { openInPlace } from './own-file.js';
import { FileError } from '../errors.js';
import { counted } from '../counted-noun.js';

/** Shard name → accounts it held at the last write; undefined = not known (`?`, left by a git merge). */
export type Manifest = Map<string, number | undefined>;

export const MANIFEST_HEADER =
  '# accountpool manifest: each shard file and the accounts it held when accountpool last wrote it (? = count again). verify compares the shards with it; do not edit.\n';

/** A shard name the record can hold: one word that names a file in the shard folder and nowhere else. */
const NAME = /^[^\s/\\.#][^\s/\\]*$/;
const LINE = /^(\S+) (\d+|\?)$/;

export function encodeManifest(manifest: Manifest): string {
  const names = [...manifest.keys()].sort();
  return `${MANIFEST_HEADER}${names.map((name) => `${name} ${manifest.get(name) ?? '?'}\n`).join('')}`;
}

/** Parses a manifest; a line that is not `NAME COUNT` is a FileError naming it (the text is never quoted). */
export function decodeManifest(file: string, text: string): Manifest {
  const manifest: Manifest = new Map();
  text.split('\n').forEach((raw, i) => {
    // CR LF line ends are the same record: a git clone made with core.autocrlf=true wrote it so
    // (a pool whose .gitattributes predates `-text`, init-repo.ts). Refused, every command advised
    // `verify --fix --accept-loss`; the next write records it with LF again.
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.startsWith('#')) return;
    const match = LINE.exec(line);
    // A count past 2^53 is no count a write left (it read as 1e20 and was named "1e20 fewer").
    if (!match || !NAME.test(match[1]!) || manifest.has(match[1]!) || (match[2] !== '?' && !Number.isSafeInteger(Number(match[2])))) throw new FileError(file, i + 1, 'not a line of the record of the shards (NAME COUNT): run accountpool verify');
    manifest.set(match[1]!, match[2] === '?' ? undefined : Number(match[2]));
  });
  return manifest;
}

/** The manifest at `path` and its text, or undefined when there is none yet (a pool made before manifests). */
export async function readManifest(path: string): Promise<{ manifest: Manifest; text: string } | undefined> {
  // Never through a link nor waiting on a FIFO: git checks a committed link out as a link, and a
  // peer's `shards/.manifest` leading to a FIFO hung every command for ever. Read as absent, it
  // would turn the loss check off; so it is refused, naming what stands there.
  const handle = await openInPlace(path, constants.O_RDONLY, (kind) => new FileError(path, 1, `is ${kind}, not the record of the shards: move it away (the next write records the shards as they are: run \`accountpool verify\` first)`));
  if (!handle) return undefined;
  let text: string;
  try {
    text = (await handle.readFile()).toString('utf8');
  } finally {
    await handle.close();
  }
  return { manifest: decodeManifest(path, text), text };
}

/** A shard as found on disk, for comparing with the record. */
export interface ShardOnDisk {
  name: string;
  file: string;
  /** Accounts in the file; undefined when there is no such file. */
  size: number | undefined;
}

export interface Loss {
  file: string;
  recorded: number;
  /** Accounts the file holds now; undefined: the file is missing. */
  present: number | undefined;
}

/**
 * Shards whose accounts are gone: every recorded shard file that is missing (unless it was empty),
 * and, when the files there hold fewer accounts in all than recorded, those holding fewer. Summed,
 * because an account moved from one file to another by hand is not lost (`verify --fix` moves it
 * home); a whole file gone is never an edit of that kind.
 */
export function lossesOf(manifest: Manifest, shards: readonly ShardOnDisk[]): Loss[] {
  const byName = new Map(shards.map((s) => [s.name, s]));
  const missing: Loss[] = [];
  for (const [name, recorded] of manifest) {
    const shard = byName.get(name);
    if (shard?.size === undefined && recorded !== 0) missing.push({ file: shard?.file ?? name, recorded: recorded ?? 0, present: undefined });
  }
  let recordedTotal = 0;
  let presentTotal = 0;
  const fewer: Loss[] = [];
  for (const shard of shards) {
    if (shard.size === undefined || (manifest.has(shard.name) && manifest.get(shard.name) === undefined)) continue; // gone, or count not known (`?`)
    const recorded = manifest.get(shard.name) ?? 0;
    recordedTotal += recorded;
    presentTotal += shard.size;
    if (shard.size < recorded) fewer.push({ file: shard.file, recorded, present: shard.size });
  }
  return presentTotal < recordedTotal ? [...missing, ...fewer] : missing;
}

/** What was lost in one shard, without its file name. */
export function lossProblem(loss: Loss): string {
  const held = `${loss.recorded} account${loss.recorded === 1 ? '' : 's'}`;
  return loss.present === undefined
    ? `missing (it held ${held} at the last write)`
    : `holds ${counted(loss.present, 'account')}, ${loss.recorded - loss.present} fewer than the ${held} it held at the last write`;
}

export function describeLoss(loss: Loss): string {
  return `${loss.file}: ${lossProblem(loss)}`;
}

/** The manifest for shards holding these numbers of accounts (no file: no line). */
export function manifestOf(shards: readonly ShardOnDisk[]): Manifest {
  const manifest: Manifest = new Map();
  for (const shard of shards) if (shard.size !== undefined && NAME.test(shard.name)) manifest.set(shard.name, shard.size);
  return manifest;
}

/**
 * Three versions merged line by line (git's merge driver): a line changed on one side takes that
 * side; changed differently on both sides, its shard's count is not known until the merged
 * shard is counted (`?`, done by the next write); gone on one side and unchanged on the other, gone.
 */
export function mergeManifests(base: Manifest, ours: Manifest, theirs: Manifest): Manifest {
  const merged: Manifest = new Map();
  for (const name of new Set([...ours.keys(), ...theirs.keys()])) {
    const [b, o, t] = [base, ours, theirs].map((m) => (m.has(name) ? String(m.get(name)) : 'gone'));
    const pick = o === t || t === b ? o : o === b ? t : 'both';
    if (pick === 'gone') continue;
    merged.set(name, pick === 'both' || pick === 'undefined' ? undefined : Number(pick));
  }
  return merged;
}
