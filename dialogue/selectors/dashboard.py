"""The director's dashboard: schools × indicators for one year, honest colours, trends, counts."""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from indicators.models import IndicatorValue, Level
from indicators.series import break_note, breaks_within, segments
from indicators.value_table import (
    NATION_LABELS,
    TREND_YEARS,
    Cell,
    ValueTable,
    Verdict,
    county_numbers,
    fmt,
    judge,
    preferred_grade,
)
from laeringslop.models import Unit
from laeringslop.schoolyear import school_year_label

from ..models import Assessment, AssessmentStatus
from .mirror import chosen_indicators

SCHOOL_TYPES = {
    "primary": {"last_grade__lte": 7},
    "lower_secondary": {"first_grade__gte": 8},
    "combined": {"first_grade__lte": 7, "last_grade__gte": 8},
}


@dataclass
class DashCell:
    cell: Cell
    grade: int | None
    verdict: Verdict | None

    @property
    def status(self):
        return self.verdict.status if self.verdict else "unknown"


@dataclass
class DashRow:
    school: Unit
    status: str
    cells: list = field(default_factory=list)


@dataclass
class ReferenceRow:
    """The municipality, its county or the nation on the dashboard: above the schools, never sorted with them."""

    kind: str  # "municipality", "county" or "nation"
    label: str
    cells: list = field(default_factory=list)


@dataclass
class Trend:
    indicator: object
    grade: int | None
    years: list
    municipality: list
    nation: list
    #: the years inside ``years`` where a new series begins (see indicators.series): no line crosses them
    series_starts: list = field(default_factory=list)

    @property
    def series_note(self) -> str:
        return break_note(self.series_starts)

    @property
    def break_indexes(self) -> list:
        """The index of each first year of a new series (the chart leaves the line before it out)."""
        return [part[0] for part in segments(self.years, self.series_starts)[1:]]

    @property
    def rows(self):
        return [(school_year_label(y), fmt(m), fmt(n)) for y, m, n in zip(self.years, self.municipality, self.nation, strict=False)]


def dashboard(municipality, mirror_year, year: int, *, region=None, school_type: str = "",
              indicator_codes=None, sort: str = "name", descending: bool = False, indicators_from=None) -> dict:
    """Everything on the dashboard. A fixed number of queries whatever the number of schools.

    A year with values but no Læringsspeil set up shows the indicators of ``indicators_from`` (the
    nearest set-up year); its self-assessments are all «not started»."""
    schools_qs = Unit.objects.schools().taking_part().filter(municipality=municipality)
    if region is not None:
        schools_qs = schools_qs.filter(region=region)
    if school_type in SCHOOL_TYPES:
        schools_qs = schools_qs.filter(**SCHOOL_TYPES[school_type])
    schools = list(schools_qs.select_related("region"))
    all_indicators = chosen_indicators(mirror_year or indicators_from)
    indicators = [i for i in all_indicators if not indicator_codes or i.code in indicator_codes] or all_indicators
    years = list(range(year - TREND_YEARS + 1, year + 1))
    table = ValueTable(indicator_ids=[i.pk for i in indicators], years=years, schools=schools_qs,
                       municipality_number=municipality.number, counties=county_numbers(municipality, years))
    statuses = {}
    if mirror_year is not None:
        statuses = dict(Assessment.objects.filter(mirror_year=mirror_year, school__in=schools_qs)
                        .values_list("school_id", "status"))
    rows = []
    for school in schools:
        row = DashRow(school, statuses.get(school.pk, AssessmentStatus.MISSING))
        for indicator in indicators:
            grades = {g for g in table.school_grades.get((indicator.pk, school.pk), set())
                      if table.school(indicator.pk, g, school.pk, year).exists}
            grade = preferred_grade(indicator, grades)
            if grade is None:
                row.cells.append(DashCell(Cell(), None, None))
                continue
            cell = table.school(indicator.pk, grade, school.pk, year)
            row.cells.append(DashCell(cell, grade, judge(indicator, cell, table.nation(indicator.pk, grade, year),
                                                         NATION_LABELS)))
        rows.append(row)
    rows = _sorted(rows, indicators, sort, descending)
    references = _references(municipality, indicators, table, year)
    trends = []
    for indicator in indicators:
        grade = preferred_grade(indicator, table.area_grades.get(indicator.pk, set()))
        trends.append(Trend(indicator, grade, years,
                            [table.municipality(indicator.pk, grade, y).number for y in years],
                            [table.nation(indicator.pk, grade, y).number for y in years],
                            breaks_within(indicator, years, table.flagged_years(indicator.pk, grade))))
    counts = {s: 0 for s in (AssessmentStatus.MISSING, AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED)}
    for row in rows:
        key = AssessmentStatus.DRAFT if row.status == AssessmentStatus.REOPENED else row.status
        counts[key] += 1
    return {"rows": rows, "indicators": indicators, "all_indicators": all_indicators, "trends": trends,
            "counts": counts, "years": years, "references": references}


