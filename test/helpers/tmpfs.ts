// Real file systems that fail writes the way a full disk or a read-only mount does, for the tests
// of what the pool does then: a small tmpfs that a filler file fills up (every write needing a new
// page then fails with ENOSPC, in the kernel, as on a full disk), and a read-only bind mount.
// Mounting needs root (CAP_SYS_ADMIN); where it is not permitted the tests that need it are
// skipped, and `mountSkipReason` says why.
import { afterEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mounted: string[] = [];
const made: string[] = [];

afterEach(async () => {
  // Lazily: a process the test started may still hold a file there for a moment.
  for (const dir of mounted.splice(0).reverse()) execFileSync('umount', ['-l', dir]);
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function probe(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'accountpool-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir]);
    return undefined;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()}); run the tests as root to include these`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Why the mount tests are skipped; undefined when they run. */
export const mountSkipReason = probe();
if (mountSkipReason) console.warn(`skipping the tests that need a mount: ${mountSkipReason}`);

async function mountPoint(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'accountpool-mount-'));
  made.push(dir);
  return dir;
}

/** A new tmpfs of `kb` KiB, unmounted after the test. */
export async function smallDisk(kb = 1024): Promise<string> {
  const dir = await mountPoint();
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k,mode=0700`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

/**
 * Fills the file system of `dir` to the last page (a file of 64 KiB writes, then single bytes
 * until the kernel says ENOSPC), then gives back `leaveKb` (whole 4 KiB pages). Returns what
 * gives the rest of the room back.
 */
export async function fillUp(dir: string, leaveKb = 0): Promise<() => Promise<void>> {
  const filler = join(dir, `filler-${made.length}-${Date.now()}`);
  const handle = await open(filler, 'wx');
  try {
    for (const size of [65536, 1]) {
      const chunk = Buffer.alloc(size, 0x78);
      for (;;) {
        const written = await handle.write(chunk).then(
          (r) => r.bytesWritten,
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOSPC') throw error;
            return 0;
          },
        );
        if (written === 0) break;
      }
    }
    if (leaveKb > 0) await handle.truncate((await handle.stat()).size - leaveKb * 1024);
  } finally {
    await handle.close();
  }
  return () => unlink(filler);
}

/** A read-only view of `dir` (a read-only bind mount), unmounted after the test. */
export async function readOnlyView(dir: string): Promise<string> {
  const view = await mountPoint();
  execFileSync('mount', ['--bind', dir, view]);
  mounted.push(view);
  execFileSync('mount', ['-o', 'remount,bind,ro', view]);
  return view;
}
