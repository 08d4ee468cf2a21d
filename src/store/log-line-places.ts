// Where a change-log record stands in the files an operator opens: the segment (`.changes.log`,
// or `.changes.old.log` before it: change-log.ts) and its line. The log's readers keep positions
// in memory only (numbered entries), so a report naming a record (verify's) finds its line here,
// by its text: a record line is the account's line exactly as the entry holds it.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { previousSegmentOf } from './change-log.js';

export interface LogLinePlace {
  file: string;
  line: number;
}

/**
 * The last place (1-based line) in the log at `path` of each of `lines`, the previous segment
 * read before the current one (the latest record of an account is its last line); a line in
 * neither is left out. Read line by line: a report of a few records never holds a large log.
 */
export async function logLinePlaces(path: string, lines: ReadonlySet<string>): Promise<Map<string, LogLinePlace>> {
  const places = new Map<string, LogLinePlace>();
  if (lines.size === 0) return places;
  for (const file of [previousSegmentOf(path), path]) {
    const stream = createReadStream(file, { encoding: 'utf8' });
    const opened = await new Promise<boolean>((resolve) => {
      stream.once('open', () => resolve(true));
      stream.once('error', () => resolve(false));
    });
    if (!opened) continue; // no such segment (none yet, or folded away)
    let line = 0;
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line++;
      if (lines.has(text)) places.set(text, { file, line });
    }
  }
  return places;
}
