"""The county's comparison of its network's member municipalities on one indicator.

A table municipality × school year of the municipality-level values (``IndicatorValue`` level 3,
``area_code`` = kommunenummer), grouped by the county's regions, with the county (level 2) and the
nation (level 1) as reference rows. A region's figure is the pupil-weighted mean of its members that
have a value and a number of pupils; it has no published uncertainty, so no difference is marked for it.

Whether a municipality differs from the county or the nation in the latest year is decided by the
portal's one honest-comparison rule (``indicators/comparison.py``, through ``indicators.value_table.judge``,
which also turns the indicator's direction around: for bullying, lower is better).

Two queries, whatever the number of members: the memberships and the values.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dialogue.charts import trend_chart
from indicators.comparison import BETTER, UNKNOWN, WITHIN, WORSE
from indicators.models import IndicatorValue, Level
from indicators.series import break_note, breaks_within
from indicators.value_table import EMPTY, Cell, judge
from laeringslop.schoolyear import school_year_label

from .selectors import members_by_region

NATION_CODE = "I"
#: A chart per municipality only while it stays readable; the table always has every member.
MAX_CHART_LINES = 10
PALETTE_SIZE = 8

COUNTY_LABELS = {
    BETTER: ("▲", _("Better than the county")),
    WORSE: ("▼", _("Weaker than the county")),
    WITHIN: ("≈", _("Within the margin of error")),
    UNKNOWN: ("?", _("Cannot be judged")),
}
NATION_LABELS = {
    BETTER: ("▲", _("Better than the nation")),
    WORSE: ("▼", _("Weaker than the nation")),
    WITHIN: ("≈", _("Within the margin of error")),
    UNKNOWN: ("?", _("Cannot be judged")),
}


@dataclass
class Row:
    kind: str  # "municipality", "region", "county" or "nation"
    label: str
    cells: list  # a Cell per year
    vs_county: object = None  # a Verdict (municipalities only)
    vs_nation: object = None
    number: str = ""

    @property
    def latest(self) -> Cell:
        return self.cells[-1] if self.cells else EMPTY


@dataclass
class Group:
    region: object  # a CountyRegion or None
    rows: list
    summary: Row | None = None


@dataclass
class NetworkComparison:
    indicator: object
    grade: int | None
    grades: list
    years: list
    groups: list = field(default_factory=list)
    county_row: Row | None = None
    nation_row: Row | None = None
    charts: list = field(default_factory=list)
    #: the years inside ``years`` where a new series begins (see indicators.series): no line crosses them
    series_starts: list = field(default_factory=list)

    @property
    def series_note(self) -> str:
        return break_note(self.series_starts)

    @property
    def latest_year(self):
        return self.years[-1] if self.years else None

    @property
    def year_labels(self) -> list:
        return [school_year_label(year) for year in self.years]

    @property
    def latest_year_label(self) -> str:
        return school_year_label(self.latest_year) if self.years else ""

    @property
    def has_values(self) -> bool:
        return bool(self.years)

    @property
    def reference_rows(self) -> list:
        return [row for row in (self.county_row, self.nation_row) if row is not None]

    @property
    def rows(self) -> list:
        """Every municipality row, in table order."""
        return [row for group in self.groups for row in group.rows]


def _weighted(cells: list) -> Cell:
    """The pupil-weighted mean of the cells that have a value and a number of pupils (no uncertainty)."""
    total = pupils = 0
    for cell in cells:
        if cell.has_value and cell.pupil_count:
            total += float(cell.value) * cell.pupil_count
            pupils += cell.pupil_count
    if not pupils:
        return EMPTY
    return Cell(Decimal(str(round(total / pupils, 3))), False, None, pupils, True)


def network_comparison(network, indicator, grade: int | None = None) -> NetworkComparison:
    """The comparison of ``network``'s members on ``indicator`` (for ``grade``, or its first grade with values)."""
    groups = members_by_region(network)
    numbers = [m.municipality.number for _r, members in groups for m in members]
    county_number = network.county.number
    rows = IndicatorValue.objects.filter(
        Q(level=Level.MUNICIPALITY, area_code__in=numbers) | Q(level=Level.COUNTY, area_code=county_number)
        | Q(level=Level.NATION, area_code=NATION_CODE),
        indicator=indicator,
    ).values_list("grade", "school_year", "level", "area_code", "value", "suppressed", "uncertainty", "pupil_count",
                  "details__series_break")
    cells: dict = {}
    flagged: dict = {}  # grade -> years of values that start a new series
    for g, year, level, code, value, suppressed, uncertainty, pupils, series_break in rows:
        cells[(g, year, level, code)] = Cell(value, suppressed, uncertainty, pupils, True)
        if series_break is True:
            flagged.setdefault(g, set()).add(year)
    grades = sorted({key[0] for key in cells})
    if grade not in grades:
        grade = grades[0] if grades else None
    years = sorted({key[1] for key in cells if key[0] == grade})
    result = NetworkComparison(indicator, grade, grades, years)
    if not years:
        return result

    def series(level, code):
        return [cells.get((grade, year, level, code), EMPTY) for year in years]

    county_cells = series(Level.COUNTY, county_number)
    nation_cells = series(Level.NATION, NATION_CODE)
    result.county_row = Row("county", network.county.name, county_cells)
    result.nation_row = Row("nation", str(pgettext_lazy("county", "The nation")), nation_cells)
    for region, members in groups:
        group = Group(region, [])
        for membership in members:
            m = membership.municipality
            own = series(Level.MUNICIPALITY, m.number)
            group.rows.append(Row("municipality", m.name, own, number=m.number,
                                  vs_county=judge(indicator, own[-1], county_cells[-1], COUNTY_LABELS),
                                  vs_nation=judge(indicator, own[-1], nation_cells[-1], NATION_LABELS)))
        if region is not None:
            summary = [_weighted([row.cells[i] for row in group.rows]) for i in range(len(years))]
            group.summary = Row("region", region.name, summary)
        result.groups.append(group)
    result.series_starts = breaks_within(indicator, years, flagged.get(grade, ()))
    result.charts = _charts(result, indicator)
    return result


def _line(css, label, cells):
    return (css, label, [cell.number for cell in cells])


def _charts(result: NetworkComparison, indicator) -> list:
    references = [_line("county", result.county_row.label, result.county_row.cells),
                  _line("nation", result.nation_row.label, result.nation_row.cells)]
    charts = []
    regions = [g.summary for g in result.groups if g.summary is not None]
    if regions:
        lines = [_line(f"s{i % PALETTE_SIZE}", row.label, row.cells) for i, row in enumerate(regions)]
        charts.append(trend_chart(_("%(indicator)s by region") % {"indicator": indicator.display_name},
                                  result.years, lines + references, starts=result.series_starts))
    municipalities = result.rows
    if municipalities and len(municipalities) <= MAX_CHART_LINES:
        lines = [_line(f"s{i % PALETTE_SIZE}", row.label, row.cells) for i, row in enumerate(municipalities)]
        charts.append(trend_chart(_("%(indicator)s by municipality") % {"indicator": indicator.display_name},
                                  result.years, lines + references, starts=result.series_starts))
    return charts
