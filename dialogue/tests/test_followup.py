"""The dialogue held with each rector and its follow-up tasks: the services' rules, the pages and their forms,
the adviser's own list, the overview's filters, the rector's read-only view, query counts and the demo."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from laeringslop.models import User
from laeringslop.tests import factories as f

from .. import followup as services
from .. import selectors
from ..models import Dialogue, FollowUpTask, TaskStatus
from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025
HELD = date(YEAR + 1, 1, 14)


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    other = f.SchoolFactory(municipality=municipality, name="Granli skole")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR)
    elsewhere = f.MunicipalityFactory(name="Fjellbygd", number="9902")
    return {
        "municipality": municipality, "school": school, "other": other, "mirror_year": mirror_year,
        "director": f.director(municipality, username="direktor"),
        "adviser": f.adviser(municipality, username="radgiver", first_name="Rune", last_name="Rasmussen"),
        "adviser2": f.adviser(municipality, username="radgiver2", first_name="Siri", last_name="Strand"),
        "stranger": f.adviser(elsewhere, username="fremmed", first_name="Frida", last_name="Fremmed"),
        "rector": f.rector(school, username="rektor"),
        "other_rector": f.rector(other, username="rektor2"),
    }


def _dialogue(town, school=None, **kw):
    return services.dialogue_record(mirror_year=town["mirror_year"], school=school or town["school"],
                                    user=town["director"], held_on=kw.pop("held_on", HELD),
                                    participants=kw.pop("participants", "Direktør, rektor og rådgiver"),
                                    summary=kw.pop("summary", "Skolen styrker lesingen."), **kw)


def _task(town, dialogue, *, responsible=None, due_on=None, kind="guidance", title="Veiledning i lesing"):
    return services.task_create(dialogue=dialogue, user=town["director"], kind=kind, title=title,
                                responsible=responsible or town["adviser"],
                                due_on=due_on or timezone.localdate() + timedelta(days=10))


def _messages(response) -> list:
    return [str(m) for m in response.context["messages"]]


# --- Services --------------------------------------------------------------------------------------------------
def test_recording_a_dialogue_creates_one_row_and_records_changes_only(town):
    dialogue = _dialogue(town, support_needs="  Veiledning i klasseledelse. ")
    assert (dialogue.held_on, dialogue.support_needs, dialogue.recorded_by) == (HELD, "Veiledning i klasseledelse.",
                                                                              town["director"])
    history = Dialogue.history.count()
    assert _dialogue(town, support_needs="Veiledning i klasseledelse.").pk == dialogue.pk
    assert Dialogue.history.count() == history  # nothing changed: no new history row
    _dialogue(town, summary="Skolen styrker regningen.")
    assert Dialogue.objects.get().summary == "Skolen styrker regningen." and Dialogue.objects.count() == 1
    assert Dialogue.history.count() == history + 1


def test_a_dialogue_in_the_future_or_outside_the_school_year_is_refused(town):
    with pytest.raises(ValidationError) as error:
        _dialogue(town, held_on=timezone.localdate() + timedelta(days=1))
    assert "fram i tid" in " ".join(error.value.message_dict["held_on"])
    with pytest.raises(ValidationError) as error:
        _dialogue(town, held_on=date(YEAR, 6, 30))
    assert "innenfor skoleåret 2025-26" in " ".join(error.value.message_dict["held_on"])
    with pytest.raises(ValidationError) as error:
        _dialogue(town, participants=" ", summary="")
    assert set(error.value.message_dict) == {"participants", "summary"}
    with pytest.raises(ValidationError):
        _dialogue(town, school=f.KindergartenFactory(municipality=town["municipality"]))
    assert not Dialogue.objects.exists()


def test_a_task_is_given_only_to_an_adviser_of_the_municipality(town):
    dialogue = _dialogue(town)
    for person in (town["stranger"], town["director"], town["rector"]):
        with pytest.raises(ValidationError) as error:
            _task(town, dialogue, responsible=person)
        assert error.value.message_dict["responsible"] == ["Den ansvarlige må være rådgiver i kommunen."]
    task = _task(town, dialogue, responsible=town["adviser2"])
    assert task.status == TaskStatus.OPEN and task.completed_on is None and task.created_by == town["director"]
    with pytest.raises(ValidationError):
        services.task_update(task, responsible=town["stranger"])
    task.refresh_from_db()
    assert task.responsible == town["adviser2"]
    with pytest.raises(ValidationError) as error:
        services.task_create(dialogue=dialogue, user=town["director"], kind="party", title=" ",
                             responsible=town["adviser"], due_on=None)
    assert set(error.value.message_dict) == {"kind", "title", "due_on"}


def test_marking_done_sets_the_date_and_is_safe_to_repeat(town):
    task = _task(town, _dialogue(town))
    yesterday = timezone.localdate() - timedelta(days=1)
    task, completed = services.task_complete(task, user=town["adviser"], note="Møte holdt.", on=yesterday)
    assert completed and task.status == "done" and task.completed_on == yesterday
    assert task.completion_note == "Møte holdt." and task.completed_by == town["adviser"]
    history = FollowUpTask.history.count()
    again, completed = services.task_complete(task, user=town["director"], note="Igjen")
    assert not completed and again.completed_on == yesterday and again.completion_note == "Møte holdt."
    assert FollowUpTask.history.count() == history
    task = _task(town, task.dialogue, title="Ny")
    task, _done = services.task_complete(task, user=town["adviser"])
    assert task.completed_on == timezone.localdate()


def test_the_database_ties_done_to_a_completion_date(town):
    task = _task(town, _dialogue(town))
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpTask.objects.filter(pk=task.pk).update(status="done")
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpTask.objects.filter(pk=task.pk).update(completed_on=timezone.localdate())


def test_late_is_open_and_past_the_due_date(town):
    today = timezone.localdate()
    dialogue = _dialogue(town)
    late = _task(town, dialogue, title="Forsinket", due_on=today - timedelta(days=1))
    due_today = _task(town, dialogue, title="I dag", due_on=today)
    done = _task(town, dialogue, title="Utført", due_on=today - timedelta(days=5))
    services.task_complete(done, user=town["adviser"])
    done.refresh_from_db()
    assert late.is_late and not due_today.is_late and not done.is_late
    assert due_today.is_late_on(today + timedelta(days=1))
    assert selectors.my_task_counts(town["adviser"]) == {"open": 2, "late": 1}
    assert selectors.my_task_counts(town["adviser2"]) == {"open": 0, "late": 0}


# --- Pages -----------------------------------------------------------------------------------------------------
def _url(town, name="dialogue", school=None):
    return reverse(f"dialogue:{name}", kwargs={"school_id": (school or town["school"]).pk, "year": YEAR})


def test_the_director_records_the_dialogue_through_the_form(client, town):
    client.force_login(town["director"])
    html = client.get(_url(town)).content.decode()
    assert 'id="dialogue-form"' in html and "ikke registrert ennå" in html
    assert 'name="csrfmiddlewaretoken"' in html
    data = {"held_on": HELD.isoformat(), "participants": "Dina Dahl, Kari Lie", "summary": "Lesing prioriteres.",
            "support_needs": "Veiledning i analyse."}
    response = client.post(_url(town), data, follow=True)
    assert response.redirect_chain[-1][0] == _url(town)
    assert "Samtalen er registrert." in _messages(response)
    dialogue = Dialogue.objects.get()
    assert (dialogue.held_on, dialogue.summary, dialogue.recorded_by) == (HELD, "Lesing prioriteres.",
                                                                          town["director"])
    assert "Veiledning i analyse." in response.content.decode()


def test_the_dialogue_form_refuses_a_future_date_and_empty_fields(client, town):
    client.force_login(town["adviser"])
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(_url(town), {"held_on": future, "participants": "", "summary": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Samtalen kan ikke registreres før den er holdt: datoen ligger fram i tid." in html
    assert "Skriv hvem som deltok." in html and "Skriv hva dere ble enige om." in html
    assert "Skjemaet har feil: se meldingene ved feltene." in _messages(response)
    response = client.post(_url(town), {"held_on": "i går", "participants": "x", "summary": "y"})
    assert "Skriv en gyldig dato." in response.content.decode()
    assert not Dialogue.objects.exists()


def test_tasks_are_created_and_edited_through_the_forms(client, town):
    _dialogue(town)
    client.force_login(town["director"])
    page = client.get(_url(town)).content.decode()
    # The choices are the municipality's advisers only.
    assert "Rune Rasmussen" in page and "Siri Strand" in page and "Frida Fremmed" not in page
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    data = {"kind": "support", "title": "Kurs i klasseledelse", "description": "To samlinger.",
            "responsible": town["adviser2"].pk, "due_on": due}
    response = client.post(_url(town, "task_create"), data, follow=True)
    assert "Oppgaven er opprettet." in _messages(response)
    task = FollowUpTask.objects.get()
    assert (task.kind, task.responsible, task.dialogue.school) == ("support", town["adviser2"], town["school"])
    assert "Kurs i klasseledelse" in response.content.decode() and "Støtte" in response.content.decode()

    response = client.post(_url(town, "task_create"), {**data, "responsible": town["stranger"].pk, "kind": "x",
                                                        "title": ""})
    html = response.content.decode()
    assert response.status_code == 200 and FollowUpTask.objects.count() == 1
    assert "Den ansvarlige må være rådgiver i kommunen." in html
    assert "Velg type oppgave." in html and "Gi oppgaven en tittel." in html

    edit = reverse("dialogue:task_edit", kwargs={"pk": task.pk})
    response = client.post(edit, {**data, "responsible": town["adviser"].pk, "title": "Kurs i ledelse",
                                  "version": task.version}, follow=True)
    assert "Oppgaven er lagret." in _messages(response)
    task.refresh_from_db()
    assert (task.title, task.responsible) == ("Kurs i ledelse", town["adviser"])
    response = client.post(edit, {**data, "due_on": ""})
    assert "Oppgi en frist." in response.content.decode()


def test_tasks_wait_for_the_dialogue(client, town):
    client.force_login(town["director"])
    response = client.get(_url(town, "task_create"), follow=True)
    assert "Registrer samtalen først; oppgavene følger den opp." in _messages(response)
    assert not FollowUpTask.objects.exists()


def test_the_rector_reads_the_dialogue_and_tasks_but_cannot_change_them(client, town):
    dialogue = _dialogue(town, support_needs="Hjelp med regning.")
    task = _task(town, dialogue, title="Regnekurs for lærerne")
    _dialogue(town, school=town["other"], summary="Annen skoles avtale.")
    client.force_login(town["rector"])
    response = client.get(_url(town))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skolen styrker lesingen." in html and "Regnekurs for lærerne" in html and "Hjelp med regning." in html
    assert 'id="dialogue-form"' not in html and "Merk som utført" not in html and "<textarea" not in html
    assert client.post(_url(town), {"held_on": HELD.isoformat(), "participants": "x", "summary": "y"}
                       ).status_code == 403
    complete = reverse("dialogue:task_complete", kwargs={"pk": task.pk})
    assert client.post(complete).status_code == 403
    assert client.get(_url(town, school=town["other"])).status_code == 404
    task.refresh_from_db()
    assert task.status == "open" and Dialogue.objects.get(school=town["school"]).summary == "Skolen styrker lesingen."


def test_the_dialogue_page_links_the_report_when_it_is_compiled(client, town):
    from django.core.files.base import ContentFile

    from ..models import DialogueReport

    client.force_login(town["director"])
    report_url = reverse("dialogue:report_html", kwargs={"school_id": town["school"].pk, "year": YEAR})
    assert report_url not in client.get(_url(town)).content.decode()
    report = DialogueReport(mirror_year=town["mirror_year"], school=town["school"], status="done",
                            compiled_at=timezone.now())
    report.html.save("r.html", ContentFile(b"<p>x</p>"), save=False)
    report.pdf.save("r.pdf", ContentFile(b"%PDF"), save=False)
    report.save()
    assert report_url in client.get(_url(town)).content.decode()
    # …and the dialogue page is linked from the report list, the year's status page and the Læringsspeil page.
    for page in (reverse("dialogue:report_list", kwargs={"year": YEAR}),
                 reverse("dialogue:year_status", kwargs={"year": YEAR}), _url(town, "mirror")):
        assert _url(town) in client.get(page).content.decode(), page
    assert reverse("dialogue:followup_overview", kwargs={"year": YEAR}) in client.get(
        reverse("dialogue:year_status", kwargs={"year": YEAR})).content.decode()


def test_the_advisers_list_shows_their_open_tasks_soonest_first_and_marks_them_done(client, town):
    today = timezone.localdate()
    dialogue, other = _dialogue(town), _dialogue(town, school=town["other"])
    later = _task(town, dialogue, title="Senere", due_on=today + timedelta(days=30))
    late = _task(town, other, title="Forsinket oppgave", due_on=today - timedelta(days=2))
    soon = _task(town, dialogue, title="Snart", due_on=today + timedelta(days=3))
    _task(town, dialogue, title="Siris oppgave", responsible=town["adviser2"])
    done = _task(town, dialogue, title="Allerede utført")
    services.task_complete(done, user=town["adviser"])
    client.force_login(town["adviser"])
    url = reverse("dialogue:my_tasks")
    response = client.get(url)
    assert [t.title for t in response.context["tasks"]] == ["Forsinket oppgave", "Snart", "Senere"]
    html = response.content.decode()
    assert "Siris oppgave" not in html and "Allerede utført" not in html
    row = html[html.index(f'id="task-{late.pk}"'):]
    assert "Forsinket</span>" in row[:row.index("</tr>")]
    row = html[html.index(f'id="task-{soon.pk}"'):]
    assert "Forsinket</span>" not in row[:row.index("</tr>")]
    assert "3 åpne oppgaver" in html and "1 forsinket" in html

    response = client.post(reverse("dialogue:task_complete", kwargs={"pk": soon.pk}),
                           {"note": "Gjennomført.", "next": url}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "«Snart» er merket som utført." in _messages(response)
    assert [t.title for t in response.context["tasks"]] == ["Forsinket oppgave", "Senere"]
    soon.refresh_from_db()
    assert soon.completed_on == today and soon.completion_note == "Gjennomført."
    # Again (a second click): nothing changes; an outside address is not followed.
    response = client.post(reverse("dialogue:task_complete", kwargs={"pk": soon.pk}),
                           {"next": "https://example.invalid/"})
    assert response.url == _url(town)
    assert later.pk in {t.pk for t in selectors.my_tasks(town["adviser"])}


def test_the_advisers_nav_item_and_home_panel(client, town):
    dialogue = _dialogue(town)
    _task(town, dialogue, due_on=timezone.localdate() - timedelta(days=1))
    _task(town, dialogue, title="Neste")
    client.force_login(town["adviser"])
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("dialogue:my_tasks")}"' in html and "Mine oppfølgingsoppgaver" in html
    assert '<strong id="panel-open-tasks">2</strong>' in html
    assert '<strong id="panel-late-tasks" class="text-danger">1</strong>' in html
    client.force_login(town["rector"])
    assert "Mine oppfølgingsoppgaver" not in client.get(reverse("home")).content.decode()


def _overview(client, query=""):
    return client.get(reverse("dialogue:followup_overview", kwargs={"year": YEAR}) + query)


def test_the_overview_counts_and_filters_by_adviser_and_kind(client, town):
    today = timezone.localdate()
    dialogue = _dialogue(town)
    _task(town, dialogue, title="A-veiledning", kind="guidance", due_on=today - timedelta(days=1))
    _task(town, dialogue, title="A-støtte", kind="support")
    done = _task(town, dialogue, title="S-oppfølging", kind="follow_up", responsible=town["adviser2"])
    services.task_complete(done, user=town["adviser2"])
    client.force_login(town["director"])
    response = _overview(client)
    rows = {r.school.name: r for r in response.context["overview"].schools}
    assert rows["Bjørkelia skole"].dialogue.held_on == HELD and rows["Granli skole"].dialogue is None
    assert rows["Bjørkelia skole"].counts == {"open": 2, "late": 1, "done": 1}
    load = {w.adviser.username: w.counts for w in response.context["overview"].workload}
    assert load == {"radgiver": {"open": 2, "late": 1, "done": 0}, "radgiver2": {"open": 0, "late": 0, "done": 1}}
    assert "Samtalen er holdt med 1 av 2 skoler." in response.content.decode()

    response = _overview(client, f"?adviser={town['adviser2'].pk}")
    assert [t.title for t in response.context["overview"].tasks] == ["S-oppfølging"]
    assert [w.adviser.username for w in response.context["overview"].workload] == ["radgiver2"]
    response = _overview(client, "?kind=support")
    assert [t.title for t in response.context["overview"].tasks] == ["A-støtte"]
    assert rows["Bjørkelia skole"].counts != response.context["overview"].schools[0].counts
    response = _overview(client, f"?kind=guidance&adviser={town['adviser'].pk}")
    assert [t.title for t in response.context["overview"].tasks] == ["A-veiledning"]
    # Values not in the lists: the filter is refused with a message, and everything is shown.
    for query, message in ((f"?adviser={town['stranger'].pk}", "Velg en rådgiver fra listen."),
                           ("?adviser=abc", "Velg en rådgiver fra listen."),
                           ("?kind=fest", "Velg en type fra listen.")):
        response = _overview(client, query)
        assert response.status_code == 200 and message in response.content.decode()
        assert len(response.context["overview"].tasks) == 3


def test_overview_and_my_tasks_queries_do_not_grow(client, town, django_assert_max_num_queries):
    municipality, mirror_year = town["municipality"], town["mirror_year"]

    def add(n):
        for i in range(n):
            school = f.SchoolFactory(municipality=municipality)
            dialogue = Dialogue.objects.create(mirror_year=mirror_year, school=school, held_on=HELD,
                                               participants="x", summary="y")
            for k, kind in enumerate(("guidance", "support")):
                FollowUpTask.objects.create(dialogue=dialogue, kind=kind, title=f"T{i}{k}",
                                            responsible=town["adviser"] if k else town["adviser2"],
                                            due_on=timezone.localdate() + timedelta(days=i - 3))

    client.force_login(town["adviser"])
    add(3)
    queries = {}
    for name, url, query in (("overview", None, "?kind=support"), ("mine", reverse("dialogue:my_tasks"), "")):
        with django_assert_max_num_queries(20) as small:
            response = client.get(url) if url else _overview(client, query)
            assert response.status_code == 200
        queries[name] = len(small.captured_queries)
    add(30)
    with django_assert_max_num_queries(queries["overview"]):
        assert len(_overview(client, "?kind=support").context["overview"].tasks) == 33
    with django_assert_max_num_queries(queries["mine"]):
        assert len(client.get(reverse("dialogue:my_tasks")).context["tasks"]) == 33


# --- Demo ------------------------------------------------------------------------------------------------------
def test_the_demo_has_last_years_dialogues_and_tasks_for_the_advisers(client):
    call_command("seed_demo")
    last = selectors.current_school_year() - 1
    dialogues = Dialogue.objects.filter(mirror_year__school_year=last)
    assert dialogues.count() >= 5 and all(d.held_on.month == 1 and d.held_on.year == last + 1 for d in dialogues)
    tasks = FollowUpTask.objects.filter(dialogue__in=dialogues)
    assert {t.responsible.username for t in tasks} == {"radgiver", "radgiver2", "radgiver3"}
    assert tasks.filter(status="done").exists()
    assert sum(t.is_late for t in tasks) == 1
    before = (Dialogue.objects.count(), FollowUpTask.objects.count(), Dialogue.history.count(),
              FollowUpTask.history.count())
    call_command("seed_demo")
    assert (Dialogue.objects.count(), FollowUpTask.objects.count(), Dialogue.history.count(),
            FollowUpTask.history.count()) == before
    client.force_login(User.objects.get(username="radgiver"))
    mine = client.get(reverse("dialogue:my_tasks")).context["tasks"]
    assert len(mine) >= 3 and sum(t.late for t in mine) == 1
