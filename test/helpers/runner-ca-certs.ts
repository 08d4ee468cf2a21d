// The runner's NODE_EXTRA_CA_CERTS kept out of every Node the tests start, kept for npm.
//
// Why: Node 20 reads and parses that file (a machine's whole CA bundle, ~200 KB here) at every
// start, before any of our code: ~35-45 ms of CPU a process (node -e 0: 0.08-0.10 s user with it,
// 0.03-0.04 s without, stop 63). The suite starts Node several hundred times (255 in its 20
// slowest files, most of them git's merge drivers; 61 in test/watch and test/cli), on CI's two
// cores. No
// test connects beyond this machine except npm's install of the packed tarball (package.ts), which
// may reach the registry through a proxy that needs the certificate: it gets it back. The bench
// leaves it out of its commands the same way (bench/run.ts).

/** Where the runner's NODE_EXTRA_CA_CERTS is kept for npm (package.ts). */
export const RUNNER_CA_CERTS = 'ACCOUNTPOOL_TEST_RUNNER_CA_CERTS';

/** Moves NODE_EXTRA_CA_CERTS out of this worker's process.env (once a worker: setup.ts runs for every file). */
export function leaveOutCaCerts(): void {
  const certs = process.env.NODE_EXTRA_CA_CERTS;
  if (certs === undefined) return;
  process.env[RUNNER_CA_CERTS] = certs;
  delete process.env.NODE_EXTRA_CA_CERTS;
}
