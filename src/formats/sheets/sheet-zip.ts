// The parts of a spreadsheet's zip (an .xlsx's `xl/worksheets/sheet1.xml`, an .ods's `content.xml`)
// that its reader asks for, unpacked through yauzl as an archive's members are (archive-members.ts),
// and held to the same limits: all the parts read unpack to at most max_dump_size, none more than
// MAX_RATIO times its packed size (a zip bomb, or a shared-strings table of a billion copies of one
// string, is refused by its size before it is parsed), each exactly the size its header declares.
import type * as Yauzl from 'yauzl';
import { lazily } from '../../lazy-require.js';
import { MAX_MEMBERS, MAX_RATIO, RATIO_FROM } from '../archives/archive-unpacked-cap.js';
import { nextEntry } from '../archives/zip-entries.js';
import { DumpError } from '../types.js';
import { limitText } from '../../byte-size.js';

const yauzl = lazily<typeof Yauzl>('yauzl');

export interface SheetZip {
  /** The member names the zip's directory lists. */
  names: Set<string>;
  /** A member's bytes, unpacked (counted against the limits), or undefined when the zip has none so named. */
  part(path: string): Promise<Buffer | undefined>;
  close(): void;
}

/** Opens the spreadsheet `bytes` (named `name` in messages); every part read adds to `budget.used`, refused past `budget.max`. */
export async function openSheetZip(name: string, bytes: Buffer, budget: { max: number; used: number }): Promise<SheetZip> {
  const refuse = (why: string): never => {
    throw new DumpError(`${why}; nothing was imported from it`, name);
  };
  let zip: Yauzl.ZipFile;
  const entries = new Map<string, Yauzl.Entry>();
  try {
    zip = await new Promise<Yauzl.ZipFile>((resolve, reject) =>
      // autoClose off: parts are read after the directory is listed.
      yauzl().fromBuffer(bytes, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false, autoClose: false }, (e, z) => (e ? reject(e) : resolve(z))),
    );
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) break;
      if (entries.size >= MAX_MEMBERS) refuse(`is a spreadsheet of more than ${MAX_MEMBERS} parts (an archive bomb's shape)`);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    if (error instanceof DumpError) throw error;
    return refuse(`is a spreadsheet whose zip cannot be read (${(error as Error).message}): corrupt or cut short`);
  }
  return {
    names: new Set(entries.keys()),
    close: () => zip.close(),
    async part(path) {
      const entry = entries.get(path);
      if (!entry) return undefined;
      if (entry.isEncrypted()) refuse(`is a password-protected spreadsheet: open it with its password, save it without one (or as CSV), and import that`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) refuse(`is a spreadsheet whose part ${path} is packed with zip method ${entry.compressionMethod}, which no spreadsheet program writes: save it again as .xlsx or CSV`);
      budget.used += entry.uncompressedSize;
      if (budget.used > budget.max) refuse(`unpacks to over ${limitText(budget.max)} at its part ${path}, over max_dump_size (a zip bomb, or a sheet to split)`);
      if (entry.uncompressedSize >= RATIO_FROM && entry.uncompressedSize > entry.compressedSize * MAX_RATIO) refuse(`its part ${path} unpacks ${entry.uncompressedSize} bytes from ${entry.compressedSize} (over ${MAX_RATIO} times: a zip bomb's ratio)`);
      try {
        return await new Promise<Buffer>((resolve, reject) =>
          zip.openReadStream(entry, (error, stream) => {
            if (error) return reject(error);
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('error', reject);
            stream.on('end', () => resolve(Buffer.concat(chunks)));
          }),
        );
      } catch (error) {
        return refuse(`is a spreadsheet whose part ${path} cannot be unpacked (${(error as Error).message}): corrupt or cut short`);
      }
    },
  };
}
