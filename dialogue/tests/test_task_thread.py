"""A follow-up task's thread: the rector answers, the adviser comments, a done task is reopened with a reason."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from laeringslop.tests import factories as f

from .. import followup as services
from ..models import CommentKind, TaskComment, TaskStatus
from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def task():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR)
    director = f.director(municipality, username="direktor")
    adviser = f.adviser(municipality, username="radgiver", first_name="Rune", last_name="Rasmussen")
    f.rector(school, username="rektor", first_name="Rita", last_name="Rektor")
    dialogue = services.dialogue_record(mirror_year=mirror_year, school=school, user=director,
                                        held_on=date(YEAR + 1, 1, 14), participants="Direktør og rektor",
                                        summary="Skolen styrker lesingen.")
    return services.task_create(dialogue=dialogue, user=director, kind="guidance", title="Veiledning i lesing",
                                responsible=adviser, due_on=timezone.localdate() + timedelta(days=10))


def _user(task, username):
    from laeringslop.models import User

    return User.objects.get(username=username)


def _done(task):
    return services.task_complete(task, user=_user(task, "radgiver"), note="Gjennomført")[0]


def test_an_empty_comment_is_refused(task):
    with pytest.raises(ValidationError) as error:
        services.task_comment_add(task=task, user=_user(task, "rektor"), text="   ")
    assert [e.code for e in error.value.error_dict["text"]] == ["comment_required"]


def test_a_comment_is_stored_trimmed_with_its_author(task):
    services.task_comment_add(task=task, user=_user(task, "rektor"), text="  Vi har begynt med lesekurs.\n")
    comment = TaskComment.objects.get()
    assert (comment.text, comment.author.username, comment.kind) == ("Vi har begynt med lesekurs.", "rektor",
                                                                      CommentKind.COMMENT)


def test_an_open_task_cannot_be_reopened(task):
    with pytest.raises(ValidationError) as error:
        services.task_reopen(task=task, user=_user(task, "radgiver"), reason="Ikke ferdig")
    assert error.value.code == "not_done"


def test_reopening_needs_a_reason(task):
    task = _done(task)
    with pytest.raises(ValidationError) as error:
        services.task_reopen(task=task, user=_user(task, "radgiver"), reason="")
    assert [e.code for e in error.value.error_dict["text"]] == ["reason_required"]


def test_a_reopened_task_is_open_again_with_its_reason_in_the_thread(task):
    task = _done(task)
    task = services.task_reopen(task=task, user=_user(task, "radgiver"), reason="Skolen ba om mer veiledning.")
    task.refresh_from_db()
    reason = TaskComment.objects.get()
    assert (task.status, task.completed_on, reason.kind, reason.text) == (
        TaskStatus.OPEN, None, CommentKind.REOPENED, "Skolen ba om mer veiledning.")


def test_reopening_from_an_old_page_after_a_change_is_refused(task):
    task = _done(task)
    read_at = task.version
    services.task_update(task, title="Veiledning i lesing og skriving")
    with pytest.raises(ValidationError) as error:
        services.task_reopen(task=task, user=_user(task, "radgiver"), reason="Mer å gjøre", version=read_at)
    assert error.value.code == "stale"


def test_the_rector_answers_on_the_task_page(client, task):
    client.force_login(_user(task, "rektor"))
    url = reverse("dialogue:task_thread", kwargs={"pk": task.pk})
    response = client.post(url, {"text": "Lesekurset starter i mars."}, follow=True)
    html = response.content.decode()
    assert "Kommentaren er lagt til." in html and "Lesekurset starter i mars." in html and "Rita Rektor" in html


def test_the_rector_is_not_offered_to_reopen(client, task):
    _done(task)
    client.force_login(_user(task, "rektor"))
    html = client.get(reverse("dialogue:task_thread", kwargs={"pk": task.pk})).content.decode()
    assert "Gjenåpne oppgaven" not in html


def test_the_adviser_reopens_a_done_task_on_its_page(client, task):
    task = _done(task)
    client.force_login(_user(task, "radgiver"))
    url = reverse("dialogue:task_thread", kwargs={"pk": task.pk})
    assert "Gjenåpne oppgaven" in client.get(url).content.decode()
    response = client.post(reverse("dialogue:task_reopen", kwargs={"pk": task.pk}),
                           {"reason": "Skolen trenger mer støtte.", "version": task.version}, follow=True)
    html = response.content.decode()
    assert "er åpen igjen" in html and "Skolen trenger mer støtte." in html and "Gjenåpnet" in html


def test_reopening_without_a_reason_says_so(client, task):
    task = _done(task)
    client.force_login(_user(task, "radgiver"))
    response = client.post(reverse("dialogue:task_reopen", kwargs={"pk": task.pk}),
                           {"reason": "", "version": task.version}, follow=True)
    assert "Skriv hvorfor oppgaven gjenåpnes." in response.content.decode()


def test_the_dialogue_page_links_each_task_to_its_comments(client, task):
    services.task_comment_add(task=task, user=_user(task, "rektor"), text="Svar")
    client.force_login(_user(task, "rektor"))
    html = client.get(reverse("dialogue:dialogue", kwargs={"school_id": task.dialogue.school_id, "year": YEAR})
                      ).content.decode()
    assert "1 kommentar" in html and reverse("dialogue:task_thread", kwargs={"pk": task.pk}) in html


def test_the_rectors_answer_tells_the_responsible_adviser(task, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        services.task_comment_add(task=task, user=_user(task, "rektor"), text="Lesekurset starter i mars.")
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("radgiver@example.invalid", "Ny kommentar: Veiledning i lesing")]
    assert "Rita Rektor skrev om oppfølgingsoppgaven" in mail.outbox[0].body


def test_the_advisers_comment_tells_the_rector_not_the_adviser(task):
    from notices.models import Notice

    services.task_comment_add(task=task, user=_user(task, "radgiver"), text="Vi kommer på besøk.")
    assert list(Notice.objects.filter(kind="task_comment").values_list("recipient__username", flat=True)) == ["rektor"]
