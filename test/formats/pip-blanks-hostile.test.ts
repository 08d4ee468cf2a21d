// A run of blanks in a requirements line (stop 67 A4, after scripts/regex-sweep-built.mjs printed
// pip-requirement-lines.ts' NAMED): its `\s*` before the optional extras, the specifier and `\s*$`
// split one run three ways at every blank. Any dropped text file reaches it (known-files.ts asks
// every generic read without accounts whether it is a requirements file); only headLines' cap of
// 1,000 characters a line bounded it: `abc` + 996 blanks + `x` cost 2-5 s of CPU in one readDump,
// and the pattern alone 41 s at 1,000 blanks, ~45 min at 4,000 (hours at 20,000 below). The comment
// cut `(?:^|\s+)#` read a run again from each blank: 0.5 s at 20,000. The test's timeout is the clock.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { isPipLine } from '../../src/formats/not-accounts/pip-requirement-lines.js';
import { input } from './helpers.js';

describe('a run of blanks in a requirements line', () => {
  it('a name, 20,000 blanks and a stray word is no pip line, in linear time', () => {
    expect(isPipLine(`abc${' '.repeat(20_000)}x`)).toBe(false);
    expect(isPipLine(`flask[security${' '.repeat(20_000)}x`)).toBe(false);
  }, 10_000);

  it('blanks anywhere pip allows them still read as requirements; an `@` before no URL does not', () => {
    for (const line of ['flask   ==   1.0', 'flask [ security , dotenv ]  >= 2.0 , < 3', 'flask ( >=1.0 )  ', 'pgoapi  @  git+https://github.com/pogodevorg/pgoapi.git']) {
      expect(isPipLine(line), line).toBe(true);
    }
    for (const line of ['abc    x', 'flask [security]   x', 'ash01  @  Secret#1', 'ash01    Secret1']) {
      expect(isPipLine(line), line).toBe(false);
    }
  });

  it('a dropped requirements.txt with a 1,000-character line of blanks is refused naming the file', async () => {
    await expect(readDump(input('requirements.txt', `flask==1.0\nabc${' '.repeat(996)}x\n`))).rejects.toThrow(/requirements\.txt: no accounts found/);
  }, 10_000);
});
