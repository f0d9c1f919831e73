"""Reading a PDF the portal made, without a PDF library: its (deflated) streams, as text."""
import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def pdf_text(data: bytes) -> bytes:
    """The PDF's bytes with every compressed stream inflated (object streams hold the catalogue)."""
    parts = [data]
    for raw in _STREAM.findall(data):
        try:
            parts.append(zlib.decompress(raw))
        except zlib.error:
            continue
    return b"\n".join(parts)


def is_tagged(data: bytes) -> bool:
    """A tagged PDF: its catalogue marks it so and has a structure tree."""
    text = pdf_text(data)
    return b"/StructTreeRoot" in text and b"/Marked true" in text
