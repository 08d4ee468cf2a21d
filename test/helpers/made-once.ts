// A folder made once per test run, by whichever worker asks first, and used read-only by every
// worker after (stop 60: the git tests' templates, test/git/helpers.ts). Until then each of CI's
// three workers made its own copy of the same template: an init --git, an import, a first sync and
// up to three clones each set up with init --git, ~4 s of CPU and ~50 processes a worker, made
// again by the second and third worker as each starts its first git file.
//
// The worker that asks first takes a lock (a file made with O_EXCL, holding its pid), makes the
// folder under another name and renames it into place: a folder at the final name is always
// whole. The others poll for it. A lock whose process is gone (a worker ended mid-make) is taken
// over; a make that fails removes its lock and half-made folder, and the next to ask makes it again.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A make longer than this (an init, an import and a sync at CI's load take ~10 s) is taken for a hang. */
const WAIT_MS = 180_000;
const POLL_MS = 25;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops a lock whose maker is no longer running (true when dropped or already gone). */
async function dropIfStale(lock: string): Promise<boolean> {
  const text = await readFile(lock, 'utf8').catch(() => undefined);
  if (text === undefined) return true; // released since
  const pid = Number(text);
  // An empty file: its maker is between creating and writing it.
  if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) return false;
  await rm(lock, { force: true });
  return true;
}

/**
 * `dir`, made by `make` (given the folder to fill, empty) unless a worker of this run made it
 * already; waits while another worker makes it.
 */
export async function madeOnce(dir: string, make: (into: string) => Promise<void>): Promise<string> {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (existsSync(dir)) return dir;
    let mine = false;
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      mine = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (mine) {
      const into = `${dir}.making`;
      try {
        if (existsSync(dir)) return dir; // made and released between the check and the lock
        await rm(into, { recursive: true, force: true }); // left by a maker that ended mid-make
        await mkdir(into);
        await make(into);
        await rename(into, dir);
        return dir;
      } catch (error) {
        await rm(into, { recursive: true, force: true });
        throw error;
      } finally {
        await rm(lock, { force: true });
      }
    }
    if (await dropIfStale(lock)) continue;
    if (Date.now() > deadline) throw new Error(`${dir}: another worker has been making it for ${WAIT_MS / 1000} s (${lock})`);
    await sleep(POLL_MS);
  }
}
