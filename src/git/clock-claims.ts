// What `sync` learns about the other hosts' clocks, and what it publishes.
//
// Every commit accountpool makes carries its host's name (clock-host.ts) and that host's clock
// (git's committer date). Right after a fetch, the newest commit of each other host cannot have
// been made later than now: when it is dated more than the tolerance in this host's future, its
// host's clock leads this one by at least that much. This host writes what it saw into its own
// file in clocks/ (clock-files.ts) and commits it with the sync, so every host learns it.
//
// A host that is named, or that names others, writes its file again at each of its syncs, so the
// hosts comparing clocks always have a fresh commit of it to compare: once its clock is fixed,
// the next sync on the others finds nothing wrong, and the finding is gone.
import { git } from './run-git.js';
import { hostNameOf, hostTrailer, HOST_TRAILER, isHostName } from './clock-host.js';
import { CLOCKS_DIR, readClockFiles, writeClockFile, type Lead } from './clock-files.js';
import { CLOCK_TOLERANCE_MS, isFresh } from './clock-verdict.js';

/** How far back the history is searched for each host's newest commit. */
const HISTORY = 500;

/** The other hosts whose newest commit on `head` is dated more than the tolerance after `nowMs`. */
export async function observeLeads(dir: string, head: string, self: string, nowMs: number): Promise<Lead[]> {
  const format = `%H%x1f%ct%x1f%(trailers:key=${HOST_TRAILER},valueonly,separator=%x2c)%x1e`;
  const log = (await git(['log', '--first-parent', `-n${HISTORY}`, `--format=${format}`, head], { cwd: dir })).stdout;
  const newest = new Map<string, { commit: string; dateMs: number }>();
  for (const entry of log.split('\x1e')) {
    const [commit, seconds, hosts] = entry.trim().split('\x1f');
    const host = hosts?.split(',')[0]?.trim();
    // A peer writes its trailers as it likes: a name no clone makes (60 KB long, escapes, `../`) is no
    // host's, and never goes into this host's clock file, which it would bloat past what others read.
    if (!commit || !host || !isHostName(host) || host === self || newest.has(host)) continue;
    newest.set(host, { commit, dateMs: Number(seconds) * 1000 });
  }
  const leads: Lead[] = [];
  for (const [host, { commit, dateMs }] of newest) {
    if (dateMs - nowMs > CLOCK_TOLERANCE_MS) leads.push({ host, seconds: Math.floor((dateMs - nowMs) / 1000), commit: commit.slice(0, 12) });
  }
  return leads.sort((a, b) => (a.host < b.host ? -1 : 1));
}

function sameLeads(a: readonly Lead[], b: readonly Lead[]): boolean {
  return a.length === b.length && a.every((lead, i) => lead.host === b[i]!.host && Math.abs(lead.seconds - b[i]!.seconds) * 1000 <= CLOCK_TOLERANCE_MS);
}

/**
 * Writes and commits this host's file when what it saw changed, or (once per sync) when it takes
 * part in a disagreement. True when it made a commit.
 */
export async function publishLeads(dir: string, leads: readonly Lead[], now: Date, alreadyThisSync: boolean): Promise<boolean> {
  const self = await hostNameOf(dir);
  const files = await readClockFiles(dir);
  const mine = files.find((f) => f.host === self);
  const named = files.some((f) => f.host !== self && isFresh(f, now) && f.ahead.some((l) => l.host === self));
  const changed = !sameLeads(mine?.ahead ?? [], leads);
  if (!changed && (alreadyThisSync || !(named || leads.length > 0))) return false;
  await writeClockFile(dir, { host: self, checked_at: now.toISOString(), ahead: [...leads] });
  const subject =
    leads.length > 0
      ? `clocks: ${self} sees ${leads.map((l) => l.host).join(', ')} dated in its future`
      : named
        ? `clocks: ${self} checks in (named by another host)`
        : `clocks: ${self} sees no clock ahead of its own`;
  const path = `${CLOCKS_DIR}/${self}.yaml`;
  await git(['add', '--', path], { cwd: dir });
  await git(['commit', '--quiet', '-m', subject, ...(await hostTrailer(dir)), '--', path], { cwd: dir });
  return true;
}
