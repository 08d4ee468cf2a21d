// What shell completion offers, taken from the commands' own flag tables (src/cli/args.ts and
// each src/commands/*.ts), so a flag added to a command is completed without a second list.
// The scripts for bash, zsh and fish are written from this one description.
import { COMMON_OPTIONS, TOP_FLAGS, type Completes, type Flags } from '../cli/args.js';
import type { Command, CommandEntry } from '../cli/context.js';

export interface FlagSpec {
  /** `--count` */
  long: string;
  /** `-h`, for the flags that have a short form */
  short?: string;
  /** Whether it takes a value (`--count N`) */
  takesValue: boolean;
  /** What to offer for its value */
  completes?: Completes;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Its own flags, then the common ones */
  flags: FlagSpec[];
  operands?: Completes;
}

export interface CompletionSpec {
  program: string;
  version: string;
  /** What the program takes in place of a command (--help, --version) */
  topFlags: FlagSpec[];
  commands: CommandSpec[];
}

/** The hidden command the scripts run for names only the pool knows (instances, usernames). */
export const VALUES_COMMAND = '__complete';

// Every word written into a script unquoted: our own identifiers only, never anything a user typed.
const WORD = /^-{0,2}[A-Za-z0-9][\w.-]*$/;

function checked(word: string): string {
  if (!WORD.test(word)) throw new Error(`completion: "${word}" cannot be written into a shell script as a bare word`);
  return word;
}

function flagsOf(table: Flags): FlagSpec[] {
  return Object.entries(table).map(([name, flag]) => ({
    long: checked(`--${name}`),
    short: flag.short === undefined ? undefined : checked(`-${flag.short}`),
    takesValue: flag.type === 'string',
    completes: Array.isArray(flag.completes) ? flag.completes.map(checked) : flag.completes,
  }));
}

export function completionSpec(commands: readonly (CommandEntry & Command)[], version: string): CompletionSpec {
  return {
    program: 'accountpool',
    version,
    topFlags: flagsOf(TOP_FLAGS),
    commands: commands
      .filter((c) => !c.hidden)
      .map((c) => ({
        name: checked(c.name),
        summary: c.summary,
        flags: flagsOf({ ...c.flags, ...COMMON_OPTIONS }),
        operands: Array.isArray(c.operands) ? c.operands.map(checked) : c.operands,
      })),
  };
}
