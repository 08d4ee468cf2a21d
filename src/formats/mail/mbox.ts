// mbox: many messages in one file, each opened by a `From sender date` line; body lines that
// began with `From ` were written as `>From ` (and `>From ` as `>>From `, mboxrd). Each message
// is cut out as raw bytes (its body may be 8-bit in any charset) and read as an .eml.
import { isMboxStart, toDumpInput, withoutBom } from '../decode.js';
import { headText, MAIL_HEAD } from '../streamed-input.js';
import { messageAt, PartCollector, threadOf } from './eml.js';
import { conversationOrder } from './conversation-order.js';
import { MessageSequence } from './message-sequence.js';
import type { DumpFormat, DumpInput, DumpResult } from '../types.js';

export function detectMbox(input: DumpInput): number {
  // The envelope line and up to 200 header lines after it (decode.ts): the head of a dump read in pieces.
  return isMboxStart(headText(input, MAIL_HEAD)) ? 0.97 : 0;
}

const FROM_LINE = /^From \S+ .*\d/;

/**
 * Byte ranges of the messages. A `From ` line starts a message only at the top or after a blank
 * line and when it looks like an envelope line (sender, then a date), so a stray unescaped
 * "From here on..." in a body does not split a message.
 */
export function splitMbox(file: Buffer): Buffer[] {
  return mboxMessages(file).map((m) => m.bytes);
}

/** The messages with how many lines of the file come before each (its envelope line and all above). */
export function mboxMessages(file: Buffer): { bytes: Buffer; linesBefore: number }[] {
  const bytes = withoutBom(file);
  const starts: number[] = [];
  let prevBlank = true;
  let pos = 0;
  while (pos < bytes.length) {
    let end = bytes.indexOf(10, pos);
    if (end < 0) end = bytes.length;
    const head = bytes.subarray(pos, Math.min(end, pos + 300)).toString('latin1');
    if (prevBlank && FROM_LINE.test(head)) starts.push(pos);
    prevBlank = end - pos === 0 || (end - pos === 1 && bytes[pos] === 13);
    pos = end + 1;
  }
  const kept = withContentLengths(bytes, starts);
  let linesBefore = 0;
  let counted = 0;
  return kept.map((start, i) => {
    const from = bytes.indexOf(10, start) + 1 || bytes.length;
    for (; counted < from; counted++) if (bytes[counted] === 10) linesBefore++;
    const body = bytes.subarray(from, kept[i + 1] ?? bytes.length);
    // latin1 maps each byte to one char and back, so unescaping leaves every other byte alone.
    return { bytes: Buffer.from(body.toString('latin1').replace(/^>(>*From )/gm, '$1'), 'latin1'), linesBefore };
  });
}

/**
 * mboxcl2 (Solaris mail, mutt with `mbox_type`; mboxcl too): each message's `Content-Length`
 * header gives its body's bytes, and a body line starting "From " is written as it is, unescaped
 * (qmail's mbox(5), "mboxcl2"). A message start found inside such a body ("From 12 June on, ...")
 * is no start: the starts a Content-Length says lie in its body are dropped, when it ends exactly
 * at the next start or the file's end; a Content-Length that does not (a header copied with the
 * message, a body changed since) is not believed, and the `From ` lines cut as above.
 */
function withContentLengths(bytes: Buffer, starts: number[]): number[] {
  const kept: number[] = [];
  let inBody = -1;
  for (const [i, start] of starts.entries()) {
    if (start < inBody) continue;
    kept.push(start);
    const end = contentEnd(bytes, start);
    // Its end at a later start (a blank line or two between) or at the file's end: believed.
    const next = end === undefined ? undefined : starts.slice(i + 1).find((s) => s >= end);
    if (end !== undefined && ((next !== undefined && gapOfNewlines(bytes, end, next)) || (next === undefined && gapOfNewlines(bytes, end, bytes.length)))) inBody = end;
  }
  return kept;
}

/** Where a message's body ends by its Content-Length header, if it has one. */
function contentEnd(bytes: Buffer, start: number): number | undefined {
  const from = bytes.indexOf(10, start) + 1;
  if (from === 0) return undefined;
  const blank = /\r?\n\r?\n/.exec(bytes.subarray(from, from + 64 * 1024).toString('latin1'));
  if (!blank) return undefined;
  const length = /^content-length:[ \t]*(\d{1,12})[ \t]*\r?$/im.exec(bytes.subarray(from, from + blank.index).toString('latin1'));
  return length ? from + blank.index + blank[0].length + Number(length[1]) : undefined;
}

/** Whether only line ends (at most two) lie from `a` to `b`. */
function gapOfNewlines(bytes: Buffer, a: number, b: number): boolean {
  if (b < a || b - a > 4) return false;
  return /^(?:\r?\n){0,2}$/.test(bytes.subarray(a, b).toString('latin1'));
}

export function createMbox(eml: DumpFormat): DumpFormat {
  async function parse(input: DumpInput): Promise<DumpResult> {
    const out = new PartCollector('mbox');
    const messages = mboxMessages(input.bytes);
    const fileLines = messages.length > 1 ? input.text.split('\n') : [];
    const sequence = new MessageSequence(out, fileLines);
    const read: { label: string; result?: DumpResult; error?: unknown }[] = [];
    for (const [i, { bytes, linesBefore }] of messages.entries()) {
      const label = `message ${i + 1}`;
      try {
        read.push({ label, result: await eml.parse(messageAt(toDumpInput(`${input.name} (${label})`, bytes, input.maxLines), linesBefore)) });
      } catch (error) {
        read.push({ label, error });
      }
    }
    // In the order they were written (conversation-order.ts): by Date when every message has one
    // (Gmail Takeout's mbox is in no date order), else as the file has them; a reply after the
    // message it answers. A later one's password for an account is newer, also one its sentence
    // gives (`New password for ash_01: X`, later-corrections.ts).
    const threads = read.map((m) => (m.result ? threadOf(m.result) : undefined));
    const dated = threads.every((t) => t?.date !== undefined);
    for (const k of conversationOrder(threads, (a, b) => a - b, dated)) {
      const { label, result: asRead, error } = read[k]!;
      read[k] = { label }; // let each message's result go once it is in `out`
      if (!asRead) {
        out.fail(error, label);
        continue;
      }
      sequence.next(asRead, label);
    }
    return out.result();
  }
  return { name: 'mbox', detect: detectMbox, parse };
}
