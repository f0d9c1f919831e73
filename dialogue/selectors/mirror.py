"""The Læringsspeil of one school and year: rows grouped by area, with honest comparisons."""
from dataclasses import dataclass, field

from django.db.models import Prefetch

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
    fmt,
    judge,
    preferred_grade,
    sparkline,
)
from laeringslop.schoolyear import school_year_label

from ..models import Assessment, AssessmentStatus, MirrorYear, Question


@dataclass
class TrendPoint:
    year: int
    school: Cell
    municipality: Cell
    nation: Cell

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

    @property
    def grade_label(self) -> str:
        return f"{self.grade}." if self.grade else ""

    @property
    def trend_text(self) -> str:
        return "; ".join(f"{p.label}: {p.school.display}" for p in self.trend)


@dataclass
class AreaGroup:
    code: str
    label: str
    rows: list = field(default_factory=list)


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


def mirror_rows(school, mirror_year: MirrorYear | None, year: int) -> list[AreaGroup]:
    """The Læringsspeil rows of ``school`` (or a kindergarten: its kind's indicators) for ``year``. Two
    queries (indicators, values)."""
    indicators = chosen_indicators(mirror_year, "kindergarten" if school.kind == "kindergarten" else "school")
    years = list(range(year - TREND_YEARS + 1, year + 1))
    table = ValueTable(indicator_ids=[i.pk for i in indicators], years=years, schools=[school.pk],
                       municipality_number=school.municipality.number)
    groups = {code: AreaGroup(code, label) for code, label in Area.choices}
    for indicator in indicators:
        for grade in _grades_for(indicator, school, table):
            now = table.school(indicator.pk, grade, school.pk, year)
            before = table.school(indicator.pk, grade, school.pk, year - 1)
            nation = table.nation(indicator.pk, grade, year)
            trend = [TrendPoint(y, table.school(indicator.pk, grade, school.pk, y),
                                table.municipality(indicator.pk, grade, y), table.nation(indicator.pk, grade, y))
                     for y in years]
            flagged = table.flagged_years(indicator.pk, grade)
            starts = breaks_within(indicator, years, flagged)
            parts = segments(years, starts)
            school_pts, nation_pts = sparkline([[p.school.number for p in trend], [p.nation.number for p in trend]],
                                               parts=parts)
            comparable = same_series(indicator, year - 1, year, flagged)
            groups[indicator.area].rows.append(MirrorRow(
                indicator=indicator, grade=grade, school=now, last_year=before,
                municipality=table.municipality(indicator.pk, grade, year), nation=nation,
                change=judge(indicator, now, before, CHANGE_LABELS) if comparable else across_break(),
                versus_nation=judge(indicator, now, nation, NATION_LABELS),
                trend=trend, school_points=school_pts, nation_points=nation_pts,
                break_xs=break_marks(parts, len(years)), series_note=break_note(starts), series_starts=starts,
            ))
    return [g for g in groups.values() if g.rows]


def export_table(groups: list[AreaGroup]) -> tuple[list, list]:
    """Header and rows (plain values) for the CSV and XLSX exports."""
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    header = [_("Area"), _("Indicator"), _("Grade"), _("Unit"), _("School"), _("Last year"),
              pgettext("dialogue", "Change"), _("Compared with last year"), pgettext("dialogue", "Municipality"),
              pgettext("dialogue", "Nation"), _("Compared with the nation"), _("Number of pupils"),
              _("Uncertainty")]
    rows = []
    for group in groups:
        for r in group.rows:
            rows.append([
                str(group.label), r.indicator.name, r.grade or "", r.indicator.unit_label,
                _cell_value(r.school), _cell_value(r.last_year),
                round(r.change.comparison.diff, 2) if r.change.comparison.diff is not None else "",
                str(r.change.text), _cell_value(r.municipality), _cell_value(r.nation), str(r.versus_nation.text),
                r.school.pupil_count if r.school.pupil_count is not None else "",
                float(r.school.uncertainty) if r.school.uncertainty is not None else "",
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
    """The year's questions (to ``unit``'s kind of unit: the assessment's, else the schools') grouped by area,
    each with the unit's answer, in the advisers' order. One query."""
    if mirror_year is None:
        return []
    answers = {a.question_id: a for a in assessment.answers.all()} if assessment else {}
    labels = dict(Area.choices)
    groups: dict = {}  # the areas in the order of their first question, as the advisers ordered them
    unit = unit or (assessment.school if assessment else None)
    questions = mirror_year.questions_for(unit) if unit is not None else mirror_year.questions.filter(applies_to="school")
    for question in questions:  # ordered by "order"
        group = groups.setdefault(question.area, AreaGroup(question.area, labels.get(question.area, question.area)))
        group.rows.append(QuestionItem(question, answers.get(question.pk)))
    return list(groups.values())


def assessment_status(assessment) -> str:
    return assessment.status if assessment else AssessmentStatus.MISSING


__all__ = ["mirror_rows", "neighbour_years", "export_table", "mirror_year_for", "latest_mirror_year", "assessment_for",
           "question_items", "assessment_status", "fmt"]
