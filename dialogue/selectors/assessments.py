"""Reads for the advisers: the years they set up and the schools' completion status."""
from dataclasses import dataclass

from laeringslop.models import Role, RoleAssignment, Unit
from laeringslop.permissions import roles_of

from ..models import Assessment, AssessmentStatus, MirrorYear, Reminder
from .cycle import cycle_schools


def mirror_years_for_staff(user):
    return MirrorYear.objects.filter(municipality_id__in=roles_of(user).staff_municipality_ids)


@dataclass
class SchoolStatus:
    school: Unit
    assessment: Assessment | None
    rectors: list

    @property
    def status(self):
        return self.assessment.status if self.assessment else AssessmentStatus.MISSING


def completion_status(mirror_year: MirrorYear) -> list[SchoolStatus]:
    """Every school of the year with its assessment and rectors. Three queries."""
    schools = list(cycle_schools(mirror_year).select_related("region"))
    assessments = {a.school_id: a for a in Assessment.objects.filter(mirror_year=mirror_year)
                   .select_related("submitted_by", "mirror_year")}
    rectors: dict = {}
    for ra in RoleAssignment.objects.filter(role=Role.RECTOR, unit__in=[s.pk for s in schools]).select_related("user"):
        rectors.setdefault(ra.unit_id, []).append(ra.user)
    return [SchoolStatus(s, assessments.get(s.pk), rectors.get(s.pk, [])) for s in schools]


def assessment_counts(mirror_year: MirrorYear, units=None) -> dict:
    """How many of the year's schools (or ``units``, e.g. its kindergartens) have not started, have a draft,
    have submitted. Two queries."""
    from django.db.models import Count

    units = cycle_schools(mirror_year) if units is None else units
    rows = dict(Assessment.objects.filter(mirror_year=mirror_year, school__in=units)
                .values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    total = units.count()
    draft = rows.get(AssessmentStatus.DRAFT, 0) + rows.get(AssessmentStatus.REOPENED, 0)
    submitted = rows.get(AssessmentStatus.SUBMITTED, 0)
    return {"missing": total - draft - submitted, "draft": draft, "submitted": submitted, "total": total}


def last_reminder(mirror_year: MirrorYear) -> Reminder | None:
    """The last reminder that went out for the year (None if none has)."""
    return (Reminder.objects.filter(mirror_year=mirror_year, sent_at__isnull=False)
            .order_by("-sent_at").first())


def next_free_school_year(municipality) -> int:
    """The first school year from the current one on that has no Læringsspeil yet (for the "new year" form)."""
    from laeringslop.schoolyear import current_school_year

    taken = set(MirrorYear.objects.filter(municipality=municipality).values_list("school_year", flat=True))
    year = current_school_year()
    while year in taken:
        year += 1
    return year
