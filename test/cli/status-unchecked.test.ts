// `status` on accounts no checker or scanner has judged yet: they are stored `state: ok` with no
// `state_at` (model.ts), and until stop 61 status printed them as "states: ok 3", which an operator
// reads as three accounts that passed a check. It says what ok counts.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('status of accounts never checked', () => {
  it('never says "ok" alone: ok is no bad verdict on record, checked or not', async () => {
    const pool = await makePool();
    await writeFile(join(pool.base, 'd.txt'), 'trainerbob:Xk9pq2Lm\nashketch77:Qw3rT8yy\nmistygo55:Zp0oLk4m\n');
    expect((await cli(['import', join(pool.base, 'd.txt'), '--level', '30', ...pool.args])).code).toBe(0);
    const status = await cli(['status', ...pool.args]);
    expect(status.code).toBe(0);
    const line = status.stdout.split('\n').find((l) => l.startsWith('states:'));
    expect(line).toBe('states: ok 3 (ok: no bad verdict on record, whether checked or never checked)');
    // A bad verdict is named as before; the note stays while any account counts as ok.
    expect((await cli(['mark', 'trainerbob', '--verdict', 'temp_banned', ...pool.args])).code).toBe(0);
    expect((await cli(['status', ...pool.args])).stdout).toContain('states: ok 2, temp_banned 1 (ok: no bad verdict on record, whether checked or never checked)');
  });
});
