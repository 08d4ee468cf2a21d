// The process around `main`: real streams, real environment, and the exit code.
import { main } from './main.js';

const code = await main({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
// Let pending output drain; long-running commands (watch, serve) decide their own exit.
process.exitCode = code;
