"""The self-assessment: drafts, questions left, submit, lock, reopen with a reason, late, reminders."""
from datetime import date, timedelta

import pytest
from django.urls import reverse

from dialogue.models import Assessment, AssessmentEvent, Reminder
from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def year_setup():
    municipality = f.MunicipalityFactory(number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       deadline=date.today() + timedelta(days=10))
    q1 = df.QuestionFactory(mirror_year=mirror_year, area="learning_results", has_rating=True)
    q2 = df.QuestionFactory(mirror_year=mirror_year, area="learning_environment")
    rector = f.rector(school, username="rektor", email="rektor@example.invalid")
    return municipality, school, mirror_year, q1, q2, rector


def _url(school, name="dialogue:assessment"):
    return reverse(name, kwargs={"school_id": school.pk, "year": YEAR})


def _data(q1, q2, *, t1="", r1="", t2="", meeting="", staff="", **extra):
    """The form as the page shows it now: with the stored assessment's version (0 before there is one)."""
    version = Assessment.objects.filter(mirror_year=q1.mirror_year).values_list("version", flat=True).first()
    return {f"q{q1.pk}_text": t1, f"q{q1.pk}_rating": r1, f"q{q2.pk}_text": t2,
            "staff_meeting_date": meeting, "staff_involvement": staff, "version": version or 0, **extra}


def test_draft_then_submit_then_locked(client, year_setup):
    _m, school, mirror_year, q1, q2, rector = year_setup
    client.force_login(rector)
    response = client.get(_url(school))
    assert len(response.context["left"]) == 2

    client.post(_url(school), _data(q1, q2, t1="Framgang i lesing.", r1="3", save="1"))
    assessment = Assessment.objects.get(school=school, mirror_year=mirror_year)
    assert assessment.status == "draft"
    response = client.get(_url(school))
    assert [item.question for item in response.context["left"]] == [q2]

    # Submitting with a question left keeps the draft and says what is missing, beside the question.
    response = client.post(_url(school), _data(q1, q2, t1="Framgang i lesing.", r1="3", submit="1"))
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert f"q{q2.pk}_text" in response.context["form"].errors and "Svar på spørsmålet" in response.content.decode()

    yesterday = (date.today() - timedelta(days=1)).isoformat()
    client.post(_url(school), _data(q1, q2, t1="Framgang i lesing.", r1="3", t2="Trygt miljø.",
                                    meeting=yesterday, staff="Fellesmøte med alle lærere.", submit="1"))
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.submitted_by == rector and not assessment.is_late
    assert assessment.events.filter(kind="submitted").count() == 1

    # Locked: the page shows no form, and a POST changes nothing.
    response = client.get(_url(school))
    assert response.context["form"] is None and not response.context["editable"]
    client.post(_url(school), _data(q1, q2, t1="Endret!", r1="1", t2="x", save="1"))
    assert assessment.answers.get(question=q1).text == "Framgang i lesing."


def test_history_shows_the_answers_changes_and_says_when_all_are_answered(client, year_setup):
    _m, school, _year, q1, q2, rector = year_setup
    client.force_login(rector)
    client.post(_url(school), _data(q1, q2, t1="Framgang i lesing.", r1="2", save="1"))
    client.post(_url(school), _data(q1, q2, t1="Stor framgang i lesing.", r1="3", t2="Trygt miljø.", save="1"))
    page = client.get(_url(school)).content.decode()
    history = page[page.index('id="history-heading"'):]
    question = q1.text[:40]
    assert question in history
    assert "svar: Framgang i lesing. → Stor framgang i lesing." in history
    assert "vurdering: 2 → 3" in history
    assert "svar: – → Trygt miljø." in history  # a new answer, with its text
    assert "Alle spørsmålene er besvart." in page


