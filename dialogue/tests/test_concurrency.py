"""Lost updates and double submits in the yearly dialogue: the self-assessment, follow-up tasks, the record."""
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from laeringslop.concurrency import StaleVersion
from laeringslop.tests import factories as f

from .. import followup, services
from ..models import Assessment, AssessmentStatus, FollowUpTask, TaskStatus
from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def school_year():
    municipality = f.MunicipalityFactory(number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       deadline=date.today() + timedelta(days=10))
    question = df.QuestionFactory(mirror_year=mirror_year, area="learning_results", has_rating=False)
    return {"municipality": municipality, "school": school, "mirror_year": mirror_year, "question": question,
            "rector": f.rector(school, username="rektor"), "director": f.director(municipality),
            "adviser": f.adviser(municipality, username="radgiver")}


def _url(school):
    return reverse("dialogue:assessment", kwargs={"school_id": school.pk, "year": YEAR})


def _complete(s, **kw):
    return services.assessment_save(mirror_year=s["mirror_year"], school=s["school"], user=s["rector"],
                                    answers={s["question"].pk: ("Framgang i lesing.", None)},
                                    staff_meeting_date=date.today() - timedelta(days=1),
                                    staff_involvement="Fellesmøte.", **kw)


def _post(s, version, **extra):
    return {f"q{s['question'].pk}_text": "Framgang i lesing.", "staff_meeting_date": str(date.today()),
            "staff_involvement": "Fellesmøte.", "version": version, **extra}


def test_a_second_submit_at_the_same_time_is_a_message_not_a_500(client, school_year):
    """Two presses of «submit»: the second request read the page before the first locked it."""
    s = school_year
    assessment = _complete(s)
    read_before = Assessment.objects.get(pk=assessment.pk)  # what the second request saw: a draft
    services.assessment_submit(assessment, user=s["rector"])  # the first press
    client.force_login(s["rector"])
    with mock.patch("dialogue.views.mirror.selectors.assessment_for", return_value=read_before):
        response = client.post(_url(s["school"]), _post(s, read_before.version, submit="1"))
    assert response.status_code == 302 and response.url == _url(s["school"])
    page = client.get(response.url).content.decode()
    assert "Egenvurderingen er levert og låst." in page
    stored = Assessment.objects.get(pk=assessment.pk)
    assert stored.status == AssessmentStatus.SUBMITTED and stored.events.filter(kind="submitted").count() == 1


def test_submitting_an_already_submitted_assessment_redirects_with_the_message(client, school_year):
    s = school_year
    assessment = _complete(s)
    services.assessment_submit(assessment, user=s["rector"])
    client.force_login(s["rector"])
    response = client.post(_url(s["school"]), _post(s, assessment.version, submit="1"), follow=True)
    assert response.redirect_chain[-1][1] == 302
    assert "Egenvurderingen er levert og låst." in [str(m) for m in response.context["messages"]]


def test_the_service_refuses_a_second_submit_with_code_locked(school_year):
    s = school_year
    assessment = _complete(s)
    services.assessment_submit(assessment, user=s["rector"])
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(assessment, user=s["rector"])
    assert refused.value.code == "locked"


def test_two_drafts_read_at_the_same_version_first_wins(client, school_year):
    s = school_year
    read = _complete(s).version
    _complete(s, version=read)  # first: unchanged values, nothing to save, no new version
    services.assessment_save(mirror_year=s["mirror_year"], school=s["school"], user=s["rector"],
                             answers={s["question"].pk: ("Først lagret.", None)},
                             staff_meeting_date=date.today() - timedelta(days=1), staff_involvement="Fellesmøte.",
                             version=read)
    with pytest.raises(StaleVersion) as refused:
        _complete(s, version=read)
    assert refused.value.code == "stale"
    assert Assessment.objects.get(school=s["school"]).answers.get().text == "Først lagret."
    client.force_login(s["rector"])
    response = client.post(_url(s["school"]), _post(s, read, save="1"))
    page = response.content.decode()
    assert response.status_code == 200 and "ingenting ble lagret" in page
    assert "lagret nå «Først lagret.», i skjemaet ditt «Framgang i lesing.»" in page
    assert Assessment.objects.get(school=s["school"]).answers.get().text == "Først lagret."


def test_an_old_task_form_does_not_reopen_or_overwrite_a_task_marked_done(client, school_year):
    s = school_year
    dialogue = followup.dialogue_record(mirror_year=s["mirror_year"], school=s["school"], user=s["director"],
                                        held_on=date(YEAR + 1, 1, 14), participants="Rektor", summary="Lesing.")
    task = followup.task_create(dialogue=dialogue, user=s["director"], kind="guidance", title="Veiledning",
                                responsible=s["adviser"], due_on=timezone.localdate() + timedelta(days=5))
    read = task.version
    followup.task_complete(task, user=s["adviser"])
    with pytest.raises(StaleVersion):
        followup.task_update(task, version=read, title="Nytt navn")
    client.force_login(s["adviser"])
    response = client.post(reverse("dialogue:task_edit", kwargs={"pk": task.pk}), {
        "kind": "guidance", "title": "Nytt navn", "description": "", "responsible": s["adviser"].pk,
        "due_on": str(task.due_on), "version": read})
    page = response.content.decode()
    assert response.status_code == 200 and "ingenting ble lagret" in page and "Nytt navn" in page
    stored = FollowUpTask.objects.get(pk=task.pk)
    assert (stored.title, stored.status) == ("Veiledning", TaskStatus.DONE)


def test_a_first_record_over_one_made_meanwhile_is_refused(school_year):
    s = school_year
    values = {"mirror_year": s["mirror_year"], "school": s["school"], "user": s["director"],
              "held_on": date(YEAR + 1, 1, 14), "participants": "Rektor"}
    followup.dialogue_record(**values, summary="Først.", version=0)
    with pytest.raises(StaleVersion):
        followup.dialogue_record(**values, summary="Sist.", version=0)  # this form was read when there was none
    assert s["school"].dialogues.get().summary == "Først."
