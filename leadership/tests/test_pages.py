"""The leader meetings' pages in Norwegian: planning through the form, «Mine møter», the plan, the calendar
files, the print and the PDF, the home panel, «Året»'s month calendar and bounded queries."""
from datetime import timedelta

import pytest
from django.urls import reverse

from laeringslop.hooks import calendar_entries_for, calendar_events
from laeringslop.schoolyear import SchoolYear
from laeringslop.tests import factories as f

from .. import services
from ..models import LeaderMeeting
from .conftest import DAY, at, plan

pytestmark = pytest.mark.django_db
YEAR = 2026


def _form(**overrides):
    data = {"kind": "school_leaders", "title": "Vurdering i LK20", "day": DAY.isoformat(), "start": "12:30",
            "end": "15:30", "place": "Rådhuset", "target_group": "rectors", "description": "",
            "invite_roles": ["rector"], "version": "0",
            "agenda-TOTAL_FORMS": "2", "agenda-INITIAL_FORMS": "0",
            "agenda-0-title": "Velkommen", "agenda-0-presenter": "Kommunalsjef", "agenda-0-minutes": "15",
            "agenda-1-title": "", "agenda-1-presenter": "", "agenda-1-minutes": ""}
    data.update(overrides)
    return data


def test_an_adviser_plans_a_meeting_inviting_every_rector(client, town):
    client.force_login(town["adviser"])
    response = client.post(reverse("leadership:meeting_create"), _form(), follow=True)
    meeting = LeaderMeeting.objects.get()
    assert set(meeting.participants.all()) == {town["rector"], town["other_rector"]}
    body = response.content.decode()
    assert "Møtet er planlagt." in body and "Saksliste" in body and "Velkommen" in body


def test_a_meeting_in_the_past_is_refused_on_the_form_in_norwegian(client, town):
    client.force_login(town["adviser"])
    response = client.post(reverse("leadership:meeting_create"), _form(day="2026-08-20"))
    assert "Møtet kan ikke planlegges tilbake i tid: 20.08.2026 12:30 er passert." in response.content.decode()
    assert not LeaderMeeting.objects.exists()


def test_an_agenda_row_without_a_title_is_named_on_the_form(client, town):
    client.force_login(town["adviser"])
    response = client.post(reverse("leadership:meeting_create"), _form(**{"agenda-1-presenter": "Rådgiver"}))
    assert "Sakslistepunkt 2: skriv punktets tittel." in response.content.decode()


def test_a_stale_edit_shows_what_differs_and_keeps_the_input(client, town):
    meeting = plan(town)
    services.meeting_update(meeting, kind=meeting.kind, title="Endret av en annen", starts_at=meeting.starts_at,
                            ends_at=meeting.ends_at, target_group=meeting.target_group, place=meeting.place,
                            participants=list(meeting.participants.all()), agenda=[{"title": "Velkommen"}], version=1)
    client.force_login(town["director"])
    response = client.post(reverse("leadership:meeting_edit", args=[meeting.pk]),
                           _form(title="Mitt tema", version="1", invite_roles=[],
                                 people=[town["rector"].pk]))
    body = response.content.decode()
    assert "Noen andre har lagret en nyere versjon" in body and "Endret av en annen" in body
    assert 'value="Mitt tema"' in body


def test_the_rector_sees_the_invited_meeting_in_my_meetings_and_not_the_others(client, town, clock):
    plan(town, title="Rektorenes møte")
    plan(town, title="Styrernes møte", kind="kindergarten_heads", participants=[town["head"]])
    past = plan(town, title="Møtet i fjor", starts_at=at(DAY, 9), ends_at=at(DAY, 11))
    clock.now = at(DAY, 12)
    services.meeting_attach(past, kind="minutes", user=town["adviser"], files=[
        __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile("referat.txt", b"Referat")])
    client.force_login(town["rector"])
    body = client.get(reverse("leadership:mine")).content.decode()
    assert "Rektorenes møte" in body and "Styrernes møte" not in body
    assert "Tidligere møter og referatene" in body and "referat.txt" in body


def test_the_rector_opens_an_invited_meeting_but_not_another(client, town):
    invited = plan(town)
    other = plan(town, title="Styrernes møte", participants=[town["head"]])
    client.force_login(town["rector"])
    assert client.get(reverse("leadership:meeting_detail", args=[invited.pk])).status_code == 200
    assert client.get(reverse("leadership:meeting_detail", args=[other.pk])).status_code == 404


def test_the_plan_lists_every_meeting_to_the_rector_but_links_only_the_invited(client, town):
    plan(town, title="Rektorenes møte")
    other = plan(town, title="Styrernes møte", participants=[town["head"]])
    client.force_login(town["rector"])
    body = client.get(reverse("leadership:plan", args=[YEAR])).content.decode()
    assert "Ledermøter 2026-27" in body and "Styrernes møte" in body
    assert reverse("leadership:meeting_detail", args=[other.pk]) not in body
    assert "Planlegg et møte" not in body


