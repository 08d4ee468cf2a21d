// CSV plumbing shared by the Monocle and RocketMap readers and writers: csv-parse and
// csv-stringify with the settings that make our own files read back byte for byte, and errors
// that point at a line without ever repeating what is on it (it may be a password).
import type * as CsvParse from 'csv-parse/sync';
import type * as CsvStringify from 'csv-stringify/sync';
import { lazily } from '../lazy-require.js';
import { splitLines, stripEnd } from './decode.js';
import { LONG_LINE } from './lists/long-lines.js';
import { DumpError } from './types.js';
import { plainFields } from './csv-plain-line.js';
import { plainRowsText } from './csv-plain-rows.js';

// Loaded on first use: most commands (status, release, mark, ...) never read or write CSV.
const csvParse = lazily<typeof CsvParse>('csv-parse/sync');
const csvStringify = lazily<typeof CsvStringify>('csv-stringify/sync');

/** Lines handed to csv-parse at a time by csvRows. */
const CHUNK_LINES = 4096;

export interface CsvRow {
  fields: string[];
  /** 1-based line the row is on. */
  line: number;
  /** The line as written, for readers that must re-split an unquoted password. */
  raw: string;
  /** With `byLine`: why this line is no CSV (its quotes), its fields empty; the reader refuses the line. */
  broken?: string;
}

/**
 * Parse CSV text into rows. `skip(line)` blanks out lines the format ignores (comments) without
 * shifting line numbers. A quoted field that runs past its line is an unbalanced quote: no
 * account field holds a newline, and swallowing the rest of the file into one password would be
 * far worse than stopping. Blanks around a field (`ptc, ash, pikachu`) are layout, as RocketMap
 * itself reads its accounts CSV (`map(str.strip, line.split(","))` in pogom/utils.py); a
 * password that really starts or ends with a blank is quoted, as our writers quote it.
 *
 * The rows come one at a time, parsed CHUNK_LINES lines at a time: a 1,000,000-line Monocle CSV
 * parsed whole held every line twice, the joined text and csv-parse's record and info object of
 * every row at once (~1 GB; docs/scale-log.md, stop 43). No row spans a line (one that does is
 * refused), and csv-parse carries nothing from record to record under these options, so chunks
 * of whole lines give exactly the rows the whole text gives. A chunk that fails is refused by
 * parsing the whole text as before, so a bad file's message is the same to the word (rows of
 * earlier chunks may have been taken: the caller throws with it, nothing is kept). A text with a
 * carriage return is parsed whole: csv-parse takes the record delimiter from the first line end
 * it meets, which a chunk could meet differently.
 *
 * `byLine`: a line whose quotes are no CSV does not refuse the file; it comes as a row with
 * `broken` (and no fields) for the reader to refuse by its line, every other line read as always.
 * For RocketMap's accounts CSV, whose own reader never unquotes (a `"` is part of a password there).
 */
export function* csvRows(name: string, text: string, skip?: (line: string) => boolean, chunkLines = CHUNK_LINES, byLine = false): Generator<CsvRow> {
  if (text.includes('\r')) {
    if (!byLine) {
      yield* parseWhole(name, text, skip);
      return;
    }
    let rows: CsvRow[] | undefined;
    try {
      rows = parseWhole(name, text, skip);
    } catch (err) {
      if (!(err instanceof DumpError)) throw err;
    }
    yield* rows ?? lineRows(splitLines(text).map((l) => (skip?.(l) ? '' : stripEnd(l))), 0);
    return;
  }
  // splitLines' lines: the text split at each LF, a last LF ending the last line.
  const stop = text.endsWith('\n') ? text.length - 1 : text.length;
  let pos = 0;
  let before = 0; // lines in the chunks before this one
  while (pos <= stop) {
    const lines: string[] = [];
    while (lines.length < chunkLines && pos <= stop) {
      let end = text.indexOf('\n', pos);
      if (end < 0 || end > stop) end = stop;
      const line = text.slice(pos, end);
      lines.push(skip?.(line) ? '' : stripEnd(line));
      pos = end + 1;
    }
    // Every line plain: split here, no csv-parse and none of its garbage (csv-plain-line.ts).
    const split = plainChunk(lines);
    if (split) {
      for (let i = 0; i < split.length; i++) {
        const fields = split[i]!;
        if (fields.every((f) => f === '')) continue; // blank lines, `,,,,` rows from spreadsheets
        yield { fields, line: before + i + 1, raw: lines[i]! };
      }
      before += lines.length;
      continue;
    }
    let records: Parsed[] | undefined;
    try {
      records = parseText(lines.join('\n'));
    } catch (err) {
      if (!(err instanceof csvParse().CsvError)) throw err;
      if (!byLine) throw refusal(name, text, skip, before + 1);
    }
    // A quote that no line closes, or closed and followed by more: with `byLine` each line parsed
    // alone (no row spans lines), the broken ones named, the others read exactly as before.
    if (byLine && (!records || records.some(({ record }) => record.some((f) => f.includes('\n'))))) {
      yield* lineRows(lines, before);
      before += lines.length;
      continue;
    }
    for (const { record, info } of records!) {
      if (record.some((f) => f.includes('\n'))) throw refusal(name, text, skip, before + info.lines);
      if (record.every((f) => f.trim() === '')) continue; // `,,,,` rows from spreadsheets
      yield { fields: record, line: before + info.lines, raw: lines[info.lines - 1] ?? '' };
    }
    before += lines.length;
  }
}

