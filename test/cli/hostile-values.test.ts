// Durations and level ranges come from people (accountpool.yaml, --release-timeout, watch's
// --settle, an alert's levels) and from files other hosts wrote (the history's level labels). A
// run of blanks between a number and a stray character was once tried from each of its blanks:
// 40,000 blanks cost 1.5 s (a duration) and 2.5 s (a range), a megabyte in accountpool.yaml a
// quarter of an hour of CPU before `status` said a word. Each value here must be refused, naming
// its setting, by a real process within a deadline that is minutes short of that.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/duration.js';
import { parseRange } from '../../src/level-range.js';
import { makePool } from '../helpers/pool.js';
import { cliWithin } from '../helpers/cli.js';

const MB = 1024 * 1024;

/** `accountpool ...args`' exit code and error output; killed and failed if still running after `deadlineMs`. */
async function exitWithin(args: string[], deadlineMs: number): Promise<{ code: number | null; stderr: string }> {
  const { code, signal, stderr } = await cliWithin(args, deadlineMs);
  expect(signal, `accountpool ${args[0]} still ran after ${deadlineMs} ms`).toBeNull();
  return { code, stderr };
}

describe('hostile durations and level ranges', () => {
  it('a megabyte of blanks in a duration or an alert level range of accountpool.yaml: refused at once, naming the line', async () => {
    const pool = await makePool(1);
    const config = join(pool.dir, 'accountpool.yaml');
    const cases: [string, RegExp][] = [
      [`lease: "12${' '.repeat(MB)}x"\n`, /accountpool\.yaml:2: lease must be a duration/],
      [`lock_wait: "1h${'\t'.repeat(MB)}x"\n`, /accountpool\.yaml:2: lock_wait must be a duration/],
      [`alerts:\n  - levels: "30${' '.repeat(MB)}x"\n    available_below: 5\n    command: ["true"]\n`, /accountpool\.yaml:3.*levels must be a level range/],
      [`alerts:\n  - levels: "30${' '.repeat(MB)}+${' '.repeat(MB)}x"\n    available_below: 5\n    command: ["true"]\n`, /accountpool\.yaml:3.*levels must be a level range/],
    ];
    for (const [text, error] of cases) {
      await writeFile(config, `shards: 1\n${text}`);
      const { code, stderr } = await exitWithin(['status', ...pool.args], 30_000);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(error);
    }
  }, 180_000);

  it('flags and labels read as before: blanks around a number and its unit, nothing else', () => {
    expect(parseDuration(' 90 s ')).toBe(90_000);
    expect(parseDuration('\t1.5h')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration(7)).toBe(7000);
    for (const bad of ['', ' ', '1 x', '1hh', 'h', '-1s', '1. s', `1${' '.repeat(1000)}x`]) expect(parseDuration(bad), bad).toBeNaN();
    expect(parseRange(' 30 - 31 ')).toEqual({ min: 30, max: 31 });
    expect(parseRange('30 +')).toEqual({ min: 30, max: Number.MAX_SAFE_INTEGER });
    expect(parseRange('30')).toEqual({ min: 30, max: 30 });
    for (const bad of ['', '31-30', '30-', '-30', '30 x', '12345', `30${' '.repeat(1000)}x`]) expect(parseRange(bad), bad).toBeUndefined();
  });
});
