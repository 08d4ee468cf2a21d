// Counted runs in one delivery (`5x Level 30` above five accounts, `3x Level 2` above three):
// each run's level is its own block's; a block holding another number than its run counts is
// refused, naming each line, and the other blocks import (counted-runs.ts). Before, the runs gave
// no account a level and each heading was rejected as a broken line.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const block = (n: number, from: number) => Array.from({ length: n }, (_, i) => `run${from + i}:Pika${from + i}x!`).join('\n');

describe('counted runs', () => {
  it('each run\'s level is its block\'s, in a list and in a mail', async () => {
    const text = `Hi,\n\n5x Level 30\n${block(5, 1)}\n\n3x Level 2\n${block(3, 6)}\n\nThanks\n`;
    for (const name of ['order.txt', 'order.eml.txt']) {
      const r = await readDump(input(name, text));
      expect(r.accounts.map((a) => [a.username, a.level])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => [`run${k}`, k <= 5 ? 30 : 2]));
      expect(r.rejected).toEqual([]);
      expect(r.skipped).toEqual([1, 3, 10, 15].map((line) => ({ line, kind: 'prose' })));
    }
  });

  it('a block whose count does not match is refused, naming each line; the other block imports', async () => {
    const r = await readDump(input('order.txt', `5x Level 30\n${block(4, 1)}\n\n3 x lvl 2:\n${block(3, 5)}\n`));
    expect(r.accounts.map((a) => [a.username, a.level])).toEqual([['run5', 2], ['run6', 2], ['run7', 2]]);
    expect(r.rejected.map((j) => j.line)).toEqual([2, 3, 4, 5]);
    expect(r.rejected[0]!.reason).toBe('the run heading it (line 1: 5x level 30) counts 5 accounts, but 4 follow it: which run each belongs to is unsure');
    expect(JSON.stringify(r.rejected)).not.toContain('Pika');
  });

  it('counted runs above all the accounts are an order\'s summary: no level is guessed, nothing refused', async () => {
    const r = await readDump(input('order.txt', `2x PTC Level 30\n1x PTC Level 35\n\n${block(3, 1)}\n`));
    expect(r.accounts.map((a) => a.level)).toEqual([undefined, undefined, undefined]);
    expect(r.rejected).toEqual([]);
  });
});
