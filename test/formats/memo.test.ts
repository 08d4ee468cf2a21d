// One reader's work on a dump done once (memo.ts): detection and reading ask again, the parse is not redone.
import { describe, expect, it } from 'vitest';
import { oncePerInput } from '../../src/formats/memo.js';
import { input } from './helpers.js';

describe('oncePerInput', () => {
  it('computes once per dump, a "found nothing" answer (undefined, null) kept too; another dump of the same text is computed again', () => {
    const calls: string[] = [];
    const nothing = oncePerInput((i) => {
      calls.push(i.name);
      return undefined;
    });
    const a = input('a.json', '{}');
    expect([nothing(a), nothing(a), nothing(a)]).toEqual([undefined, undefined, undefined]);
    const b = input('a.json', '{}');
    nothing(b);
    expect(calls).toEqual(['a.json', 'a.json']);
    const none = oncePerInput(() => (calls.push('null'), null));
    none(a);
    none(a);
    expect(calls.filter((c) => c === 'null')).toHaveLength(1);
  });

  it('a compute that throws is not kept: the next ask computes again', () => {
    let n = 0;
    const failing = oncePerInput(() => {
      n++;
      throw new Error('broken');
    });
    const a = input('a.json', '{');
    expect(() => failing(a)).toThrow('broken');
    expect(() => failing(a)).toThrow('broken');
    expect(n).toBe(2);
  });
});
