// bzip2 (`accounts.txt.bz2`, and under a tar, `stock.tar.bz2`, `.tbz2`): what `tar -cj` and some
// sellers' Linux boxes make. Unpacked in memory by cscott/seek-bzip (pure JavaScript, the decoder
// of micro-bunzip/busybox: its lib/index.js), which checks each block's CRC and the stream's CRC.
// Its output is ours (a writeByte sink), so the cap is checked byte by byte as it unpacks: a bomb
// stops at the limit, it is never held whole. Streams after the first (pbzip2, `cat a.bz2 b.bz2`)
// are read too, as bzip2 -d reads them.
import { lazily } from '../../lazy-require.js';
import { TooLarge } from './archive-unpacked-cap.js';

interface ByteSink {
  writeByte(byte: number): void;
}
interface ByteSource {
  readByte(): number;
  read(buffer: Uint8Array, offset: number, length: number): number;
  seek(at: number): void;
  eof(): boolean;
}
type SeekBzip = { decode(input: ByteSource, output: ByteSink, multistream: boolean): void };

const seekBzip = lazily<SeekBzip>('seek-bzip');

/** The bytes the bzip2 `bytes` unpack to; throws TooLarge past `cap` bytes, an Error for damage. */
export function bunzip2(bytes: Buffer, cap: number): Buffer {
  let out = Buffer.allocUnsafe(Math.min(cap + 1, Math.max(64 * 1024, bytes.length * 4)));
  let length = 0;
  const sink: ByteSink = {
    writeByte(byte: number) {
      if (length === out.length) {
        if (length > cap) throw new TooLarge();
        const bigger = Buffer.allocUnsafe(Math.min(cap + 1, out.length * 2));
        out.copy(bigger, 0, 0, length);
        out = bigger;
      }
      out[length++] = byte;
    },
  };
  // seek-bzip reads past the end as undefined, which it takes for zero bits: cut short is said so.
  let at = 0;
  const source: ByteSource = {
    readByte() {
      if (at >= bytes.length) throw new Error('unexpected end of data: cut short');
      return bytes[at++]!;
    },
    read(buffer: Uint8Array, offset: number, length: number) {
      const n = Math.min(length, bytes.length - at);
      if (n <= 0) return -1;
      buffer.set(bytes.subarray(at, at + n), offset);
      at += n;
      return n;
    },
    seek(to: number) {
      at = to;
    },
    eof: () => at >= bytes.length,
  };
  seekBzip().decode(source, sink, true);
  if (length > cap) throw new TooLarge();
  return out.subarray(0, length);
}
