// A file opened for a dump read to at most one byte past a limit: that one byte tells a file over
// the limit from one at it, and a file still growing is read up to one byte past its size then
// (never past the limit, however it grows). The caller judges `length > limit`.
import type { FileHandle } from 'node:fs/promises';

/** The bytes of `handle` (of `size` bytes when stat'ed), at most `limit` + 1 of them. */
export async function readBounded(handle: FileHandle, size: number, limit: number): Promise<Buffer> {
  const bytes = Buffer.alloc(Math.min(size, limit) + 1);
  let filled = 0;
  for (let read = -1; read !== 0 && filled < bytes.length; filled += read) read = (await handle.read(bytes, filled, bytes.length - filled, filled)).bytesRead;
  return bytes.subarray(0, filled);
}
