// What every command receives: its arguments, where to print, the environment and the clock.
import type { Readable } from 'node:stream';
import type { Completes, Flags } from './args.js';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Context {
  /** Arguments after the command name. */
  argv: string[];
  stdout: Output;
  stderr: Output;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Tests inject a clock; everything else uses the real time. */
  clock?: () => Date;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Run by tools (git), not people: left out of the command list. */
  hidden?: boolean;
  /** The full `--help` text. */
  help: string;
  /** Its flags besides the common ones (--pool, --help, --debug): what it parses, and what completion offers. */
  flags: Flags;
  /** What its operands are, for completion; absent when it takes none. */
  operands?: Completes;
  /** Returns the exit code (0 unless the command says otherwise); throws AppError on failure. */
  run(ctx: Context): Promise<number | void>;
}

export function println(out: Output, line = ''): void {
  out.write(`${line}\n`);
}
