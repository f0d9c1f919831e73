"""The yearly cycle of a school year: its steps with their dates and states, and each school's row.

Every state is derived from the data (values imported, assessments submitted, dialogues held, tasks
open or done), never typed. A fixed number of queries, whatever the number of schools.
"""
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from indicators.models import IndicatorValue, Level
from laeringslop.models import Unit
from laeringslop.permissions import roles_of

from ..models import Assessment, AssessmentStatus, Dialogue, FollowUpTask, MirrorYear, SchoolVisit, TaskStatus


def schools_taking_part_now(municipality_id):
    """The schools that would take part in a year published today."""
    return Unit.objects.schools().taking_part().filter(municipality_id=municipality_id).order_by("name")


def cycle_schools(mirror_year: MirrorYear):
    """The year's schools: fixed when it was published; until then those that would take part now."""
    if mirror_year.is_published:
        return mirror_year.schools.order_by("name")
    return schools_taking_part_now(mirror_year.municipality_id)


def kindergartens_taking_part_now(municipality_id):
    """The kindergartens that would take part in a year published today."""
    return Unit.objects.kindergartens().taking_part().filter(municipality_id=municipality_id).order_by("name")


def cycle_kindergartens(mirror_year: MirrorYear):
    """The year's kindergartens: fixed when it was published (like the schools); until then those that would
    take part now."""
    if mirror_year.is_published:
        return mirror_year.kindergartens.order_by("name")
    return kindergartens_taking_part_now(mirror_year.municipality_id)


def takes_part(mirror_year: MirrorYear, unit) -> bool:
    """Whether ``unit`` is one of the year's schools or kindergartens (see cycle_schools, cycle_kindergartens)."""
    if unit.kind == "kindergarten":
        return cycle_kindergartens(mirror_year).filter(pk=unit.pk).exists()
    return cycle_schools(mirror_year).filter(pk=unit.pk).exists()


class State:
    UNDATED, UPCOMING, OPEN, DONE, LATE = "undated", "upcoming", "open", "done", "late"
    LABELS = {UNDATED: _("No date"), UPCOMING: _("Coming"), OPEN: _("In progress"), DONE: _("Done"),
              LATE: _("Behind")}


@dataclass
class Step:
    key: str
    title: str
    starts: date | None
    ends: date | None
    complete: bool
    summary: str
    today: date

    @property
    def state(self) -> str:
        if self.complete:
            return State.DONE
        first = self.starts or self.ends
        if first is None:
            return State.UNDATED
        if self.ends and self.today > self.ends:
            return State.LATE
        if self.today < first:
            return State.UPCOMING
        return State.OPEN

    @property
    def state_label(self):
        return State.LABELS[self.state]

    @property
    def is_current(self) -> bool:
        """Today falls within the step's dates."""
        first, last = self.starts or self.ends, self.ends or self.starts
        return first is not None and first <= self.today <= last


@dataclass
class SchoolRow:
    school: Unit
    has_results: bool = False
    assessment: str = AssessmentStatus.MISSING
    assessment_late: bool = False
    visit_starts_at: object = None  # a datetime
    visit_held: bool = False
    dialogue_held_on: date | None = None
    tasks_open: int = 0
    tasks_late: int = 0
    tasks_done: int = 0

    @property
    def assessment_label(self):
        return AssessmentStatus(self.assessment).label


@dataclass
class Cycle:
    mirror_year: MirrorYear
    today: date
    rows: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    total: int = 0