def _references(municipality, indicators, table, year) -> list:
    """The municipality's row and its county's (each judged against the nation; the county's only
    where it has a value) and the nation's row, for the year shown."""
    own = ReferenceRow("municipality", municipality.name)
    county = ReferenceRow("county", _county_name(municipality, year))
    nation = ReferenceRow("nation", str(_("The nation")))
    for indicator in indicators:
        grade = preferred_grade(indicator, table.area_grades.get(indicator.pk, set()))
        if grade is None:
            for row in (own, county, nation):
                row.cells.append(DashCell(Cell(), None, None))
            continue
        reference = table.nation(indicator.pk, grade, year)
        for row, cell in ((own, table.municipality(indicator.pk, grade, year)),
                          (county, table.county(indicator.pk, grade, year))):
            row.cells.append(DashCell(cell, grade, judge(indicator, cell, reference, NATION_LABELS)))
        nation.cells.append(DashCell(reference, grade, None))
    has_county = any(c.cell.exists for c in county.cells)
    return [own, county, nation] if has_county else [own, nation]


def _county_name(municipality, year) -> str:
    """The county's name for the row: the municipality's county now, or «The county (NN)» for the
    county it belonged to under a former number."""
    number = municipality.county_number_in(year)
    if municipality.county_id and municipality.county.number == number:
        return municipality.county.name
    return _("The county (%(number)s)") % {"number": number}


def data_years(municipality, mirror_years) -> list[int]:
    """Every school year with a set-up Læringsspeil or values of the municipality or its schools,
    newest first (two index-backed halves of one UNION query)."""
    values = IndicatorValue.objects.order_by()
    own = values.filter(level=Level.MUNICIPALITY, area_code=municipality.number).values_list("school_year")
    schools = values.filter(level=Level.SCHOOL, unit__municipality=municipality).values_list("school_year")
    found = {year for (year,) in own.distinct().union(schools.distinct())}
    return sorted(found | {y.school_year for y in mirror_years}, reverse=True)


def _sorted(rows, indicators, sort, descending):
    codes = [i.code for i in indicators]
    if sort in codes:
        index = codes.index(sort)
        with_value = [r for r in rows if r.cells[index].cell.has_value]
        without = [r for r in rows if not r.cells[index].cell.has_value]
        with_value.sort(key=lambda r: (r.cells[index].cell.number, r.school.name), reverse=descending)
        return with_value + sorted(without, key=lambda r: r.school.name)  # missing values always last
    if sort == "region":
        key = lambda r: ((r.school.region.name if r.school.region else ""), r.school.name)  # noqa: E731
    elif sort == "status":
        order = [AssessmentStatus.MISSING, AssessmentStatus.DRAFT, AssessmentStatus.REOPENED,
                 AssessmentStatus.SUBMITTED]
        key = lambda r: (order.index(r.status), r.school.name)  # noqa: E731
    else:
        if sort != "name":  # e.g. the sort column's indicator was deselected: by name, A to Å
            descending = False
        key = lambda r: r.school.name  # noqa: E731
    return sorted(rows, key=key, reverse=descending)


#: a column heading longer than this is shortened (the full name stays on hover, focus and for screen readers)
SHORT_LABEL = 20
#: the catalogue's (Norwegian) words a short heading abbreviates, as Udir's own tables and schools do
ABBREVIATIONS = {"Nasjonale prøver": "NP", "Standpunkt": "Stp.", "Eksamen": "Eks.", "hovedmål": "hm.",
                 "skriftlig": "skr.",
                 # and the catalogue's English names (Indicator.name_en)
                 "National tests:": "NT", "Overall achievement": "Ov. ach.", "first-choice form": "1st form",
                 "written": "wr."}


def short_label(name: str, limit: int = SHORT_LABEL) -> str:
    """A short column heading for the indicator ``name``: the common words abbreviated and, if still
    longer than ``limit``, cut after whole words with «…»."""
    if len(name) <= limit:
        return name
    for long, short in ABBREVIATIONS.items():
        name = name.replace(long, short)
    if len(name) <= limit:
        return name
    text = ""
    for word in name.split():
        candidate = f"{text} {word}".strip()
        if len(candidate) > limit - 1:
            break
        text = candidate
    return (text or name[:limit - 1]).rstrip(" ,:;–-") + "…"


def short_labels(names: list[str]) -> list[str]:
    """The short heading of each name; where two would read the same, both keep their full name."""
    shorts = [short_label(name) for name in names]
    return [short if shorts.count(short) == 1 else name for short, name in zip(shorts, names, strict=True)]
