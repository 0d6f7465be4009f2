"""Build small PDFs by hand for tests: a real one with a text layer, a broken one, a bomb."""
from __future__ import annotations

import struct
import zlib


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Latin-1 text, Helvetica)."""
    ops = ["BT", "/F1 10 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        ops.append(f"({_escape(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def zeros_deflate(gigabytes: float) -> bytes:
    """A valid zlib stream that inflates to `gigabytes` of zero bytes, built in milliseconds.

    After a full flush deflate forgets its history, so every further 16 MiB of zeros
    compresses to the same bytes: repeat them, end with an empty final block and the
    Adler-32 of N zeros, ((N mod 65521) << 16) | 1.
    """
    chunk = bytes(16 << 20)
    comp = zlib.compressobj(9)
    head = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    segment = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    count = max(2, int(gigabytes * 1024 / 16))
    total = count * len(chunk)
    return head + segment * (count - 1) + b"\x03\x00" + struct.pack(">I", ((total % 65521) << 16) | 1)


def bomb_pdf(gigabytes: float = 4.0) -> bytes:
    """A PDF whose page content is a FlateDecode stream inflating to `gigabytes`."""
    stream = zeros_deflate(gigabytes)
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])
