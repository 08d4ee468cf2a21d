// allocate's own entry: what bin/accountpool.js runs for `accountpool allocate ...`, as it runs the
// merge driver's (merge-driver-run.ts). Through the CLI's entry an allocation first loaded that
// entry and the ~11 chunks it imports (the command list, the top-level flags, the usage text),
// Node's ES module loader costing about a millisecond of CPU a file, before allocate's own file
// (scripts/build.mjs WHOLE_COMMANDS); here it loads only its own file (docs/scale-log.md, stop 59 A).
// It starts allocate as main.ts starts a command it found (start-command.ts), so both answer alike.
//
// The build makes it CommonJS (scripts/build.mjs ALLOCATE_FILE), which the bin loads with
// `require`: no ES module is loaded in an allocation's process, so Node never starts its ES module
// loader (stop 63 S2). Hence no top-level `await`: the command goes on as a promise.
import { processContext } from './process-context.js';
import { startCommand } from './start-command.js';
import { exitWhenDone } from './exit-when-done.js';

// process.argv: node, bin/accountpool.js, `allocate`, then allocate's arguments. Its entry as the
// command list's (src/commands/index.ts): no optimiseSoon, and a load the build makes allocate's one
// file (its code cache with it), as it does the command list's import. What it throws is an
// unhandled rejection, which Node raises as an uncaught error (exit code 1), as a top-level await did.
const allocate = { load: async () => (await import('../commands/allocate.js')).allocateCommand };
void startCommand('allocate', allocate, processContext(process.argv.slice(3))).then((code) => {
  process.exitCode = code;
  exitWhenDone();
});
