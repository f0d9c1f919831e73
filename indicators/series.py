"""Breaks in a series: where an indicator's results start a new series that cannot be compared
with the years before (Udir: «Brudd i tidsrekke»; the national tests from 2022-23 on).

A break is data, from two places:

- ``Indicator.series_starts``: the school years (start years) where a new series begins for
  every unit (the national tests: [2022], set by a data migration and the catalogue);
- a value's ``details["series_break"] = True``: this value starts a new series (stored from
  Udir's «Brudd» columns, e.g. for grunnskolepoeng).

Every trend and every «since last year» difference asks :func:`same_series` (or uses
:func:`segments`) so that none crosses a break.
"""
from django.utils.translation import gettext as _

from laeringslop.schoolyear import school_year_label


def series_starts(indicator, flagged=()) -> tuple[int, ...]:
    """The school years where a new series begins for ``indicator``: its own ``series_starts`` and
    the years of the values in ``flagged`` (values with ``details["series_break"]``), sorted."""
    return tuple(sorted({int(year) for year in (indicator.series_starts or [])} | {int(year) for year in flagged}))


def same_series(indicator, year_a: int, year_b: int, flagged=()) -> bool:
    """Whether the school years ``year_a`` and ``year_b`` belong to the same series of ``indicator``:
    no new series begins after the earlier one, up to and including the later one."""
    low, high = sorted((year_a, year_b))
    return not any(low < start <= high for start in series_starts(indicator, flagged))


def breaks_within(indicator, years, flagged=()) -> list[int]:
    """The series starts that fall between the first and the last of ``years`` (a trend crosses them)."""
    years = sorted(years)
    if not years:
        return []
    return [start for start in series_starts(indicator, flagged) if years[0] < start <= years[-1]]


def segments(years, starts) -> list[list[int]]:
    """The indexes into ``years`` (ascending) split where a new series starts: a trend line joins the
    points of one segment only. ``starts`` as :func:`series_starts` or :func:`breaks_within` give them."""
    result, current, previous = [], [], None
    for index, year in enumerate(years):
        if previous is not None and any(previous < start <= year for start in starts):
            result.append(current)
            current = []
        current.append(index)
        previous = year
    if current:
        result.append(current)
    return result


def break_note(starts) -> str:
    """The page's explanation of a break, in the reader's language; "" without one."""
    if not starts:
        return ""
    labels = [school_year_label(year).replace("-", "–") for year in starts]
    if len(labels) == 1:
        return _("Break in the series: results from before %(year)s cannot be compared with later years (Udir).") % {
            "year": labels[0]}
    return _("Breaks in the series: results cannot be compared across the school years %(years)s, where a new "
             "series begins (Udir).") % {"years": ", ".join(labels)}
