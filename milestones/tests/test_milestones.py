"""Milestones: derived late status, timeline, my milestones, the director's panel, reminders, feed."""
import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from laeringslop.tests import factories as core
from milestones import services
from milestones.models import Milestone, Status
from milestones.tasks import send_reminders
from notices.models import Notice
from projects.models import GroupMembership
from projects.tests import factories as pf

from .factories import MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def plan(world):
    return pf.PlanFactory(municipality=world.municipality, name="Læringsløp Drammen",
                          start_year=TODAY().year - 1, end_year=TODAY().year + 2)


def test_late_is_derived_and_leaves_when_done(client, world, plan):
    late = MilestoneFactory(plan=plan, title="Første utkast levert", due_date=days(-2))
    MilestoneFactory(plan=plan, title="Ny samling", due_date=days(5))
    assert late.is_late() and late.status == Status.PLANNED
    assert list(Milestone.objects.late()) == [late]
    client.force_login(world.users["adviser"])
    page = client.get(reverse("milestones:timeline", args=[plan.pk])).content.decode()
    late_section = page.split('id="late-list"')[1].split("</ul>")[0]
    assert "Første utkast levert" in late_section and "Ny samling" not in late_section
    assert 'class="timeline-today"' in page and "is-late" in page
    client.post(reverse("milestones:complete", args=[late.pk]), {"completed_on": ""})
    late.refresh_from_db()
    assert (late.status, late.completed_on, late.is_late()) == (Status.DONE, TODAY(), False)
    assert 'id="late-list"' not in client.get(reverse("milestones:timeline", args=[plan.pk])).content.decode()


def test_form_refuses_a_past_due_date_unless_done(client, world, plan):
    client.force_login(world.users["adviser"])
    url = reverse("milestones:create", args=[plan.pk])
    data = {"title": "Samling på Holmsbu", "due_date": days(-1).isoformat(), "status": "planned"}
    page = client.post(url, data).content.decode()
    assert "Fristen er passert." in page and not Milestone.objects.exists()
    page = client.post(url, {**data, "status": "done", "completed_on": days(1).isoformat()}).content.decode()
    assert "Fullføringsdatoen kan ikke være fram i tid." in page
    client.post(url, {**data, "status": "done", "completed_on": days(-1).isoformat()})
    assert Milestone.objects.get().status == Status.DONE
    # An open milestone whose date has passed can still be edited without moving its date.
    old = MilestoneFactory(plan=plan, due_date=days(-3))
    response = client.post(reverse("milestones:edit", args=[old.pk]),
                           {"title": "Endret", "due_date": days(-3).isoformat(), "status": "in_progress",
                            "version": old.version})
    assert response.status_code == 302
    old.refresh_from_db()
    assert (old.title, old.status) == ("Endret", Status.IN_PROGRESS)


def test_deliverable_must_belong_to_the_plan(client, world, plan):
    other_draft = pf.DraftFactory(plan=pf.PlanFactory(municipality=world.municipality))
    client.force_login(world.users["adviser"])
    page = client.post(reverse("milestones:create", args=[plan.pk]), {
        "title": "Utkast", "due_date": days(3).isoformat(), "status": "planned",
        "delivers_draft": other_draft.pk}).content.decode()
    assert not Milestone.objects.exists()
    assert "Velg et gyldig valg" in page


def test_my_milestones_include_my_groups(client, world, plan):
    group = pf.GroupFactory(plan=plan)
    person = core.UserFactory(username="ansvarlig")
    GroupMembership.objects.create(group=group, user=person, category="unit_leader", start_date=TODAY())
    MilestoneFactory(plan=plan, title="Mitt ansvar", responsible_person=person)
    MilestoneFactory(plan=plan, title="Gruppas ansvar", responsible_group=group)
    MilestoneFactory(plan=plan, title="Andres ansvar")
    client.force_login(person)
    page = client.get(reverse("milestones:mine")).content.decode()
    assert "Mitt ansvar" in page and "Gruppas ansvar" in page and "Andres ansvar" not in page


