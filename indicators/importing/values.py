"""Parsing of cell values as Udir writes them: Norwegian numbers ("48,3", "6 640"), "*" for
suppressed, "" or ".." for no data, school years "2024-25", and the checks on text cells."""
import re
from decimal import Decimal, InvalidOperation

from laeringslop.spreadsheets import FORMULA_START

from .problems import CellError, gettext_noop

#: A value hidden by Udir to protect small groups.
SUPPRESSED = object()
NO_DATA_MARKERS = frozenset({"", ".."})
_DROP = str.maketrans({" ": None, "\u00a0": None, "\u202f": None, "\u2009": None, "\u2212": "-"})
_SCHOOL_YEAR = re.compile(r"^(\d{4})\s?[-–]\s?(\d{2})$")


def as_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def number(raw):
    """A Decimal, ``SUPPRESSED`` or None (no data); raises CellError."""
    if raw.__class__ is str:
        # Fast path for the common case, "48,3" or "52"; anything else takes the careful path.
        if raw in NO_DATA_MARKERS:
            return None
        if raw == "*":
            return SUPPRESSED
        try:
            value = Decimal(raw.replace(",", ".", 1))
        except InvalidOperation:
            return _number_slow(raw)
        if value.is_finite() and "e" not in raw and "E" not in raw:
            return value
        return _number_slow(raw)
    return _number_slow(raw)


def _number_slow(raw):
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise CellError(gettext_noop("«%(value)s» is not a number."))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = raw.strip()
    if text in NO_DATA_MARKERS:
        return None
    if text == "*":
        return SUPPRESSED
    compact = text.translate(_DROP)
    if "," in compact:
        if "." in compact or compact.count(",") > 1:
            raise CellError(gettext_noop("«%(value)s» is not a number."))
        compact = compact.replace(",", ".")
    try:
        value = Decimal(compact)
    except InvalidOperation:
        raise CellError(gettext_noop("«%(value)s» is not a number.")) from None
    if not value.is_finite() or "e" in compact.lower():
        raise CellError(gettext_noop("«%(value)s» is not a number."))
    return value


def number_between(raw, low, high):
    value = number(raw)
    if value is None or value is SUPPRESSED:
        return value
    if value < low or value > high:
        raise CellError(gettext_noop("«%(value)s» is outside %(low)s–%(high)s."), low=_show(low), high=_show(high))
    return value


def count(raw):
    """A whole number of pupils ≥ 0, ``SUPPRESSED`` or None."""
    value = number(raw)
    if value is None or value is SUPPRESSED:
        return value
    if value < 0:
        raise CellError(gettext_noop("«%(value)s» is negative; a count cannot be."))
    if value != value.to_integral_value():
        raise CellError(gettext_noop("«%(value)s» is not a whole number."))
    return int(value)


def school_year(raw) -> int:
    """ "2024-25" → 2024."""
    text = as_text(raw)
    match = _SCHOOL_YEAR.match(text)
    if not match:
        raise CellError(gettext_noop("«%(value)s» is not a school year like «2024-25»."))
    start, end = int(match.group(1)), int(match.group(2))
    if end != (start + 1) % 100:
        raise CellError(gettext_noop("«%(value)s» is not a school year: the second year must follow the first, "
                                     "like «2024-25»."))
    if not 2000 <= start <= 2100:
        raise CellError(gettext_noop("«%(value)s»: the portal keeps school years from 2000-01 to 2100-01."))
    return start


def text_cell(raw, max_length: int = 150) -> str:
    text = as_text(raw)
    if text.startswith(FORMULA_START):
        raise CellError(gettext_noop("«%(value)s» looks like a spreadsheet formula; text cells may not start with = + - or @."))
    if len(text) > max_length:
        raise CellError(gettext_noop("the text is longer than %(max)s characters."), max=max_length)
    return text


def quantize(value, places: str = "0.001"):
    if value is None or value is SUPPRESSED:
        return value
    return value.quantize(Decimal(places))


def _show(limit) -> str:
    """60.00 → "60", 1.50 → "1,5" (as Norwegians write it)."""
    value = Decimal(limit)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")