def test_rating_must_be_1_to_4_and_meeting_not_in_future(client, year_setup):
    _m, school, _my, q1, q2, rector = year_setup
    client.force_login(rector)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(_url(school), _data(q1, q2, t1="a", r1="7", meeting=tomorrow, save="1"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert f"q{q1.pk}_rating" in errors and "staff_meeting_date" in errors
    assert not Assessment.objects.exists()


def test_late_submission_is_allowed_and_marked(client, year_setup):
    _m, school, mirror_year, q1, q2, rector = year_setup
    mirror_year.deadline = date.today() - timedelta(days=3)
    mirror_year.save()
    client.force_login(rector)
    client.post(_url(school), _data(q1, q2, t1="a", r1="2", t2="b", meeting=str(date.today()), staff="Møte.",
                                    submit="1"))
    assessment = Assessment.objects.get()
    assert assessment.status == "submitted" and assessment.is_late
    assert "for sent" in client.get(_url(school)).content.decode()


def test_adviser_reopens_with_a_reason_which_is_logged(client, year_setup):
    municipality, school, mirror_year, q1, q2, rector = year_setup
    assessment = df.AssessmentFactory(mirror_year=mirror_year, school=school, status="submitted",
                                      submitted_at="2025-12-01T12:00:00Z")
    adviser = f.adviser(municipality)
    client.force_login(adviser)
    response = client.post(_url(school, "dialogue:assessment_reopen"), {"reason": " "}, follow=True)
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert "Oppgi en grunn" in response.content.decode()

    client.post(_url(school, "dialogue:assessment_reopen"), {"reason": "Mangler svar om mobbing."})
    assessment.refresh_from_db()
    assert assessment.status == "reopened"
    event = AssessmentEvent.objects.get(kind="reopened")
    assert event.reason == "Mangler svar om mobbing." and event.by == adviser

    client.force_login(rector)
    response = client.get(_url(school))
    assert response.context["editable"]
    assert "Mangler svar om mobbing." in response.content.decode()


def test_rector_cannot_reopen_and_staff_cannot_answer(client, year_setup):
    municipality, school, mirror_year, q1, q2, rector = year_setup
    df.AssessmentFactory(mirror_year=mirror_year, school=school, status="submitted", submitted_at="2025-12-01T12:00Z")
    client.force_login(rector)
    assert client.post(_url(school, "dialogue:assessment_reopen"), {"reason": "x"}).status_code == 403
    client.force_login(f.director(municipality))
    assert client.post(_url(school), _data(q1, q2, t1="x", save="1")).status_code == 403


def test_reminder_emails_only_rectors_who_have_not_submitted(client, year_setup, mailoutbox,
                                                             django_capture_on_commit_callbacks):
    municipality, school, mirror_year, q1, q2, rector = year_setup
    done = f.SchoolFactory(municipality=municipality)
    f.rector(done, email="ferdig@example.invalid")
    df.AssessmentFactory(mirror_year=mirror_year, school=done, status="submitted", submitted_at="2025-12-01T12:00Z")
    draft_school = f.SchoolFactory(municipality=municipality)
    f.rector(draft_school, email="utkast@example.invalid")
    df.AssessmentFactory(mirror_year=mirror_year, school=draft_school, status="draft")
    mirror_year.schools.add(done, draft_school)  # schools of the year (fixed when it was published)
    client.force_login(f.adviser(municipality))
    url = reverse("dialogue:year_remind", kwargs={"year": YEAR})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == ["rektor@example.invalid", "utkast@example.invalid"]
    assert "Påminnelse" in mailoutbox[0].subject
    body = next(m.body for m in mailoutbox if m.to == ["rektor@example.invalid"])
    assert f"/dialog/speil/{school.pk}/{YEAR}/vurdering/" in body
    reminder = Reminder.objects.get()
    assert reminder.recipient_count == 2 and reminder.sent_at is not None

    # Safe to run twice: the task does nothing the second time.
    from dialogue.tasks import send_reminder

    assert send_reminder.delay(reminder.pk).get() == 0
    assert len(mailoutbox) == 2


def test_second_reminder_the_same_day_sends_nothing(client, year_setup, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    municipality, school, mirror_year, q1, q2, rector = year_setup
    other = f.SchoolFactory(municipality=municipality)
    f.rector(other, email="annen@example.invalid")
    mirror_year.schools.add(other)  # a school of the year (fixed when it was published)
    client.force_login(f.adviser(municipality))
    url = reverse("dialogue:year_remind", kwargs={"year": YEAR})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    html = client.get(response.url).content.decode()
    assert len(mailoutbox) == 2
    assert "sendes til 2 rektorer" in html
    assert "Siste påminnelse ble sendt" in html and "til 2 rektorer" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert len(mailoutbox) == 2  # nobody gets a second email the same day
    html = response.content.decode()
    assert "Ingen påminnelse ble sendt: alle rektorer som ikke har levert, har allerede fått én i dag" in html
    assert html.count("Siste påminnelse ble sendt") == 2  # in the message and on the page
    assert Reminder.objects.count() == 1

    # Even two reminders requested at once (a double click) send each rector one email.
    from dialogue import services
    from notices.models import Notice

    Notice.objects.filter(kind="assessment_deadline").delete()
    first = Reminder.objects.create(mirror_year=mirror_year)
    second = Reminder.objects.create(mirror_year=mirror_year)
    assert services.reminder_send(first.pk) == 2
    assert services.reminder_send(second.pk) == 0
    assert len(mailoutbox) == 4
