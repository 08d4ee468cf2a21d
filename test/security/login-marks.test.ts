// Marks no login holds: a PTC username or a Gmail address never holds `,` `"` `;` `:` `\` `(` `)`
// `<` `>` `[` `]` or a backtick (RFC 5322's specials, outside a quoted local part no login takes).
// A dump's name holding one was split or quoted at the wrong place (`ptc,"ash,02",pw`): the import
// refuses that line naming the mark, never the value, and imports the rest.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('a username holding a mark no login holds', () => {
  it('is refused by its line, naming the mark; a company Google address with an apostrophe stays', async () => {
    const pool = await makePool(4);
    const dump = join(pool.base, 'accounts.csv');
    const lines = [
      'ptc,ash01x,Pika!101',
      'ptc,"ash,02",Pika!102', // a CSV-quoted comma
      'ptc,"ash""03",Pika!103', // a quote
      'ptc,ash(04),Pika!104',
      "google,o'neil@corp.example,Pika!105", // RFC 5322 allows it; the company's server decides
      "google,o'neil@gmail.com,Pika!106", // Gmail does not
      "ptc,ash'07,Pika!107",
      'ptc,misty08x,Pika!108',
    ];
    await writeFile(dump, lines.join('\n') + '\n');
    const r = await cli(['import', dump, '--level', '30', ...pool.args]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('3 added, 0 updated, 5 rejected (lines 2, 3, 4, 6, 7)');
    expect(r.stderr).toContain('accounts.csv:2: rejected: username holds `,`: a PTC username never does');
    expect(r.stderr).toContain('accounts.csv:3: rejected: username holds `"`');
    expect(r.stderr).toContain('accounts.csv:4: rejected: username holds `(`');
    expect(r.stderr).toContain('accounts.csv:6: rejected: username holds an apostrophe: a Google login never does');
    expect(r.stderr).toContain('accounts.csv:7: rejected: username holds an apostrophe: a PTC username never does');
    expect(r.stdout + r.stderr).not.toMatch(/Pika!10|ash,02/);
    const accounts = await (await pool.open()).read();
    expect(['ash01x', "o'neil@corp.example", 'misty08x', 'ash,02', 'ash"03'].map((n) => accounts.get(n) !== undefined)).toEqual([true, true, true, false, false]);
  });
});
