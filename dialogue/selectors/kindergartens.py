"""Reads for the kindergartens' Læringsspeil: the list of a municipality's kindergartens for the
director and the advisers, and the year's completion status of the kindergartens' self-assessments.

A kindergarten's own Læringsspeil is ``mirror.mirror_rows`` with the kindergarten indicators
(``Indicator.applies_to``); its self-assessment is the ordinary ``Assessment`` of the unit, answering
the year's questions for kindergartens (``Question.applies_to``)."""
from dataclasses import dataclass

from indicators.models import IndicatorValue, Level
from laeringslop.models import Role, RoleAssignment, Unit

from ..models import Assessment, AssessmentStatus, MirrorYear
from .cycle import cycle_kindergartens, kindergartens_taking_part_now

#: The theme shown in the list beside each kindergarten (the parents' overall satisfaction).
HEADLINE = "FU_TILFREDSHET"


def kindergartens_of(municipality_id, mirror_year: MirrorYear | None = None):
    """The year's kindergartens (fixed when it was published, like the schools: ``cycle.cycle_kindergartens``);
    without a year, or before it is published, the municipality's kindergartens that take part now."""
    if mirror_year is not None:
        return cycle_kindergartens(mirror_year)
    return kindergartens_taking_part_now(municipality_id)


@dataclass
class KindergartenStatus:
    kindergarten: Unit
    assessment: Assessment | None
    heads: list
    headline: object = None  # the IndicatorValue of HEADLINE for the year, or None

    @property
    def status(self):
        return self.assessment.status if self.assessment else AssessmentStatus.MISSING


def kindergarten_statuses(municipality_id, mirror_year: MirrorYear | None, year: int) -> list[KindergartenStatus]:
    """Every kindergarten of the municipality with its assessment for the year, its heads and its overall
    satisfaction. Four queries, however many kindergartens."""
    kindergartens = list(kindergartens_of(municipality_id, mirror_year).select_related("region"))
    ids = [k.pk for k in kindergartens]
    assessments = ({a.school_id: a for a in Assessment.objects.filter(mirror_year=mirror_year, school_id__in=ids)}
                   if mirror_year is not None else {})
    heads: dict = {}
    for ra in (RoleAssignment.objects.filter(role=Role.KINDERGARTEN_HEAD, unit_id__in=ids).select_related("user")
               .order_by("user__first_name", "user__last_name")):
        heads.setdefault(ra.unit_id, []).append(ra.user)
    headlines = {v.unit_id: v for v in IndicatorValue.objects.filter(
        indicator__code=HEADLINE, school_year=year, level=Level.SCHOOL, unit_id__in=ids)}
    return [KindergartenStatus(k, assessments.get(k.pk), heads.get(k.pk, []), headlines.get(k.pk))
            for k in kindergartens]


def kindergarten_counts(statuses: list[KindergartenStatus]) -> dict:
    """How many kindergartens have not started, have a draft, have submitted."""
    counts = {"missing": 0, "draft": 0, "submitted": 0}
    for status in statuses:
        key = {AssessmentStatus.REOPENED: "draft"}.get(status.status, status.status)
        counts[key] = counts.get(key, 0) + 1
    return counts
