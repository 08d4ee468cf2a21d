// A checker's console whose lines open with a time not in brackets: the `logging` module's
// `%(asctime)s` (`2017-11-14 12:01:02,417`, CPython `Lib/logging/__init__.py` Formatter's
// default_time_format and default_msec_format) before `:%(levelname)s: %(message)s` (KoSTiii/PokeBotPython
// `main.py`), or a `time.strftime("%H:%M:%S")` and `": "` (MathiasBjorgum/TDT4310---Project
// `helpers/helpers.py` console_print), then the result's word with or without brackets. Read as the
// bracketed form is (checker-tags.ts); a line that only names a login stays the console's log.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe("a checker's lines after a bare time", () => {
  it("a logging format's time and level before the result's word: the verdicts, a hit's level, an error's failed check, a captcha's flag; progress lines read past", async () => {
    const r = await readDump(fixture('checker-logging-times.log'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state, a.checkError, a.history?.captcha])).toEqual([
      [4, 'johto_b01', 'Bx7!kq2Wz', 30, 'ok', undefined, undefined],
      [5, 'johto_b02', 'Bx8#zp9Lx', undefined, 'perm_banned', undefined, undefined],
      [6, 'johto_b03', 'Bx9$lk8Vn', undefined, undefined, true, undefined],
      [7, 'johto_b04', 'Bx1%ab2Cd', undefined, undefined, undefined, true],
    ]);
    expect(r.rejected.filter((x) => x.kind === undefined)).toEqual([]);
  });

  it('`HH:MM:SS: WORD user:pass`: each result read; `checking login ...` and the counts stay log lines, no account', async () => {
    const r = await readDump(fixture('checker-console-times.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [3, 'kanto_b05', 'Bx2^cd3Ef', 27, 'ok'],
      [5, 'kanto_b06', 'Bx3&ef4Gh', undefined, 'invalid'],
      [7, 'kanto_b07', 'Bx4*gh5Ij', undefined, 'ok'],
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.skipped?.filter((x) => x.kind === 'log').map((x) => x.line).sort()).toEqual([1, 2, 4, 6, 8]);
  });

  it('a date and time, then the tag in brackets or bare (`2017-11-14 12:01:02 [GOOD]`, `12:01:02 GOOD ... | Level: 30`); a timed line naming a login alone is no account', async () => {
    const text = '2017-11-14 12:01:02 [GOOD] johto_t1:Pw!t1xx\n12:01:03 GOOD johto_t2:Pw!t2xx | Level: 30\n12:01:04 - BANNED - johto_t3:Pw!t3xx\n12:01:05 checking johto_t4 ...\n';
    const r = await readDump(input('console.txt', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [1, 'johto_t1', 'Pw!t1xx', undefined, 'ok'],
      [2, 'johto_t2', 'Pw!t2xx', 30, 'ok'],
      [3, 'johto_t3', 'Pw!t3xx', undefined, 'perm_banned'],
    ]);
    // A word that is no checker's (`Meet`) leaves the line a log line, as before: no account, no verdict.
    await expect(readDump(input('chat.txt', '12:01:06 Meet johto_t5:Pw!t5xx\n12:01:07 Saw johto_t6:Pw!t6xx\n'))).rejects.toThrow(/a log file/);
  });
});
