// V8 optimises a function (TurboFan, on its background threads) once it has run a budget of
// bytecode. Most of our commands live well under a second: at the default budget an allocation
// at 10,000 or 100,000 accounts spent ~0.2 s of CPU compiling functions it then ran a few times
// more before exiting (perf, stop 43: the V8 worker threads' compiler frames), about as much as
// the allocation's own transaction took on the main thread. A budget 8 times larger leaves that
// code to the baseline tiers and still optimises what runs long (a million-line import's loops):
// 12-24 % less CPU for an allocation at 10,000 to 1,000,000 accounts (docs/scale-log.md, stop 43).
//
// Set at run time, as collect-garbage.ts sets --expose-gc: `#!/usr/bin/env node` gives no
// command line to Node. main.ts sets it before the command's code is loaded, so all of that code
// runs under it; not for the commands whose compiles pay (`optimiseSoon` in the command list):
// those that run until stopped (serve, watch, dashboard), and import, whose readers and merge
// loop over every line of a dump: under the larger budget those loops ran longer in the
// baseline tiers, on the main thread, and a 100,000-line import took ~11-13 % more main-thread
// CPU (what its wall time follows on a quiet machine), stop 42's import again without it
// (docs/scale-log.md, stop 44).
import { setFlagsFromString } from 'node:v8';

/** Node 20's V8 default (`node --v8-options`: --interrupt-budget=67584), times 8. */
export const INTERRUPT_BUDGET = 8 * 67_584;

/** Raises V8's tier-up budget for this process (a V8 that refuses the flag: nothing changes). */
export function optimiseLater(): void {
  try {
    setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  } catch {
    // Not thrown by Node 20-24's V8 (an unknown flag is reported on stderr and ignored); kept for a stricter one.
  }
}
