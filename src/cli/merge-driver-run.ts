// The merge driver's own entry: what bin/accountpool.js runs for `accountpool merge-driver ...`,
// the command line git runs once per file changed on both sides of each commit a rebase, merge
// or cherry-pick replays (hundreds in a sync across a reshard at 1,000,000 accounts). The build
// makes it one file (scripts/build.mjs DRIVER_BUNDLE) holding only the driver's code: no command
// list, no chunk imports (Node's ES module loader costs about a millisecond per file), so a
// driver's start costs ~50 ms of CPU less than through the CLI's entry (docs/scale-log.md, stop 50).
// It answers exactly as `main` does for the same arguments (run-command.ts).
import { mergeDriver } from '../commands/merge-driver.js';
import { processContext } from './process-context.js';
import { runCommand } from './run-command.js';
import { optimiseLater } from './tier-up.js';
import { exitWhenDone } from './exit-when-done.js';

// As main.ts does for a command that ends by itself, before any of the driver's code runs.
optimiseLater();
// process.argv: node, bin/accountpool.js, `merge-driver`, then the driver's arguments.
process.exitCode = await runCommand('merge-driver', mergeDriver, processContext(process.argv.slice(3)));
exitWhenDone();
