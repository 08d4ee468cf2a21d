// Seller and forum pastes as people post them (stop 45's fresh look, issue 14): BBCode and
// Discord blocks, numbered and bulleted lists, tab-aligned columns, `Login:` / `Pass:` pairs,
// tables drawn with box characters (psql's unicode linestyle, tabulate's `fancy_grid`,
// prettytable) or the mysql client's `+---+` grid, mixed CRLF, BOMs, zero-width spaces and NBSPs
// from web pages, check marks and emoji after the account. Each imports exact, or the line that is
// unsure is refused naming it; nothing that is not an account enters.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

type Row = [string, string, number | undefined];
const rows = (r: Awaited<ReturnType<typeof readDump>>): Row[] => (r.columns ? r.columns.records() : r.accounts).map((a) => [a.username, a.password, a.level]);
const TWO: Row[] = [['ash01x', 'Pika1234', undefined], ['misty02', 'Starm1e!', undefined]];
const LEVELS: Row[] = [['ash01x', 'Pika1234', 30], ['misty02', 'Starm1e!', 31]];

const EXACT: [string, string, Row[]][] = [
  ['BBCode [code]', '[code]\nash01x:Pika1234\nmisty02:Starm1e!\n[/code]\n', TWO],
  ['BBCode [spoiler]', '[spoiler=Stock]\nash01x:Pika1234\nmisty02:Starm1e!\n[/spoiler]\n', TWO],
  ['BBCode [list] with [*] items', '[list]\n[*]ash01x:Pika1234\n[*]misty02:Starm1e!\n[/list]\n', TWO],
  ["phpBB 3's stored [*]...[/*:m] items", '[list]\n[*]ash01x:Pika1234[/*:m]\n[*]misty02:Starm1e![/*:m]\n[/list:u]\n', TWO],
  ['[code] around each line', '[code]ash01x:Pika1234[/code]\n[code]misty02:Starm1e![/code]\n', TWO],
  ['Discord fence with a language', '```txt\nash01x:Pika1234\nmisty02:Starm1e!\n```\n', TWO],
  ['Discord spoilers', '||ash01x:Pika1234||\n||misty02:Starm1e!||\n', TWO],
  ["a page's <pre><code> block", '<pre><code>\nash01x:Pika1234\nmisty02:Starm1e!\n</code></pre>\n', TWO],
  ['numbered', '1. ash01x:Pika1234\n2. misty02:Starm1e!\n', TWO],
  ['bulleted', '- ash01x:Pika1234\n• misty02:Starm1e!\n', TWO],
  ['tab-aligned columns under a header', 'Username\tPassword\tLevel\nash01x\tPika1234\t30\nmisty02\tStarm1e!\t31\n', LEVELS],
  ['`Login:` / `Pass:` two-line pairs', 'Login: ash01x\nPass: Pika1234\n\nLogin: misty02\nPass: Starm1e!\n', TWO],
  ['`Login: x / Pass: y` on one line', 'Login: ash01x / Pass: Pika1234\nLogin: misty02 / Pass: Starm1e!\n', TWO],
  ['a bar table with a header', 'user | pass | level\nash01x | Pika1234 | 30\nmisty02 | Starm1e! | 31\n', LEVELS],
  ['numbered bar rows with a level and a check mark', '1) ash01x | Pika1234 | lvl 30 ✅\n2) misty02 | Starm1e! | lvl 31 ✅\n', LEVELS],
  [
    'a box-drawn table (tabulate fancy_grid, psql unicode)',
    '┌──────────┬──────────┬───────┐\n│ user     │ pass     │ level │\n├──────────┼──────────┼───────┤\n│ ash01x   │ Pika1234 │ 30    │\n│ misty02  │ Starm1e! │ 31    │\n└──────────┴──────────┴───────┘\n',
    LEVELS,
  ],
  ['a double-line box table', '╔═════════╦══════════╗\n║ login   ║ password ║\n╠═════════╬══════════╣\n║ ash01x  ║ Pika1234 ║\n║ misty02 ║ Starm1e! ║\n╚═════════╩══════════╝\n', TWO],
  ["the mysql client's ASCII grid", '+---------+----------+\n| user    | pass     |\n+---------+----------+\n| ash01x  | Pika1234 |\n| misty02 | Starm1e! |\n+---------+----------+\n', TWO],
  ['mixed CRLF and LF', 'ash01x:Pika1234\r\nmisty02:Starm1e!\n', TWO],
  ['a BOM', '\ufeffash01x:Pika1234\nmisty02:Starm1e!\n', TWO],
  ['zero-width spaces a web page left', '\u200bash01x:Pika1234\u200b\nmisty02\u200b:Starm1e!\u2060\n', TWO],
  ['NBSPs around the separator and after', 'ash01x\u00a0:\u00a0Pika1234\u00a0\nmisty02\u00a0:\u00a0Starm1e!\n', TWO],
  ['check marks after the account', 'ash01x:Pika1234 ✅\nmisty02:Starm1e! ✔️\n', TWO],
  ['a signature under the stock', 'ash01x:Pika1234\nmisty02:Starm1e!\n-- \nJohn\nTelegram: @pogoshop\n', TWO],
];

describe('forum and seller pastes', () => {
  it.each(EXACT)('%s: read exact, nothing refused', async (_, text, expected) => {
    const r = await readDump(input('paste.txt', text));
    expect([rows(r), r.rejected]).toEqual([expected, []]);
  });

  it('a cross after an account refuses that line, naming the mark; the other imports', async () => {
    const r = await readDump(input('paste.txt', 'ash01x:Pika1234 ❌\nmisty02:Starm1e! ✅\n'));
    expect(rows(r)).toEqual([TWO[1]]);
    expect(r.rejected.map((j) => j.line)).toEqual([1]);
    expect(r.rejected[0]!.reason).toMatch(/a mark after the password/);
  });

  it("a box row with a bar more than its table's rule (a `│` inside a password) is never read with that bar changed", async () => {
    const text = '┌─────────┬──────────┐\n│ login   │ password │\n├─────────┼──────────┤\n│ ash01x  │ Pika1234 │\n│ misty02 │ Star│m1e! │\n└─────────┴──────────┘\n';
    const r = await readDump(input('paste.txt', text)).catch(() => undefined);
    for (const [, password] of r ? rows(r) : []) expect(password).not.toContain('|');
    expect(r ? rows(r).map(([u]) => u) : []).not.toContain('misty02');
  });

  it('a table drawn without any rule is not taken for a box table', async () => {
    const r = await readDump(input('paste.txt', '│ aaa0 │ aaa│$x0-a │ 30 │\nACCOUNTS = []\n')).catch(() => undefined);
    expect(r ? rows(r) : []).toEqual([]);
  });
});
