import { describe, expect, it } from 'vitest';
import { NoneChecker, createNoneChecker } from '../../src/checker/none.js';
import { numbered } from './programs.js';

describe('none checker', () => {
  it('passes every account without calling anything', async () => {
    const checker = createNoneChecker();
    expect(checker.name).toBe('none');
    const requests = numbered(5);
    const results = await checker.check(requests, { concurrency: 4 });
    expect(results).toEqual(requests.map((r) => ({ username: r.username, verdict: 'ok', detail: 'not checked' })));
  });

  it('answers nothing for nothing', async () => {
    expect(await new NoneChecker().check([], { concurrency: 1 })).toEqual([]);
  });
});
