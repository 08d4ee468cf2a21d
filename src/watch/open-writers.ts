// A dump still open for writing by another process: a seller's upload (sftp, scp, a script that
// writes and pauses) that paused longer than the settle time looked finished, was imported half
// and moved to imported/, and the rest the writer wrote then went into the moved file, never
// imported. Before a file is read, the processes this user may look at (/proc/PID/fd, as `fuser`
// and lsof do) are asked whether one holds it open for writing (fdinfo's flags: O_WRONLY or
// O_RDWR); then it waits. Another user's processes cannot be looked at without root: for those
// the settle time alone still decides (docs/inbox.md).
//
// Looking means a stat of every open descriptor of every process: on a busy host (180 processes,
// ~2,000 descriptors) 27 ms of CPU, once per file it cost a 200-file drop most of its time
// (docs/scale-log.md, stop 49 W). So /proc is walked once and the walk kept (which process holds
// which file, by device and inode), and a file is asked of it while the walk still tells the
// truth about that file:
//   - the file has not changed since the walk began (its ctime, which a write, a truncation, a
//     rename in and utimes all move, and which no process can set back, is older). A writer that
//     wrote what the file holds now had it open before the walk, so if it holds it still, the walk
//     saw it; a file written (or created) since is looked for in a new walk;
//   - the walk is at most KEPT_MS old. What the kept walk cannot see is a process that opened
//     the file after it and has written nothing yet: what it writes later is caught as before by
//     the checks after reading (the file changed during its import: imported again once settled;
//     after filing: read again from imported/, written-after-filing.ts). A check per file left
//     the same gap, only narrower (between the check and the read); this bounds it to KEPT_MS.
// The few descriptors the walk found on the file are looked at again when asked (stat and flags
// now), so a writer that closed meanwhile does not hold the file back.
import { readdirSync, readFileSync, statSync } from 'node:fs';

/** The access mode bits of an open file's flags (O_ACCMODE): 0 is O_RDONLY. */
const ACCMODE = 3;
/** How long one walk of /proc answers for files unchanged since it began. */
const KEPT_MS = 2000;
/**
 * A file's ctime comes from the kernel's coarse clock, up to a tick (1-10 ms) behind the clock
 * Date.now() reads: a file changed just after a walk began can show a ctime just before it.
 */
const TICK_MS = 50;

interface Held {
  pid: string;
  fd: string;
}

interface Walk {
  /** Date.now() before the first process was listed. */
  began: number;
  /** Date.now() when the last was. */
  ended: number;
  /** `dev:ino` -> the descriptors (of other processes) open on that file. */
  files: Map<string, Held[]>;
}

const key = (dev: number, ino: number) => `${dev}:${ino}`;

function flagsOf(pid: string, fd: string): number | undefined {
  try {
    const match = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'latin1'));
    return match ? parseInt(match[1]!, 8) : undefined;
  } catch {
    return undefined; // closed meanwhile
  }
}

function commandOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** What `/proc/PID/fd/FD` is open on now, as `dev:ino`; undefined when closed or not to be looked at. */
function fileOf(pid: string, fd: string): string | undefined {
  try {
    const info = statSync(`/proc/${pid}/fd/${fd}`, { throwIfNoEntry: false });
    return info ? key(info.dev, info.ino) : undefined;
  } catch {
    return undefined; // a socket's or a pipe's magic link, or a file this user may not stat
  }
}

/** Every descriptor of every other process this user may look at; undefined without /proc. */
function walkProc(): Walk | undefined {
  const began = Date.now();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name) && name !== String(process.pid));
  } catch {
    return undefined;
  }
  const files = new Map<string, Held[]>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      const file = fileOf(pid, fd);
      if (file === undefined) continue;
      const held = files.get(file);
      if (held) held.push({ pid, fd });
      else files.set(file, [{ pid, fd }]);
    }
  }
  return { began, ended: Date.now(), files };
}

/** Who holds inbox files open for writing; one per watcher run (run.ts), asked once per file about to be read. */
export class OpenWriters {
  private walk: Walk | undefined;
  /** How many times /proc was walked (what the check costs). */
  walks = 0;

  /**
   * Another process holding the file `dev`:`ino` open for writing, as `NAME (PID N)`; undefined
   * when none that this user may look at does, or without /proc. `ctimeMs`: the file's, as just
   * looked at (lstat), to tell whether the kept walk still answers for it.
   */
  holding(file: { dev: number; ino: number; ctimeMs: number }): string | undefined {
    const now = Date.now();
    const walk = this.walk;
    if (walk === undefined || now - walk.ended > KEPT_MS || now < walk.began || file.ctimeMs >= walk.began - TICK_MS) {
      this.walk = walkProc();
      this.walks++;
    }
    const wanted = key(file.dev, file.ino);
    for (const { pid, fd } of this.walk?.files.get(wanted) ?? []) {
      if (fileOf(pid, fd) !== wanted) continue; // closed, or now open on another file
      const flags = flagsOf(pid, fd);
      if (flags !== undefined && (flags & ACCMODE) !== 0) return `${commandOf(pid)} (PID ${pid})`;
    }
    return undefined;
  }
}
