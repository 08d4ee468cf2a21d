// allocate's own entry: what bin/accountpool.js runs for `accountpool allocate ...`, as it runs the
// merge driver's (merge-driver-run.ts). Through the CLI's entry an allocation first loaded that
// entry and the ~11 chunks it imports (the command list, the top-level flags, the usage text),
// Node's ES module loader costing about a millisecond of CPU a file, before allocate's own file
// (scripts/build.mjs WHOLE_COMMANDS); here it loads only its own file (docs/scale-log.md, stop 59 A).
// It answers exactly as `main` does for the same arguments (run-command.ts).
import { EXIT } from '../errors.js';
import { println } from './context.js';
import { outOfFiles, outOfFilesLine } from '../open-files-limit.js';
import { processContext } from './process-context.js';
import { runCommand } from './run-command.js';
import { optimiseLater } from './tier-up.js';

// As main.ts does for a command that ends by itself, before any of the command's code is loaded.
optimiseLater();
// process.argv: node, bin/accountpool.js, `allocate`, then allocate's arguments.
const ctx = processContext(process.argv.slice(3));
let command;
try {
  // The build makes this allocate's one file (its code cache with it), as it does the command list's import.
  command = (await import('../commands/allocate.js')).allocateCommand;
} catch (error) {
  const limit = outOfFiles(error);
  if (!limit) throw error;
  println(ctx.stderr, `accountpool allocate: ${outOfFilesLine(error, limit)}`);
  process.exitCode = EXIT.failure;
}
if (command) process.exitCode = await runCommand('allocate', command, ctx);
