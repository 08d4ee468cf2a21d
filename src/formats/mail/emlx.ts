// Apple Mail's `.emlx` (~/Library/Mail/V*/.../Messages/12345.emlx, what a Mac user finds when
// copying a seller's mail out of Mail's folders): a first line holding the message's length in
// bytes (padded with spaces), the message itself (RFC 5322, LF line ends), then an XML property
// list of Mail's flags and dates (terhechte/emlx src/lib.rs; qqilihq/partial-emlx-converter).
// The message is read as an .eml is, its lines counted from the file's second line. A length that
// does not end where the property list begins (the file cut short or edited) is refused: where
// the message ends would be a guess.
import { mailHeaderCount, toDumpInput } from '../decode.js';
import { headText, MAIL_HEAD } from '../streamed-input.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';
import { heldMessage, messageAt } from './eml.js';
import { lonePasswordCorrections } from './lone-corrections.js';
import { cutPartReason, cutParts } from './emlx-partial.js';

const COUNT_LINE = /^(\d{1,12})[ \t]*\r?\n/;

export function detectEmlx(input: DumpInput): number {
  const text = headText(input, MAIL_HEAD);
  const count = COUNT_LINE.exec(text.slice(0, 40));
  // Above eml's 0.95: the count line makes the file no .eml (its first line is no header).
  return count && mailHeaderCount(text, count[0].length) >= 2 ? 0.97 : 0;
}

/** The message's bytes; throws when the length line does not end where the property list begins. */
export function emlxMessage(name: string, bytes: Buffer): Buffer {
  const count = COUNT_LINE.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!count) throw new DumpError('is no Apple Mail .emlx: its first line is not the message length', name);
  const from = count[0].length;
  const to = from + Number(count[1]);
  const rest = bytes.subarray(Math.min(to, bytes.length)).toString('latin1').trimStart();
  if (to > bytes.length || (rest !== '' && !/^<(?:\?xml|!DOCTYPE plist|plist)\b/.test(rest))) {
    throw new DumpError(`an Apple Mail .emlx whose first line says the message is ${count[1]} bytes, but ${to > bytes.length ? `the file holds ${bytes.length - from}` : 'no property list follows them'}: cut short or changed since Mail wrote it, so where the message ends is unsure; export it from Mail (File > Save As, Raw Message Source) and import that .eml`, name, 1);
  }
  return bytes.subarray(from, to);
}

export function createEmlx(eml: DumpFormat): DumpFormat {
  async function parse(input: DumpInput): Promise<DumpResult> {
    const message = emlxMessage(input.name, input.bytes);
    const inner = messageAt(toDumpInput(input.name, message, input.maxLines), 1);
    const whole = await eml.parse(inner);
    // A `.partial.emlx`: each attachment Mail keeps apart refused by its line (the count line is the file's line 1).
    const cut = cutParts(message.toString('latin1'));
    const read = cut.length === 0 ? whole : { ...whole, rejected: [...whole.rejected, ...cut.map((p) => ({ line: p.line + 1, reason: cutPartReason(p, input.name), part: true as const }))].sort((a, b) => a.line - b.line) };
    const { result, alone } = heldMessage(input, inner, { ...read, format: `emlx${read.format.replace(/^eml/, '')}` });
    // Read alone, as an .eml read alone: a sentence about another file's account offered to the pool.
    return alone ? lonePasswordCorrections(result) : result;
  }
  return { name: 'emlx', detect: detectEmlx, parse };
}
