"""The Læringsspeil of one school and year: rows grouped by area, with honest comparisons."""
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy, pgettext_lazy

from indicators.comparison import BETTER, UNKNOWN, WITHIN, WORSE
from indicators.models import Area, Indicator
from indicators.series import break_note, breaks_within, same_series, segments
from indicators.value_table import (
    CHANGE_LABELS,
    NATION_LABELS,
    TREND_YEARS,
    Cell,
    ValueTable,
    Verdict,
    across_break,
    break_marks,
    county_numbers,
    fmt,
    judge,
    preferred_grade,
    sparkline,
)
from laeringslop.schoolyear import school_year_label

from ..charts import mastery_chart, trend_chart
from ..models import Assessment, AssessmentStatus, MirrorYear, Question

#: The school compared with its county (the words as for the nation).
COUNTY_LABELS = {
    BETTER: ("▲", gettext_lazy("Better than the county")),
    WORSE: ("▼", gettext_lazy("Weaker than the county")),
    WITHIN: ("≈", gettext_lazy("Within the margin")),
    UNKNOWN: ("?", gettext_lazy("Cannot be judged")),
}
#: Girls compared with boys: «better» is the indicator's direction (for bullying a lower share).
GENDER_LABELS = {
    BETTER: ("▲", gettext_lazy("Real gap: the girls do better")),
    WORSE: ("▼", gettext_lazy("Real gap: the boys do better")),
    WITHIN: ("≈", gettext_lazy("Within the margin: no real gap")),
    UNKNOWN: ("?", gettext_lazy("Cannot be judged")),
}
#: Mastery levels per grade of the national tests: 1–3 in grade 5, 1–5 in grades 8 and 9.
MASTERY_LEVELS = {5: 3, 8: 5, 9: 5}
#: The groups a value's details may carry (details["groups"], see docs/data-formats.md).
GIRLS, BOYS = "girls", "boys"


@dataclass
class TrendPoint:
    year: int
    school: Cell
    municipality: Cell
    nation: Cell
    county: Cell = field(default_factory=Cell)

    @property
    def label(self):
        return school_year_label(self.year)


@dataclass
class MirrorRow:
    indicator: Indicator
    grade: int
    school: Cell
    last_year: Cell
    municipality: Cell
    nation: Cell
    change: Verdict
    versus_nation: Verdict
    trend: list
    #: the sparkline's point strings, one per part of the series (a line never crosses a break)
    school_points: list = field(default_factory=list)
    nation_points: list = field(default_factory=list)
    #: where a new series begins inside the trend: the x of its mark, and why, for the page
    break_xs: list = field(default_factory=list)
    series_note: str = ""
    series_starts: list = field(default_factory=list)  # the years inside the trend where a new series begins
    county: Cell = field(default_factory=Cell)
    versus_county: Verdict | None = None
    #: the readable trend chart (dialogue.charts.trend_chart, large) and its table
    chart: object = None
    #: mastery levels (national tests): this year compared, and the school over the years
    mastery: object = None
    mastery_years: object = None
    #: girls and boys, where the school's value carries them
    gender: object = None

    @property
    def mastery_charts(self) -> list:
        return [chart for chart in (self.mastery, self.mastery_years) if chart is not None]

    @property
    def anchor(self) -> str:
        return f"{self.indicator.code}-{self.grade}".lower()

    @property
    def title(self) -> str:
        if self.grade and len(self.indicator.grades or []) != 1:
            return f"{self.indicator.name} ({_grade_text(self.grade)})"
        return self.indicator.name

    @property
    def grade_label(self) -> str:
        return f"{self.grade}." if self.grade else ""

    @property
    def trend_text(self) -> str:
        return "; ".join(f"{p.label}: {p.school.display}" for p in self.trend)


def _grade_text(grade) -> str:
    from django.utils.translation import gettext as _

    return _("grade %(grade)s") % {"grade": grade}


@dataclass
class GenderGap:
    girls: Cell
    boys: Cell
    verdict: Verdict


def group_cell(cell: Cell, group: str) -> Cell:
    """The value of one group (girls, boys) that ``cell``'s details carry: {"groups": {"girls": {"value":
    51.0, "uncertainty": 2.1, "pupils": 30, "suppressed": false}}}; an empty cell without one."""
    found = ((cell.details or {}).get("groups") or {}).get(group)
    if not isinstance(found, dict):
        return Cell()
    suppressed = bool(found.get("suppressed"))
    return Cell(None if suppressed else found.get("value"), suppressed, found.get("uncertainty"),
                found.get("pupils"), True)


