"""Each kind of notice is sent by the service of its event: the year published, the deadline reminder,
the report ready (rectors), a follow-up task given and late (advisers), milestone reminders."""
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from dialogue import followup, services
from dialogue.models import Reminder
from dialogue.reports import reports_request
from dialogue.tests import factories as df
from dialogue.tests.test_reports import town as report_town  # noqa: F401 - a fixture
from laeringslop.tests import factories as f
from milestones import services as milestone_services
from milestones.tests.factories import MilestoneFactory
from notices.models import Notice, NoticeKind, NoticeStatus
from projects.tests import factories as pf

pytestmark = pytest.mark.django_db
YEAR = 2025
HELD = date(YEAR + 1, 1, 14)


def freeze(monkeypatch, when: datetime):
    """The clock stands still at ``when`` (Oslo time)."""
    instant = timezone.make_aware(when)
    monkeypatch.setattr("django.utils.timezone.now", lambda: instant)
    return instant


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    elsewhere = f.MunicipalityFactory(name="Fjellbygd", number="9902")
    return {
        "municipality": municipality, "school": school,
        "mirror_year": df.MirrorYearFactory(municipality=municipality, school_year=YEAR, status="draft",
                                            deadline=date(YEAR, 12, 15)),
        "director": f.director(municipality, username="direktor"),
        "adviser": f.adviser(municipality, username="radgiver", first_name="Rune", last_name="Rasmussen"),
        "adviser2": f.adviser(municipality, username="radgiver2", first_name="Siri", last_name="Strand",
                              language="en"),
        "rector": f.rector(school, username="rektor", first_name="Kari", last_name="Lie"),
        "foreign_rector": f.rector(f.SchoolFactory(municipality=elsewhere, name="Fjell skole"), username="fremmed"),
    }


def test_publishing_the_year_tells_each_rector_once_after_the_commit(town, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    mirror_year = town["mirror_year"]
    df.QuestionFactory(mirror_year=mirror_year)
    no_address = f.rector(f.SchoolFactory(municipality=town["municipality"], name="Granli skole"), email="")
    f.rector(f.SchoolFactory(municipality=town["municipality"], name="Nedlagt skole", active=False))
    with django_capture_on_commit_callbacks() as callbacks:
        services.mirror_year_publish(mirror_year)
    assert mailoutbox == [] and callbacks  # mailed only when the publication is committed
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[town["rector"].email]]
    mail = mailoutbox[0]
    assert mail.subject == "Egenvurderingen i Læringsspeilet 2025-26 er åpnet"
    assert "egenvurderingen til Bjørkelia skole kan fylles ut nå. Fristen er 15.12.2025." in mail.body
    assert f"/dialog/speil/{town['school'].pk}/{YEAR}/vurdering/" in mail.body
    rows = {n.recipient: n for n in Notice.objects.filter(kind=NoticeKind.YEAR_PUBLISHED)}
    assert set(rows) == {town["rector"], no_address}  # not the closed school's, not another municipality's
    assert rows[no_address].status == NoticeStatus.NO_ADDRESS
    assert {n.municipality for n in rows.values()} == {town["municipality"]}
    # Published again (saved with "publish" once more): nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.mirror_year_publish(mirror_year)
    assert len(mailoutbox) == 1


def test_the_deadline_reminder_is_a_notice_per_rector_school_and_day(town, mailoutbox, monkeypatch):
    freeze(monkeypatch, datetime(YEAR, 12, 10, 9, 0))
    mirror_year = town["mirror_year"]
    mirror_year.status = "published"
    mirror_year.save()
    mirror_year.schools.set([town["school"]])  # as publishing fixes them
    reminder = Reminder.objects.create(mirror_year=mirror_year)
    assert services.reminder_send(reminder.pk) == 1
    notice = Notice.objects.get(kind=NoticeKind.ASSESSMENT_DEADLINE)
    assert notice.recipient == town["rector"] and notice.event_key == f"{mirror_year.pk}:{town['school'].pk}:2025-12-10"
    assert notice.url == f"/dialog/speil/{town['school'].pk}/{YEAR}/vurdering/"
    assert mailoutbox[0].subject == "Påminnelse: egenvurderingen i Læringsspeilet 2025-26"
    assert "ikke levert ennå. Fristen er 15.12.2025." in mailoutbox[0].body
    # The next day is a new event.
    freeze(monkeypatch, datetime(YEAR, 12, 11, 9, 0))
    assert services.reminder_send(Reminder.objects.create(mirror_year=mirror_year).pk) == 1
    assert Notice.objects.filter(kind=NoticeKind.ASSESSMENT_DEADLINE).count() == 2


