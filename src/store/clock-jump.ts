// A jump of this host's clock (`date -s`, NTP stepping a clock that was days off, a VM resumed
// with a stale clock, a process under faketime) between two transactions on one boot.
//
// Holds and rests are dated by the wall clock that wrote them and end at the wall clock that
// reads them. A clock that jumps 40 days forward sees every scanner's lease as over and hands
// those accounts to a second scanner; one that jumps back finds holds and cool-downs dated in its
// future, and they block their accounts for as long as the jump was. The kernel's boot-time
// clock (/proc/uptime) does not jump: it counts the real time between two transactions of one
// boot. So each transaction compares the time the wall clock says has passed since the pool's
// marker with the time that really passed; where they differ by more than drift explains, the
// clock jumped by the difference, and every hold and rest in force is re-dated by it in the same
// commit as the new marker (all or nothing): each then ends after the real time it was given,
// in the new clock's terms. Across a reboot nothing tells a jump from real time (the marker of
// another boot only starts a new one): there, records dated in the future are named by status.
//
// The marker lives in .cache/ (host-only, never committed): another host has another boot and
// other clocks, and only starts its own marker.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Account } from '../model.js';
import { readOwnFile } from './own-file.js';
import { sealsLast, sealText, unsealText, unverifiedBody } from '../cache-seal.js';
import { writeFileAtomicSync } from './atomic-write.js';

/** What a marker holds: the boot, the real time since it (s), and the wall clock then (ms). */
export interface ClockMarker {
  boot: string;
  uptime: number;
  wall: number;
  /**
   * How far (ms) a pool shared through git measured this clock set back, and not yet forward
   * again nor cleared by a sync (see `setBack`): kept across markers and boots.
   */
  back?: number;
}

/** Within this, wall and boot clocks agree (NTP slews at most 0.05 %, plus a few minutes of slack). */
const SLACK_MS = 2 * 60_000;
const DRIFT = 0.001;
/** A marker older than this (in real time) is written again, so drift is measured over a short span. */
const REFRESH_MS = 3600_000;

/** The boot this process runs in (read once: it cannot change under a running process). */
let thisBoot: string | undefined;
/**
 * How far this process's time namespace moves the boot clock (`unshare --time`, a restored
 * checkpoint): /proc/uptime is read through it, so two processes of one boot in different
 * namespaces would see a jump that is none. Read once, as the boot.
 */
let bootOffset: number | undefined;

function timeNamespaceOffset(): number {
  try {
    const line = /^boottime\s+(-?\d+)\s+(\d+)/m.exec(readFileSync('/proc/self/timens_offsets', 'utf8'));
    return line ? Number(line[1]) + Number(line[2]) / 1e9 : 0;
  } catch {
    return 0; // a kernel without time namespaces
  }
}

