// A line far longer than any account line. Usernames and passwords are at most 256 characters
// (model.ts), so a list's line of two megabytes is none, unless it is stock joined on one line (80,000
// accounts). The list readers split each line into words and fields to judge it, at about 40 bytes
// of memory per byte of the line: one 27 MB line took 1.1 GB and 13 s of CPU. A mail, an HTML
// page, JSON, a SQL dump (mysqldump's extended INSERTs run to a megabyte) or a pickle may be one
// long line: only their readers are asked about such a dump; when none claims it, the dump is
// refused at once, naming the line.
import { DumpError, type DumpFormat, type DumpInput } from '../types.js';

/** Characters on one line beyond which only the readers of LONG_LINED formats are asked. */
export const LONG_LINE = 2 << 20;

/**
 * Formats whose files may be one long line: a whole document, not a list read line by line. Skype's
 * messages.json is the account's every conversation on one line (its readers load it whole); its
 * reader reads each message's text on its own, never the line.
 */
const LONG_LINED = new Set(['eml', 'emlx', 'mbox', 'html', 'monocle-pickle', 'json', 'jsonl', 'pgpool-dump', 'python-accounts', 'pokemongo-bot', 'bot-accounts', 'openpogobot', 'necrobot', 'login-map', 'skype-json']);

/** The first line of `text` longer than LONG_LINE (1-based) and its length, or undefined. */
export function longLineOf(text: string): { line: number; length: number } | undefined {
  if (text.length <= LONG_LINE) return undefined;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > LONG_LINE) return { line, length: stop - start };
    start = stop + 1;
  }
  return undefined;
}

/** The formats that may read `input`: all, or where a line is that long, only those of whole documents. */
export function formatsForLines(input: DumpInput, formats: DumpFormat[]): { formats: DumpFormat[]; long?: { line: number; length: number } } {
  const long = input.lines ? input.lines.longLine() : longLineOf(input.text);
  return long ? { formats: formats.filter((f) => LONG_LINED.has(f.name)), long } : { formats };
}

/** The refusal of a dump with such a line that no reader of whole documents claims. */
export function longLineError(input: DumpInput, long: { line: number; length: number }): DumpError {
  const size = long.length >= 1 << 20 ? `${(long.length / (1 << 20)).toFixed(1)} M` : `${Math.round(long.length / 1024)} K`;
  return new DumpError(
    `this line is ${size} characters long, and no list of accounts has such a line (an account line is at most a few hundred); stock joined on one line that long: put each account on a line of its own`,
    input.name,
    long.line,
  );
}