def test_a_compiled_report_tells_the_schools_rector_once_per_compiled_data(
        report_town, mailoutbox, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        reports_request(report_town["mirror_year"], report_town["director"], schools=[report_town["school"]])
    ready = [m for m in mailoutbox if m.to == [report_town["rector"].email]]
    assert len(ready) == 1
    assert ready[0].subject == "Dialograpporten for Bjørkelia skole 2025-26 er klar"
    assert f"/dialog/speil/{report_town['school'].pk}/{YEAR}/rapport/" in ready[0].body
    notice = Notice.objects.get(kind=NoticeKind.REPORT_READY)
    assert notice.recipient == report_town["rector"] and notice.status == NoticeStatus.SENT
    # Compiled again from the same data: nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        reports_request(report_town["mirror_year"], report_town["director"], schools=[report_town["school"]])
    assert len(mailoutbox) == 1 and Notice.objects.filter(kind=NoticeKind.REPORT_READY).count() == 1


def _dialogue(town):
    return followup.dialogue_record(mirror_year=town["mirror_year"], school=town["school"], user=town["director"],
                                    held_on=HELD, participants="Direktør og rektor", summary="Mer lesing.")


def _task(town, *, by, responsible, due_on=date(YEAR + 1, 2, 1)):
    return followup.task_create(dialogue=_dialogue(town), user=by, kind="guidance", title="Veiledning i lesing",
                                responsible=responsible, due_on=due_on)


def test_a_task_given_to_an_adviser_tells_them_after_the_commit(town, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        task = _task(town, by=town["director"], responsible=town["adviser"])
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[town["adviser"].email]]
    assert mailoutbox[0].subject == "En oppfølgingsoppgave til deg: Veiledning i lesing"
    assert "etter dialogen med Bjørkelia skole. Fristen er 01.02.2026." in mailoutbox[0].body
    notice = Notice.objects.get(kind=NoticeKind.TASK_ASSIGNED)
    assert (notice.recipient, notice.url) == (town["adviser"], f"/dialog/oppgaver/{task.pk}/")
    # Given to another adviser (who reads English): told in English; given back: not told again.
    with django_capture_on_commit_callbacks(execute=True):
        followup.task_update(task, by=town["director"], responsible=town["adviser2"])
    assert mailoutbox[-1].to == [town["adviser2"].email]
    assert mailoutbox[-1].subject == "A follow-up task for you: Veiledning i lesing"
    with django_capture_on_commit_callbacks(execute=True):
        followup.task_update(task, by=town["director"], responsible=town["adviser"])
    assert len(mailoutbox) == 2


def test_an_adviser_who_gives_a_task_to_themselves_is_not_told(town, mailoutbox,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _task(town, by=town["adviser"], responsible=town["adviser"])
    assert mailoutbox == [] and not Notice.objects.exists()


def test_a_late_task_tells_its_adviser_once_and_again_after_a_new_due_date(town, mailoutbox, monkeypatch):
    task = _task(town, by=town["adviser"], responsible=town["adviser"], due_on=date(YEAR + 1, 2, 1))
    done = _task(town, by=town["adviser"], responsible=town["adviser2"], due_on=date(YEAR + 1, 1, 20))
    followup.task_complete(done, user=town["adviser2"], on=date(YEAR + 1, 1, 20))
    freeze(monkeypatch, datetime(YEAR + 1, 2, 1, 23, 30))  # the due day itself: not late yet
    assert followup.tasks_late_notify() == 0
    freeze(monkeypatch, datetime(YEAR + 1, 2, 2, 7, 10))
    assert followup.tasks_late_notify() == 1
    assert followup.tasks_late_notify() == 0  # the daily task run twice
    assert mailoutbox[0].subject == "Oppfølgingsoppgaven er forsinket: Veiledning i lesing"
    assert "hadde frist 01.02.2026 og er ikke utført ennå" in mailoutbox[0].body
    followup.task_update(task, due_on=date(YEAR + 1, 2, 10))
    freeze(monkeypatch, datetime(YEAR + 1, 2, 11, 7, 10))
    assert followup.tasks_late_notify() == 1
    assert list(Notice.objects.filter(kind=NoticeKind.TASK_LATE).values_list("event_key", flat=True)
                .order_by("pk")) == [f"{task.pk}:2026-02-01", f"{task.pk}:2026-02-10"]


def test_the_late_task_runs_as_the_daily_celery_task(town, mailoutbox, monkeypatch):
    from dialogue.tasks import notify_late_tasks

    _task(town, by=town["adviser"], responsible=town["adviser"], due_on=date(YEAR + 1, 2, 1))
    freeze(monkeypatch, datetime(YEAR + 1, 2, 3, 7, 10))
    assert notify_late_tasks.delay().get() == 1
    assert notify_late_tasks.delay().get() == 0


def test_milestone_reminders_are_notices_in_the_responsible_persons_language(town, mailoutbox, monkeypatch):
    freeze(monkeypatch, datetime(YEAR + 1, 3, 1, 7, 0))
    plan = pf.PlanFactory(municipality=town["municipality"], start_year=YEAR, end_year=YEAR + 2)
    soon = MilestoneFactory(plan=plan, title="Arbeidsmøte", due_date=date(YEAR + 1, 3, 4),
                            responsible_person=town["adviser2"])
    late = MilestoneFactory(plan=plan, title="Mandat vedtatt", due_date=date(YEAR + 1, 2, 20),
                            responsible_person=town["adviser"])
    assert milestone_services.reminders_send() == 2
    rows = {n.kind: n for n in Notice.objects.all()}
    assert rows[NoticeKind.MILESTONE_DUE].event_key == f"{soon.pk}:2026-03-04"
    assert rows[NoticeKind.MILESTONE_DUE].language == "en"
    assert rows[NoticeKind.MILESTONE_LATE].event_key == f"{late.pk}:2026-02-20"
    assert rows[NoticeKind.MILESTONE_LATE].url == f"/milepaeler/{late.pk}/"
    assert {m.subject for m in mailoutbox} == {"Milestone due 04.03.2026: Arbeidsmøte",
                                               "Milepælen er forsinket: Mandat vedtatt"}
    assert all(n.municipality == town["municipality"] for n in rows.values())
    assert milestone_services.reminders_send(today=timezone.localdate() + timedelta(days=1)) == 0
