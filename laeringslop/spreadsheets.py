"""Spreadsheet safety shared by every import and export (OWASP "CSV injection").

A cell that starts with one of ``FORMULA_START`` is run as a formula by Excel and LibreOffice.
Imports refuse such text cells; exports prefix them with an apostrophe.
"""
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def neutralise(value):
    """Text a spreadsheet would read as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value