/** Each line's fields when every line of the chunk is plain (csv-plain-line.ts), else undefined. */
function plainChunk(lines: readonly string[]): string[][] | undefined {
  const out: string[][] = [];
  for (const line of lines) {
    const fields = plainFields(line);
    if (!fields) return undefined;
    out.push(fields);
  }
  return out;
}

/** Each line parsed on its own (`lines` numbered from `before` + 1), a line that is no CSV given as `broken`. */
function* lineRows(lines: readonly string[], before: number): Generator<CsvRow> {
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = before + i + 1;
    let fields = plainFields(raw);
    if (!fields) {
      try {
        fields = parseText(raw)[0]?.record ?? [];
      } catch (err) {
        const { CsvError } = csvParse();
        if (!(err instanceof CsvError)) throw err;
        yield { fields: [], line, raw, broken: csvErrorWhat(err.code) };
        continue;
      }
    }
    if (fields.every((f) => f.trim() === '')) continue; // blank lines, `,,,,` rows from spreadsheets
    yield { fields, line, raw };
  }
}

/** What a csv-parse error code says of the text, in the words our refusals use. */
function csvErrorWhat(code: string): string {
  return code === 'CSV_QUOTE_NOT_CLOSED'
    ? 'a quoted field is never closed (unbalanced quote)'
    : code === 'CSV_MAX_RECORD_SIZE'
      ? 'a quoted field runs past the end of its line (unbalanced quote)'
      : code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
        ? 'text after a quoted field\'s closing quote'
        : `not valid CSV (${code})`;
}

/** The error the whole text's parse throws (a chunk of it failed, so it does). */
function refusal(name: string, text: string, skip: ((line: string) => boolean) | undefined, line: number): Error {
  try {
    parseWhole(name, text, skip);
  } catch (err) {
    return err as Error;
  }
  return new DumpError('a quoted field runs past the end of its line (unbalanced quote)', name, line);
}

export interface Parsed {
  record: string[];
  info: { lines: number };
}

/** csv-parse over lines joined by LF, with the settings every reader of ours uses (exported for csv-plain-line's test). */
export function parseText(text: string): Parsed[] {
  return csvParse().parse(text, {
    relax_column_count: true,
    // A lone `"` inside an unquoted password is a character, not a syntax error.
    relax_quotes: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    // No record may span lines (checked by the callers), and no line is longer than LONG_LINE (dumps
    // with such a line never reach a list reader): a record past that is a quote never closed
    // on its line. Stopped there, one `"` before 100 MB of lines cost 14 s and 905 MB to read
    // the whole file into one field before refusing it.
    max_record_size: LONG_LINE,
  }) as unknown as Parsed[];
}

/** The whole text parsed at once, as the readers did before csvRows: a text it cannot chunk, and a bad file's refusal. */
function parseWhole(name: string, text: string, skip?: (line: string) => boolean): CsvRow[] {
  const lines = splitLines(text).map((l) => (skip?.(l) ? '' : stripEnd(l)));
  const cleaned = lines.join('\n');
  let records: Parsed[];
  const { CsvError } = csvParse();
  try {
    records = parseText(cleaned);
  } catch (err) {
    if (err instanceof CsvError) {
      const line = unclosedQuoteLine(lines) ?? (typeof err.lines === 'number' ? err.lines : undefined);
      throw new DumpError(csvErrorWhat(err.code), name, line);
    }
    throw err;
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    // info.lines is the line the record ends on; rows never span lines (checked just below).
    const line = info.lines;
    if (record.some((f) => f.includes('\n'))) {
      throw new DumpError('a quoted field runs past the end of its line (unbalanced quote)', name, unclosedQuoteLine(lines) ?? line);
    }
    if (record.every((f) => f.trim() === '')) continue; // `,,,,` rows from spreadsheets
    rows.push({ fields: record, line, raw: lines[line - 1] ?? '' });
  }
  return rows;
}

/** The first line that ends inside a quoted field, reading each line on its own as RFC 4180. */
export function unclosedQuoteLine(lines: string[], delimiter = ','): number | undefined {
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (!line.includes('"')) continue;
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        // quoted field: ends at a `"` not doubled
        i++;
        for (;;) {
          const q = line.indexOf('"', i);
          if (q < 0) return n + 1;
          if (line[q + 1] === '"') i = q + 2;
          else {
            i = q + 1;
            break;
          }
        }
      }
      const next = line.indexOf(delimiter, i);
      if (next < 0) break;
      i = next + 1;
    }
  }
  return undefined;
}

/**
 * Rows to CSV. Besides csv-stringify's own rule (quote on delimiter, quote or newline), a field
 * with leading or trailing blanks is quoted, so readers that treat line-end blanks as padding
 * still give back the exact password.
 */
export function writeCsv(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  // Plain fields (every one of allocate's usual rows) without loading csv-stringify (csv-plain-rows.ts).
  return plainRowsText(all) ?? csvStringify().stringify(all, { quoted_match: /^\s|\s$/, eof: true });
}
