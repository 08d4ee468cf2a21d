import { describe, expect, it } from 'vitest';
import { FORMATS, readDump, WRITERS } from '../../src/formats/index.js';
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

  it('exposes the three writers', () => {
    expect(Object.keys(WRITERS).sort()).toEqual(['json', 'monocle', 'rocketmap']);
  });
});
