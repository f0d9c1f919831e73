"""Reads for the dialogue reports: the list per year, the fingerprint of the data, the report's content."""
import hashlib
import json
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indicators.models import IndicatorValue, Level
from indicators.value_table import TREND_YEARS, area_values, county_numbers
from laeringslop.models import Unit

from ..models import Answer, Assessment, DialogueReport, MirrorYear
from .cycle import cycle_schools
from .mirror import assessment_for, has_county, mirror_rows, question_items

#: Part of every fingerprint: raise it when the report's content changes, so old reports show as out of date.
REPORT_VERSION = 2  # 2: the county, the mastery levels and the charts with markers


def _stamp(value) -> str:
    return value.isoformat() if value is not None else ""


def fingerprints(mirror_year: MirrorYear, schools) -> dict:
    """A digest per school of everything its report is compiled from. At most eight queries, however many
    schools (six, and the municipality's former numbers and county).

    It changes when the year's indicators or questions, the school's self-assessment or its answers,
    or the school's, the municipality's, its county's or the nation's values for the report's years change.
    """
    schools = list(schools)
    school_ids = [s.pk for s in schools]
    years = list(range(mirror_year.school_year - TREND_YEARS + 1, mirror_year.school_year + 1))
    # A school's report: the school indicators and questions only (the kindergartens' do not outdate it).
    indicator_ids = sorted(mirror_year.indicators.filter(applies_to="school").values_list("pk", flat=True))
    questions = [list(q) for q in mirror_year.questions.filter(applies_to="school").order_by("pk")
                 .values_list("pk", "area", "text", "order", "has_rating")]
    assessments = {row[0]: row[1:] for row in Assessment.objects.filter(mirror_year=mirror_year,
                                                                        school_id__in=school_ids)
                   .values_list("school_id", "pk", "status", "updated_at", "submitted_at", "submitted_by_id")}
    # Answers are edited without touching the assessment's updated_at: their history says when they changed.
    answers = {row["assessment_id"]: (_stamp(row["latest"]), row["n"]) for row in
               Answer.history.filter(assessment_id__in=[a[0] for a in assessments.values()])
               .values("assessment_id").annotate(latest=Max("history_date"), n=Count("history_id"))}
    values = IndicatorValue.objects.filter(indicator_id__in=indicator_ids, school_year__in=years)
    school_values = {row["unit_id"]: (_stamp(row["latest"]), row["n"]) for row in
                     values.filter(level=Level.SCHOOL, unit_id__in=school_ids).values("unit_id")
                     .annotate(latest=Max("updated_at"), n=Count("id"))}
    counties = county_numbers(mirror_year.municipality, years)
    area = area_values(values, mirror_year.municipality.number, counties.values()).aggregate(
        latest=Max("updated_at"), n=Count("id"))
    shared = [REPORT_VERSION, mirror_year.pk, indicator_ids, questions, _stamp(area["latest"]), area["n"]]
    result = {}
    for school in schools:
        assessment = assessments.get(school.pk)
        own = [school.pk, school.name, school.first_grade, school.last_grade,
               [a if not hasattr(a, "isoformat") else _stamp(a) for a in assessment] if assessment else None,
               answers.get(assessment[0]) if assessment else None, school_values.get(school.pk)]
        payload = json.dumps([shared, own], default=str, sort_keys=True)
        result[school.pk] = hashlib.sha256(payload.encode()).hexdigest()
    return result


def fingerprint(report: DialogueReport) -> str:
    return fingerprints(report.mirror_year, [report.school])[report.school_id]


@dataclass
class ReportRow:
    school: Unit
    report: DialogueReport | None
    current: str  # the fingerprint of the data now

    @property
    def is_outdated(self) -> bool:
        return bool(self.report and self.report.has_files and self.report.fingerprint != self.current)


def report_rows(mirror_year: MirrorYear) -> list[ReportRow]:
    """Every school of the year with its report. Eight queries, however many schools."""
    schools = list(cycle_schools(mirror_year))
    reports = {r.school_id: r for r in DialogueReport.objects.filter(mirror_year=mirror_year)
               .select_related("requested_by")}
    current = fingerprints(mirror_year, schools)
    return [ReportRow(s, reports.get(s.pk), current[s.pk]) for s in schools]


def report_for(mirror_year: MirrorYear | None, school) -> DialogueReport | None:
    if mirror_year is None:
        return None
    return DialogueReport.objects.filter(mirror_year=mirror_year, school=school).first()


def report_context(report: DialogueReport, compiled_at) -> dict:
    """What the report template shows: the Læringsspeil, trends, the self-assessment."""
    from ..charts import trend_chart

    school, mirror_year = report.school, report.mirror_year
    year = mirror_year.school_year
    groups = mirror_rows(school, mirror_year, year)
    charts = []
    for group in groups:
        for row in group.rows:
            if row.indicator.source != "national_tests":
                continue
            title = row.indicator.display_name + (f" ({_('grade %(grade)s') % {'grade': row.grade}})"
                                          if row.grade and len(row.indicator.grades or []) != 1 else "")
            series = [("school", school.name, [p.school.number for p in row.trend]),
                      ("municipality", pgettext("dialogue", "Municipality"), [p.municipality.number for p in row.trend])]
            if any(p.county.has_value for p in row.trend):
                series.append(("county", pgettext("dialogue", "County"), [p.county.number for p in row.trend]))
            series.append(("nation", pgettext("dialogue", "Nation"), [p.nation.number for p in row.trend]))
            charts.append(trend_chart(title, [p.year for p in row.trend], series, starts=row.series_starts))
    assessment = assessment_for(mirror_year, school)
    return {
        "report": report, "school": school, "mirror_year": mirror_year, "year": year,
        "municipality": school.municipality, "compiled_at": compiled_at, "groups": groups,
        "charts": [c for c in charts if c.has_data], "assessment": assessment, "has_county": has_county(groups),
        "mastery_rows": [row for group in groups for row in group.mastery_rows],
        "question_groups": question_items(mirror_year, assessment),
    }
