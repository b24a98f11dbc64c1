"""Bytes of a raw article file to text: UTF-8 (with or without BOM), UTF-16/32 with a BOM, Windows-1256.

Raw articles come from wherever people saved them: Arabic news sites still serve Windows-1256,
Windows editors write UTF-16 with a BOM, and a mis-saved download may be a binary file. The order
of the checks is what makes the choice robust:

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. strict UTF-8 decides next: legacy single-byte Arabic text is practically never valid UTF-8;
3. NUL bytes or many control characters mean a binary file (an image, a PDF, a zip): refused;
4. Windows-1256 when its decoding is Arabic: nearly every byte value is a character in a
   single-byte code page, so "it decodes" proves nothing; what tells cp1256 from Latin-1 or
   Windows-1252 is that the non-ASCII letters it yields are Arabic (>= 90%), as in real text;
5. else charset-normalizer picks among the other plausible legacy code pages; when it cannot,
   the file is refused with one line saying which encodings are read.
"""
from __future__ import annotations

import codecs
import re

from actorgraph.graph.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: FF FE 00 00 starts like FF FE
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Legacy code pages charset-normalizer may choose among once UTF-8 and Windows-1256 are ruled out
#: (Western European, ISO Arabic, Cyrillic, Greek, Turkish: one per script, so the script decides).
LEGACY_ENCODINGS = ("cp1252", "iso8859_6", "cp1251", "cp1253", "cp1254")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F]")
_HINT = "save it as UTF-8 (UTF-16 with a BOM and Windows-1256 are also read)"
SAMPLE_BYTES = 64 * 1024


def looks_binary(raw: bytes) -> bool:
    """True for data that is not text: NUL bytes, or more than 1% other control characters."""
    sample = raw[:SAMPLE_BYTES]
    return b"\x00" in sample or len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def _utf16_without_bom(raw: bytes) -> bool:
    """Every other byte NUL, as in ASCII-range text saved as UTF-16 without its BOM."""
    sample = raw[:4096]
    return len(sample) >= 8 and (sample[1::2].count(0) > 0.9 * (len(sample) // 2)
                                 or sample[0::2].count(0) > 0.9 * (len(sample) // 2))


def arabic_share(text: str) -> float:
    """Share of Arabic letters among the non-ASCII letters of `text` (0 when there are none)."""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _ARABIC_LETTER.match(c)) / len(letters)


def decode_bytes(raw: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) of a raw article file, or an InputError saying why it cannot be read."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"byte {exc.start}",
                                 f"is not valid {encoding.upper()} after its byte-order mark",
                                 _HINT) from None
    if b"\x00" not in raw[:SAMPLE_BYTES]:  # NUL is valid UTF-8 but never in a text file
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if looks_binary(raw):
        if _utf16_without_bom(raw):
            raise InputError(path, "", "looks like UTF-16 without a byte-order mark", _HINT)
        raise InputError(path, "", "is a binary file, not text", "give a .txt or .html article")
    as_1256 = raw.decode("cp1256", errors="replace")
    if arabic_share(as_1256[:SAMPLE_BYTES]) >= 0.9:
        return as_1256, "cp1256"
    return _detected(raw, path)


def _detected(raw: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # imported on demand: only legacy files need it

    best = from_bytes(raw[:SAMPLE_BYTES], cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        raise InputError(path, "", "is not UTF-8 and its encoding cannot be told", _HINT)
    try:
        return raw.decode(best.encoding), best.encoding
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", f"is not valid {best.encoding}", _HINT) from None
