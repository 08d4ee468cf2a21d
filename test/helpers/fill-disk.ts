// A real file system that fails writes the way a full disk does: a small tmpfs filled to the last
// page by a filler file (every write that needs a new page then fails with ENOSPC, in the kernel),
// and given its room back by removing the filler. Mounting needs root (CAP_SYS_ADMIN). Used by the
// tests (test/helpers/tmpfs.ts) and by the soak (scripts/soak.ts), so it knows nothing of vitest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why a tmpfs cannot be mounted here (not root, a container without CAP_SYS_ADMIN); undefined when it can. */
export function whyNoMount(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'accountpool-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir]);
    return undefined;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mounts a new tmpfs of `kb` KiB at the (empty) folder `dir`. */
export function mountTmpfs(dir: string, kb: number): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k,mode=0700`, 'tmpfs', dir]);
}

let fillers = 0;

/**
 * Fills the file system of `dir` to the last page (a file of 64 KiB writes, then single bytes
 * until the kernel says ENOSPC), then gives back `leaveKb` (whole 4 KiB pages). Returns what
 * gives the rest of the room back.
 */
export async function fillUp(dir: string, leaveKb = 0): Promise<() => Promise<void>> {
  const filler = join(dir, `filler-${process.pid}-${fillers++}`);
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

