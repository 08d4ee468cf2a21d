// The checker registry: the one place that turns a configured checker name into a Checker.
// `allocate` and the CLI speak only the Checker contract, so adding a checker means one file
// in this folder and one entry here. A wrong name or wrong options is the user's mistake, so it
// surfaces as a UsageError (exit 2) that names what would have been accepted.
import { UsageError } from '../errors.js';
import { createCommandChecker, type CommandCheckerOptions } from './command.js';
import { createNoneChecker } from './none.js';
import { createSimulatedChecker, type SimulatedCheckerOptions } from './simulated.js';
import type { Checker } from './types.js';

export type { CheckOptions, CheckRequest, CheckResult, Checker, Verdict } from './types.js';
export { VERDICTS } from './types.js';
export { CommandChecker, type CommandCheckerOptions } from './command.js';
export { NoneChecker } from './none.js';
export { SimulatedChecker, type SimulatedCheckerOptions, type SimulatedRates } from './simulated.js';

/** The known checkers. `none` is what `--no-check` selects; `simulated` is for demos and tests only. */
export const CHECKER_NAMES = ['none', 'simulated', 'command'] as const;
export type CheckerName = (typeof CHECKER_NAMES)[number];

export interface CheckerOptionsByName {
  none: Record<string, never> | undefined;
  simulated: SimulatedCheckerOptions | undefined;
  command: CommandCheckerOptions;
}

export function isCheckerName(value: unknown): value is CheckerName {
  return typeof value === 'string' && (CHECKER_NAMES as readonly string[]).includes(value);
}

/**
 * Builds the named checker. The name usually comes from the command line or the config file,
 * hence the plain-string overload: an unknown name is answered with the list of known ones.
 */
export function createChecker<N extends CheckerName>(name: N, options?: CheckerOptionsByName[N]): Checker;
export function createChecker(name: string, options?: unknown): Checker;
export function createChecker(name: string, options?: unknown): Checker {
  if (!isCheckerName(name)) {
    throw new UsageError(`unknown checker "${name}"; known checkers: ${CHECKER_NAMES.join(', ')}`);
  }
  try {
    switch (name) {
      case 'none':
        return createNoneChecker();
      case 'simulated':
        return createSimulatedChecker((options ?? {}) as SimulatedCheckerOptions);
      case 'command':
        if (options === undefined || options === null) {
          throw new Error('command checker: `command` is required (the program that checks accounts)');
        }
        return createCommandChecker(options as CommandCheckerOptions);
    }
  } catch (error) {
    // Option checks throw plain Errors inside each checker; to the user they are a usage mistake.
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}