/** This boot and the real time since it, or undefined where /proc does not say (then nothing is detected). */
export function bootClock(): { boot: string; uptime: number } | undefined {
  try {
    const boot = (thisBoot ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    // /proc/uptime counts boot time (suspended time included); libfaketime does not move it.
    const uptime = Number.parseFloat(readFileSync('/proc/uptime', 'utf8')) - (bootOffset ??= timeNamespaceOffset());
    return boot && Number.isFinite(uptime) ? { boot, uptime } : undefined;
  } catch {
    return undefined;
  }
}

export interface ClockReading {
  /** The marker to write: with the re-dating when `jump` is set, else on its own (undefined: keep the one there). */
  marker?: ClockMarker;
  /** How far the wall clock jumped (ms, negative: back) since the marker, and when, by the marker's clock, it now is. */
  jump?: { by: number; expected: number };
  /**
   * A process with no key of the host's (seal-key.ts) cannot believe the marker, so it may not
   * re-date anything by it (a forged marker would re-date every hold back, over); but the keyed
   * marker read unverified showing a jump is reason enough to write nothing: how far (ms).
   * Acting on a jump it could not measure, it handed out 40 days ahead every account others held.
   */
  unverifiedJump?: number;
  /** The marker that showed `unverifiedJump` (the keyed one, or the keyless processes' own). */
  unverifiedFile?: string;
  /** A keyless process's marker to write on its own (keylessMarkerFile), when due. */
  keylessMarker?: ClockMarker;
}

/**
 * The keyless processes' own marker, beside the keyed one: a pool only processes with no seal key
 * write (a cron job with no HOME) had no marker at all, so a clock 40 days ahead went unseen there
 * and every lease read as over. Written in the clear (no key to seal it with), so it is only ever
 * a reason to write nothing, never a measure to re-date by: a forged one can stop this pool's
 * writes until removed, as whoever may write the pool folder can anyway, never hand an account out.
 */
export function keylessMarkerFile(file: string): string {
  return file.replace(/(\.json)?$/, '.keyless.json');
}

/** Of markers read unverified, the latest of this boot (the one that last saw the clock), or undefined. */
function latestOfBoot(markers: readonly { marker: ClockMarker | undefined; file: string }[], boot: { boot: string; uptime: number }): { marker: ClockMarker; file: string } | undefined {
  let latest: { marker: ClockMarker; file: string } | undefined;
  for (const { marker, file } of markers) {
    if (!marker || marker.boot !== boot.boot || boot.uptime < marker.uptime) continue;
    if (!latest || marker.uptime > latest.marker.uptime) latest = { marker, file };
  }
  return latest;
}

/** Compares the wall clock `now` with the boot clock against the marker at `file`. */
export async function readClock(file: string, now: Date, boot = bootClock()): Promise<ClockReading> {
  if (!boot) return {};
  const text = await readOwnFile(file, 4096);
  const old = parseMarker(unsealText(text));
  const keyless = keylessMarkerFile(file);
  const readKeyless = async () => ({ marker: parseMarker(await readOwnFile(keyless, 4096)), file: keyless });
  const fresh: ClockMarker = { boot: boot.boot, uptime: boot.uptime, wall: now.getTime() };
  if (!old && !sealsLast()) {
    // The keyed marker read unverified, or the keyless processes' own, whichever saw the clock last.
    const seen = latestOfBoot([{ marker: parseMarker(unverifiedBody(text)), file }, await readKeyless()], boot);
    const by = seen && jumpSince(seen.marker, boot, now);
    if (by !== undefined) return { unverifiedJump: by, unverifiedFile: seen!.file };
    return !seen || (boot.uptime - seen.marker.uptime) * 1000 > REFRESH_MS ? { keylessMarker: fresh } : {};
  }
  const marker: ClockMarker = { ...fresh, ...(old?.back ? { back: old.back } : {}) };
  if (!old || old.boot !== boot.boot || boot.uptime < old.uptime) {
    // No marker of this boot a keyed process believes: a jump the keyless processes' marker saw
    // since cannot be measured for re-dating, so it too is reason to write nothing.
    const seen = latestOfBoot([await readKeyless()], boot);
    const by = seen && jumpSince(seen.marker, boot, now);
    return by === undefined ? { marker } : { unverifiedJump: by, unverifiedFile: keyless };
  }
  const by = jumpSince(old, boot, now);
  if (by !== undefined) {
    // Set forward again, a clock measured set back is that much less behind.
    if (marker.back !== undefined && by > 0) {
      if (marker.back - by > SLACK_MS) marker.back -= by;
      else delete marker.back;
    }
    return { marker, jump: { by, expected: marker.wall - by } };
  }
  return (boot.uptime - old.uptime) * 1000 > REFRESH_MS ? { marker } : {};
}

/** How far (ms) the wall clock `now` jumped since `marker`, beyond drift; undefined when it did not or cannot be told (another boot). */
function jumpSince(marker: ClockMarker, boot: { boot: string; uptime: number }, now: Date): number | undefined {
  if (marker.boot !== boot.boot || boot.uptime < marker.uptime) return undefined;
  const real = (boot.uptime - marker.uptime) * 1000;
  const by = now.getTime() - (marker.wall + real);
  return Math.abs(by) > SLACK_MS + DRIFT * real ? by : undefined;
}

function parseMarker(text: string | undefined): ClockMarker | undefined {
  try {
    const m = JSON.parse(text ?? 'null') as Partial<ClockMarker> | null;
    if (!m || typeof m.boot !== 'string' || !Number.isFinite(m.uptime) || !Number.isFinite(m.wall)) return undefined;
    // A `back` that is not a positive number counts as a clock set back very far: the safe side.
    if (m.back !== undefined && !(typeof m.back === 'number' && m.back > 0)) m.back = Number.MAX_SAFE_INTEGER;
    return m as ClockMarker;
  } catch {
    return undefined;
  }
}

/**
 * How far (ms) this host's clock is set back (undefined: not beyond drift): as a pool shared
 * through git recorded it (`redated` moves no other host's record for it), plus a jump back `now`
 * shows that no transaction has seen yet. The holds and rests it writes are dated that far in the
 * past, and other hosts count one at most two days past its written end (src/git/clock-sightings.ts):
 * beyond that, they would take them for long over. Reads only.
 */
export async function clockSetBack(file: string, now: Date, boot = bootClock()): Promise<number | undefined> {
  const reading = await readClock(file, now, boot);
  const recorded = reading.marker ? reading.marker.back : parseMarker(unsealText(await readOwnFile(file, 4096)))?.back;
  const by = reading.jump?.by ?? 0;
  const back = (recorded ?? 0) + (by < 0 ? -by : 0);
  return back > SLACK_MS ? back : undefined;
}

/**
 * Forgets that this clock was set back: a sync found no other host's clock ahead of it, so it is
 * not behind theirs. A jump back not yet seen is taken as the new marker (on a pool shared through
 * git it re-dates nothing); a jump forward not yet seen is left for the next transaction to re-date.
 */
export async function forgetSetBack(file: string, now: Date, boot = bootClock()): Promise<void> {
  const old = parseMarker(unsealText(await readOwnFile(file, 4096)));
  if (!old) return;
  const reading = await readClock(file, now, boot);
  const forward = reading.jump !== undefined && reading.jump.by > 0;
  if (!(old.back !== undefined || (reading.jump && !forward))) return;
  const { boot: b, uptime, wall } = reading.marker && !forward ? reading.marker : old;
  saveMarker(file, { boot: b, uptime, wall });
}

/**
 * Sealed (cache-seal.ts): a marker edited to read 40 days ahead, with this boot and the boot clock
 * of now, was taken for a clock set back 40 days, and every hold in force was re-dated 40 days
 * back, over: the next allocate handed another instance's 30 accounts out again. An edited marker
 * is none: a new one is started and nothing is re-dated.
 */
export function markerText(marker: ClockMarker): string {
  return sealText(`${JSON.stringify(marker)}\n`);
}

/** Writes the marker on its own (no jump: nothing else depends on it). */
export function saveMarker(file: string, marker: ClockMarker): void {
  // A process without a key of the host's reads no marker (every one is another's seal to it), so
  // it detects no jump and writes none: the marker a keyed process made, and what it remembers of
  // a clock set back (`back`), are left for the next keyed process (seal-key.ts).
  if (!sealsLast()) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomicSync(file, markerText(marker));
}

/** A keyless process's marker, in the clear (keylessMarkerFile); keyed processes write the sealed one. */
export function saveKeylessMarker(file: string, marker: ClockMarker): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomicSync(keylessMarkerFile(file), `${JSON.stringify(marker)}\n`);
}