def cycle(mirror_year: MirrorYear, *, school_ids=None, today: date | None = None) -> Cycle:
    """The year's cycle: a row per school and the steps over those rows (only ``school_ids``' rows
    when given: a rector sees the steps of their own school). Six queries."""
    today = today or timezone.localdate()
    schools = list(cycle_schools(mirror_year))
    all_ids = [s.pk for s in schools]
    rows = {s.pk: SchoolRow(s) for s in schools}
    has_results = set(
        IndicatorValue.objects.filter(level=Level.SCHOOL, school_year=mirror_year.school_year, unit_id__in=all_ids,
                                      indicator__in=mirror_year.indicators.all())
        .values_list("unit_id", flat=True).distinct())
    for school_id, status, submitted_at in Assessment.objects.filter(
            mirror_year=mirror_year, school_id__in=all_ids).values_list("school_id", "status", "submitted_at"):
        row = rows[school_id]
        row.assessment = status
        if status == AssessmentStatus.SUBMITTED and submitted_at:
            row.assessment_late = timezone.localdate(submitted_at) > mirror_year.deadline
    for school_id, starts_at, ends_at in SchoolVisit.objects.filter(
            municipality_id=mirror_year.municipality_id, school_year=mirror_year.school_year,
            school_id__in=all_ids).values_list("school_id", "starts_at", "ends_at"):
        row = rows[school_id]
        row.visit_starts_at, row.visit_held = starts_at, ends_at <= timezone.now()
    for school_id, held_on in Dialogue.objects.filter(mirror_year=mirror_year, school_id__in=all_ids) \
            .values_list("school_id", "held_on"):
        rows[school_id].dialogue_held_on = held_on
    task_counts = (FollowUpTask.objects.filter(dialogue__mirror_year=mirror_year, dialogue__school_id__in=all_ids)
                   .values("dialogue__school_id")
                   .annotate(open=Count("pk", filter=Q(status=TaskStatus.OPEN)),
                             late=Count("pk", filter=Q(status=TaskStatus.OPEN, due_on__lt=today)),
                             done=Count("pk", filter=Q(status=TaskStatus.DONE))))
    for counts in task_counts:
        row = rows[counts["dialogue__school_id"]]
        row.tasks_open, row.tasks_late, row.tasks_done = counts["open"], counts["late"], counts["done"]
    for school_id in has_results:
        rows[school_id].has_results = True
    for row in rows.values():
        if row.assessment != AssessmentStatus.SUBMITTED and today > mirror_year.deadline:
            row.assessment_late = True

    # The steps count the rows shown: every school for the staff, a rector's own school for a rector.
    shown = [rows[pk] for pk in all_ids if school_ids is None or pk in set(school_ids)]
    total = len(shown)
    submitted = sum(r.assessment == AssessmentStatus.SUBMITTED for r in shown)
    submitted_late = sum(r.assessment == AssessmentStatus.SUBMITTED and r.assessment_late for r in shown)
    missing_late = sum(r.assessment != AssessmentStatus.SUBMITTED and r.assessment_late for r in shown)
    visits_planned = sum(r.visit_starts_at is not None for r in shown)
    visits_held = sum(r.visit_held for r in shown)
    held = sum(r.dialogue_held_on is not None for r in shown)
    with_tasks = sum(bool(r.tasks_open or r.tasks_done) for r in shown)
    tasks_open = sum(r.tasks_open for r in shown)
    tasks_late = sum(r.tasks_late for r in shown)
    tasks_done = sum(r.tasks_done for r in shown)
    with_results = [r for r in shown if r.has_results]
    y = mirror_year
    name = {key: title for key, _first, _last, title in MirrorYear.STEPS}
    assessment_summary = ngettext("%(n)s of %(total)s submitted", "%(n)s of %(total)s submitted", total) % {
        "n": submitted, "total": total}
    if submitted_late or missing_late:
        assessment_summary += " · " + ngettext("%(n)s late", "%(n)s late", submitted_late + missing_late) % {
            "n": submitted_late + missing_late}
    steps = [
        Step("results", name["results"], None, y.results_expected_on, bool(with_results),
             ngettext("%(n)s of %(total)s schools have results", "%(n)s of %(total)s schools have results",
                      total) % {"n": len(with_results), "total": total}, today),
        Step("visits", name["visits"], y.visits_from, y.visits_until, bool(total) and visits_held == total,
             ngettext("%(n)s of %(total)s held", "%(n)s of %(total)s held", total) % {"n": visits_held, "total": total}
             + " · " + ngettext("%(n)s planned", "%(n)s planned", visits_planned) % {"n": visits_planned}, today),
        Step("assessment", name["assessment"], y.published_at and timezone.localdate(y.published_at), y.deadline,
             bool(total) and submitted == total, assessment_summary, today),
        Step("dialogues", name["dialogues"], y.dialogues_from, y.dialogues_until,
             bool(total) and held == total,
             ngettext("%(n)s of %(total)s held", "%(n)s of %(total)s held", total) % {"n": held, "total": total},
             today),
        Step("followup", name["followup"], y.dialogues_from, y.followup_due_on,
             bool(held) and with_tasks >= held and tasks_open == 0,
             _("%(open)s open, %(late)s late, %(done)s done") % {"open": tasks_open, "late": tasks_late,
                                                                  "done": tasks_done}, today),
    ]
    return Cycle(mirror_year, today, shown, steps, total)


def cycle_school_ids_for(user, municipality) -> list | None:
    """Which schools' rows of «Året» the reader sees: None for the municipality's staff (every school), the ids
    of the schools they lead for a rector, [] for anyone else (they do not read the schools' yearly cycle:
    a kindergarten head among them). One query for a rector."""
    if user.has_perm("dialogue.view_dashboard"):
        return None
    return list(Unit.objects.schools().filter(municipality=municipality, pk__in=roles_of(user).led_unit_ids)
                .values_list("pk", flat=True))
