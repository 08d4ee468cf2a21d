// A dump still open for writing by another process: a seller's upload (sftp, scp, a script that
// writes and pauses) that paused longer than the settle time looked finished, was imported half
// and moved to imported/, and the rest the writer wrote then went into the moved file, never
// imported. Before a file is read, the processes this user may look at (/proc/PID/fd, as `fuser`
// and lsof do) are asked whether one holds it open for writing (fdinfo's flags: O_WRONLY or
// O_RDWR); then it waits. Another user's processes cannot be looked at without root: for those
// the settle time alone still decides (docs/inbox.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';

/** The access mode bits of an open file's flags (O_ACCMODE): 0 is O_RDONLY. */
const ACCMODE = 3;

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

/**
 * Another process holding the file `dev`:`ino` open for writing, as `NAME (PID N)`; undefined when
 * none that this user may look at does, or without /proc. Synchronous: a few thousand small system
 * calls, once per file about to be imported.
 */
export function openForWriting(file: { dev: number; ino: number }): string | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name) && name !== String(process.pid));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      let info;
      try {
        info = statSync(`/proc/${pid}/fd/${fd}`, { throwIfNoEntry: false });
      } catch {
        continue; // a socket's or a pipe's magic link, or a file this user may not stat
      }
      if (info?.ino !== file.ino || info.dev !== file.dev) continue;
      const flags = flagsOf(pid, fd);
      if (flags !== undefined && (flags & ACCMODE) !== 0) return `${commandOf(pid)} (PID ${pid})`;
    }
  }
  return undefined;
}
