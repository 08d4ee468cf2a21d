# Makes a real archive with Python's own zipfile, gzip and tarfile (CPython's Lib/zipfile/__init__.py,
# Lib/gzip.py, Lib/tarfile.py), as a seller's or generator's machine would: the tests never write
# an archive's bytes by hand. Reads a JSON spec on stdin:
#   {"kind": "zip"|"gzip"|"tar", "out": PATH, "members": [{"name": N, "text": T | "b64": B,
#    "symlink": TARGET, "cp437": true, "codepage": CODEC, "stored": true, "method": "bzip2"|"lzma", "tar_type": "link"|"chr"|"blk"|"fifo"|"dir",
#    "link": TARGET, "unicode_path": LEGACY}], "gzip_name": N, "tar_format": "gnu"|"pax"|"ustar"},
# or a list of such specs, made in order (one Python start for a file's archives: ~0.1 s of CPU each).
import base64, gzip, io, json, sys, tarfile, zipfile


class CodepageInfo(zipfile.ZipInfo):
    """What zippers on Windows wrote (Explorer, WinZip, 7-Zip before 21.02): the name in the local
    OEM code page (CP437 in the US, CP866 in Russia, Shift_JIS, GBK; some the ANSI CP1251) without
    the UTF-8 flag (APPNOTE 4.4.4 bit 11, appendix D), where zipfile would write UTF-8."""
    __slots__ = ("codepage",)

    def _encodeFilenameFlags(self):
        return self.filename.encode(self.codepage), self.flag_bits & ~0x800

class UnicodePathInfo(zipfile.ZipInfo):
    """What 7-Zip (since 21.02) and Info-ZIP with Unicode support write for a name the legacy code
    page cannot hold: the legacy name (here `unicode_path`, CP437) without the UTF-8 flag, and the
    Info-ZIP Unicode Path extra field 0x7075 (version 1, the legacy name's CRC-32, the UTF-8 name;
    Info-ZIP's proginfo/extrafld.txt, read by yauzl's index.js getFileNameLowLevel)."""
    __slots__ = ("legacy",)

    def _encodeFilenameFlags(self):
        return self.legacy, self.flag_bits & ~0x800

def unicode_path(name, legacy):
    import struct, zlib
    info = UnicodePathInfo(name, (2018, 3, 1, 12, 0, 0))
    info.legacy = legacy.encode("cp437")
    field = b"\x01" + struct.pack("<I", zlib.crc32(info.legacy)) + name.encode("utf-8")
    info.extra = struct.pack("<HH", 0x7075, len(field)) + field
    return info

def data(m):
    return base64.b64decode(m["b64"]) if "b64" in m else m.get("text", "").encode("utf-8")

def make(spec):
    if spec["kind"] == "zip":
        with zipfile.ZipFile(spec["out"], "w", zipfile.ZIP_DEFLATED) as z:
            for m in spec["members"]:
                if "unicode_path" in m:
                    info = unicode_path(m["name"], m["unicode_path"])
                else:
                    codepage = "cp437" if m.get("cp437") else m.get("codepage")
                    info = (CodepageInfo if codepage else zipfile.ZipInfo)(m["name"], (2018, 3, 1, 12, 0, 0))
                    if codepage:
                        info.codepage = codepage
                        info.create_system = 0  # MS-DOS/Windows, as Explorer and 7-Zip write it (APPNOTE 4.4.2)
                info.compress_type = zipfile.ZIP_STORED if m.get("stored") else zipfile.ZIP_DEFLATED
                # zipfile's own bzip2 (method 12) and LZMA (14, with its end-of-stream marker: flag bit 1).
                if m.get("method"):
                    info.compress_type = {"bzip2": zipfile.ZIP_BZIP2, "lzma": zipfile.ZIP_LZMA}[m["method"]]
                if "symlink" in m:
                    # Info-ZIP's Unix symlink: the mode in the external attributes' high half, the target as the data.
                    info.create_system = 3
                    info.external_attr = (0o120777 << 16)
                    z.writestr(info, m["symlink"])
                    continue
                z.writestr(info, data(m))
    elif spec["kind"] == "gzip":
        m = spec["members"][0]
        with open(spec["out"], "wb") as raw:
            with gzip.GzipFile(filename=spec.get("gzip_name", ""), mode="wb", fileobj=raw, mtime=0) as g:
                g.write(data(m))
    elif spec["kind"] == "tar":
        # tarfile's own entry types (Lib/tarfile.py: SYMTYPE, LNKTYPE, CHRTYPE, BLKTYPE, FIFOTYPE, DIRTYPE):
        # what `tar -c` writes for such files, without needing the devices or root to make them.
        types = {"link": tarfile.LNKTYPE, "chr": tarfile.CHRTYPE, "blk": tarfile.BLKTYPE, "fifo": tarfile.FIFOTYPE, "dir": tarfile.DIRTYPE}
        fmt = {"gnu": tarfile.GNU_FORMAT, "pax": tarfile.PAX_FORMAT, "ustar": tarfile.USTAR_FORMAT}[spec.get("tar_format", "pax")]
        with tarfile.open(spec["out"], "w:gz" if spec["out"].endswith("gz") else "w", format=fmt) as t:
            for m in spec["members"]:
                info = tarfile.TarInfo(m["name"])
                if "symlink" in m:
                    info.type, info.linkname = tarfile.SYMTYPE, m["symlink"]
                    t.addfile(info)
                elif "tar_type" in m:
                    info.type = types[m["tar_type"]]
                    info.linkname = m.get("link", "")
                    t.addfile(info)
                else:
                    body = data(m)
                    info.size = len(body)
                    t.addfile(info, io.BytesIO(body))

spec = json.load(sys.stdin)
for one in spec if isinstance(spec, list) else [spec]:
    make(one)