const TIMES = ['allocated_at', 'state_at', 'held_until', 'available_at'] as const;
const ENDS = ['held_until', 'available_at'] as const;

/**
 * The account re-dated by `by` ms when a hold or rest of it was in force at the moment of the
 * jump (it ends after `from`, the earlier of the clock's readings before and after, and began no
 * later than `before`, the reading before): each of
 * its times moves, so it ends after the real time it was given and its dates stay in order.
 * Undefined when nothing of it is in force. `lengthenOnly` (a pool shared through git): it holds
 * other hosts' records, dated by their clocks, which a jump of this host's clock says nothing
 * about, and merges order a hold or verdict by its `allocated_at` or `state_at`: only a jump
 * forward re-dates, and only the ends (a hold or rest made longer is safe; a date moved would
 * win merges against another host's newer record).
 */
export function redated(account: Account, by: number, from: string, before: string, lengthenOnly: boolean): Account | undefined {
  if (lengthenOnly && by < 0) return undefined;
  // Dated after `before` (the jumping clock's reading just before the jump), a hold or verdict was
  // not dated by that clock but by one ahead of it (this host's, right, before a reboot that came
  // up with the clock wrong): it is in some other clock's terms, and stays as dated.
  const hold = account.holder !== undefined && account.held_until !== undefined && account.held_until > from && !(account.allocated_at !== undefined && account.allocated_at > before);
  const rest = account.available_at !== undefined && account.available_at > from && !(account.state_at !== undefined && account.state_at > before);
  const inForce = hold || rest;
  if (!inForce) return undefined;
  const moved: Account = { ...account };
  for (const field of lengthenOnly ? ENDS : TIMES) {
    const value = account[field];
    if (value !== undefined) moved[field] = new Date(Date.parse(value) + by).toISOString();
  }
  return moved;
}

/** 3,456,000,000 ms → "40 d", 46,740,000 → "12 h 59 min" (to the minute). */
export function durationText(ms: number): string {
  const min = Math.round(ms / 60_000);
  const [d, h, m] = [Math.floor(min / 1440), Math.floor(min / 60) % 24, min % 60];
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m || (!d && !h) ? `${m} min` : ''].filter(Boolean);
  return parts.join(' ');
}
