// Which checker a command uses: --no-check, else --checker, else the pool config's `checker`.
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import { createChecker } from './index.js';
import type { Checker } from './types.js';

export function checkerFor(config: Config, flags: { checker?: string; noCheck?: boolean }, cwd: string): Checker {
  const name = flags.noCheck ? 'none' : (flags.checker ?? config.checker);
  if (name === 'command') {
    if (config.checker_command.length === 0) throw new UsageError('checker "command" needs checker_command in the pool config, e.g. checker_command: [python3, /opt/check.py]');
    return createChecker('command', { command: config.checker_command, cwd, perAccountTimeoutMs: config.checker_timeout });
  }
  if (name === 'simulated') return createChecker('simulated', { seed: config.simulated.seed, rates: config.simulated.rates });
  return createChecker(name);
}
