// Real file systems that fail writes, for the tests of what the pool does then: a small tmpfs to
// fill up (fill-disk.ts) and a read-only bind mount, unmounted after each test. Mounting needs
// root (CAP_SYS_ADMIN); where it is not permitted the tests that need it are skipped, and
// `mountSkipReason` says why.
import { afterEveryTest } from './cleanup.js';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountTmpfs, whyNoMount } from './fill-disk.js';

export { fillUp } from './fill-disk.js';

const mounted: string[] = [];
const made: string[] = [];

afterEveryTest(async () => {
  // Lazily: a process the test started may still hold a file there for a moment.
  for (const dir of mounted.splice(0).reverse()) execFileSync('umount', ['-l', dir]);
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Why the mount tests are skipped; undefined when they run. */
export const mountSkipReason = whyNoMount();
if (mountSkipReason) console.warn(`skipping the tests that need a mount: ${mountSkipReason}; run them as root to include them`);

async function mountPoint(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'accountpool-mount-'));
  made.push(dir);
  return dir;
}

/** A new tmpfs of `kb` KiB, unmounted after the test. */
export async function smallDisk(kb = 1024): Promise<string> {
  const dir = await mountPoint();
  mountTmpfs(dir, kb);
  mounted.push(dir);
  return dir;
}

/** A read-only view of `dir` (a read-only bind mount), unmounted after the test. */
export async function readOnlyView(dir: string): Promise<string> {
  const view = await mountPoint();
  execFileSync('mount', ['--bind', dir, view]);
  mounted.push(view);
  execFileSync('mount', ['-o', 'remount,bind,ro', view]);
  return view;
}
