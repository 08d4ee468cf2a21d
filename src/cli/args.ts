// Flag parsing for every command: node's parseArgs, with mistakes turned into usage errors.
// Each command's flag table is the one place its flags are declared: parseArgs reads it, and shell
// completion (src/completion/) offers what it says.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { instanceNameProblem } from '../model.js';

/** What a value is, so shell completion can offer it: one of a fixed list, a path, or names from the pool. */
export type Completes = readonly string[] | 'file' | 'dir' | 'instance' | 'username';

export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  /** What completion offers for the flag's value (string flags only; none: nothing to offer). */
  completes?: Completes;
}

export type Flags = Record<string, Flag>;

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  pool: { type: 'string', completes: 'dir' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const satisfies Flags;

/** What `accountpool` takes in place of a command. */
export const TOP_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies Flags;

/** Whether `arg` is `--NAME` or the flag's short form. */
export function isFlag(arg: string | undefined, name: string, flag: Flag): boolean {
  return arg === `--${name}` || (flag.short !== undefined && arg === `-${flag.short}`);
}

export function parseFlags<O extends Flags>(command: string, argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.split('\n')[0]} (see accountpool ${command} --help)`);
  }
}

/** A whole number flag, with a usage error naming the flag when it is not one. */
export function intFlag(name: string, value: string | undefined, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

/**
 * An instance name from `--instance` (or, `defaulted`, the accounts file's path standing in for
 * one), trimmed and checked by the one rule for holders (instanceNameProblem). The name is never
 * echoed: it may be what breaks the terminal.
 */
export function instanceFlag(value: string, defaulted = false): string {
  const name = value.trim();
  const problem = instanceNameProblem(name);
  if (!problem) return name;
  if (defaulted) throw new UsageError(`the accounts file's path names the instance when --instance is not given, and it ${problem}: give --instance NAME`);
  throw new UsageError(`--instance ${problem}`);
}
