"""Reads for the school visits: who may take part, the topics to prepare, a school's visits, the year's
overview and the visits in a period (for calendars). Every list is a fixed number of queries."""
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop.models import Role, Unit, User
from laeringslop.permissions import roles_of

from ..models import FollowUpTask, SchoolVisit, TaskStatus

#: The roles that take part in a school visit for the school owner (the school's leaders are its rectors).
OWNER_ROLES = (Role.DIRECTOR, Role.ADVISER)


def participant_choices(municipality_id: int, school: Unit):
    """The people who may take part: the municipality's director(s) and advisers, and the school's leaders."""
    return (User.objects.filter(Q(role_assignments__role__in=OWNER_ROLES,
                                  role_assignments__municipality_id=municipality_id)
                                | Q(role_assignments__role=Role.RECTOR, role_assignments__unit=school,
                                    role_assignments__municipality_id=municipality_id))
            .distinct().order_by("first_name", "last_name", "username"))


def focus_areas(municipality_id: int, school_year: int) -> list[str]:
    """The focus areas (satsingsområder) of the municipality's quality plans running in the school year's
    autumn. The portal keeps focus areas on the plan, for every school; a school has none of its own."""
    from projects.models import QualityPlan

    result = []
    for plan in QualityPlan.objects.filter(municipality_id=municipality_id, start_year__lte=school_year,
                                           end_year__gte=school_year).order_by("start_year", "name"):
        result += [area for area in plan.focus_area_list if area not in result]
    return result


def open_followup(school: Unit, school_year: int) -> list[FollowUpTask]:
    """The school's follow-up tasks from last school year's dialogue that are still open, soonest due first."""
    return list(FollowUpTask.objects.filter(dialogue__school=school, dialogue__mirror_year__school_year=school_year - 1,
                                            status=TaskStatus.OPEN).order_by("due_on", "pk"))


def suggested_topics(school: Unit, school_year: int) -> list[str]:
    """Topics to prepare: the plan's focus areas, then last year's open follow-up (late ones marked)."""
    today = timezone.localdate()
    topics = list(focus_areas(school.municipality_id, school_year))
    for task in open_followup(school, school_year):
        note = _("late") if task.is_late_on(today) else _("open")
        topics.append(_("Follow-up from last year: %(title)s (%(state)s)") % {"title": task.title, "state": note})
    return topics


def _visits():
    return (SchoolVisit.objects.select_related("school", "notes_agreed_by")
            .prefetch_related(Prefetch("participants", queryset=User.objects.order_by("first_name", "last_name"))))


def school_visits(school: Unit) -> list[SchoolVisit]:
    """The school's visits, newest first (the page shows what its reader may see of each)."""
    return list(_visits().filter(school=school).order_by("-school_year"))


@dataclass
class VisitRow:
    school: Unit
    visit: SchoolVisit | None


@dataclass
class VisitOverview:
    school_year: int
    rows: list
    planned: int
    held: int
    agreed: int

    @property
    def total(self) -> int:
        return len(self.rows)


def visit_overview(municipality, school_year: int) -> VisitOverview:
    """Every school of the school year (the cycle's, see cycle_schools; without a cycle those taking part
    now) with its visit in the year (or none). Four queries."""
    from ..models import MirrorYear
    from .cycle import cycle_schools, schools_taking_part_now

    mirror_year = MirrorYear.objects.filter(municipality=municipality, school_year=school_year).first()
    schools = list(cycle_schools(mirror_year) if mirror_year else schools_taking_part_now(municipality.pk))
    visits = {v.school_id: v for v in _visits().filter(municipality=municipality, school_year=school_year)}
    rows = [VisitRow(school, visits.get(school.pk)) for school in schools]
    planned = [row.visit for row in rows if row.visit]
    return VisitOverview(school_year, rows, planned=len(planned), held=sum(v.is_held for v in planned),
                         agreed=sum(v.notes_agreed for v in planned))


def visible_visits(municipality, user):
    """The municipality's visits the user may see: all for its staff, the own school's for a rector."""
    qs = _visits().filter(municipality=municipality)
    if user.is_superuser or municipality.pk in roles_of(user).staff_municipality_ids:
        return qs
    if roles_of(user).has(Role.RECTOR):
        return qs.filter(school_id__in=roles_of(user).led_unit_ids, school__kind="school")
    return qs.none()


def _aware(day: date | datetime, end: bool = False) -> datetime:
    if isinstance(day, datetime):
        return day
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def visits_in_period(municipality, user, start: date | datetime, end: date | datetime) -> list[SchoolVisit]:
    """The visits the user may see that overlap the period (dates count whole days, local time), in time
    order. For calendars: the milestone feed's neighbour, and the combined «Året» calendar. Two queries."""
    return list(visible_visits(municipality, user).filter(starts_at__lte=_aware(end, end=True),
                                                          ends_at__gte=_aware(start)).order_by("starts_at", "pk"))


def visits_of_year(municipality, user, school_year: int) -> list[SchoolVisit]:
    return list(visible_visits(municipality, user).filter(school_year=school_year).order_by("starts_at", "pk"))
