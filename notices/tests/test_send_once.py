"""The send-once helper: one e-mail per event and person, each in its own transaction, in the
recipient's language, unless they turned the kind off; failures recorded and tried again."""
import smtplib
from datetime import datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from laeringslop.tests import factories as f
from notices import services
from notices.models import Notice, NoticeKind, NoticePreference, NoticeStatus

pytestmark = pytest.mark.django_db
VISIT = datetime(2026, 3, 12, 9, 30, tzinfo=timezone.get_fixed_timezone(60))
CONTEXT = {"school": "Bjørkelia skole", "starts_at": VISIT, "place": "Personalrommet"}


@pytest.fixture
def municipality():
    return f.MunicipalityFactory(name="Elvedal", number="9901")


@pytest.fixture
def people():
    return [f.UserFactory(username=f"deltaker{n:02d}", first_name="Deltaker", last_name=f"{n:02d}")
            for n in range(1, 21)]


def _send(user, municipality, key="besok-1"):
    return services.notice_send(kind=NoticeKind.VISIT_PLANNED, event_key=key, recipient=user,
                                municipality=municipality, context=CONTEXT, url="/dialog/besok/1/")


def _send_all(people, municipality):
    return sum(1 for user in people if _send(user, municipality))


def _failing_on(monkeypatch, calls: set, error: BaseException):
    """send_mail that raises ``error`` on the given call numbers (1-based), else sends."""
    real = services.send_mail
    seen = {"n": 0}

    def send_mail(*args, **kwargs):
        seen["n"] += 1
        if seen["n"] in calls:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "send_mail", send_mail)
    return real


def test_running_twice_sends_one_mail(municipality, mailoutbox):
    person = f.UserFactory(username="hilde", email="hilde@example.invalid")
    assert _send(person, municipality) is not None
    assert _send(person, municipality) is None
    assert [m.to for m in mailoutbox] == [["hilde@example.invalid"]]
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts, notice.email) == (NoticeStatus.SENT, 1, "hilde@example.invalid")
    assert notice.sent_at is not None and notice.municipality == municipality


def test_an_smtp_error_on_the_tenth_of_twenty_is_recorded_and_a_rerun_sends_only_that_one(
        municipality, people, mailoutbox, monkeypatch):
    real = _failing_on(monkeypatch, {10}, smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    assert _send_all(people, municipality) == 19
    failed = Notice.objects.get(status=NoticeStatus.FAILED)
    assert failed.recipient == people[9]
    assert failed.failure_reason == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert failed.failed_at is not None and failed.sent_at is None
    monkeypatch.setattr(services, "send_mail", real)
    assert _send_all(people, municipality) == 1
    assert mailoutbox[-1].to == [people[9].email]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)  # everyone once
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 20


class WorkerKilled(BaseException):
    """Stands for the process dying mid-run (not an error the helper could record)."""


def test_a_run_that_dies_after_nine_of_twenty_sends_nothing_twice_when_run_again(
        municipality, people, mailoutbox, monkeypatch):
    real = _failing_on(monkeypatch, {10}, WorkerKilled())
    with pytest.raises(WorkerKilled):
        _send_all(people, municipality)
    assert len(mailoutbox) == 9
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 9
    assert not Notice.objects.filter(recipient=people[9]).exists()  # its transaction rolled back
    monkeypatch.setattr(services, "send_mail", real)
    assert _send_all(people, municipality) == 11
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)


def test_a_kind_turned_off_sends_no_mail_but_is_listed(municipality, mailoutbox):
    person = f.UserFactory(username="hilde")
    NoticePreference.objects.create(user=person, kind=NoticeKind.VISIT_PLANNED)
    assert _send(person, municipality) is None
    assert mailoutbox == []
    notice = Notice.objects.get()
    assert notice.status == NoticeStatus.OFF and notice.subject.startswith("Skolebesøk på Bjørkelia skole")
    # Another kind still comes.
    services.notice_send(kind=NoticeKind.VISIT_MOVED, event_key="besok-1:flyttet", recipient=person,
                         municipality=municipality, context=CONTEXT)
    assert len(mailoutbox) == 1


def test_a_person_without_an_address_gets_the_notice_in_the_portal_only(municipality, mailoutbox):
    person = f.UserFactory(username="utenpost", email="")
    assert _send(person, municipality) is None
    assert mailoutbox == [] and Notice.objects.get().status == NoticeStatus.NO_ADDRESS


def test_the_recipients_language_chooses_the_template(municipality, mailoutbox):
    norwegian = f.UserFactory(username="kari", first_name="Kari", last_name="Lie")
    english = f.UserFactory(username="john", first_name="John", last_name="Smith", language="en")
    _send(norwegian, municipality)
    _send(english, municipality)
    by_person = {m.to[0]: m for m in mailoutbox}
    nb, en = by_person[norwegian.email], by_person[english.email]
    assert nb.subject == "Skolebesøk på Bjørkelia skole 12.03.2026 09:30"
    assert nb.body.startswith("Hei Kari Lie,") and "Sted: Personalrommet" in nb.body
    assert en.subject == "School visit at Bjørkelia skole on 12.03.2026 09:30"
    assert en.body.startswith("Hello John Smith,") and "Place: Personalrommet" in en.body
    assert "http://127.0.0.1:8000/dialog/besok/1/" in en.body
    assert Notice.objects.get(recipient=english).language == "en"