def gender_gap(indicator, cell: Cell) -> GenderGap | None:
    girls, boys = group_cell(cell, GIRLS), group_cell(cell, BOYS)
    if not (girls.exists or boys.exists):
        return None
    return GenderGap(girls, boys, judge(indicator, girls, boys, GENDER_LABELS))


def mastery_shares(cell: Cell, levels: int):
    """The share per mastery level of a value's details ({"1": 12.5, ...}), or None."""
    details = cell.details or {}
    shares = {str(level): details[str(level)] for level in range(1, levels + 1)
              if isinstance(details.get(str(level)), int | float)}
    return shares or None


def _note(cell: Cell) -> str:
    """Why a bar is missing: * where Udir suppressed the value or its shares, – where there are none."""
    hidden = [part for part in (cell.details or {}).get("suppressed", []) if str(part).isdigit()]
    return "*" if cell.suppressed or hidden else "–"


def _mastery_charts(row, school, trend, year, levels, county_shown):
    """This year's bars (the school, the municipality, the county, the nation) and the school's by year."""
    from django.utils.translation import gettext as _

    point = trend[-1]
    compared = [(school.name, point.school), (str(pgettext_lazy("dialogue", "Municipality")), point.municipality)]
    if county_shown:
        compared.append((str(pgettext_lazy("dialogue", "County")), point.county))
    compared.append((str(pgettext_lazy("dialogue", "Nation")), point.nation))
    rows = [(label, mastery_shares(cell, levels), _note(cell)) for label, cell in compared]
    if not any(shares for _label, shares, _n in rows):
        return None, None
    now = mastery_chart(_("%(indicator)s %(year)s: mastery levels") % {
        "indicator": row.title, "year": school_year_label(year)}, levels, rows)
    by_year = [(school_year_label(p.year), mastery_shares(p.school, levels), _note(p.school)) for p in trend]
    before = [i for i, p in enumerate(trend) if p.year in row.series_starts]
    over = mastery_chart(_("%(indicator)s: the school’s mastery levels by year") % {"indicator": row.title},
                         levels, by_year, breaks_before=before)
    return now, over if sum(1 for _l, shares, _n in by_year if shares) > 1 else None


def _trend(row, school, trend, county_shown):
    from django.utils.translation import pgettext

    series = [("school", school.name, [p.school.number for p in trend]),
              ("municipality", pgettext("dialogue", "Municipality"), [p.municipality.number for p in trend])]
    if county_shown:
        series.append(("county", pgettext("dialogue", "County"), [p.county.number for p in trend]))
    series.append(("nation", pgettext("dialogue", "Nation"), [p.nation.number for p in trend]))
    chart = trend_chart(row.title, [p.year for p in trend], series, starts=row.series_starts, size="large")
    # The table says * for a suppressed value, – for none (the chart leaves both out).
    kinds = [css for css, _label, _values in series]
    chart.rows = [(school_year_label(p.year), [getattr(p, kind).display for kind in kinds]) for p in trend]
    return chart


@dataclass
class AreaGroup:
    code: str
    label: str
    rows: list = field(default_factory=list)
    #: a group of questions under a shared expectation: its signs of quality
    signs: list = field(default_factory=list)

    @property
    def gender_rows(self) -> list:
        """The rows whose school value has girls and boys (a table of its own below the area's table)."""
        return [row for row in self.rows if getattr(row, "gender", None)]

    @property
    def mastery_rows(self) -> list:
        return [row for row in self.rows if getattr(row, "mastery", None)]

    @property
    def chart_rows(self) -> list:
        return [row for row in self.rows if getattr(row, "chart", None) and row.chart.has_data]


def chosen_indicators(mirror_year: MirrorYear | None, applies_to: str = "school") -> list:
    """The year's chosen indicators for schools (or, ``applies_to="kindergarten"``, for kindergartens)."""
    if mirror_year is None:
        return []
    return sorted((i for i in mirror_year.indicators.all() if i.applies_to == applies_to),
                  key=lambda i: (list(Area.values).index(i.area), i.sort_order, i.name))


def _grades_for(indicator, school, table: ValueTable) -> list:
    seen = table.school_grades.get((indicator.pk, school.pk))
    if seen:
        return sorted(seen)
    served = [g for g in indicator.grades or [] if school.serves_grade(g)]
    if indicator.grades and not served:
        return []  # e.g. grunnskolepoeng at a primary school
    area = table.area_grades.get(indicator.pk, set())
    grade = preferred_grade(indicator, area & set(served) | ({0} & area))
    return [grade if grade is not None else (served[0] if len(served) == 1 else 0)]