def test_director_panel_shows_due_in_30_days_and_late_per_plan(client, world, plan):
    MilestoneFactory(plan=plan, title="Forsinket milepæl", due_date=days(-1))
    MilestoneFactory(plan=plan, title="Snart frist", due_date=days(29))
    MilestoneFactory(plan=plan, title="Langt fram", due_date=days(31))
    MilestoneFactory(plan=plan, title="Allerede gjort", due_date=days(3), status=Status.DONE, completed_on=TODAY())
    MilestoneFactory(plan=pf.PlanFactory(), title="Annen kommune", due_date=days(2))
    ended = pf.PlanFactory(municipality=world.municipality, name="Gammel plan", start_year=2016, end_year=2020)
    MilestoneFactory(plan=ended, title="Aldri fullført i 2016", due_date=datetime.date(2016, 9, 1))
    client.force_login(world.users["director"])
    page = client.get(reverse("home")).content.decode()
    assert "Milepæler: forsinket og frist innen 30 dager" in page
    assert "Læringsløp Drammen" in page and "Forsinket milepæl" in page and "Snart frist" in page
    for absent in ("Langt fram", "Allerede gjort", "Annen kommune", "Aldri fullført i 2016"):
        assert absent not in page
    client.force_login(world.users["rector"])
    assert "Snart frist" not in client.get(reverse("home")).content.decode()


def test_reminders_are_sent_once_per_event_even_if_the_job_runs_twice(world, plan, mailoutbox):
    person = core.UserFactory(username="hilde", email="hilde@example.invalid")
    soon = MilestoneFactory(plan=plan, title="Arbeidsmøte", due_date=days(3), responsible_person=person)
    late = MilestoneFactory(plan=plan, title="Mandat vedtatt", due_date=days(-1), responsible_person=person)
    MilestoneFactory(plan=plan, title="Langt unna", due_date=days(20), responsible_person=person)
    MilestoneFactory(plan=plan, title="Ferdig", due_date=days(-5), responsible_person=person,
                     status=Status.DONE, completed_on=days(-6))
    assert send_reminders.delay().get() == 2
    assert send_reminders.delay().get() == 0
    assert services.reminders_send() == 0
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects == [f"Frist for milepæl {soon.due_date:%d.%m.%Y}: Arbeidsmøte",
                        "Milepælen er forsinket: Mandat vedtatt"]
    assert mailoutbox[0].to == ["hilde@example.invalid"]
    assert "Mandat vedtatt" in mail.outbox[1].body or "Mandat vedtatt" in mail.outbox[0].body
    # The day it becomes late, the milestone that was due soon gets its late reminder: once.
    assert services.reminders_send(today=days(4)) == 1
    assert services.reminders_send(today=days(5)) == 0
    # A new due date is a new event.
    late.due_date = days(2)
    late.save()
    assert services.reminders_send() == 1
    assert Notice.objects.filter(kind__startswith="milestone_", status="sent").count() == 4


def test_calendar_feed_lists_milestones_and_a_new_token_stops_the_old_url(client, world, plan):
    MilestoneFactory(plan=plan, title="Samling på Holmsbu", due_date=datetime.date(TODAY().year, 10, 19))
    old_url = reverse("milestones:feed", args=[plan.feed_token])
    response = client.get(old_url)
    assert response["Content-Type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    assert [str(e["SUMMARY"]) for e in events] == ["Samling på Holmsbu"]
    assert events[0].decoded("DTSTART") == datetime.date(TODAY().year, 10, 19)
    client.force_login(world.users["adviser"])
    client.post(reverse("milestones:feed_regenerate", args=[plan.pk]))
    plan.refresh_from_db()
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("milestones:feed", args=[plan.feed_token])).status_code == 200


def _many(plan, n, person):
    group = pf.GroupFactory(plan=plan)
    GroupMembership.objects.create(group=group, user=person, start_date=TODAY())
    phase = pf.PhaseFactory(plan=plan, start_date=days(-100), end_date=days(100))
    for i in range(n):
        MilestoneFactory(plan=plan, phase=phase, responsible_group=group, responsible_person=person,
                         due_date=days(i % 40 - 10))


def test_milestone_pages_use_a_bounded_number_of_queries(client, world, plan, django_assert_max_num_queries):
    director = world.users["director"]
    client.force_login(director)
    urls = [reverse("milestones:timeline", args=[plan.pk]), reverse("milestones:mine"),
            reverse("milestones:overview"), reverse("home")]
    _many(plan, 10, director)
    small = {}
    for url in urls:
        with django_assert_max_num_queries(40) as captured:
            client.get(url)
        small[url] = len(captured.captured_queries)
    _many(plan, 100, director)
    _many(pf.PlanFactory(municipality=world.municipality), 100, director)
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200
