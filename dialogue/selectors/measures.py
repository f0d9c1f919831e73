"""The measures aimed at the Læringsspeil's indicators, and the trend since each started.

The measures come from the apps through one call of ``laeringslop.hooks.indicator_measures`` (the
dialogue does not know the measure models); the trend compares the school's value in the school year
the measure started with its latest value up to the page's year, by the honest-comparison rule
(``indicators/comparison.py``) and never across a break in the series (``indicators/series.py``).
Two queries: the hook's and the values'."""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.series import same_series
from indicators.value_table import CHANGE_LABELS, EMPTY, Cell, ValueTable, Verdict, judge
from laeringslop.hooks import IndicatorMeasure, indicator_measures
from laeringslop.schoolyear import SchoolYear, school_year_label


@dataclass
class MeasureTrend:
    indicator: object
    grade: int
    measure: IndicatorMeasure
    #: the school year the measure started (None: not dated)
    start_year: int | None
    start: Cell
    latest_year: int | None
    latest: Cell
    #: the honest verdict on latest vs start, or None when they cannot be compared (``note`` says why)
    verdict: Verdict | None
    note: str = ""

    @property
    def start_label(self) -> str:
        return school_year_label(self.start_year) if self.start_year is not None else "–"

    @property
    def latest_label(self) -> str:
        return school_year_label(self.latest_year) if self.latest_year is not None else "–"


def measure_trends(school, year: int, groups) -> list[MeasureTrend]:
    """For each indicator row of the Læringsspeil (``groups`` as ``mirror_rows`` gives them), the measures
    aimed at it that had started by the end of the school year ``year``, each with the trend since then."""
    rows = [row for group in groups for row in group.rows]
    if not rows:
        return []
    last_day = SchoolYear(year).last_day
    found = [m for m in indicator_measures(school.municipality, school, {row.indicator.pk for row in rows})
             if m.started_on is None or m.started_on <= last_day]
    if not found:
        return []
    starts = [SchoolYear.of(m.started_on).start for m in found if m.started_on is not None]
    first = min(starts, default=year)
    table = ValueTable(indicator_ids={m.indicator_id for m in found}, years=range(first, year + 1),
                       schools=[school.pk], municipality_number=school.municipality.number, areas=False)
    by_indicator: dict = {}
    for measure in found:
        by_indicator.setdefault(measure.indicator_id, []).append(measure)
    result = []
    for row in rows:
        for measure in by_indicator.get(row.indicator.pk, []):
            result.append(_trend(row.indicator, row.grade, measure, school, year, table))
    return result


def _trend(indicator, grade, measure: IndicatorMeasure, school, year: int, table: ValueTable) -> MeasureTrend:
    if measure.started_on is None:
        return MeasureTrend(indicator, grade, measure, None, EMPTY, None, EMPTY, None,
                            _("The measure has no start date."))
    start_year = SchoolYear.of(measure.started_on).start
    start = table.school(indicator.pk, grade, school.pk, start_year)
    latest_year = next((y for y in range(year, start_year, -1)
                        if table.school(indicator.pk, grade, school.pk, y).has_value), None)
    latest = table.school(indicator.pk, grade, school.pk, latest_year) if latest_year is not None else EMPTY
    trend = MeasureTrend(indicator, grade, measure, start_year, start, latest_year, latest, None)
    if not start.has_value:
        trend.note = _("No result from the school year it started.")
    elif latest_year is None:
        trend.note = _("No later result yet.")
    elif not same_series(indicator, start_year, latest_year, table.flagged_years(indicator.pk, grade)):
        trend.note = _("Break in the series: the results before and after cannot be compared.")
    else:
        trend.verdict = judge(indicator, latest, start, CHANGE_LABELS)
    return trend