def mirror_rows(school, mirror_year: MirrorYear | None, year: int, *, charts: bool = True) -> list[AreaGroup]:
    """The Læringsspeil rows of ``school`` (or a kindergarten: its kind's indicators) for ``year``, each
    with its trend chart and (national tests) mastery levels unless ``charts`` is False. At most four
    queries (indicators, the county numbers: two, values)."""
    indicators = chosen_indicators(mirror_year, "kindergarten" if school.kind == "kindergarten" else "school")
    years = list(range(year - TREND_YEARS + 1, year + 1))
    counties = county_numbers(school.municipality, years) if indicators else {}
    table = ValueTable(indicator_ids=[i.pk for i in indicators], years=years, schools=[school.pk],
                       municipality_number=school.municipality.number, counties=counties, details=True)
    groups = {code: AreaGroup(code, label) for code, label in Area.choices}
    for indicator in indicators:
        for grade in _grades_for(indicator, school, table):
            now = table.school(indicator.pk, grade, school.pk, year)
            before = table.school(indicator.pk, grade, school.pk, year - 1)
            nation = table.nation(indicator.pk, grade, year)
            trend = [TrendPoint(y, table.school(indicator.pk, grade, school.pk, y),
                                table.municipality(indicator.pk, grade, y), table.nation(indicator.pk, grade, y),
                                table.county(indicator.pk, grade, y))
                     for y in years]
            county = table.county(indicator.pk, grade, year)
            flagged = table.flagged_years(indicator.pk, grade)
            starts = breaks_within(indicator, years, flagged)
            parts = segments(years, starts)
            school_pts, nation_pts = sparkline([[p.school.number for p in trend], [p.nation.number for p in trend]],
                                               parts=parts)
            comparable = same_series(indicator, year - 1, year, flagged)
            row = MirrorRow(
                indicator=indicator, grade=grade, school=now, last_year=before,
                municipality=table.municipality(indicator.pk, grade, year), nation=nation,
                change=judge(indicator, now, before, CHANGE_LABELS) if comparable else across_break(),
                versus_nation=judge(indicator, now, nation, NATION_LABELS),
                trend=trend, school_points=school_pts, nation_points=nation_pts,
                break_xs=break_marks(parts, len(years)), series_note=break_note(starts), series_starts=starts,
                county=county, versus_county=judge(indicator, now, county, COUNTY_LABELS) if county.exists else None,
                gender=gender_gap(indicator, now),
            )
            if charts:
                county_shown = any(p.county.has_value for p in trend)
                row.chart = _trend(row, school, trend, county_shown)
                if indicator.source == "national_tests" and grade in MASTERY_LEVELS:
                    row.mastery, row.mastery_years = _mastery_charts(row, school, trend, year, MASTERY_LEVELS[grade],
                                                                     county.exists)
            groups[indicator.area].rows.append(row)
    return [g for g in groups.values() if g.rows]


def has_county(groups: list[AreaGroup]) -> bool:
    """Whether any row has a county value (the county column is shown only then)."""
    return any(row.county.exists for group in groups for row in group.rows)