def test_a_cancelled_meeting_stays_in_the_plan_marked_cancelled(client, town):
    meeting = plan(town)
    client.force_login(town["adviser"])
    client.post(reverse("leadership:meeting_cancel", args=[meeting.pk]), {"reason": "Smittevern", "version": "1"})
    body = client.get(reverse("leadership:plan", args=[YEAR])).content.decode()
    assert "Avlyst" in body and "Elevmedvirkning + Vurdering i LK20" in body


def test_the_meeting_calendar_file_carries_the_agenda(client, town):
    meeting = plan(town)
    client.force_login(town["rector"])
    response = client.get(reverse("leadership:meeting_calendar", args=[meeting.pk]))
    body = response.content.decode().replace("\r\n ", "")
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART;TZID=Europe/Oslo:20260924T123000" in body and "SUMMARY:Skoleledermøte: Elevmedvirkning" in body
    assert "1. Velkommen (Kommunalsjef\\, 15 min)" in body


def test_the_plan_calendar_has_every_meeting_without_agendas_and_marks_cancelled_ones(client, town):
    plan(town)
    cancelled = plan(town, title="Avlyst møte", starts_at=at(DAY + timedelta(days=7), 12),
                     ends_at=at(DAY + timedelta(days=7), 14))
    services.meeting_cancel(cancelled)
    client.force_login(town["head"])
    body = client.get(reverse("leadership:plan_calendar", args=[YEAR])).content.decode()
    assert body.count("BEGIN:VEVENT") == 2 and "STATUS:CANCELLED" in body and "Velkommen" not in body


def test_the_print_page_and_the_pdf_have_the_table(client, town):
    plan(town)
    client.force_login(town["director"])
    body = client.get(reverse("leadership:plan_print", args=[YEAR])).content.decode()
    assert "leadership/plan.css" in body and "Dato" in body and "Arena" in body and "Tema" in body
    pdf = client.get(reverse("leadership:plan_pdf", args=[YEAR]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_home_panel_shows_the_next_meeting(client, town):
    plan(town, title="Neste skoleledermøte")
    client.force_login(town["rector"])
    body = client.get(reverse("home")).content.decode()
    assert "Mine neste møter" in body and "Neste skoleledermøte" in body


def test_meetings_join_the_years_month_calendar_for_those_who_may_open_them(town):
    plan(town, title="Rektorenes møte")
    year = SchoolYear(YEAR)
    def titles(user):
        return [e.title for e in calendar_entries_for(user, town["municipality"], year.first_day, year.last_day)]

    assert titles(town["rector"]) == ["Skoleledermøte: Rektorenes møte"]
    assert titles(town["head"]) == []
    assert titles(town["adviser"]) == ["Skoleledermøte: Rektorenes møte"]


def test_the_municipalitys_feed_has_the_meetings_not_cancelled_ones(town):
    plan(town, title="Rektorenes møte")
    services.meeting_cancel(plan(town, title="Avlyst møte"))
    year = SchoolYear(YEAR)
    titles = [e.title for e in calendar_events(town["municipality"], year.first_day, year.last_day)
              if e.uid.startswith("leader-meeting-")]
    assert titles == ["Skoleledermøte: Rektorenes møte"]


def test_the_years_page_lists_the_meeting_in_its_month(client, town):
    from dialogue.tests.factories import MirrorYearFactory

    MirrorYearFactory(municipality=town["municipality"], school_year=YEAR)
    plan(town, title="Rektorenes møte")
    client.force_login(town["director"])
    body = client.get(reverse("dialogue:year_cycle_of", args=[YEAR])).content.decode()
    assert "Skoleledermøte: Rektorenes møte" in body and "(ledermøte)" in body


def _many(town, n, people, first=0):
    """``n`` meetings of the year, each with its agenda and ``people`` invited (directly: a fixture)."""
    from ..models import AgendaItem

    for i in range(first, first + n):
        day = DAY + timedelta(days=i % 200)
        meeting = LeaderMeeting.objects.create(municipality=town["municipality"], kind="school_leaders",
                                               title=f"Møte {i}", starts_at=at(day, 9), ends_at=at(day, 11),
                                               target_group="rectors")
        meeting.participants.set(people)
        AgendaItem.objects.bulk_create([AgendaItem(meeting=meeting, position=p, title=f"Punkt {p}")
                                        for p in (1, 2, 3)])


@pytest.mark.parametrize("url_name, role", [("leadership:plan", "adviser"), ("leadership:plan", "rector"),
                                            ("leadership:mine", "rector")])
def test_the_plan_and_my_meetings_run_a_fixed_number_of_queries(client, town, url_name, role,
                                                                django_assert_max_num_queries):
    """At the demo's size (22 meetings, 37 people invited to each) and ten times as many meetings (the people
    are counted in the database, not listed: their number does not change the queries)."""
    people = [town["rector"], town["director"], *[f.rector(f.SchoolFactory(municipality=town["municipality"]))
                                                 for _ in range(35)]]
    url = reverse(url_name, args=[YEAR]) if url_name == "leadership:plan" else reverse(url_name)
    client.force_login(town[role])
    _many(town, 22, people)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    _many(town, 198, people, first=22)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = client.get(url).content.decode()
    assert "Møte 219" in body
