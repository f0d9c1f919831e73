"""Self-assessment reminders: one rector's failed e-mail does not stop the others."""
from datetime import date, timedelta

import pytest

from dialogue import services
from dialogue.models import Reminder
from laeringslop.tests import factories as f
from notices import services as notices
from notices.models import Notice

from . import factories as df

pytestmark = pytest.mark.django_db


def test_a_failed_send_is_logged_recorded_as_failed_and_the_others_go_out(mailoutbox, monkeypatch, caplog):
    municipality = f.MunicipalityFactory(number="9902")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=2025,
                                       deadline=date.today() + timedelta(days=10))
    failing = f.rector(f.SchoolFactory(municipality=municipality), email="feiler@example.invalid")
    f.rector(f.SchoolFactory(municipality=municipality), email="ok@example.invalid")
    mirror_year.schools.set(municipality.units.all())  # the year's schools (fixed when it was published)
    real_send_mail = notices.send_mail

    def send_mail(subject, message, from_email, recipient_list, **kwargs):
        if recipient_list == ["feiler@example.invalid"]:
            raise ConnectionRefusedError("SMTP is down")
        return real_send_mail(subject, message, from_email, recipient_list, **kwargs)

    monkeypatch.setattr(notices, "send_mail", send_mail)
    first = Reminder.objects.create(mirror_year=mirror_year)
    assert services.reminder_send(first.pk) == 1
    assert [m.to for m in mailoutbox] == [["ok@example.invalid"]]
    assert "\n" not in mailoutbox[0].subject
    failed = Notice.objects.get(recipient=failing, kind="assessment_deadline")
    assert failed.status == "failed" and "SMTP is down" in failed.failure_reason and failed.sent_at is None
    assert "failed" in caplog.text
    first.refresh_from_db()
    assert first.sent_at is not None and first.recipient_count == 1
    # The failed rector is still due: the next reminder the same day reaches them, and only them.
    monkeypatch.setattr(notices, "send_mail", real_send_mail)
    assert services.reminder_due_count(mirror_year) == 1
    second = Reminder.objects.create(mirror_year=mirror_year)
    assert services.reminder_send(second.pk) == 1
    assert mailoutbox[-1].to == ["feiler@example.invalid"]
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 2
