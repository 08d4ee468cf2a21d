// The own entry of the short commands most often run, `allocate`, `status`, `mark` and `release`: what
// bin/accountpool.js runs for them (COMMANDS below), as it runs the merge driver's
// (merge-driver-run.ts). Through the CLI's entry such a command first loaded that entry and the ~11
// chunks it imports (the command list, the top-level flags, the usage text), Node's ES module loader
// costing about a millisecond of CPU a file, before the command's own file (scripts/build.mjs
// WHOLE_COMMANDS); here it loads only its own file (docs/scale-log.md, stop 59 A; stop 66 S for status,
// S3 for mark and release, which a scanner's hooks run after each verdict and at each stop).
// It starts the command as main.ts starts a command it found (start-command.ts), so both answer alike.
//
// The build makes it CommonJS (scripts/build.mjs COMMAND_FILE), which the bin loads with `require`:
// no ES module is loaded in such a command's process, so Node never starts its ES module loader
// (stop 63 S2). Hence no top-level `await`: the command goes on as a promise.
import type { CommandEntry } from './context.js';
import { processContext } from './process-context.js';
import { startCommand } from './start-command.js';
import { exitWhenDone } from './exit-when-done.js';

/**
 * The commands this entry runs, each as the command list has it (src/commands/index.ts): no
 * optimiseSoon, and a load the build makes the command's one file with its code cache (each
 * `import()` a `require` run on first use, so only the command run is loaded). bin/accountpool.js
 * names the same commands.
 */
const COMMANDS: Record<string, Pick<CommandEntry, 'load'>> = {
  allocate: { load: async () => (await import('../commands/allocate.js')).allocateCommand },
  status: { load: async () => (await import('../commands/status.js')).status },
  mark: { load: async () => (await import('../commands/mark.js')).mark },
  release: { load: async () => (await import('../commands/release.js')).release },
};

// process.argv: node, bin/accountpool.js, the command's name, then its arguments. What it throws is
// an unhandled rejection, which Node raises as an uncaught error (exit code 1), as a top-level await did.
const name = process.argv[2] ?? '';
const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]! : undefined;
if (entry === undefined) throw new Error(`accountpool: ${name} has no entry of its own (src/cli/command-run.ts)`);
void startCommand(name, entry, processContext(process.argv.slice(3))).then((code) => {
  process.exitCode = code;
  exitWhenDone();
});
