// The Unix file types a RAR 4 archive made on Unix stores, which 7-Zip's listing does not show:
// 7-Zip 24.09's `l -slt` prints a RAR 4 member's Windows attributes alone, empty for one made on
// Unix, so a symbolic link (`rar a -ol`) would be unpacked as a file holding its target's name.
// Read from the headers themselves, as unrar's technote.txt (RAR 4.x, "Format of the RAR
// archive") lays them out: a block is HEAD_CRC (2), HEAD_TYPE (1), HEAD_FLAGS (2), HEAD_SIZE (2),
// then ADD_SIZE (4) when HEAD_FLAGS has 0x8000; a file header (type 0x74) goes on with PACK_SIZE (4),
// UNP_SIZE (4), HOST_OS (1: 3 is Unix), FILE_CRC (4), FTIME (4), UNP_VER (1), METHOD (1),
// NAME_SIZE (2), ATTR (4: a Unix host's st_mode), HIGH_PACK_SIZE and HIGH_UNP_SIZE (4 each) when
// HEAD_FLAGS has 0x100, then the name; its data (PACK_SIZE bytes) follows the header.

const S_IFMT = 0o170000;
const KINDS: Record<number, string> = { 0o120000: 'a symbolic link', 0o020000: 'a character device', 0o060000: 'a block device', 0o010000: 'a FIFO', 0o140000: 'a socket' };

/** The first member of the RAR 4 `bytes` made on Unix that is no file nor folder: its name (as stored, its ASCII part) and kind. */
export function rar4Special(bytes: Buffer): { path: string; kind: string } | undefined {
  let at = 7; // after the marker block, `Rar!\x1a\x07\x00`
  while (at + 7 <= bytes.length) {
    const type = bytes[at + 2]!;
    const flags = bytes.readUInt16LE(at + 3);
    const size = bytes.readUInt16LE(at + 5);
    if (size < 7 || type === 0x7b) return undefined; // damaged (7-Zip says so), or the end of the archive
    let add = flags & 0x8000 && at + 11 <= bytes.length ? bytes.readUInt32LE(at + 7) : 0;
    if (type === 0x74 && at + 32 <= bytes.length) {
      const large = flags & 0x100 && at + 40 <= bytes.length;
      if (large) add += bytes.readUInt32LE(at + 32) * 2 ** 32;
      const kind = bytes[at + 15] === 3 ? KINDS[bytes.readUInt32LE(at + 28) & S_IFMT] : undefined;
      if (kind) {
        const from = at + (large ? 40 : 32);
        const name = bytes.subarray(from, Math.min(bytes.length, from + bytes.readUInt16LE(at + 26)));
        const ascii = name.indexOf(0); // a Unicode name follows its ASCII form after a zero byte (flag 0x200)
        return { path: (ascii >= 0 ? name.subarray(0, ascii) : name).toString('latin1'), kind };
      }
    }
    at += size + add;
  }
  return undefined;
}