def test_the_moved_visit_names_both_times(municipality, mailoutbox):
    person = f.UserFactory(username="kari")
    services.notice_send(kind=NoticeKind.VISIT_MOVED, event_key="besok-1:2", recipient=person,
                         municipality=municipality,
                         context={**CONTEXT, "previous_starts_at": VISIT - timedelta(days=2)})
    assert mailoutbox[0].subject == "Skolebesøket på Bjørkelia skole er flyttet til 12.03.2026 09:30"
    assert "som var planlagt 10.03.2026 09:30, er flyttet til 12.03.2026 09:30" in mailoutbox[0].body


def test_notify_records_in_the_transaction_and_mails_only_after_the_commit(municipality, mailoutbox,
                                                                           django_capture_on_commit_callbacks):
    first, second = f.UserFactory(username="en"), f.UserFactory(username="to")
    with django_capture_on_commit_callbacks() as callbacks:
        made = services.notify(kind=NoticeKind.VISIT_PLANNED, event_key="besok-7", recipients=[first, second, first],
                               municipality=municipality, context=CONTEXT)
    assert len(made) == 2 and len(callbacks) == 1
    assert mailoutbox == []  # nothing before the commit
    assert set(Notice.objects.values_list("status", flat=True)) == {NoticeStatus.PENDING}
    callbacks[0]()  # the commit: the task runs (eagerly here)
    assert sorted(m.to[0] for m in mailoutbox) == [first.email, second.email]
    # Told again about the same event: nothing new, nothing enqueued.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.notify(kind=NoticeKind.VISIT_PLANNED, event_key="besok-7", recipients=[first],
                               municipality=municipality, context=CONTEXT) == []
    assert callbacks == [] and len(mailoutbox) == 2


def test_an_event_that_rolls_back_tells_nobody(municipality, mailoutbox, django_capture_on_commit_callbacks):
    person = f.UserFactory(username="en")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.notify(kind=NoticeKind.VISIT_PLANNED, event_key="besok-8", recipients=[person],
                        municipality=municipality, context=CONTEXT)
        raise RuntimeError("the visit was not saved")
    assert mailoutbox == [] and not Notice.objects.exists()


def test_the_retry_task_sends_waiting_and_failed_notices_until_the_attempts_run_out(
        municipality, mailoutbox, monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.NOTICE_MAX_ATTEMPTS, settings.NOTICE_RETRY_MINUTES = 2, 30
    waiting, failing = f.UserFactory(username="venter"), f.UserFactory(username="feiler")
    # The broker was down: the row was recorded, no task ran.
    services.notify(kind=NoticeKind.VISIT_PLANNED, event_key="besok-9", recipients=[waiting],
                    municipality=municipality, context=CONTEXT)
    real = services.send_mail

    def send_mail(subject, body, from_email, to, **kwargs):
        if to == [failing.email]:
            raise smtplib.SMTPRecipientsRefused({failing.email: (550, b"no such mailbox")})
        return real(subject, body, from_email, to, **kwargs)

    monkeypatch.setattr(services, "send_mail", send_mail)
    _send(failing, municipality)
    failed = Notice.objects.get(recipient=failing)
    assert failed.status == NoticeStatus.FAILED and failed.attempts == 1
    later = timezone.now() + timedelta(minutes=31)
    assert services.notices_retry(now=later) == 1  # the waiting one went out; the failing one failed again
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    failed.refresh_from_db()
    assert failed.attempts == 2 and failed.status == NoticeStatus.FAILED
    assert services.notices_retry(now=later + timedelta(minutes=31)) == 0  # two attempts: no third
    failed.refresh_from_db()
    assert failed.attempts == 2


def test_a_failed_notice_is_not_retried_before_its_time(municipality, mailoutbox, monkeypatch):
    person = f.UserFactory(username="feiler")
    real = _failing_on(monkeypatch, {1}, smtplib.SMTPServerDisconnected("down"))
    _send(person, municipality)
    monkeypatch.setattr(services, "send_mail", real)
    assert services.notices_retry(now=timezone.now() + timedelta(minutes=5)) == 0
    assert services.notices_retry(now=timezone.now() + timedelta(minutes=45)) == 1
    assert len(mailoutbox) == 1


def test_an_unknown_kind_is_refused(municipality):
    with pytest.raises(ValueError):
        services.notice_send(kind="nonsense", event_key="x", recipient=f.UserFactory(), municipality=municipality,
                             context={})
