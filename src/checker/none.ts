// The `none` checker: what `--no-check` selects. Every account passes and nothing is called.
// It exists so that `allocate` has one code path whether or not the operator checks accounts,
// and so that an operator without any checking program can still hand accounts out (the
// scanner will report the bad ones later). The result carries a `detail` saying the account
// was not checked, so a log line never mistakes this `ok` for a real check.
import type { CheckOptions, CheckRequest, CheckResult, Checker } from './types.js';

export const NONE_CHECKER_NAME = 'none';

/** Passes every account without looking at it. */
export class NoneChecker implements Checker {
  readonly name = NONE_CHECKER_NAME;

  // Async so that callers treat every checker alike; the options do not matter when nothing runs.
  async check(requests: CheckRequest[], _options?: CheckOptions): Promise<CheckResult[]> {
    return requests.map((request) => ({ username: request.username, verdict: 'ok', detail: 'not checked' }));
  }
}

export function createNoneChecker(): Checker {
  return new NoneChecker();
}
