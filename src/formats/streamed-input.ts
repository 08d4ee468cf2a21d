// A dump read from its file a piece at a time (file-lines.ts), as every reader takes a dump
// (DumpInput), and what asks of its text without making it whole. Why: the whole text of a big
// dump costs its file twice at its making, and held beside the read's columns it was the peak of
// the import of a 1,000,000-row table (docs/scale-log.md, stop 66 M).
// A reader or a check that knows no better still asks `text` or `bytes`: they are read from the
// file then, whole, and decoded as decode.ts decodes any dump, so what it finds is the same, only
// the memory is the whole text's again. The scan (FileLines.scan) made sure the two are one text.
import { readSync } from 'node:fs';
import { toDumpInput } from './decode.js';
import { DumpError, NO_BYTES, type DumpInput } from './types.js';
import { CHANGED, type FileLines } from './file-lines.js';
import { DEFAULT_MAX_LINES } from './line-limit.js';

/**
 * The dump `name` as read from `lines`' file; `text` and `bytes` made from the file only when asked
 * (`onWhole` told each time: a test knows so that a read never made them).
 */
export function streamedInput(name: string, lines: FileLines, maxLines: number, onWhole?: (what: 'text' | 'bytes') => void): DumpInput {
  let text: string | undefined;
  let bytes: Buffer | undefined;
  let bytesGone = false;
  const wholeBytes = (): Buffer => {
    onWhole?.('bytes');
    const all = Buffer.allocUnsafe(lines.size);
    let got = 0;
    for (let n = -1; n !== 0 && got < all.length; got += n) n = readSync(lines.fd, all, got, all.length - got, got);
    if (got < all.length || lines.changed()) throw new DumpError(CHANGED, name);
    return all;
  };
  const input = { name, lines } as DumpInput;
  Object.defineProperty(input, 'text', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (text === undefined) onWhole?.('text');
      return (text ??= toDumpInput(name, bytes ?? wholeBytes(), maxLines).text);
    },
    set: (value: string) => {
      text = value;
    },
  });
  Object.defineProperty(input, 'bytes', {
    enumerable: true,
    configurable: true,
    get: () => (bytesGone ? NO_BYTES : (bytes ??= wholeBytes())),
    // ReadOptions.letBytesGo: NO_BYTES from then on, as for a dump read whole.
    set: (value: Buffer) => {
      bytes = value === NO_BYTES ? undefined : value;
      bytesGone = value === NO_BYTES;
    },
  });
  if (maxLines !== DEFAULT_MAX_LINES) input.maxLines = maxLines;
  return input;
}

/**
 * Whether the dump's text holds a match of `re`, the file's pieces asked where it is read so. Only
 * for a regex whose match holds no line feed but at its end (one line's, and its line feed).
 */
export function textHas(input: DumpInput, re: RegExp): boolean {
  if (input.lines) return input.lines.test(re);
  re.lastIndex = 0;
  return re.test(input.text);
}

/**
 * Lines a mail's detector reads at most (decode.ts mailHeaderCount: 200 header lines after the line
 * it starts on, an mbox's envelope line or an .emlx's count).
 */
export const MAIL_HEAD = 202;

/**
 * A text holding the dump's first `count` lines whole, and at least its first 4,096 characters (each with its line feed where the text has
 * one): for what looks at no line past them. The whole text where it is made already.
 */
export function headText(input: DumpInput, count: number): string {
  return input.lines ? input.lines.head(count) : input.text;
}

/** Whether the text is blank (`text.trim() === ''`), line by line where it is read so. */
export function blankText(input: DumpInput): boolean {
  if (!input.lines) return input.text.trim() === '';
  for (let i = 0; i < input.lines.length; i++) if (input.lines.at(i)!.trim() !== '') return false;
  return true;
}
