"""Writes for milestones, and the reminder e-mails."""
import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from laeringslop import concurrency
from laeringslop.mail import subject_line

from .models import Milestone, ReminderKind, ReminderSent, Status

logger = logging.getLogger(__name__)

#: Days before the due date when the responsible person gets a reminder.
REMINDER_DAYS_BEFORE = 7


@transaction.atomic
def milestone_save(form, *, plan=None) -> Milestone:
    """Create or change a milestone from its form. A change is refused (``StaleVersion``, code "stale")
    if the milestone was saved, or marked done, after the form was read."""
    milestone = form.save(commit=False)
    if plan is not None:
        milestone.plan = plan
    concurrency.claim(milestone, version=form.cleaned_data.get(concurrency.FIELD), form=form)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_complete(milestone: Milestone, *, completed_on: date | None = None) -> Milestone:
    """Mark the milestone done (today unless told otherwise); it leaves the late list.

    A new version, so an edit form read before cannot quietly set it back to planned."""
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
    base = Milestone.objects.open().filter(responsible_person__isnull=False).exclude(
        responsible_person__email="").select_related("plan", "responsible_person")
    for milestone in base.filter(due_date__gte=today, due_date__lte=today + timedelta(days=REMINDER_DAYS_BEFORE)):
        yield milestone, ReminderKind.DUE_SOON
    for milestone in base.filter(due_date__lt=today):
        yield milestone, ReminderKind.LATE


def reminders_send(today: date | None = None, base_url: str = "") -> int:
    """E-mail the responsible person once before a milestone is due and once when it is late.

    Each e-mail is recorded in ``ReminderSent`` (unique per milestone, kind and due date) in the
    same transaction as the send, so a second run — or two runs at once — sends nothing again.
    A moved due date is a new event and gets its own reminders. Returns the number sent.

    Each reminder has its own transaction: one whose send fails is logged, not recorded (so the
    next run tries it again), and does not stop the others.
    """
    today = today or timezone.localdate()
    sent = 0
    for milestone, kind in _due_events(today):
        if ReminderSent.objects.filter(milestone=milestone, kind=kind, due_date=milestone.due_date).exists():
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(milestone=milestone, kind=kind, due_date=milestone.due_date,
                                            recipient=milestone.responsible_person.email)
                _send(milestone, kind, today, base_url)
        except IntegrityError:
            continue  # another run recorded it first
        except Exception:
            logger.exception("Milestone reminder (%s) for milestone %s failed; it is tried again next run",
                             kind, milestone.pk)
            continue
        sent += 1
    return sent


def _send(milestone: Milestone, kind: str, today: date, base_url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"milestone": milestone, "kind": kind, "today": today, "late": kind == ReminderKind.LATE,
                   "url": base_url + reverse("milestones:detail", args=[milestone.pk])}
        if kind == ReminderKind.LATE:
            subject = _("Milestone is late: %(title)s") % {"title": milestone.title}
        else:
            subject = _("Milestone due %(date)s: %(title)s") % {
                "title": milestone.title, "date": milestone.due_date.strftime("%d.%m.%Y")}
        body = render_to_string("milestones/reminder_email.txt", context)
    send_mail(subject_line(subject), body, None, [milestone.responsible_person.email], fail_silently=False)
