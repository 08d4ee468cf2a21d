// The process around a command: real streams, real environment. Shared by the CLI's entry (run.ts)
// and the merge driver's own entry (merge-driver-run.ts), which git starts once per file.
import type { Context } from './context.js';
import { rawArgs } from './raw-argv.js';

/** The context of this process for `argv` (the arguments after the script), its streams' handlers set. */
export function processContext(argv: string[]): Context {
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

  return {
    argv: rawArgs(argv),
    stdout: process.stdout,
    stderr: process.stderr,
    // Made when a command reads it (import -, mark --from -): making it costs a few ms of every start.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
