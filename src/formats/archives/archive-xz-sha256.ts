// An xz whose blocks carry a SHA-256 check (`xz -C sha256`), which the decoder (xz-embedded, built
// without it: archive-xz.ts) refuses. Such a stream is rewritten as the same stream with no check
// (check type None, which it reads), and the SHA-256 of each block's unpacked bytes checked here,
// with node's crypto. The container is Lasse Collin's "The .xz File Format" (tukaani-project/xz,
// doc/xz-file-format.txt): a stream is a 12-byte header (magic, flags whose low nibble is the check
// type, 0x0A SHA-256, and their CRC32), blocks (a header, compressed data, padding to 4 bytes, the
// check), an index (0x00, the count and each block's unpadded and uncompressed sizes as
// variable-length integers, padding, CRC32) and a 12-byte footer (CRC32, the index's size in 4-byte
// units less one, the flags, `YZ`); streams may follow one another, with zero bytes between in
// fours. The streams are found from the end, each by its footer and index, as xz --list does.
import { lazily } from '../../lazy-require.js';

const zlib = lazily<typeof import('node:zlib')>('node:zlib');
const crypto = lazily<typeof import('node:crypto')>('node:crypto');
const crc32 = (bytes: Buffer) => zlib().crc32(bytes);

const SHA256 = 0x0a;
const HEADER_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

export interface Rewritten {
  /** The xz with its SHA-256 streams' checks taken out. */
  bytes: Buffer;
  /** Each block's unpacked size in order, and the SHA-256 its check holds (none for a block of another check). */
  blocks: { size: number; sha256?: Buffer }[];
}

const round4 = (n: number) => Math.ceil(n / 4) * 4;

function vli(bytes: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9 && at + i < bytes.length; i++) {
    const b = bytes[at + i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return [value, at + i + 1];
  }
  throw new Error('a corrupt xz index');
}

function writeVli(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

interface Stream {
  start: number;
  end: number;
  check: number;
  records: { unpadded: number; size: number }[];
}

/** The streams of `bytes`, first to last, found from the end; throws on what is no xz's shape. */
function streamsOf(bytes: Buffer): Stream[] {
  const streams: Stream[] = [];
  let end = bytes.length;
  while (end > 0) {
    while (end >= 4 && bytes.readUInt32LE(end - 4) === 0) end -= 4; // stream padding
    if (end === 0) break;
    const footer = end - 12;
    if (footer < 12 || bytes[end - 2] !== 0x59 || bytes[end - 1] !== 0x5a) throw new Error('no xz stream footer');
    const indexSize = (bytes.readUInt32LE(footer + 4) + 1) * 4;
    const check = bytes[footer + 9]! & 0x0f;
    const index = footer - indexSize;
    if (index < 12 || bytes[index] !== 0) throw new Error('no xz index');
    let [count, at] = vli(bytes, index + 1);
    const records: Stream['records'] = [];
    let blocks = 0;
    for (; count > 0; count--) {
      const [unpadded, next] = vli(bytes, at);
      const [size, after] = vli(bytes, next);
      // A block is a header of 8 bytes at least, and its check (the sizes are the file's word, as yet unchecked).
      if (unpadded < 8 + (check === SHA256 ? 32 : 0) || unpadded > bytes.length) throw new Error('a corrupt xz index');
      records.push({ unpadded, size });
      blocks += round4(unpadded);
      at = after;
    }
    const start = index - blocks - 12;
    if (start < 0 || !bytes.subarray(start, start + 6).equals(HEADER_MAGIC)) throw new Error('no xz stream header');
    streams.unshift({ start, end, check, records });
    end = start;
  }
  return streams;
}

/** `bytes` with each SHA-256 stream rewritten with no check, or undefined where no stream has SHA-256 checks. */
export function withoutSha256(bytes: Buffer): Rewritten | undefined {
  const streams = streamsOf(bytes);
  if (!streams.some((s) => s.check === SHA256)) return undefined;
  const parts: Buffer[] = [];
  const blocks: Rewritten['blocks'] = [];
  let last = 0;
  for (const stream of streams) {
    parts.push(bytes.subarray(last, stream.start)); // padding between streams, kept
    last = stream.end;
    if (stream.check !== SHA256) {
      parts.push(bytes.subarray(stream.start, stream.end));
      for (const r of stream.records) blocks.push({ size: r.size });
      continue;
    }
    const flags = Buffer.from([0, 0]);
    parts.push(HEADER_MAGIC, flags, u32(crc32(flags)));
    let at = stream.start + 12;
    const index = [0, ...writeVli(stream.records.length)];
    for (const r of stream.records) {
      const data = round4(r.unpadded - 32);
      parts.push(bytes.subarray(at, at + data));
      blocks.push({ size: r.size, sha256: Buffer.from(bytes.subarray(at + data, at + data + 32)) });
      at += data + 32;
      index.push(...writeVli(r.unpadded - 32), ...writeVli(r.size));
    }
    while (index.length % 4) index.push(0);
    const indexBytes = Buffer.from(index);
    parts.push(indexBytes, u32(crc32(indexBytes)));
    const backward = Buffer.concat([u32((indexBytes.length + 4) / 4 - 1), flags]);
    parts.push(u32(crc32(backward)), backward, Buffer.from('YZ', 'latin1'));
  }
  return { bytes: Buffer.concat(parts), blocks };
}

/** Throws where a block's unpacked bytes in `text` do not hash to the SHA-256 its check holds. */
export function checkSha256(text: Buffer, blocks: Rewritten['blocks']): void {
  let at = 0;
  for (const block of blocks) {
    const data = text.subarray(at, at + block.size);
    at += block.size;
    if (block.sha256 && !crypto().createHash('sha256').update(data).digest().equals(block.sha256)) throw new Error('SHA-256 check failed');
  }
  if (at !== text.length) throw new Error('unpacked size differs from the index');
}
