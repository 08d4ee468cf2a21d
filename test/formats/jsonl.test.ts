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

  // An import reads into columns (columnsFrom): every export line's verdict is held there too, so
  // an exported pool comes back account for account, verdict for verdict, as the records read it.
  it('read into columns (an import) gives every account, its state and history, as the records do', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ username: `exp${i}`, password: `Pw${i}!`, provider: 'ptc', level: 30, state: ['ok', 'blind', 'temp_banned'][i % 3], ...(i % 3 ? { state_at: '2026-11-20T10:00:00.000Z' } : {}), added_at: '2026-11-01T09:00:00.000Z', seq: i + 1 }));
    const text = [...lines, '{"username":"broken","password":"x1"', ''].join('\n');
    const records = await readDump(input('pool.jsonl', text));
    const read = await readDump(input('pool.jsonl', text), { columnsFrom: 0 });
    expect(read.accounts).toEqual([]);
    expect(read.columns!.records()).toEqual(records.accounts);
    expect(read.columns!.at(1)).toMatchObject({ username: 'exp1', state: 'blind', history: { state_at: '2026-11-20T10:00:00.000Z' } });
    expect([read.rejected, read.exported, records.exported]).toEqual([records.rejected, true, true]);
    expect(records.rejected).toEqual([{ line: 301, reason: expect.stringMatching(/^not valid JSON at column \d+/) }]);
  });

  it('never repeats a broken line (JSON.parse messages quote their input)', async () => {
    const r = await readDump(input('x.jsonl', '{"username":"a","password":"p1"}\n{"username":"b","password":"s3cretpw\n'));
    // Where on the line it breaks, and what is wrong there (json-error.ts), never what it holds.
    expect(r.rejected).toEqual([{ line: 2, reason: 'not valid JSON at column 37: the line ends inside a string: a closing `"` is missing' }]);
    expect(JSON.stringify(r.rejected)).not.toMatch(/s3cretpw/);
  });

  // Stop 55 left it: a file whose first line is a whole object is read as JSON lines, and when the
  // rest is pretty-printed JSON each of its lines was "not valid JSON", naming no place to fix.
  it('a file taken for JSON lines that is JSON further on: each piece says where the file breaks as JSON, and to fix it there (no reader reads it broken); whole, the reader that reads it', async () => {
    const text = '{"username": "kanto_a1", "password": "Pw1!abc"}\n{\n  "username": "kanto_a2",\n  "password": "Pw2!abc"\n  "level": 30\n}\n';
    const r = await readDump(input('accounts.json', text));
    expect([r.format, r.accounts.map((a) => a.username)]).toEqual(['jsonl', ['kanto_a1']]);
    const said = 'no JSON object on its own line (read as JSON lines, its first line being one); as JSON the file breaks at line 5, column 3: a comma missing between two members (fix it there)';
    expect(r.rejected).toEqual([2, 3, 4, 5, 6].map((line) => ({ line, reason: said })));
    expect(JSON.stringify(r)).not.toMatch(/Pw2!abc/);
    // Whole, the same file is JSON values one after another: each piece names the reader that reads
    // it (stop 57 Q's survey found `or import --format NAME forces a reader`, naming none), or the fix.
    const pieces = (t: string) => readDump(input('accounts.jsonl', t), { format: 'jsonl' }).then((x) => x.rejected.map((y) => y.reason), (e: Error) => [e.message]);
    const whole = await pieces(text.replace('"Pw2!abc"\n', '"Pw2!abc",\n'));
    expect(whole).toEqual(Array(5).fill('no JSON object on its own line (read as JSON lines, its first line being one; the file is JSON values one after another: read as json it gives 2 accounts, 0 lines rejected, with --format json)'));
    expect(await readDump(input('accounts.jsonl', text.replace('"Pw2!abc"\n', '"Pw2!abc",\n')), { format: 'json' }).then((x) => x.accounts.map((a) => a.username))).toEqual(['kanto_a1', 'kanto_a2']);
    // Logins mapped to passwords, appended object after object: the reader only --format chooses.
    const [map] = await pieces('{"lavaCave01": "Magmar!126a"}\n{\n  "misty_k2": "Star#5678",\n  "brock07": "Onix!9999"\n}\n');
    expect(map).toMatch(/; the file is JSON values one after another: read as login-map it gives 3 accounts, 0 lines rejected: look with --dry-run --format login-map\)/);
    const [none] = await pieces('{"theme": "dark"}\n{\n  "language": "en-US"\n}\n');
    expect(none).toMatch(/; the file is JSON values one after another: no reader reads an account of it whole; if it holds accounts, fix the file, one JSON object a line\)/);
    expect(`${map}${none}`).not.toMatch(/NAME|Magmar|Star#|Onix/);
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
