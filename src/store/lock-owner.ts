// Who holds a lock, told apart from whoever has that PID now.
//
// A PID names a process only while it lives: after a container restart (a new PID namespace, the
// same host name) or a reboot, the PID in an old owner file belongs to someone else, and
// `kill(pid, 0)` happily says "alive". PostgreSQL's postmaster.pid meets the same problem
// (CreateLockFile in src/backend/utils/init/miscinit.c). So an owner records what names one
// process for the machine's uptime: its PID with its start time (field 22 of /proc/PID/stat, in
// clock ticks since boot), the boot id (/proc/sys/kernel/random/boot_id) and the PID namespace
// the PID is counted in (/proc/self/ns/pid). An owner is then
//   - alive: same host, boot and namespace, and the process with that PID started at that time;
//   - dead:  same host, boot and namespace, and no process has that PID, or one that started at
//            another time (the PID was reused);
//   - unknown: another host, boot or namespace (its PIDs cannot be looked at from here), or an
//            owner file without a start time (older versions, systems without /proc) whose PID is
//            taken. The lock then goes by its refresh: proper-lockfile touches it every second
//            while its owner lives, so one left alone for its stale time is dead.
// PIDs that are not positive whole numbers (0 and -1 mean "my process group" and "every process"
// to kill()) name no owner at all and are never passed to kill().
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { createHash } from 'node:crypto';

export interface Identity {
  pid: number;
  host: string;
  /** Start time of the process, field 22 of /proc/PID/stat (absent where there is no /proc). */
  start?: string;
  /** /proc/sys/kernel/random/boot_id: the start time counts from this boot. */
  boot?: string;
  /** The PID namespace `pid` is counted in, as /proc/self/ns/pid names it (`pid:[4026531836]`). */
  pidns?: string;
}

export type Liveness = 'alive' | 'dead' | 'unknown';

/** Field 22 of /proc/PID/stat; undefined when there is no such process; null when /proc cannot tell. */
export function startTimeOf(pid: number): string | undefined | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  // Field 2 is the command name in parentheses and may hold spaces and `)`: count after the last `)`.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return fields[22 - 3] ?? null;
}

function readProc(read: () => string): string | undefined {
  try {
    return read().trim() || undefined;
  } catch {
    return undefined;
  }
}

let self: Identity | undefined;

/** This process, as an owner file records it. */
export function ownIdentity(): Identity {
  if (!self) {
    const start = startTimeOf(process.pid) ?? undefined;
    self = { pid: process.pid, host: hostname() };
    // All three or none: a start time means nothing without the boot and namespace it counts in.
    const boot = readProc(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
    const pidns = readProc(() => readlinkSync('/proc/self/ns/pid'));
    if (start && boot && pidns) Object.assign(self, { start, boot, pidns });
  }
  return self;
}

export function isValidPid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0;
}

/** An owner file's text as an Identity (extra fields kept); undefined when it names no usable owner. */
export function parseIdentity<T extends object = object>(text: string): (Identity & Partial<T>) | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const owner = value as Partial<Identity> | null;
  if (!owner || typeof owner !== 'object' || !isValidPid(owner.pid) || typeof owner.host !== 'string') return undefined;
  for (const key of ['start', 'boot', 'pidns'] as const) if (owner[key] !== undefined && typeof owner[key] !== 'string') return undefined;
  return owner as Identity & Partial<T>;
}

export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `owner` still runs (see the top of this file). */
export function livenessOf(owner: Identity): Liveness {
  const me = ownIdentity();
  if (owner.host !== me.host) return 'unknown';
  if (owner.start !== undefined) {
    if (me.start === undefined || owner.boot !== me.boot || owner.pidns !== me.pidns) return 'unknown';
    const now = startTimeOf(owner.pid);
    if (now === null) return 'unknown';
    return now === owner.start ? 'alive' : 'dead';
  }
  // An owner file of an older version: the PID alone, and a taken PID may be anyone's.
  return pidExists(owner.pid) ? 'unknown' : 'dead';
}

/** `pid 1234 on host`, for messages. */
export function describeOwner(owner: Identity): string {
  return `pid ${owner.pid} on ${owner.host}`;
}

/**
 * `, which is stopped ...` when `owner` runs on this machine but is stopped (Ctrl-Z, SIGSTOP, a
 * debugger: state T or t in /proc/PID/stat), else ''. A live owner is never broken, so a stopped
 * one keeps the pool busy until it is let go on: the operator needs to know which and how.
 */
export function stoppedNote(owner: Identity): string {
  if (livenessOf(owner) !== 'alive') return '';
  let state: string | undefined;
  try {
    const text = readFileSync(`/proc/${owner.pid}/stat`, 'utf8');
    state = text.slice(text.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return '';
  }
  return state === 'T' || state === 't' ? `, which is stopped by Ctrl-Z, SIGSTOP or a debugger and is never taken over: \`kill -CONT ${owner.pid}\` lets it finish` : '';
}

/** Host, boot and PID namespace in 12 hex digits: the same digits mean the PID can be looked at here. */
function placeOf(owner: Identity): string {
  return createHash('sha1').update(`${owner.host}\n${owner.boot}\n${owner.pidns}`).digest('hex').slice(0, 12);
}

/**
 * This process as a file name (`PID-START-PLACE`), for the moment an owner file is being written:
 * its temp file is named by it, so a process killed before the owner file was whole is still
 * known (dead at once) instead of being waited out. Undefined where there is no start time.
 */
export function identityTag(owner: Identity = ownIdentity()): string | undefined {
  return owner.start === undefined ? undefined : `${owner.pid}-${owner.start}-${placeOf(owner)}`;
}

/** Whether the process a tag names still runs; `unknown` for another place or a tag that is not one. */
export function livenessOfTag(tag: string): Liveness {
  const match = /^(\d{1,10})-(\d{1,20})-([0-9a-f]{12})$/.exec(tag);
  const me = ownIdentity();
  if (!match || me.start === undefined || match[3] !== placeOf(me)) return 'unknown';
  const pid = Number(match[1]);
  if (!isValidPid(pid)) return 'unknown';
  const now = startTimeOf(pid);
  if (now === null) return 'unknown';
  return now === match[2] ? 'alive' : 'dead';
}
