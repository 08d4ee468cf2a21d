// A home of the test run's own for every vitest worker: HOME and the XDG folders point into a temp
// folder the run makes (test/helpers/global-setup.ts) and removes after it, set once in the
// worker's process.env (test/helpers/setup.ts), so the code the tests run in the worker and every
// process they start (runCli, startCli, the spawner's children, git's hooks and merge drivers)
// writes there and never in the runner's own home. What wrote there before stop 58: the code cache
// of allocate and import (~/.cache/accountpool/code, ~0.5-1.2 MB a build: src/cli/code-cache.ts),
// the cache-seal key (~/.local/state/accountpool: src/seal-key.ts; a test's key then sealed the
// caches of the developer's own pools), fish's history and config, chromium's profile.
// A test that sets HOME or an XDG variable for its child keeps its own (runCli's `env` goes over
// process.env). npm keeps the runner's home (test/helpers/package.ts): its config and its cache are
// what let `npm install` of the packed tarball run offline.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

/** Where the runner's own HOME is kept for npm (package.ts). */
export const RUNNER_HOME = 'ACCOUNTPOOL_TEST_RUNNER_HOME';

/**
 * Points this worker's HOME and the XDG Base Directory spec's folders into a new folder under
 * `homes` (once a worker: setup.ts runs for every file). The XDG ones too: where the runner sets
 * them (a desktop session), they and not HOME say where a program writes.
 */
export function useTestHome(homes: string): void {
  if (process.env.HOME?.startsWith(`${homes}/`)) return;
  const home = mkdtempSync(join(homes, 'worker-'));
  if (process.env.HOME) process.env[RUNNER_HOME] = process.env.HOME;
  process.env.HOME = home;
  process.env.XDG_CACHE_HOME = join(home, '.cache');
  process.env.XDG_STATE_HOME = join(home, '.local', 'state');
  process.env.XDG_CONFIG_HOME = join(home, '.config');
  process.env.XDG_DATA_HOME = join(home, '.local', 'share');
}
