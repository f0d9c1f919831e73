"""Reads for the milestone pages: a plan's milestones and timeline, a user's milestones,
what is due soon and what is late."""
from collections import OrderedDict
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from laeringslop.permissions import roles_of
from projects.permissions import memberships_of

from .models import Milestone, Status

RELATED = ("plan", "phase", "responsible_group", "responsible_person", "delivers_mandate", "delivers_draft",
           "delivers_report")


def plan_milestones(plan):
    return plan.milestones.select_related(*RELATED).order_by("due_date", "id")


def report_milestones(report) -> list[dict]:
    """The milestones a status report covers, each with its state on the report's date (derived: done
    if completed by then, late if due before then, otherwise not yet due). A report on the whole plan
    covers all the plan's milestones; a group's report those of the group and the groups under it.
    Two queries."""
    from projects.selectors import descendants

    milestones = report.plan.milestones.select_related("responsible_group", "responsible_person", "plan")
    if report.group_id:
        milestones = milestones.filter(responsible_group__in=[g.pk for g in descendants(report.group)])
    rows = []
    for milestone in milestones.order_by("due_date", "id"):
        key, label = milestone.state_on(report.as_of)
        rows.append({"milestone": milestone, "state": key, "label": label})
    return rows


#: Layout of milestone marks on the axis: rem from the top, rem per lane, mark width in %. A mark
#: carries the milestone's number in the table below, so it is short and never cut off.
LANE_TOP, LANE_HEIGHT, LABEL_WIDTH = 2.6, 1.7, 5


def _pct(day: date, start: date, span_days: int) -> float:
    return round(100 * (day - start).days / span_days, 2)


def timeline(plan, milestones, phases, today: date | None = None) -> dict:
    """Positions (in % of the width) of phases, milestones, year marks and today on the axis."""
    today = today or timezone.localdate()
    days = [date(plan.start_year, 1, 1), date(plan.end_year, 12, 31)]
    days += [p.start_date for p in phases] + [p.end_date for p in phases] + [m.due_date for m in milestones]
    start, end = min(days), max(days)
    start = date(start.year, 1, 1)
    end = date(end.year, 12, 31)
    span = max((end - start).days, 1)
    placed, lane_ends = [], []
    numbers = {id(m): n for n, m in enumerate(milestones, start=1)}  # as numbered in the table
    for m in sorted(milestones, key=lambda m: m.due_date):
        left = _pct(m.due_date, start, span)
        # The first lane where the previous label has ended (labels take about LABEL_WIDTH %).
        lane = next((i for i, end_at in enumerate(lane_ends) if end_at <= left), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0)
        lane_ends[lane] = left + LABEL_WIDTH
        placed.append({"milestone": m, "number": numbers[id(m)], "left": left, "late": m.is_late(today),
                       "top": round(LANE_TOP + LANE_HEIGHT * lane, 2)})
    lanes = len(lane_ends)
    return {
        "start": start, "end": end,
        "years": [{"year": y, "left": _pct(date(y, 1, 1), start, span)} for y in range(start.year, end.year + 1)],
        "phases": [{"phase": p, "left": _pct(p.start_date, start, span),
                    "width": max(_pct(p.end_date, start, span) - _pct(p.start_date, start, span), 0.5)}
                   for p in phases],
        "milestones": placed,
        "height": round(LANE_TOP + LANE_HEIGHT * max(lanes, 1) + 0.6, 2),
        "today": _pct(today, start, span) if start <= today <= end else None,
    }


def milestones_in_period(municipality, user, first: date, last: date):
    """The milestones, due between ``first`` and ``last``, of the municipality's plans in use that the user
    may see (for the calendars: «Året» and the person's calendar address). One query."""
    from projects.selectors import plans_visible_to

    plans = plans_visible_to(user).current().filter(municipality_id=municipality.pk)
    return (Milestone.objects.filter(plan__in=plans, due_date__range=(first, last))
            .select_related("plan").order_by("due_date", "pk"))


def my_milestones(user):
    """Milestones the user is responsible for, in person or through an active group membership (not an
    archived plan's: that plan is history)."""
    group_ids = memberships_of(user).group_ids
    return (Milestone.objects.filter(Q(responsible_person=user) | Q(responsible_group_id__in=group_ids),
                                     plan__archived_at__isnull=True)
            .select_related(*RELATED).order_by("status", "due_date", "id"))


def due_and_late_by_plan(user, *, days: int = 30, today: date | None = None) -> list[dict]:
    """For every running plan of the user's municipality: open milestones due within ``days`` and
    the late ones. A plan whose period has ended (its end year is past) is history: its timeline
    still shows what was never done, but it no longer asks for attention here; an archived plan is left out
    too. One query."""
    today = today or timezone.localdate()
    qs = Milestone.objects.exclude(status=Status.DONE).filter(due_date__lte=today + timedelta(days=days),
                                                              plan__end_year__gte=today.year,
                                                              plan__archived_at__isnull=True)
    if not user.is_superuser:
        qs = qs.filter(plan__municipality_id__in=roles_of(user).staff_municipality_ids)
    qs = qs.select_related("plan", "responsible_person", "responsible_group").order_by("plan__name", "due_date")
    plans: OrderedDict = OrderedDict()
    for milestone in qs:
        entry = plans.setdefault(milestone.plan_id, {"plan": milestone.plan, "late": [], "due": []})
        (entry["late"] if milestone.due_date < today else entry["due"]).append(milestone)
    return list(plans.values())
