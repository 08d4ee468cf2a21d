// What every command receives: its arguments, where to print, the environment and the clock.
import type { Readable } from 'node:stream';
import type { Completes, Flags } from './args.js';
import { escapeControls, jsonLine } from '../terminal-text.js';

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

/** A command as the command list names it (src/commands/index.ts), known without loading its code. */
export interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Run by tools (git), not people: left out of the command list. */
  hidden?: boolean;
  /**
   * V8 optimises its code as soon as it likes (tier-up.ts): the command runs until stopped (a
   * server, a watcher), or loops over every line of what it is given (import).
   */
  optimiseSoon?: boolean;
  /** Imports the command's code. */
  load(): Promise<Command>;
}

/** A command's code (src/commands/*.ts). */
export interface Command {
  /** The full `--help` text. */
  help: string;
  /** Its flags besides the common ones (--pool, --help, --debug): what it parses, and what completion offers. */
  flags: Flags;
  /** What its operands are, for completion; absent when it takes none. */
  operands?: Completes;
  /** Returns the exit code (0 unless the command says otherwise); throws AppError on failure. */
  run(ctx: Context): Promise<number | void>;
}

/** One line of output, control characters escaped (terminal-text.ts): a line can only ever be one line. */
export function println(out: Output, line = ''): void {
  out.write(`${escapeControls(line)}\n`);
}

/** One value as one line of JSON (`--json`), its unsafe characters as JSON escapes (terminal-text.ts). */
export function printJson(out: Output, value: unknown): void {
  out.write(`${jsonLine(value)}\n`);
}

/** Text of several lines we wrote ourselves (help, usage, a stack trace): each line escaped on its own. */
export function printText(out: Output, text = ''): void {
  for (const line of text.split('\n')) println(out, line);
}
