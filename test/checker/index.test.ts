import { describe, expect, it } from 'vitest';
import { CHECKER_NAMES, CommandChecker, NoneChecker, SimulatedChecker, createChecker, isCheckerName } from '../../src/checker/index.js';
import { UsageError } from '../../src/errors.js';

describe('checker registry', () => {
  it('builds each known checker by name', () => {
    expect(createChecker('none')).toBeInstanceOf(NoneChecker);
    expect(createChecker('simulated', { seed: 1 })).toBeInstanceOf(SimulatedChecker);
    expect(createChecker('command', { command: ['true'] })).toBeInstanceOf(CommandChecker);
    expect(CHECKER_NAMES.map((name) => name !== 'command' && createChecker(name).name)).toEqual(['none', 'simulated', false]);
    expect(isCheckerName('none')).toBe(true);
    expect(isCheckerName('blind')).toBe(false);
  });

  it('names the known checkers when the name is unknown', () => {
    const attempt = () => createChecker('pgoapi');
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow('unknown checker "pgoapi"; known checkers: none, simulated, command');
  });

  it('reports bad options as a usage error', () => {
    expect(() => createChecker('command')).toThrow(UsageError);
    expect(() => createChecker('command', { command: [] })).toThrow(/non-empty/);
    expect(() => createChecker('simulated', { rates: { blind: 2 } })).toThrow(UsageError);
  });
});
