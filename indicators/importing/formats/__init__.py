"""The file formats the import understands, by key."""
from .base import normalise_header
from .national_tests import NationalTests

FORMATS = {fmt.key: fmt for fmt in (NationalTests(),)}


def detect(header) -> str | None:
    """The key of the format whose signature columns the heading row holds."""
    normalised = {normalise_header(cell) for cell in header}
    for key, fmt in FORMATS.items():
        if normalised & fmt.signature:
            return key
    return None
