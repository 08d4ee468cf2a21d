import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS, readDump, WRITERS } from '../../src/formats/index.js';
import { DumpError } from '../../src/formats/types.js';
import { input } from './helpers.js';

describe('readDump', () => {
  it('refuses an empty file', async () => {
    await expect(readDump(input('empty.txt', ' \n\n'))).rejects.toThrow(/empty/);
  });

  it('says which formats it tried when nothing account-like is found', async () => {
    const err = await readDump(input('letter.txt', 'Dear Tom,\nthanks for the lovely evening.\nSee you soon!\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DumpError);
    expect((err as DumpError).message).toMatch(/no accounts found; read as email-text \(detection: email-text/);
  });

  it('a header-only Monocle file is "no accounts", not an account named username', async () => {
    await expect(readDump(input('accounts.csv', 'username,password,provider,model,iOS,id\n'))).rejects.toThrow(/no accounts found; read as monocle/);
  });

  it('turns a reader crash into a DumpError', async () => {
    const boom = { name: 'boom', detect: () => 2, parse: () => { throw new TypeError('x is s3cretpw'); } };
    FORMATS.unshift(boom);
    try {
      const err = await readDump(input('a.txt', 'a:b\n')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DumpError);
      expect((err as DumpError).message).not.toContain('s3cretpw');
    } finally {
      FORMATS.shift();
    }
  });

  it('exposes a writer for every scanner file allocate and export write (docs/scanners.md)', () => {
    expect(Object.keys(WRITERS).sort()).toEqual(['dragonite', 'flygon', 'json', 'mad', 'monocle', 'pogoaccountserver', 'rdm', 'rocketmap']);
  });
});

describe('choosing the reader of a large dump', () => {
  // Detection asks every reader of every file. A reader that splits the whole text into lines to
  // look at its first few holds a 1,000,000-line dump twice over (~40 MB of line strings): that
  // put the bench's 1,000,000-line import over issue 16's 300 MB (stop 52 I: PokemonBotManager's
  // detector, 276 -> 335 MB). The plain list is the bench's dump; split or matched into more than
  // half its lines is the whole file held as pieces.
  it('no reader splits the whole file into lines to choose', () => {
    const lines = 20_000;
    const text = Array.from({ length: lines }, (_, i) => `fresh${i}:secret-${i}`).join('\n');
    const dump = input('dump.txt', text);
    // Every split's and match's result, by hand: vitest's spy on a String.prototype method records no calls.
    const proto = String.prototype as unknown as Record<'split' | 'match', (...a: unknown[]) => unknown>;
    const kept = { split: proto.split, match: proto.match };
    const pieces: number[] = [];
    for (const name of ['split', 'match'] as const) {
      proto[name] = function (this: string, ...args: unknown[]) {
        const result = kept[name].apply(this, args);
        if (Array.isArray(result)) pieces.push(result.length);
        return result;
      };
    }
    let chosen: string | undefined;
    try {
      chosen = detectFormat(dump)?.name;
    } finally {
      Object.assign(proto, kept);
    }
    expect(chosen).toBe('plain');
    expect(pieces.length).toBeGreaterThan(0); // the count works: short strings are split
    expect(pieces.filter((n) => n > lines / 2)).toEqual([]);
  });
});