def export_table(groups: list[AreaGroup], *, kindergarten: bool = False) -> tuple[list, list]:
    """Header and rows (plain values) for the CSV and XLSX exports (of a school's or a kindergarten's page)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    header = [_("Area"), _("Indicator"), _("Grade"), _("Unit"), _("Kindergarten") if kindergarten else _("School"),
              _("Last year"), pgettext("dialogue", "Change"), _("Compared with last year"),
              pgettext("dialogue", "Municipality"), pgettext("dialogue", "Nation"), _("Compared with the nation"),
              _("Number of answers") if kindergarten else _("Number of pupils"),
              _("Uncertainty"), pgettext("dialogue", "County"), _("Compared with the county")]
    rows = []
    for group in groups:
        for r in group.rows:
            rows.append([
                str(group.label), r.indicator.display_name, r.grade or "", r.indicator.display_unit,
                _cell_value(r.school), _cell_value(r.last_year),
                round(r.change.comparison.diff, 2) if r.change.comparison.diff is not None else "",
                str(r.change.text), _cell_value(r.municipality), _cell_value(r.nation), str(r.versus_nation.text),
                r.school.pupil_count if r.school.pupil_count is not None else "",
                float(r.school.uncertainty) if r.school.uncertainty is not None else "",
                _cell_value(r.county), str(r.versus_county.text) if r.versus_county else "",
            ])
    return header, rows


def _cell_value(cell: Cell):
    if cell.suppressed:
        return "*"
    return float(cell.value) if cell.value is not None else ""


def mirror_year_for(municipality_id, year: int, *, published_only: bool) -> MirrorYear | None:
    qs = MirrorYear.objects.filter(municipality_id=municipality_id, school_year=year)
    if published_only:
        qs = qs.filter(status="published")
    return qs.prefetch_related("indicators").first()


def latest_mirror_year(municipality_id, *, published_only: bool) -> MirrorYear | None:
    qs = MirrorYear.objects.filter(municipality_id=municipality_id)
    if published_only:
        qs = qs.filter(status="published")
    return qs.order_by("-school_year").first()


def neighbour_years(school, year: int) -> tuple[bool, bool]:
    """Whether there is anything before ``year`` and anything in ``year + 1`` for the school: a published
    Læringsspeil or indicator values. "Previous year" / "Next year" are offered only then. Two queries.
    """
    from django.db.models import Q

    from indicators.models import IndicatorValue

    wanted = Q(school_year__lt=year) | Q(school_year=year + 1)
    years = set(MirrorYear.objects.filter(wanted, municipality_id=school.municipality_id, status="published")
                .values_list("school_year", flat=True))
    years |= set(IndicatorValue.objects.filter(wanted, unit=school).values_list("school_year", flat=True)
                 .distinct())
    return any(y < year for y in years), (year + 1) in years


def assessment_for(mirror_year: MirrorYear | None, school):
    """The school's assessment with its answers and events (three queries), or None."""
    if mirror_year is None:
        return None
    return (Assessment.objects.filter(mirror_year=mirror_year, school=school)
            .select_related("submitted_by")
            .prefetch_related("answers", Prefetch("events", to_attr="event_list"))
            .first())


@dataclass
class QuestionItem:
    question: Question
    answer: object  # Answer or None
    text_field: object = None
    rating_field: object = None

    @property
    def is_answered(self) -> bool:
        return self.answer is not None and self.answer.is_answered


def question_items(mirror_year: MirrorYear | None, assessment, unit=None) -> list[AreaGroup]:
    """The year's questions to ``unit``'s kind of unit (the assessment's, else the schools'), each with the
    unit's answer, in the advisers' order. One query (two when questions refer to expectations).

    When any question refers to a shared expectation, the groups are the expectations in the plan's order
    (each with its signs of quality), and the questions without one come last under «Other questions»;
    otherwise the groups are the areas, in the order of their first question."""
    if mirror_year is None:
        return []
    answers = {a.question_id: a for a in assessment.answers.all()} if assessment else {}
    unit = unit or (assessment.school if assessment else None)
    asked = mirror_year.questions_for(unit) if unit is not None else mirror_year.questions.filter(applies_to="school")
    questions = list(asked.select_related("expectation"))  # ordered by "order"
    if any(q.expectation_id for q in questions):
        return _by_expectation(questions, answers)
    labels = dict(Area.choices)
    groups: dict = {}  # the areas in the order of their first question, as the advisers ordered them
    for question in questions:
        group = groups.setdefault(question.area, AreaGroup(question.area, labels.get(question.area, question.area)))
        group.rows.append(QuestionItem(question, answers.get(question.pk)))
    return list(groups.values())


def _by_expectation(questions, answers) -> list[AreaGroup]:
    from django.utils.translation import gettext as _

    from projects.models import SignOfQuality

    expectations = {q.expectation_id: q.expectation for q in questions if q.expectation_id}
    signs: dict = {}
    for sign in SignOfQuality.objects.filter(expectation_id__in=list(expectations)).order_by("order", "pk"):
        signs.setdefault(sign.expectation_id, []).append(sign.text)
    ordered = sorted(expectations.values(), key=lambda e: (e.plan_id, e.order, e.pk))
    groups = {e.pk: AreaGroup(f"expectation-{e.pk}", e.title, signs=signs.get(e.pk, [])) for e in ordered}
    other = AreaGroup("other", _("Other questions"))
    for question in questions:
        group = groups[question.expectation_id] if question.expectation_id else other
        group.rows.append(QuestionItem(question, answers.get(question.pk)))
    return [*groups.values(), *([other] if other.rows else [])]


def assessment_status(assessment) -> str:
    return assessment.status if assessment else AssessmentStatus.MISSING


__all__ = ["mirror_rows", "has_county", "neighbour_years", "export_table", "mirror_year_for", "latest_mirror_year", "assessment_for",
           "question_items", "assessment_status", "fmt"]
