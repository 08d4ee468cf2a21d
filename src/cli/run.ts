// The process around `main`: real streams, real environment, and the exit code.
import { main } from './main.js';
import { rawArgs } from './raw-argv.js';

// `accountpool status | head -1` closes our stdout early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// A file size limit (`ulimit -f`, a service's LimitFSIZE) sends SIGXFSZ to a write past it, which
// kills the process by default, leaving a bare "File size limit exceeded" from the shell. Ignored,
// the write fails with EFBIG instead: the command names the file and rolls back, as on a full disk.
process.on('SIGXFSZ', () => {});

const code = await main({
  argv: rawArgs(process.argv.slice(2)),
  stdout: process.stdout,
  stderr: process.stderr,
  // Made when a command reads it (import -, mark --from -): making it costs a few ms of every start.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  cwd: process.cwd(),
});
// Let pending output drain; long-running commands (watch, serve) decide their own exit.
process.exitCode = code;
