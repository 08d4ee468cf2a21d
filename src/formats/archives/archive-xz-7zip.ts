// An xz that xz-decompress cannot unpack though it is whole (archive-xz.ts: XzUnsupported): one made
// with a BCJ filter (`xz --x86`, `--arm`, `--arm64`, `--powerpc`, `--ia64`, `--sparc`, `--armthumb`)
// or a delta filter (`xz --delta`), which xz-embedded in xz-decompress is built without, or with a
// dictionary over its 64 MiB. The 7-Zip that reads 7z and rar (7z-wasm, archive-7z.ts) unpacks these:
// its xz decoder (7-Zip's C/XzDec.c) runs the BCJ filters and delta (C/Bra.c, C/Delta.c) after
// LZMA2, and checks each block's CRC32, CRC64 or SHA-256. Written to its in-memory file system,
// capped as it writes (archive-7z-written.ts) at the same cap xz-decompress is given.
import type { SevenZipModule, SevenZipModuleFactory } from '7z-wasm';
import { lazily } from '../../lazy-require.js';
import { capWritten } from './archive-7z-written.js';
import { TooLarge } from './archive-unpacked-cap.js';

const factory = lazily<{ default: SevenZipModuleFactory }>('7z-wasm');

/** The bytes the xz `bytes` unpack to, by 7-Zip; TooLarge past `cap`; an Error with 7-Zip's words where it cannot unpack them either. */
export async function unxzWith7Zip(bytes: Buffer, cap: number): Promise<Buffer> {
  const said: string[] = [];
  const sz: SevenZipModule = await factory().default({
    print: (line: string) => /^(?:ERROR|WARNING|Can(?:no|')?t |Data Error|CRC Failed|Unexpected end|Unsupported)/i.test(line.trim()) && said.push(line.trim()),
    printErr: (line: string) => line.trim() && said.push(line.trim()),
    stdin: () => null,
  } as never);
  // 7-Zip names the unpacked file after the xz's own name less `.xz`: `/in.xz` is written as `/out/in`.
  sz.FS.writeFile('/in.xz', bytes);
  const exitCode = process.exitCode;
  let stopped = false;
  // No packed size is given: the cap is max_dump_size alone; the ratio is judged by the caller on the whole.
  const over = capWritten(sz, '/out/', cap, () => ({ key: 'in', packed: Number.MAX_SAFE_INTEGER }), () => {
    try {
      sz.callMain(['x', '-txz', '-p', '-bd', '-y', '-o/out', '/in.xz']);
    } catch {
      stopped = true;
    } finally {
      // Emscripten's exit sets process.exitCode to 7-Zip's own: put back (archive-7z.ts says why).
      process.exitCode = exitCode;
    }
  });
  if (over) throw new TooLarge();
  if (said.length > 0 || stopped) throw new Error(said.join('; ') || '7-Zip stopped');
  return Buffer.from(sz.FS.readFile('/out/in'));
}
