// The process around a command: real streams, real environment. Shared by the CLI's entry (run.ts)
// and the merge driver's own entry (merge-driver-run.ts), which git starts once per file.
import type { Context, Output } from './context.js';
import { rawArgs } from './raw-argv.js';

/**
 * `process.stdout` or `process.stderr` (`name`), made on its first write or the first question
 * whether it is a terminal, not before. Node makes such a stream on first use of the property:
 * for a pipe a socket (node:net and its stream classes loaded), for a file a synchronous write
 * stream, for a terminal a tty stream; an allocation that never prints to its stderr made it all
 * the same, ~2-4 ms of CPU of its start (docs/scale-log.md, stop 63 S2).
 */
function outputOf(name: 'stdout' | 'stderr'): Output {
  let made: NodeJS.WriteStream | undefined;
  const stream = () => {
    if (made !== undefined) return made;
    made = process[name];
    // `accountpool status | head -1` closes our stdout early: that is the reader's choice, not a crash.
    made.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
    return made;
  };
  return {
    write: (text: string) => stream().write(text),
    get isTTY() {
      return stream().isTTY;
    },
  };
}

/** The context of this process for `argv` (the arguments after the script), its streams' handlers set on their first use. */
export function processContext(argv: string[]): Context {
  // A file size limit (`ulimit -f`, a service's LimitFSIZE) sends SIGXFSZ to a write past it, which
  // kills the process by default, leaving a bare "File size limit exceeded" from the shell. Ignored,
  // the write fails with EFBIG instead: the command names the file and rolls back, as on a full disk.
  process.on('SIGXFSZ', () => {});

  return {
    argv: rawArgs(argv),
    stdout: outputOf('stdout'),
    stderr: outputOf('stderr'),
    // Made when a command reads it (import -, mark --from -): making it costs a few ms of every start.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
