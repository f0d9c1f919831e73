"""The value table: indicator values loaded in one query and pivoted in Python, each cell formatted
and judged by the honest-comparison rule (indicators/comparison.py)."""
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .comparison import BETTER, UNKNOWN, WITHIN, WORSE, Comparison, Measure, compare, pupil_sd
from .models import IndicatorValue, Level

NATION_CODE = "I"
TREND_YEARS = 5


def fmt(value, digits: int = 1, signed: bool = False) -> str:
    if value is None:
        return "–"
    rounded = round(float(value), digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    if rounded == 0:
        rounded = 0.0
    text = formats.number_format(rounded, digits, use_l10n=True)
    if signed and rounded > 0:
        text = "+" + text
    return text


@dataclass(frozen=True)
class Cell:
    """One value as Udir gives it: a number, suppressed (``*``) or missing (–)."""

    value: object = None
    suppressed: bool = False
    uncertainty: object = None
    pupil_count: int | None = None
    exists: bool = False
    #: the value's extra figures (mastery shares {"1": 12.5, ...}, groups such as girls and boys), when the
    #: table was loaded with ``details=True``; None otherwise
    details: dict | None = None

    @property
    def display(self) -> str:
        if self.suppressed:
            return "*"
        return fmt(self.value)

    @property
    def has_value(self) -> bool:
        return self.value is not None and not self.suppressed

    @property
    def number(self):
        return float(self.value) if self.has_value else None

    def measure(self) -> Measure:
        return Measure(self.value if self.has_value else None, self.uncertainty, self.pupil_count)


EMPTY = Cell()

#: symbol and text for each outcome, for comparisons against the nation and against last year. The words
#: say better or worse; an arrow only says which way the number went (see Verdict.symbol): for bullying a
#: lower share is better, shown ▼ «Bedre enn landet».
NATION_LABELS = {
    BETTER: ("▲", _("Better than the nation")),
    WORSE: ("▼", _("Weaker than the nation")),
    WITHIN: ("≈", _("Within the margin")),
    UNKNOWN: ("?", _("Cannot be judged")),
}
CHANGE_LABELS = {
    BETTER: ("▲", _("Real improvement")),
    WORSE: ("▼", _("Real decline")),
    WITHIN: ("≈", _("Within the margin")),
    UNKNOWN: ("?", _("Cannot be judged")),
}


#: «since last year» across a break in the series (see indicators.series): no difference is shown
BREAK_LABELS = {UNKNOWN: ("≠", _("Break in the series"))}


@dataclass(frozen=True)
class Verdict:
    comparison: Comparison
    labels: dict

    @property
    def status(self):
        return self.comparison.status

    @property
    def symbol(self):
        """▲ the value is higher, ▼ lower, for a real difference (whether that is better, the text
        says); ≈ within the margin, ? cannot be judged."""
        diff = self.comparison.diff
        if self.status in (BETTER, WORSE) and diff is not None:
            return "▲" if diff > 0 else "▼"
        return self.labels[self.status][0]

    @property
    def text(self):
        return self.labels[self.status][1]

    @property
    def diff_display(self):
        return fmt(self.comparison.diff, signed=True)

    @property
    def margin_display(self):
        return fmt(self.comparison.margin)


def judge(indicator, current: Cell, reference: Cell, labels: dict) -> Verdict:
    sd = pupil_sd(indicator, current.number if current.has_value else reference.number)
    result = compare(current.measure(), reference.measure(), sd=sd,
                     higher_is_better=indicator.direction != "lower")
    return Verdict(result, labels)


def across_break() -> Verdict:
    """The «since last year» verdict where a new series begins: not compared, no difference."""
    return Verdict(Comparison(None, None, UNKNOWN, ""), BREAK_LABELS)


def area_values(values, municipality_number: str, county_numbers=()):
    """The municipality's, the counties' and the nation's rows of ``values`` (level and area code
    together, as the index has them: a level-1 row is always the nation, "I", a level-2 row a county
    and a level-3 row a municipality)."""
    levels = [Level.MUNICIPALITY, Level.NATION] + ([Level.COUNTY] if county_numbers else [])
    return values.filter(level__in=levels, area_code__in=[municipality_number, NATION_CODE, *sorted(set(county_numbers))])


def county_numbers(municipality, years) -> dict:
    """The municipality's county number in each of ``years`` (its former numbers' county where one
    was valid then, see Municipality.county_number_in); years without a county are left out.
    At most two queries (the former numbers and the county), none when both are loaded."""
    from django.db.models import prefetch_related_objects

    wanted = [name for name, loaded in (("former_numbers", _prefetched(municipality, "former_numbers")),
                                        ("county", not municipality.county_id or _cached(municipality, "county")))
              if not loaded]
    if wanted:
        prefetch_related_objects([municipality], *wanted)
    found = {year: municipality.county_number_in(year) for year in years}
    return {year: number for year, number in found.items() if number}


def _prefetched(instance, name) -> bool:
    return name in getattr(instance, "_prefetched_objects_cache", {})


def _cached(instance, name) -> bool:
    return instance._meta.get_field(name).is_cached(instance)


class ValueTable:
    """All values for some indicators, years and schools plus the municipality, its county (the
    county it belonged to in each year: ``counties`` = {year: county number}) and the nation.

    Loaded with ONE query; look-ups are dictionary reads. The schools' rows and the areas' rows are
    the two halves of a UNION ALL, so each half uses its own index (an OR of the two made PostgreSQL
    read every school's rows of the indicators: 0.5 s at national size).
    """

    def __init__(self, *, indicator_ids, years, schools, municipality_number: str, areas: bool = True,
                 counties: dict | None = None, details: bool = False):
        counties = counties or {}
        fields = ("indicator_id", "school_year", "grade", "level", "unit_id", "area_code", "value", "suppressed",
                  "uncertainty", "pupil_count", "details" if details else "details__series_break")
        chosen = IndicatorValue.objects.filter(indicator_id__in=list(indicator_ids), school_year__in=list(years))
        if not isinstance(schools, QuerySet):  # a queryset stays a subquery (no query of its own)
            schools = [getattr(school, "pk", school) for school in schools]
        rows = chosen.filter(level=Level.SCHOOL, unit__in=schools).order_by().values_list(*fields)
        if areas:
            rows = rows.union(area_values(chosen, municipality_number, counties.values()).order_by()
                              .values_list(*fields), all=True)
        self.cells: dict = {}
        #: (indicator_id, unit_id) -> set of grades with a school value
        self.school_grades: dict = {}
        #: indicator_id -> set of grades with an area value
        self.area_grades: dict = {}
        #: (indicator_id, grade) -> the years of values that start a new series (details["series_break"])
        self.flagged: dict = {}
        for ind, year, grade, level, unit_id, code, value, suppressed, uncertainty, pupils, extra in rows:
            if level == Level.COUNTY and counties.get(year) != code:
                continue  # another county, or the county the municipality belonged to in another year
            key = ("school", unit_id) if level == Level.SCHOOL else ("area", level)
            more = (extra or {}) if details else None
            series_break = more.get("series_break") if details else extra
            self.cells[(ind, grade, key, year)] = Cell(value, suppressed, uncertainty, pupils, True, more)
            if series_break is True:
                self.flagged.setdefault((ind, grade), set()).add(year)
            if level == Level.SCHOOL:
                self.school_grades.setdefault((ind, unit_id), set()).add(grade)
            else:
                self.area_grades.setdefault(ind, set()).add(grade)

    def flagged_years(self, ind, grade) -> set:
        """The years where a loaded value of the indicator and grade starts a new series."""
        return self.flagged.get((ind, grade), set())

    def school(self, ind, grade, unit_id, year) -> Cell:
        return self.cells.get((ind, grade, ("school", unit_id), year), EMPTY)

    def municipality(self, ind, grade, year) -> Cell:
        return self.cells.get((ind, grade, ("area", Level.MUNICIPALITY), year), EMPTY)

    def county(self, ind, grade, year) -> Cell:
        return self.cells.get((ind, grade, ("area", Level.COUNTY), year), EMPTY)

    def nation(self, ind, grade, year) -> Cell:
        return self.cells.get((ind, grade, ("area", Level.NATION), year), EMPTY)


def preferred_grade(indicator, grades) -> int | None:
    """The grade to show when only one fits: 0 (all grades) first, then the catalogue's order."""
    if not grades:
        return None
    if 0 in grades:
        return 0
    for grade in indicator.grades or []:
        if grade in grades:
            return grade
    return min(grades)


def padded_range(numbers: list, pad: float) -> tuple[float, float]:
    """The range a chart of ``numbers`` spans: their min and max, widened by ``pad`` of the span
    on each side (a flat series gets ±1 first, so it is drawn in the middle)."""
    low, high = min(numbers), max(numbers)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    margin = (high - low) * pad
    return low - margin, high + margin


def sparkline(series: list, width: int = 120, height: int = 32, parts=None) -> list:
    """SVG polyline point strings for each series of numbers (a missing value is skipped).

    With ``parts`` (lists of indexes, see indicators.series.segments) each series gives a list of
    point strings, one per part that has points: a line never joins points across a break."""
    numbers = [v for s in series for v in s if v is not None]
    if not numbers:
        return [[] if parts is not None else "" for _s in series]
    low, high = padded_range(numbers, 0.1)
    result = []
    for s in series:
        step = width / max(len(s) - 1, 1)
        points = {i: f"{i * step:.1f},{height - (v - low) / (high - low) * height:.1f}"
                  for i, v in enumerate(s) if v is not None}
        if parts is None:
            result.append(" ".join(points.values()))
        else:
            lines = [[points[i] for i in part if i in points] for part in parts]
            # a part of one point is drawn as a dot (a zero-length line with round caps)
            result.append([" ".join(line * 2 if len(line) == 1 else line) for line in lines if line])
    return result


def break_marks(parts, count: int, width: float = 120, left: float = 0) -> list[str]:
    """The x of a mark between the last year of one part and the first of the next (as text)."""
    step = width / max(count - 1, 1)
    return [f"{left + (part[0] - 0.5) * step:.1f}" for part in parts[1:]]
