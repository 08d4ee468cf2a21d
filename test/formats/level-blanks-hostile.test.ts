// Runs of blanks the level patterns built at run time (`new RegExp` over the level words of many
// languages) and a list's header search read again from each blank (stop 67 A,
// scripts/regex-sweep-built.mjs): `[ \t]*[:=]?[ \t]*` split one run two ways, and `/ +$/` retried
// from every blank of a run not at the line's end. Read through readDump as the dropped file they
// reach (CPU before the fix: a checker's console line `level` + 40,000 blanks 0.9 s, 80,000 5 s; a
// CSV level cell `lvl` + 40,000 blanks 2.5 s, 200,000 over 5 min). The test's timeout is the clock.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const BLANKS = ' '.repeat(200_000);

describe('a run of 200,000 blanks after a level word', () => {
  it("a checker's console line `[HIT] user:pass | level` + blanks: the two accounts, in linear time", async () => {
    const r = await readDump(input('console.log', `[HIT] alice1:Secret#1 | level${BLANKS}x\n[CHECKING] bob22:Secret#2\n`));
    expect(r.accounts.map((a) => a.username)).toEqual(['alice1', 'bob22']);
  }, 10_000);

  it('a CSV level cell `lvl` + blanks: refused as before, in linear time', async () => {
    await expect(readDump(input('accounts.csv', `username,password,level\nalice1,Secret#1,lvl${BLANKS}x\n`))).rejects.toThrow(/accounts\.csv/);
  }, 10_000);
});
