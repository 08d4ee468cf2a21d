// xz (`accounts.txt.xz`, and under a tar, `stock.tar.xz`, `.txz`): what `tar -cJ` and current
// Linux tools make. Unpacked in memory by httptoolkit/xz-decompress (Lasse Collin's xz-embedded
// decoder built to WebAssembly, the module inlined in its JavaScript: nothing is fetched), which
// checks each block's CRC32/CRC64; a SHA-256 check (`xz -C sha256`) is checked here instead
// (archive-xz-sha256.ts). It hands out the output chunk by chunk (its
// dist/package/xz-decompress.js: a web ReadableStream), so the cap is checked as it unpacks and the
// rest is never unpacked once the cap is passed.
import type { XzReadableStream as XzStream } from 'xz-decompress';
import { lazily } from '../../lazy-require.js';
import { TooLarge } from './archive-unpacked-cap.js';
import { checkSha256, type Rewritten, withoutSha256 } from './archive-xz-sha256.js';

const xz = lazily<{ XzReadableStream: typeof XzStream }>('xz-decompress');

/**
 * An xz that is whole but made with what this decoder was built without: xz-decompress builds
 * xz-embedded (its src/native/xz-decompress.c) with `xz_dec_init(XZ_DYNALLOC, 1 << 26)`, a 64 MiB
 * dictionary at most, CRC32 and CRC64 checks and no BCJ or delta filter. Its error codes are
 * linux/xz.h's enum xz_ret: 4 XZ_MEMLIMIT_ERROR (the dictionary), 6 XZ_OPTIONS_ERROR (a check or a
 * filter it lacks); 7 (DATA) and 8 (BUF) are damage and a stream cut short. archive-members.ts then
 * hands the xz to 7-Zip (archive-xz-7zip.ts); this message is said only where 7-Zip fails too.
 */
export class XzUnsupported extends Error {}

const UNSUPPORTED: Record<string, string> = {
  '4': 'made with a dictionary over 64 MiB (xz --lzma2=dict=...; xz -9 uses 64 MiB), more than this reader holds',
  '6': 'made with options this reader lacks (a BCJ or delta filter, xz --x86 or --delta, or another filter)',
};

/** The bytes the xz `bytes` unpack to; rejects with TooLarge past `cap` bytes, XzUnsupported for what it cannot unpack, an Error for damage. */
export async function unxz(bytes: Buffer, cap: number): Promise<Buffer> {
  let rewritten: Rewritten | undefined;
  try {
    rewritten = withoutSha256(bytes);
  } catch {
    // Not an xz's shape from its end: the decoder says what is wrong with it.
  }
  const text = await decode(rewritten?.bytes ?? bytes, cap);
  if (rewritten) checkSha256(text, rewritten.blocks);
  return text;
}

async function decode(bytes: Buffer, cap: number): Promise<Buffer> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      controller.close();
    },
  });
  const reader = new (xz().XzReadableStream)(source).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (error) {
      const why = UNSUPPORTED[/error code (\d+)/.exec((error as Error).message)?.[1] ?? ''];
      throw why ? new XzUnsupported(why) : error;
    }
    const { done, value } = next;
    if (done) break;
    length += value.byteLength;
    if (length > cap) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, length);
}
