// A zip member's name as its maker meant it. APPNOTE (4.4.4 bit 11, appendix D) says a name is
// UTF-8 when the entry's general purpose bit 11 says so, CP437 otherwise; yauzl follows that, and
// reads Info-ZIP's Unicode Path extra field (0x7075: a UTF-8 name beside the legacy one, with the
// legacy name's CRC-32; 7-Zip writes it since 21.02) first. But the zippers that sellers use do
// not all follow it:
//   - macOS (Archive Utility, `ditto -c -k`, and /usr/bin/zip, Info-ZIP 3.0) and Info-ZIP's zip on
//     Linux store the file system's UTF-8 bytes with bit 11 clear and no 0x7075 field
//     (tanupoo/unzipx README.md "mac 10.14.6 ... filename: UTF-8, but no UTF-8 bit"; checked with
//     Debian's zip 3.0 in test/import/archives.test.ts), macOS's in decomposed form (NFD, `é` as
//     `e` + U+0301). Read as CP437 they come out garbled: `niveau-é/` as `niveau-├⌐/`.
//   - Windows Explorer and 7-Zip before 21.02 store the local ANSI/OEM code page (CP437 in the US,
//     CP850, CP866, Shift_JIS, ...) with bit 11 clear (the same README; clsty/zip-encoding-test).
// So a name without the flag and without a valid 0x7075 field whose bytes are valid UTF-8 and not
// all ASCII is read as UTF-8: a CP437 name almost never is (a UTF-8 sequence is a lead byte
// 0xC2-0xF4 then continuation bytes 0x80-0xBF: in CP437 `┬`-`⌠` then accented letters and box
// drawing, no name anyone types). Any other name stays CP437, as APPNOTE says. Every name is put
// in composed form (NFC), so `é` from a Mac and from Windows is one name.
import type * as Yauzl from 'yauzl';
import { lazily } from '../lazy-require.js';

const zlib = lazily<typeof import('node:zlib')>('node:zlib');
const UTF8_FLAG = 0x800;
const UNICODE_PATH = 0x7075;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether yauzl took the name from a valid Info-ZIP Unicode Path field (its own test: version 1, the CRC of the legacy name). */
function hasUnicodePath(entry: Yauzl.Entry): boolean {
  return entry.extraFields.some((f) => f.id === UNICODE_PATH && f.data.length >= 6 && f.data[0] === 1 && f.data.readUInt32LE(1) === zlib().crc32(entry.fileNameRaw));
}

/** The name of `entry` (yauzl's, decoded with decodeStrings), read as UTF-8 where its maker wrote UTF-8 without saying so. */
export function zipEntryName(entry: Yauzl.Entry): string {
  const raw = entry.fileNameRaw;
  if ((entry.generalPurposeBitFlag & UTF8_FLAG) !== 0 || !raw.some((b) => b >= 0x80) || hasUnicodePath(entry)) return entry.fileName.normalize('NFC');
  let name: string;
  try {
    name = utf8.decode(raw);
  } catch {
    return entry.fileName.normalize('NFC'); // not UTF-8: CP437, as yauzl read it
  }
  // As yauzl does with strictFileNames off: a Windows zipper's backslashes are folders.
  return name.replace(/\\/g, '/').normalize('NFC');
}
