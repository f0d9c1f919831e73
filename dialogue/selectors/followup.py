"""Reads for the dialogue held with each rector and its follow-up tasks: the school's page, the adviser's
own tasks, the director's overview per year. Every list is a fixed number of queries."""
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from laeringslop.models import Role, Unit, User
from laeringslop.permissions import roles_of

from ..models import Dialogue, FollowUpTask, MirrorYear, TaskStatus
from .cycle import cycle_schools


def today() -> date:
    return timezone.localdate()


def late_q(on: date | None = None) -> Q:
    """Open and past the due date: the same rule as ``FollowUpTask.is_late``, for the database."""
    return Q(status=TaskStatus.OPEN, due_on__lt=on or today())


def advisers_of(municipality_id):
    """The users with the adviser role in the municipality (the only ones a task can be given to)."""
    return (User.objects.filter(role_assignments__role=Role.ADVISER, role_assignments__municipality_id=municipality_id)
            .distinct().order_by("first_name", "last_name", "username"))


def dialogue_for(mirror_year: MirrorYear | None, school) -> Dialogue | None:
    if mirror_year is None:
        return None
    return (Dialogue.objects.filter(mirror_year=mirror_year, school=school)
            .select_related("recorded_by", "mirror_year", "school").first())


def dialogue_tasks(dialogue: Dialogue | None) -> list:
    if dialogue is None:
        return []
    return list(dialogue.tasks.select_related("responsible", "completed_by")
                .annotate(comment_count=Count("comments"))
                .order_by("-status", "due_on", "pk"))  # open ("open" > "done") first


def task_comments(task: FollowUpTask) -> list:
    """The task's thread, oldest first, with each author (one query)."""
    return list(task.comments.select_related("author"))


def my_tasks(user):
    """The user's open tasks in the municipalities they work for, soonest due first. One query."""
    return (FollowUpTask.objects.filter(responsible=user, status=TaskStatus.OPEN,
                                        dialogue__school__municipality_id__in=roles_of(user).staff_municipality_ids)
            .select_related("dialogue__school", "dialogue__mirror_year").order_by("due_on", "pk"))


def my_task_counts(user) -> dict:
    """How many of the user's tasks are open, and how many of those are late. One query."""
    return my_tasks(user).aggregate(open=Count("pk"), late=Count("pk", filter=late_q()))


EMPTY = {"open": 0, "late": 0, "done": 0}


def _counts(tasks: list, key) -> dict:
    """open / late / done per ``key(task)``, counted from the tasks already loaded."""
    on = today()
    result: dict = {}
    for task in tasks:
        counts = result.setdefault(key(task), dict(EMPTY))
        counts["done" if task.is_done else "open"] += 1
        counts["late"] += task.is_late_on(on)
    return result


@dataclass
class SchoolFollowUp:
    school: Unit
    dialogue: Dialogue | None
    counts: dict = field(default_factory=lambda: dict(EMPTY))


@dataclass
class Workload:
    adviser: User
    counts: dict = field(default_factory=lambda: dict(EMPTY))


@dataclass
class Overview:
    schools: list
    workload: list
    tasks: list
    totals: dict


def followup_overview(mirror_year: MirrorYear, *, adviser=None, kind: str = "") -> Overview:
    """Every school of the year with its dialogue and task counts, every adviser's load and the tasks themselves,
    filtered by adviser and kind. Four queries, however many schools and tasks."""
    schools = list(cycle_schools(mirror_year))
    dialogues = {d.school_id: d for d in Dialogue.objects.filter(mirror_year=mirror_year)}
    tasks = FollowUpTask.objects.filter(dialogue__mirror_year=mirror_year)
    if adviser is not None:
        tasks = tasks.filter(responsible=adviser)
    if kind:
        tasks = tasks.filter(kind=kind)
    task_list = list(tasks.select_related("dialogue__school", "responsible").order_by("due_on", "pk"))
    per_school = _counts(task_list, lambda task: task.dialogue.school_id)
    per_adviser = _counts(task_list, lambda task: task.responsible_id)
    advisers = list(advisers_of(mirror_year.municipality_id))
    if adviser is not None:
        advisers = [a for a in advisers if a.pk == adviser.pk]
    rows = [SchoolFollowUp(s, dialogues.get(s.pk), per_school.get(s.pk, dict(EMPTY))) for s in schools]
    workload = [Workload(a, per_adviser.get(a.pk, dict(EMPTY))) for a in advisers]
    totals = {k: sum(r.counts[k] for r in rows) for k in EMPTY}
    return Overview(rows, workload, task_list, totals)
