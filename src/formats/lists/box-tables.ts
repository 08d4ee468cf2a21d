// A table drawn for a terminal, as a paste copied from one or from a Discord code block holds it:
// Unicode's box-drawing characters (U+2500-U+257F) of psql's `\pset linestyle unicode`, Python's
// tabulate (`fancy_grid`, `rounded_grid`, `double_grid`: ┌─┬─┐, ╔═╦═╗, │ and ║ between cells) and
// prettytable's unicode styles; or the ASCII grid of the mysql client and prettytable's default
// (`+--------+----------+` rules around `| ash01x | Pika1234 |` rows). The rows' bars are a `|`
// table's, and the rules (`├──────┼──────┤`, `╚══╩══╝`, `+----+----+`) are layout. A rule tells how
// many bars a row has (its corners and junctions: `┌──┬──┐` is three), and only a row framed by a
// box bar at both ends with exactly that many is read as the table's (a bar inside a password
// would add one: that row, and every row of a table drawn without a rule, is left as written, to
// be judged and refused as it is, never a password with its `│` changed).

const BOX = /[\u2500-\u257f]/;
const RULE = /^[\u2500-\u257f \t]+$/;
const ASCII_RULE = /^[ \t]*\+(?:[-=]+\+)+[ \t]*$/;
/** A rule's horizontal strokes (light, heavy, double, dashed): the rest of a rule is its corners and junctions. */
const STROKES = /[\u2500\u2501\u2550\u2504\u2505\u2508\u2509\u254c\u254d \t]/g;
const BAR = '\u2502\u2503\u2551\u2506\u2507\u250a\u250b\u254e\u254f';
/** The vertical bars a box table puts between cells: light, heavy, double, dashed. */
const BARS = new RegExp(`[${BAR}]`, 'g');
const FRAMED = new RegExp(`^[ \\t]*[${BAR}].*[${BAR}][ \\t]*$`);

function barCount(s: string): number {
  return s.match(BARS)?.length ?? 0;
}

/** How many bars a row of the table has, from its first rule; undefined without one. */
function rowBars(lines: readonly string[]): number | undefined {
  for (const s of lines) if (BOX.test(s) && RULE.test(s)) return s.replace(STROKES, '').length;
  return undefined;
}

/**
 * The lines of `text` with a drawn table's rows as `|` rows and its rules blank; `lines` itself
 * when the text holds neither kind (native scans of the text: a 1,000,000-line list holds none).
 */
export function withoutBoxDrawing(text: string, lines: string[]): string[] {
  const box = BOX.test(text);
  if (!box && !text.includes('+-')) return lines;
  const bars = box ? rowBars(lines) : undefined;
  return lines.map((s) => {
    if (ASCII_RULE.test(s)) return '';
    if (!box || !BOX.test(s)) return s;
    if (RULE.test(s)) return '';
    return bars !== undefined && FRAMED.test(s) && barCount(s) === bars ? s.replace(BARS, '|') : s;
  });
}
