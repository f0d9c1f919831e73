"""School visits: the services' rules (by error code), the suggested topics, what the rector reads, the pages in
Norwegian, a stale edit refused, the calendar, bounded queries on the overview and the demo."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from laeringslop.models import User
from laeringslop.tests import factories as f
from laeringslop.tests import town as shared
from laeringslop.tests.clock import at
from projects.models import QualityPlan

from .. import followup
from .. import visits as services
from ..models import FollowUpTask, SchoolVisit
from ..selectors import visits as selectors
from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2026
clock, town = shared.clock, shared.town  # a frozen clock (Tuesday 1 September 2026, 08:00); Elvedal and Fjellbygd
DAY = date(YEAR, 10, 6)


def _plan(town, school=None, **kw):
    school = school or town["school"]
    return services.visit_plan(
        municipality=kw.pop("municipality", town["municipality"]), school=school,
        school_year=kw.pop("school_year", YEAR), user=town["director"],
        starts_at=kw.pop("starts_at", at(DAY, 9)), ends_at=kw.pop("ends_at", at(DAY, 11)),
        participants=kw.pop("participants", [town["director"], town["adviser"], town["rector"]]),
        place=kw.pop("place", "Møterommet"), topics=kw.pop("topics", "Lesing\nLæringsmiljø"), **kw)


def _codes(error: ValidationError, field: str | None = None) -> list:
    if field is None:
        return [e.code for e in error.error_list] if not hasattr(error, "error_dict") else []
    return [e.code for e in error.error_dict.get(field, [])]


# --- Services ----------------------------------------------------------------------------------------------------
def test_planning_a_visit_stores_its_time_participants_and_topics(town):
    visit = _plan(town, place="  Biblioteket ")
    assert (visit.municipality, visit.school_year, visit.place, visit.version) == (town["municipality"], YEAR,
                                                                                 "Biblioteket", 1)
    assert set(visit.participants.all()) == {town["director"], town["adviser"], town["rector"]}
    assert visit.topic_list == ["Lesing", "Læringsmiljø"]
    assert not visit.is_held


@pytest.mark.parametrize(("starts", "ends", "field", "code"), [
    (at(DAY, 11), at(DAY, 9), "ends_at", "ends_before_start"),
    (at(date(YEAR, 7, 20), 9), at(date(YEAR, 7, 20), 11), "starts_at", "outside_school_year"),
    (at(date(YEAR + 1, 8, 3), 9), at(date(YEAR + 1, 8, 3), 11), "starts_at", "outside_school_year"),
    (at(date(YEAR, 8, 25), 9), at(date(YEAR, 8, 25), 11), "starts_at", "in_the_past"),
    (at(DAY, 9), at(DAY + timedelta(days=1), 9), "ends_at", "not_same_day"),
])
def test_a_visit_outside_the_school_year_in_the_past_or_back_to_front_is_refused(town, starts, ends, field, code):
    with pytest.raises(ValidationError) as error:
        _plan(town, starts_at=starts, ends_at=ends)
    assert _codes(error.value, field) == [code]
    assert not SchoolVisit.objects.exists()


@pytest.mark.parametrize("who", ["foreign_adviser", "other_rector", "administrator"])
def test_participants_are_the_municipalitys_director_advisers_and_the_schools_leaders(town, who):
    with pytest.raises(ValidationError) as error:
        _plan(town, participants=[town["director"], town[who]])
    assert _codes(error.value, "participants") == ["participant_not_allowed"]
    with pytest.raises(ValidationError) as error:
        _plan(town, participants=[])
    assert _codes(error.value, "participants") == ["participants_required"]


def test_a_visit_is_to_a_school_of_the_municipality(town):
    for unit in (town["kindergarten"], town["foreign_school"]):
        with pytest.raises(ValidationError) as error:
            _plan(town, school=unit, participants=[town["director"]])
        assert _codes(error.value) == ["not_a_school"]


def test_one_visit_per_school_and_school_year(town):
    _plan(town)
    with pytest.raises(ValidationError) as error:
        _plan(town, starts_at=at(DAY, 13), ends_at=at(DAY, 14))
    assert _codes(error.value) == ["duplicate"]
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        SchoolVisit.objects.create(municipality=town["municipality"], school=town["school"], school_year=YEAR,
                                   starts_at=at(DAY, 13), ends_at=at(DAY, 14))
    assert _plan(town, school=town["other_school"], participants=[town["adviser"]]).school == town["other_school"]


def test_moving_a_visit_keeps_it_ahead_and_refuses_a_stale_version(town, clock):
    visit = _plan(town)
    read = visit.version
    moved = services.visit_move(visit, starts_at=at(DAY, 12), ends_at=at(DAY, 14), place="Aulaen", version=read)
    assert (moved.starts_at, moved.place, moved.version) == (at(DAY, 12), "Aulaen", read + 1)
    with pytest.raises(ValidationError) as error:  # read before the move
        services.visit_move(visit, starts_at=at(DAY, 8), ends_at=at(DAY, 9), place="Aulaen", version=read)
    assert error.value.code == "stale"
    assert SchoolVisit.objects.get().starts_at == at(DAY, 12)
    with pytest.raises(ValidationError) as error:
        services.visit_move(moved, starts_at=at(date(YEAR, 8, 20), 9), ends_at=at(date(YEAR, 8, 20), 10), place="",
                            version=moved.version)
    assert _codes(error.value, "starts_at") == ["in_the_past"]
    clock.now = at(DAY, 12, 30)
    with pytest.raises(ValidationError) as error:
        services.visit_move(moved, starts_at=at(DAY + timedelta(days=7), 9), ends_at=at(DAY + timedelta(days=7), 11),
                            place="Aulaen", version=moved.version)
    assert _codes(error.value) == ["started"]


def test_a_change_of_participants_only_is_a_new_version(town):
    visit = _plan(town)
    changed = services.visit_update_preparation(visit, participants=[town["adviser"]], topics=visit.topics,
                                                version=visit.version)
    assert list(changed.participants.all()) == [town["adviser"]] and changed.version == visit.version + 1
    with pytest.raises(ValidationError) as error:
        services.visit_update_preparation(visit, participants=[town["director"]], version=visit.version)
    assert error.value.code == "stale"
    assert list(SchoolVisit.objects.get().participants.all()) == [town["adviser"]]


def test_the_history_records_who_was_taken_off_the_participants(town):
    from laeringslop.history import history_for

    visit = _plan(town)
    services.visit_update_preparation(visit, participants=[town["director"], town["rector"]], topics=visit.topics,
                                      version=visit.version)
    changed = [label for entry in history_for(visit) for label, _old, _new in entry.changes]
    assert "deltakere" in changed
    last = SchoolVisit.history.order_by("-history_date", "-history_id").first()
    assert {row.user_id for row in last.participants.all()} == {town["director"].pk, town["rector"].pk}


def test_notes_wait_for_the_visit_and_the_summary_is_agreed_once_written(town, clock):
    visit = _plan(town)
    with pytest.raises(ValidationError) as error:
        services.visit_update_notes(visit, notes="For tidlig", version=visit.version)
    assert _codes(error.value) == ["not_held"]
    clock.now = at(DAY, 11, 30)
    with pytest.raises(ValidationError) as error:
        services.visit_agree_notes(visit, user=town["director"], version=visit.version)
    assert _codes(error.value) == ["no_agreed_notes"]
    visit = services.visit_update_notes(visit, notes="Internt", agreed_notes="Skolen styrker lesingen.",
                                        support_input="Veiledning i lesing", version=visit.version)
    visit, agreed = services.visit_agree_notes(visit, user=town["director"], version=visit.version)
    assert agreed and visit.notes_agreed_by == town["director"] and visit.notes_agreed_at == clock.now
    assert services.visit_agree_notes(visit, user=town["adviser"], version=visit.version)[1] is False


def test_changing_an_agreed_summary_withdraws_the_agreement(town, clock):
    clock.now = at(DAY, 11, 30)
    visit = SchoolVisit.objects.create(municipality=town["municipality"], school=town["school"], school_year=YEAR,
                                       starts_at=at(DAY, 9), ends_at=at(DAY, 11), agreed_notes="Avtalt",
                                       notes_agreed_at=at(DAY, 11, 15), notes_agreed_by=town["director"])
    kept = services.visit_update_notes(visit, notes="Nytt internt notat", agreed_notes="Avtalt", version=visit.version)
    assert kept.notes_agreed  # only the internal notes changed
    changed = services.visit_update_notes(kept, notes=kept.notes, agreed_notes="Avtalt, med tillegg",
                                          version=kept.version)
    assert not changed.notes_agreed and changed.notes_agreed_by is None


# --- Suggested topics and the period selector ------------------------------------------------------------------
def test_suggested_topics_are_the_plans_focus_areas_and_last_years_open_followup(town, clock):
    QualityPlan.objects.create(municipality=town["municipality"], name="Læringsløp Elvedal", start_year=2024,
                               end_year=2028, focus_areas="Lesing og regning\nLæringsmiljø")
    QualityPlan.objects.create(municipality=town["municipality"], name="Gammel plan", start_year=2016, end_year=2020,
                               focus_areas="Utdatert satsing")
    last = df.MirrorYearFactory(municipality=town["municipality"], school_year=YEAR - 1)
    dialogue = followup.dialogue_record(mirror_year=last, school=town["school"], user=town["director"],
                                        held_on=date(YEAR, 1, 14), participants="Direktør og rektor", summary="Avtalt")
    other = followup.dialogue_record(mirror_year=last, school=town["other_school"], user=town["director"],
                                     held_on=date(YEAR, 1, 15), participants="Direktør og rektor", summary="Avtalt")
    for target, title, due in ((dialogue, "Plan for klasseledelse", date(YEAR, 8, 1)),
                               (dialogue, "Lesekurs", date(YEAR, 12, 1)),
                               (dialogue, "Ferdig oppgave", date(YEAR, 3, 1)),
                               (other, "Granlis oppgave", date(YEAR, 12, 1))):
        FollowUpTask.objects.create(dialogue=target, kind="guidance", title=title, responsible=town["adviser"],
                                    due_on=due)
    FollowUpTask.objects.filter(title="Ferdig oppgave").update(status="done", completed_on=date(YEAR, 3, 1))
    assert selectors.suggested_topics(town["school"], YEAR) == [
        "Lesing og regning", "Læringsmiljø", "Oppfølging fra i fjor: Plan for klasseledelse (forsinket)",
        "Oppfølging fra i fjor: Lesekurs (åpen)"]


def test_visits_in_period_shows_the_staff_every_visit_and_a_rector_the_own(town):
    own = _plan(town)
    other = _plan(town, school=town["other_school"], participants=[town["adviser"]], starts_at=at(DAY + timedelta(days=30), 9),
                  ends_at=at(DAY + timedelta(days=30), 10))
    municipality = town["municipality"]
    autumn = (date(YEAR, 9, 1), date(YEAR, 12, 31))
    assert selectors.visits_in_period(municipality, town["adviser"], *autumn) == [own, other]
    assert selectors.visits_in_period(municipality, town["rector"], *autumn) == [own]
    assert selectors.visits_in_period(municipality, town["adviser"], DAY, DAY) == [own]  # whole days count
    assert selectors.visits_in_period(municipality, town["adviser"], DAY + timedelta(days=1),
                                      DAY + timedelta(days=29)) == []
    assert selectors.visits_in_period(municipality, town["foreign_adviser"], *autumn) == []


# --- Pages -------------------------------------------------------------------------------------------------------
def _detail(visit):
    return reverse("dialogue:visit_detail", kwargs={"pk": visit.pk})


def test_the_plan_page_suggests_topics_and_plans_the_visit(client, town):
    QualityPlan.objects.create(municipality=town["municipality"], name="Læringsløp Elvedal", start_year=2024,
                               end_year=2028, focus_areas="Lesing og regning")
    client.force_login(town["adviser"])
    url = reverse("dialogue:visit_create", kwargs={"year": YEAR, "school_id": town["school"].pk})
    page = client.get(url).content.decode()
    assert "Planlegg skolebesøket 2026-27" in page and "Lesing og regning" in page
    response = client.post(url, {"day": "2026-08-20", "start": "09:00", "end": "11:00", "participants": [],
                                 "version": "0"})
    text = response.content.decode()
    assert "Besøket kan ikke planlegges tilbake i tid." in text and "Velg hvem som deltar." in text
    response = client.post(url, {"day": DAY.isoformat(), "start": "09:00", "end": "11:00", "place": "Biblioteket",
                                 "participants": [town["adviser"].pk, town["rector"].pk], "topics": "Lesing",
                                 "version": "0"})
    visit = SchoolVisit.objects.get()
    assert response.status_code == 302 and response.url == _detail(visit)
    assert (visit.starts_at, visit.ends_at, visit.place) == (at(DAY, 9), at(DAY, 11), "Biblioteket")
    assert "Skolen har allerede et skolebesøk dette skoleåret." in client.get(url, follow=True).content.decode()


def test_the_rector_reads_the_plan_and_the_agreed_summary_never_the_internal_notes(client, town, clock):
    visit = _plan(town, topics="Lesing på mellomtrinnet")
    clock.now = at(DAY, 12)
    visit = services.visit_update_notes(visit, notes="Ledelsen er sliten", agreed_notes="Skolen styrker lesingen.",
                                        support_input="Veiledning i lesing", version=visit.version)
    client.force_login(town["rector"])
    page = client.get(_detail(visit)).content.decode()
    assert "Lesing på mellomtrinnet" in page and "Ingen omforent referat ennå." in page
    assert "Skolen styrker lesingen." not in page and "Ledelsen er sliten" not in page
    assert "Veiledning i lesing" not in page and "Lagre notatene" not in page
    services.visit_agree_notes(visit, user=town["director"], version=visit.version)
    page = client.get(_detail(visit)).content.decode()
    assert "Skolen styrker lesingen." in page and "Ledelsen er sliten" not in page
    assert client.post(_detail(visit), {"action": "notes"}).status_code == 403
    client.force_login(town["other_rector"])
    assert client.get(_detail(visit)).status_code == 404


def test_a_stale_edit_on_the_page_is_refused_and_shows_what_differs(client, town):
    visit = _plan(town)
    client.force_login(town["adviser"])
    form = {"action": "move", "day": DAY.isoformat(), "start": "10:00", "end": "12:00", "place": "Aulaen",
            "version": str(visit.version)}
    assert client.post(_detail(visit), form).status_code == 302
    response = client.post(_detail(visit), {**form, "start": "13:00", "end": "14:00", "place": "Gymsalen"})
    text = response.content.decode()
    assert response.status_code == 200 and "Noen andre har lagret en nyere versjon" in text
    assert "«Aulaen»" in text and "«Gymsalen»" in text
    assert SchoolVisit.objects.get().place == "Aulaen"


def test_the_notes_are_saved_and_the_summary_marked_agreed_on_the_page(client, town, clock):
    visit = _plan(town)
    clock.now = at(DAY, 12)
    client.force_login(town["director"])
    response = client.post(_detail(visit), {"action": "notes", "notes": "Internt", "agreed_notes": "Omforent tekst",
                                            "support_input": "Støtte", "version": str(visit.version)}, follow=True)
    assert "Notatene er lagret." in response.content.decode()
    visit.refresh_from_db()
    response = client.post(_detail(visit), {"action": "agree", "version": str(visit.version)}, follow=True)
    assert "Referatet er merket som omforent: rektor kan lese det." in response.content.decode()
    assert SchoolVisit.objects.get().notes_agreed_by == town["director"]


def test_the_calendar_has_the_visits_time_and_topics_but_no_notes(client, town, clock):
    visit = _plan(town, topics="Lesing")
    clock.now = at(DAY, 12)
    services.visit_update_notes(visit, notes="Hemmelig notat", agreed_notes="Omforent", version=visit.version)
    client.force_login(town["adviser"])
    response = client.get(reverse("dialogue:visit_calendar", kwargs={"year": YEAR}))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Skolebesøk: Bjørkelia skole" in body and "DTSTART;TZID=Europe/Oslo:20261006T090000" in body
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo" in body
    assert "Lesing" in body and "Hemmelig notat" not in body and "Omforent" not in body


def test_the_overview_counts_planned_and_held_in_a_fixed_number_of_queries(client, town, clock,
                                                                           django_assert_max_num_queries):
    municipality = town["municipality"]
    url = reverse("dialogue:visit_overview", kwargs={"year": YEAR})

    def add(n):
        for i in range(n):
            school = f.SchoolFactory(municipality=municipality)
            day = date(YEAR, 8, 20) if i % 2 else DAY
            visit = SchoolVisit.objects.create(municipality=municipality, school=school, school_year=YEAR,
                                               starts_at=at(day, 9), ends_at=at(day, 10))
            visit.participants.set([town["adviser"], town["director"]])

    client.force_login(town["adviser"])
    add(3)  # with the town's two schools: 3 of 5 planned, 1 held
    with django_assert_max_num_queries(30) as small:
        response = client.get(url)
    assert "Skolebesøk er planlagt ved 3 av 5 skoler; 1 gjennomført, 0 med omforent referat." in response.content.decode()
    add(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "Skolebesøk er planlagt ved 33 av 35 skoler; 16 gjennomført" in response.content.decode()
    assert f"/dialog/besok/{YEAR}/skole/{town['school'].pk}/ny/" in response.content.decode()  # «Planlegg»
    last_year = client.get(reverse("dialogue:visit_overview", kwargs={"year": YEAR - 1})).content.decode()
    assert "Ikke planlagt" in last_year and f"/skole/{town['school'].pk}/ny/" not in last_year  # a year that is over takes no plans


def test_the_schools_page_lists_its_visits_and_offers_planning_to_the_staff(client, town):
    _plan(town)
    client.force_login(town["director"])
    url = reverse("dialogue:school_visits", kwargs={"school_id": town["other_school"].pk})
    assert "Planlegg skolebesøket 2026-27" in client.get(url).content.decode()
    client.force_login(town["rector"])
    page = client.get(reverse("dialogue:school_visits", kwargs={"school_id": town["school"].pk})).content.decode()
    assert "tirsdag 6. oktober 2026, 09:00–11:00" in page and "Planlagt" in page
    assert "Planlegg skolebesøket" not in page


def test_the_home_page_shows_the_visits_of_the_next_weeks_to_staff_and_the_own_rector(client, town):
    soon, sooner, far = date(YEAR, 9, 20), date(YEAR, 9, 16), date(YEAR, 10, 6)  # today is 1 September
    _plan(town, starts_at=at(soon, 9), ends_at=at(soon, 11))
    _plan(town, school=town["other_school"], participants=[town["adviser"]], starts_at=at(sooner, 9), ends_at=at(sooner, 10))
    later = f.SchoolFactory(municipality=town["municipality"], name="Langt-fram skole")
    _plan(town, school=later, participants=[town["adviser"]], starts_at=at(far, 9), ends_at=at(far, 10))
    client.force_login(town["adviser"])
    page = client.get(reverse("home")).content.decode()
    assert "Kommende skolebesøk" in page
    assert page.index("Granli skole</a>: 16. september 09:00") < page.index("Bjørkelia skole</a>: 20. september 09:00")
    assert "Langt-fram skole" not in page
    client.force_login(town["rector"])
    page = client.get(reverse("home")).content.decode()
    assert "Bjørkelia skole</a>: 20. september 09:00" in page and "Granli skole</a>" not in page


def test_a_participant_of_another_municipality_posted_to_the_plan_page_is_refused(client, town):
    client.force_login(town["director"])
    url = reverse("dialogue:visit_create", kwargs={"year": YEAR, "school_id": town["school"].pk})
    response = client.post(url, {"day": DAY.isoformat(), "start": "09:00", "end": "11:00", "version": "0",
                                 "participants": [town["director"].pk, town["foreign_adviser"].pk]})
    assert response.status_code == 200 and "Velg deltakerne fra listen." in response.content.decode()
    assert not SchoolVisit.objects.exists()


# --- Demo --------------------------------------------------------------------------------------------------------
def test_the_demo_has_this_autumns_visits_one_held_with_agreed_notes(client):
    call_command("seed_demo")
    visits = SchoolVisit.objects.all()
    assert visits.count() >= 3 and sum(v.is_held for v in visits) == 1
    held = next(v for v in visits if v.is_held)
    assert held.notes_agreed and held.notes and held.support_input
    before = (SchoolVisit.objects.count(), SchoolVisit.history.count())
    call_command("seed_demo")
    assert (SchoolVisit.objects.count(), SchoolVisit.history.count()) == before
    client.force_login(User.objects.get(username="rektor"))
    page = client.get(reverse("dialogue:visit_detail", kwargs={"pk": held.pk})).content.decode()
    assert "Skolen viderefører lesesatsingen" in page and "sykefravær" not in page


# Notices ------------------------------------------------------------------------------------------------------

def test_planning_tells_the_participants_and_the_rector_but_not_the_planner(town, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        _plan(town, participants=[town["director"], town["adviser"]])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([town["adviser"].email, town["rector"].email])
    assert mail.outbox[0].subject == "Skolebesøk på Bjørkelia skole 06.10.2026 09:00"


def test_moving_the_visit_tells_them_again_with_the_new_time(town, django_capture_on_commit_callbacks):
    from notices.models import Notice

    visit = _plan(town, participants=[town["director"], town["adviser"]])
    with django_capture_on_commit_callbacks(execute=True):
        services.visit_move(visit, starts_at=at(DAY + timedelta(days=1), 12), ends_at=at(DAY + timedelta(days=1), 14),
                            place=visit.place)
    moved = Notice.objects.filter(kind="visit_moved").order_by("recipient__username")
    assert [n.recipient.username for n in moved] == ["direktor", "radgiver", "rektor"]
    assert "07.10.2026 12:00" in moved[0].body


def test_a_new_place_at_the_same_time_tells_nobody(town):
    from notices.models import Notice

    visit = _plan(town, participants=[town["adviser"]])
    services.visit_move(visit, starts_at=visit.starts_at, ends_at=visit.ends_at, place="Rektors kontor")
    assert not Notice.objects.filter(kind="visit_moved").exists()
