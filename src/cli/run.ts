// The CLI's entry: runs `main` in this process and sets the exit code.
import { main } from './main.js';
import { processContext } from './process-context.js';
import { exitWhenDone } from './exit-when-done.js';

const code = await main(processContext(process.argv.slice(2)));
// Let pending output drain; long-running commands (watch, serve) decide their own exit. Once
// nothing is left to do, the process ends without Node's teardown (exit-when-done.ts).
process.exitCode = code;
exitWhenDone();
