import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { writeJsonl } from '../../src/formats/jsonl.js';
import type { Account } from '../../src/model.js';
import { fixture, input } from './helpers.js';

describe('jsonl', () => {
  it('reads provider, level, state and device; rejects a line without a password', async () => {
    const r = await readDump(fixture('pool-export.jsonl'));
    expect(r.accounts[0]).toEqual({
      username: 'ash_ketchum93',
      password: 'pik4chu!Volt',
      line: 1,
      provider: 'ptc',
      level: 30,
      state: 'ok',
      device: { model: 'iPhone9,3', ios: '10.3.3', id: '2fcfb8c40e244be284aa42313c1d8dee' },
      // What a moved pool keeps: the verdict's date, when and from where it was added.
      history: { state_at: '2026-11-20T10:00:00.000Z', added_at: '2026-11-01T09:00:00.000Z', source: 'monocle-accounts.csv' },
    });
    expect(r.accounts[1]!.history).toEqual({ added_at: '2026-11-01T09:00:00.000Z', note: 'from the old pool' });
    expect(r.accounts[1]!.password).toBe(' spaced "quoted", pass ');
    expect(r.rejected).toEqual([{ line: 4, reason: 'missing password' }]);
  });

  it('never repeats a broken line (JSON.parse messages quote their input)', async () => {
    const r = await readDump(input('x.jsonl', '{"username":"a","password":"p1"}\n{"username":"b","password":"s3cretpw\n'));
    expect(r.rejected).toEqual([{ line: 2, reason: 'not valid JSON' }]);
  });

  it('writes known fields in a fixed order, then extra fields alphabetically, one object per line', () => {
    const a: Account = {
      zeta: 1,
      seq: 7,
      username: 'ash',
      state: 'ok',
      device: { id: 'f'.repeat(32), model: 'iPhone9,3', ios: '10.3.3' },
      added_at: '2026-11-01T00:00:00.000Z',
      provider: 'ptc',
      password: 'p"w',
      level: 30,
      alpha: 'x',
      holder: undefined,
    };
    expect(writeJsonl([a, a])).toBe(
      `{"username":"ash","password":"p\\"w","provider":"ptc","level":30,"state":"ok","device":{"model":"iPhone9,3","ios":"10.3.3","id":"${'f'.repeat(32)}"},"added_at":"2026-11-01T00:00:00.000Z","seq":7,"alpha":"x","zeta":1}\n`.repeat(2),
    );
  });
});
