# Makes a real archive with Python's own zipfile, gzip and tarfile (CPython's Lib/zipfile/__init__.py,
# Lib/gzip.py, Lib/tarfile.py), as a seller's or generator's machine would: the tests never write
# an archive's bytes by hand. Reads a JSON spec on stdin:
#   {"kind": "zip"|"gzip"|"tar", "out": PATH, "members": [{"name": N, "text": T | "b64": B,
#    "symlink": TARGET, "cp437": true, "stored": true}], "gzip_name": N}
import base64, gzip, io, json, sys, tarfile, zipfile

spec = json.load(sys.stdin)

class Cp437Info(zipfile.ZipInfo):
    """What zippers on Windows wrote (and WinZip, 7-Zip for names CP437 can hold): the name in CP437
    without the UTF-8 flag (APPNOTE 4.4.4 bit 11, appendix D), where zipfile would write UTF-8."""
    __slots__ = ()

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp437"), self.flag_bits & ~0x800

def data(m):
    return base64.b64decode(m["b64"]) if "b64" in m else m.get("text", "").encode("utf-8")

if spec["kind"] == "zip":
    with zipfile.ZipFile(spec["out"], "w", zipfile.ZIP_DEFLATED) as z:
        for m in spec["members"]:
            info = (Cp437Info if m.get("cp437") else zipfile.ZipInfo)(m["name"], (2018, 3, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if m.get("stored") else zipfile.ZIP_DEFLATED
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
    with tarfile.open(spec["out"], "w:gz" if spec["out"].endswith("gz") else "w") as t:
        for m in spec["members"]:
            body = data(m)
            info = tarfile.TarInfo(m["name"])
            info.size = len(body)
            t.addfile(info, io.BytesIO(body))
