"""Writes for milestones, and the reminder e-mails."""
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop import concurrency
from notices.models import NoticeKind
from notices.services import notice_send
from projects.services import plan_ensure_writable

from .models import Milestone, Status

#: Days before the due date when the responsible person gets a reminder.
REMINDER_DAYS_BEFORE = 7


@transaction.atomic
def milestone_save(form, *, plan=None) -> Milestone:
    """Create or change a milestone from its form. A change is refused (``StaleVersion``, code "stale")
    if the milestone was saved, or marked done, after the form was read."""
    milestone = form.save(commit=False)
    if plan is not None:
        milestone.plan = plan
    plan_ensure_writable(milestone.plan, lock=True)  # an archived plan is read-only (code "archived")
    concurrency.claim(milestone, version=form.cleaned_data.get(concurrency.FIELD), form=form)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_complete(milestone: Milestone, *, completed_on: date | None = None) -> Milestone:
    """Mark the milestone done (today unless told otherwise); it leaves the late list.

    A new version, so an edit form read before cannot quietly set it back to planned."""
    plan_ensure_writable(milestone.plan, lock=True)
    stored = concurrency.lock(Milestone, milestone.pk)
    if stored is None:
        raise ValidationError(_("The milestone has been deleted."), code="gone")
    stored.status = Status.DONE
    stored.completed_on = completed_on or timezone.localdate()
    stored.full_clean()
    stored.save(update_fields=concurrency.bump(stored, ["status", "completed_on"]))
    milestone.status, milestone.completed_on, milestone.version = stored.status, stored.completed_on, stored.version
    return stored


def _due_events(today: date):
    """(milestone, kind) pairs that deserve a reminder today."""
    base = Milestone.objects.open().filter(plan__archived_at__isnull=True, responsible_person__isnull=False).exclude(
        responsible_person__email="").select_related("plan__municipality", "responsible_person")
    for milestone in base.filter(due_date__gte=today, due_date__lte=today + timedelta(days=REMINDER_DAYS_BEFORE)):
        yield milestone, NoticeKind.MILESTONE_DUE
    for milestone in base.filter(due_date__lt=today):
        yield milestone, NoticeKind.MILESTONE_LATE


def reminder_key(milestone: Milestone) -> str:
    """The event a milestone reminder is about: the milestone and its due date (a new date, a new event)."""
    return f"{milestone.pk}:{milestone.due_date.isoformat()}"


def reminders_send(today: date | None = None, base_url: str = "") -> int:
    """E-mail the responsible person once before a milestone is due and once when it is late.

    Each e-mail is a ``notices.Notice`` (kinds ``milestone_due`` and ``milestone_late``, unique per
    milestone and due date), recorded and sent in its own transaction, so a second run — or two runs
    at once — sends nothing again. A moved due date is a new event and gets its own reminders.
    A send that fails is recorded as failed, does not stop the others, and the next run tries it
    again. Returns the number sent.
    """
    today = today or timezone.localdate()
    sent = 0
    for milestone, kind in _due_events(today):
        if notice_send(kind=kind, event_key=reminder_key(milestone), recipient=milestone.responsible_person,
                       municipality=milestone.plan.municipality, base_url=base_url,
                       url=reverse("milestones:detail", args=[milestone.pk]),
                       context={"milestone": milestone, "today": today}):
            sent += 1
    return sent
