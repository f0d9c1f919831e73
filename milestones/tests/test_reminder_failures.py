"""Reminders survive bad data: a line break in a title, a send that fails for one reminder."""
import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from laeringslop.mail import subject_line
from laeringslop.tests import factories as core
from milestones import services
from milestones.models import Milestone
from notices import services as notices
from notices.models import Notice
from projects.tests import factories as pf

from .factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def plan(world):
    return pf.PlanFactory(municipality=world.municipality, start_year=days(0).year - 1, end_year=days(0).year + 2)


@pytest.fixture
def person():
    return core.UserFactory(username="hilde", email="hilde@example.invalid")


def test_subject_line_is_one_line_and_capped():
    assert subject_line("Milepæl:\r\n  Mandat\tvedtatt\u2028nå\x00 ") == "Milepæl: Mandat vedtatt nå"
    long = subject_line("x" * 500)
    assert len(long) == 160 and long.endswith("…")
    assert subject_line("ord " * 100, max_length=20) == "ord ord ord ord ord…"


def test_a_line_break_in_a_stored_title_does_not_stop_the_reminders(plan, person, mailoutbox):
    broken = MilestoneFactory(plan=plan, due_date=days(-2), responsible_person=person)
    # Stored before titles were validated (or written around the form): update() skips validation.
    Milestone.objects.filter(pk=broken.pk).update(title="Mandat\nvedtatt\r\ni styringsgruppa")
    MilestoneFactory(plan=plan, title="Arbeidsmøte", due_date=days(3), responsible_person=person)
    assert services.reminders_send() == 2
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects == [f"Frist for milepæl {days(3):%d.%m.%Y}: Arbeidsmøte",
                        "Milepælen er forsinket: Mandat vedtatt i styringsgruppa"]
    assert Notice.objects.filter(status="sent").count() == 2


def test_a_send_that_fails_for_one_reminder_does_not_stop_the_others(plan, person, mailoutbox, monkeypatch,
                                                                     caplog):
    failing = MilestoneFactory(plan=plan, title="Feiler", due_date=days(-1), responsible_person=person)
    MilestoneFactory(plan=plan, title="Går fint", due_date=days(2), responsible_person=person)
    real_send_mail = notices.send_mail

    def send_mail(subject, *args, **kwargs):
        if "Feiler" in subject:
            raise ConnectionRefusedError("SMTP is down")
        return real_send_mail(subject, *args, **kwargs)

    monkeypatch.setattr(notices, "send_mail", send_mail)
    assert services.reminders_send() == 1
    assert [m.subject for m in mailoutbox] == [f"Frist for milepæl {days(2):%d.%m.%Y}: Går fint"]
    failed = Notice.objects.get(event_key__startswith=f"{failing.pk}:")  # recorded as failed, not as sent
    assert failed.status == "failed" and failed.failure_reason == "ConnectionRefusedError: SMTP is down"
    assert "failed" in caplog.text
    # The next run tries the failed one again, and only that one.
    monkeypatch.setattr(notices, "send_mail", real_send_mail)
    assert services.reminders_send() == 1
    assert mail.outbox[-1].subject == "Milepælen er forsinket: Feiler"
    failed.refresh_from_db()
    assert failed.status == "sent" and Notice.objects.filter(event_key__startswith=f"{failing.pk}:").count() == 1


def test_the_form_refuses_a_title_with_a_line_break(client, world, plan):
    client.force_login(world.users["adviser"])
    page = client.post(reverse("milestones:create", args=[plan.pk]),
                       {"title": "Samling\npå Holmsbu", "due_date": days(5).isoformat(), "status": "planned"})
    assert page.status_code == 200 and "Skriv dette på én linje." in page.content.decode()
    assert not Milestone.objects.exists()
