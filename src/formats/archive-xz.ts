// xz (`accounts.txt.xz`, and under a tar, `stock.tar.xz`, `.txz`): what `tar -cJ` and current
// Linux tools make. Unpacked in memory by httptoolkit/xz-decompress (Lasse Collin's xz-embedded
// decoder built to WebAssembly, the module inlined in its JavaScript: nothing is fetched), which
// checks each block's CRC32/CRC64. It hands out the output chunk by chunk (its
// dist/package/xz-decompress.js: a web ReadableStream), so the cap is checked as it unpacks and the
// rest is never unpacked once the cap is passed.
import type { XzReadableStream as XzStream } from 'xz-decompress';
import { lazily } from '../lazy-require.js';
import { TooLarge } from './archive-unpacked-cap.js';

const xz = lazily<{ XzReadableStream: typeof XzStream }>('xz-decompress');

/** The bytes the xz `bytes` unpack to; rejects with TooLarge past `cap` bytes, an Error for damage. */
export async function unxz(bytes: Buffer, cap: number): Promise<Buffer> {
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
    const { done, value } = await reader.read();
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
