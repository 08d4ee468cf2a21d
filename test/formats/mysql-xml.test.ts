// PGPool's account table as the mysql client's `--xml` and `mysqldump --xml` write it, made by the
// real MariaDB 10.11 tools (test/fixtures/generators/make-pgpool-xml.sh; the table by peewee from
// sLoPPydrive/PGPool pgpool/models.py, schema 2): every account exactly, NULL (`xsi:nil`) as no
// value, the entities MariaDB writes (`&lt;` `&gt;` `&amp;` `&quot;`) read back, a line feed inside
// a password kept whole (and refused by the pool's rule), mysqldump's table_structure never read as a row.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const EXPECTED = [
  ['pgv_ash01', 'Pik4chu!Volt', 30, undefined],
  ['pgv_brock02', "On'ix\\n\\Ro\tck", 31, 'blind'],
  ['pgv_fresh05', 'Fr3sh!new', undefined, undefined],
  ['pgv_lt07', 'Lt\u{1F525}Surge雷', 18, undefined],
  ['pgv_surge04', 'Zap#Zap--1', 12, 'temp_banned'],
  ['pgv_xml08', 'a<b>&c"d\'e', 8, undefined],
  ['pgv.misty03@gmail.com', 'Stärmïe ßé', 29, 'warned'],
];

describe("mysql --xml and mysqldump --xml of PGPool's account table", () => {
  it.each(['pgpool-xml/v2-batch.xml', 'pgpool-xml/v2-mysqldump.xml'])('%s: every account exactly, the row without a password rejected by its line', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.format).toBe('mysql-xml');
    expect(r.accounts.map((a) => [a.username, a.password, a.level, a.state])).toEqual(EXPECTED);
    // A line feed inside a password is kept whole, then refused by the pool's own rule, never cut.
    expect(r.rejected.map((x) => x.reason)).toEqual(['missing password', expect.stringMatching(/^password contains control characters/)]);
    const text = fixture(file).text.split('\n');
    for (const { line } of r.rejected) expect(text[line - 1]).toMatch(/<row>/);
    expect(text[r.rejected[1]!.line]).toContain('pgv_xml09');
    const surge = r.accounts.find((a) => a.username === 'pgv_surge04')!;
    expect(surge.history).toMatchObject({ served_to: 'rm-worker-3' });
    expect(r.accounts[0]!.history).toMatchObject({ lures: 3, email: 'pgv_ash01@mail.example' });
  });

  it('a character reference past Unicode (a crafted `&#99999999;`) is text as written, never a crash of the whole file', async () => {
    const xml = fixture('pgpool-xml/v2-batch.xml').text.replace('Pik4chu!Volt', 'Pik4chu!Volt&#99999999;&#x41;');
    const r = await readDump(input('accounts.xml', xml));
    expect(r.accounts.map((a) => [a.username, a.password])).toContainEqual(['pgv_ash01', 'Pik4chu!Volt&#99999999;A']);
    expect(r.accounts).toHaveLength(EXPECTED.length);
  });

  it('an XML result of a table no reader knows is not claimed', async () => {
    const xml = '<?xml version="1.0"?>\n\n<resultset statement="select * from proxies">\n  <row>\n\t<field name="host">10.0.0.1</field>\n\t<field name="username">u1</field>\n\t<field name="password">p1</field>\n  </row>\n</resultset>\n';
    const r = await readDump(input('proxies.xml', xml)).catch((e: Error) => e);
    expect(r instanceof Error ? '' : r.format).not.toBe('mysql-xml');
  });
});
