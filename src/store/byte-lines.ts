// The lines of a canonical shard file (shard-codec.ts) read off its bytes, each decoded only when
// asked for. A shard known to be our own output is mostly never read line by line: an import into
// a 100,000-account pool needs every key (to find the accounts it adds and to check that none is
// held twice) and copies the kept lines as bytes (shard-state.ts). Decoding the 17 MB of such a
// pool into text, then splitting it into 100,000 strings that lived until the commit, cost ~100 ms
// and 17 MB of heap the collector copied.
//
// The same lines as trustedLines(name, bytes.toString()) gives, or none where it gives none:
// test/store/byte-lines.test.ts proves it on random shards, hand-edited ones included. Every byte
// looked at here is ASCII, which in UTF-8 is never part of another character, so byte offsets
// and the text's offsets find the same delimiters.
import { isAscii } from 'node:buffer';
import { keyOfQuoted, shardHeader } from './shard-codec.js';

/** `": {`, where the username of a trusted line ends (see shard-codec.ts keyEnd). */
const KEY_MARK = Buffer.from('": {');
/** `"seq": `, the key of the import number (see shard-codec.ts trustedLineSeq). */
const SEQ_MARK = Buffer.from('"seq": ');
const OPEN = 0x7b; // {
const COMMA = 0x2c;
const NEWLINE = 10;
const CLOSE = 0x7d; // }

export class ByteLines {
  private constructor(
    readonly bytes: Buffer,
    /** Where each line starts, then where the line after the last would (the file's end). */
    readonly starts: Int32Array,
    /** Where each line's `": {` is. */
    private readonly marks: Int32Array,
    /** Every byte is ASCII: a line's text is its latin1, decoded much faster than UTF-8. */
    private readonly ascii: boolean,
  ) {}

  /** The lines of `bytes` (shard `name`) when they are in the trusted shape, else null. */
  static of(name: string, bytes: Buffer): ByteLines | null {
    const header = Buffer.from(shardHeader(name));
    if (bytes.length < header.length || !header.equals(bytes.subarray(0, header.length))) return null;
    if (bytes.length > header.length && bytes[bytes.length - 1] !== NEWLINE) return null;
    const starts: number[] = [];
    const marks: number[] = [];
    for (let at = header.length; at < bytes.length; ) {
      const end = bytes.indexOf(NEWLINE, at);
      const mark = bytes.indexOf(KEY_MARK, at);
      // As keyEnd: a `": {` in the line, the line ending with `}`, and not `{}` right after the name.
      if (mark < 0 || mark >= end || bytes[end - 1] !== CLOSE || (mark + 4 < end && bytes[mark + 4] === CLOSE)) return null;
      starts.push(at);
      marks.push(mark);
      at = end + 1;
    }
    starts.push(bytes.length);
    return new ByteLines(bytes, Int32Array.from(starts), Int32Array.from(marks), isAscii(bytes));
  }

  get count(): number {
    return this.marks.length;
  }

  /** Line `i`'s text, without its line break. */
  line(i: number): string {
    return this.bytes.toString(this.ascii ? 'latin1' : 'utf8', this.starts[i]!, this.starts[i + 1]! - 1);
  }

  /**
   * Line `i`'s `seq` as trustedLineSeq reads it off the line's text, without making that text:
   * the next import number is the highest in the pool, and decoding every line of a large pool
   * to read one number from each was 17 MB of strings for the collector at 100,000 accounts.
   * The same rules on the bytes (every byte they look at is ASCII): no `{` after the account's
   * own, then the first `"seq": ` followed by a whole number ending the field.
   */
  seq(i: number): number | undefined {
    const bytes = this.bytes;
    const end = this.starts[i + 1]! - 1;
    const open = this.marks[i]! + 3;
    // Native searches (memchr), not a loop over the line's bytes: several times faster.
    const brace = bytes.indexOf(OPEN, open + 1);
    if (brace !== -1 && brace < end) return undefined;
    const at = bytes.indexOf(SEQ_MARK, open);
    if (at === -1 || at >= end) return undefined;
    let k = at + SEQ_MARK.length;
    while (k < end && bytes[k]! >= 48 && bytes[k]! <= 57) k++;
    if (k === at + SEQ_MARK.length || (bytes[k] !== COMMA && bytes[k] !== CLOSE)) return undefined;
    return Number(bytes.toString('latin1', at + SEQ_MARK.length, k));
  }

  /** Line `i`'s lower-cased username (as trustedLineKey reads it off the text). */
  key(i: number): string {
    return keyOfQuoted(this.bytes.toString(this.ascii ? 'latin1' : 'utf8', this.starts[i]!, this.marks[i]! + 1));
  }
}
