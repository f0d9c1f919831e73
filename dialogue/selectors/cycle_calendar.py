"""The year's cycle laid out in time: the timeline (årshjul) geometry, and the month-by-month
calendar of the cycle's steps together with the plan's milestones."""
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from laeringslop.schoolyear import SchoolYear

#: The timeline's drawing (an SVG in user units): step names on the left, the year on the right.
LABEL_WIDTH, WIDTH, TOP, ROW = 230, 1000, 34, 30


def _months(year: SchoolYear) -> list[date]:
    first = year.first_day
    return [date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1) for i in range(12)]


def timeline(data) -> dict:
    """x positions of the months, each step's bar and today on the year's axis (Aug–Jul)."""
    year = SchoolYear(data.mirror_year.school_year)
    start, span = year.first_day, (year.last_day - year.first_day).days + 1
    scale = WIDTH - LABEL_WIDTH

    def x(day: date) -> float:
        return round(LABEL_WIDTH + scale * min(max((day - start).days, 0), span) / span, 1)

    bars = []
    for i, step in enumerate(data.steps):
        first, last = step.starts or step.ends, step.ends or step.starts
        y = TOP + i * ROW
        bar = {"step": step, "y": y, "text_y": y + 15}
        if first is not None:
            left, right = x(first), x(last) + scale / span  # the last day counts
            bar.update(x=left, width=round(max(right - left, 6), 1))
        bars.append(bar)
    months = [{"day": m, "x": x(m)} for m in _months(year)]
    for m, following in zip(months, [*months[1:], None], strict=False):
        m["label_x"] = round((m["x"] + (following["x"] if following else WIDTH)) / 2, 1)
    today = data.today
    bottom = TOP + len(data.steps) * ROW
    return {"width": WIDTH, "height": bottom + 20, "label_width": LABEL_WIDTH, "months": months,
            "bars": bars, "today": x(today) if year.contains(today) else None, "bottom": bottom, "today_y": bottom + 15}


@dataclass
class Entry:
    day: date
    title: str
    kind: str  # "step", "milestone", "visit" or "other" (another app's, see laeringslop.hooks.calendar_entries_for)
    detail: str = ""
    url: str = ""
    #: the kind in words, for the other apps' entries (e.g. «ledermøte»)
    kind_label: str = ""


def cycle_calendar(mirror_year, data, user) -> list[dict]:
    """Month by month (August to July): the cycle's step dates, the municipality's plan milestones,
    the school visits the user may see and the other apps' events for the user (the leader meetings,
    through ``laeringslop.hooks.calendar_entries_for``), each month's entries by date. Four queries and
    a fixed number per app."""
    from django.urls import reverse

    from milestones.selectors import milestones_in_period

    year = SchoolYear(mirror_year.school_year)
    entries = []
    for step in data.steps:
        if step.starts and step.ends and step.starts != step.ends:
            entries.append(Entry(step.starts, step.title, "step", _("starts")))
            entries.append(Entry(step.ends, step.title, "step", _("ends")))
        elif step.starts or step.ends:
            entries.append(Entry(step.ends or step.starts, step.title, "step", step.summary))
    for milestone in milestones_in_period(mirror_year.municipality, user, year.first_day, year.last_day):
        entries.append(Entry(milestone.due_date, milestone.title, "milestone", milestone.plan.name,
                             reverse("milestones:detail", args=[milestone.pk])))
    from django.utils import timezone

    from .visits import visits_in_period

    for visit in visits_in_period(mirror_year.municipality, user, year.first_day, year.last_day):
        starts = timezone.localtime(visit.starts_at)
        entries.append(Entry(starts.date(), _("School visit: %(school)s") % {"school": visit.school.name}, "visit",
                             starts.strftime("%H:%M"), reverse("dialogue:visit_detail", args=[visit.pk])))
    from laeringslop.hooks import calendar_entries_for

    for event in calendar_entries_for(user, mirror_year.municipality, year.first_day, year.last_day):
        detail = f"{event.description} ({_('cancelled')})" if event.cancelled else event.description
        entries.append(Entry(event.starts, event.title, "other", detail, event.url, event.kind))
    by_month = {m: [] for m in _months(year)}
    for entry in sorted(entries, key=lambda e: (e.day, e.kind != "step", e.title)):
        by_month[entry.day.replace(day=1)].append(entry)
    return [{"month": month, "entries": items} for month, items in by_month.items()]
