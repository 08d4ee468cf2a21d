// One CSV line split without csv-parse, when it is plain enough that the split is sure to be
// csv-parse's own under csv.ts's options (trim, relax_quotes, `,` between fields): a 1,000,000-row
// Monocle accounts.csv handed to csv-parse cost a joined text, a Buffer of it, a record and an
// info object per row, 4,096 rows at a time; that garbage was ~150 MB of heap and ~100 MB of array
// buffers at the read's peak (docs/scale-log.md, stop 44). Anything else goes to csv-parse.

/** A line of printable ASCII only: no tab, no control, nothing past ASCII (trim rules differ there). */
const PRINTABLE = /^[\x20-\x7e]*$/;

/** Longest line split here; a longer one is csv-parse's (its max_record_size stops a runaway quote). */
const MOST = 65_536;

/**
 * The fields csv-parse makes of `line`, or undefined when the line is not plain: a field is either
 * unquoted without any `"`, or quoted whole (`""` inside for a quote) with only blanks between its
 * closing quote and the next comma. Blanks around a field are dropped, as csv-parse's `trim` does.
 */
export function plainFields(line: string): string[] | undefined {
  if (line.length > MOST || !PRINTABLE.test(line)) return undefined;
  const n = line.length;
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < n && line.charCodeAt(i) === 0x20) i++;
    if (i < n && line.charCodeAt(i) === 0x22) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q < 0) return undefined;
        if (line.charCodeAt(q + 1) === 0x22) {
          value += line.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += line.slice(from, q);
        i = q + 1;
        break;
      }
      while (i < n && line.charCodeAt(i) === 0x20) i++;
      fields.push(value);
      if (i === n) return fields;
      if (line.charCodeAt(i) !== 0x2c) return undefined;
      i++;
      continue;
    }
    const comma = line.indexOf(',', i);
    const end = comma < 0 ? n : comma;
    let last = end;
    while (last > i && line.charCodeAt(last - 1) === 0x20) last--;
    const value = line.slice(i, last);
    if (value.includes('"')) return undefined;
    fields.push(value);
    if (comma < 0) return fields;
    i = comma + 1;
  }
}
