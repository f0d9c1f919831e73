"""A person's calendar address: made, replaced and turned off by its person; read without login by a
calendar app, with what «Året» shows that person and nothing of anyone else's."""
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from laeringslop.models import RoleAssignment
from laeringslop.tests import factories as f
from laeringslop.tests.clock import freeze
from leadership.models import LeaderMeeting

from ..models import SchoolVisit
from ..subscriptions import calendar_subscription_renew, calendar_subscription_stop, subscription_by_token
from . import factories as df

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime(2026, 9, 1, 8, 0))


@pytest.fixture
def town(monkeypatch):
    freeze(monkeypatch, NOW)
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    other_school = f.SchoolFactory(municipality=municipality, name="Granli skole")
    return {"municipality": municipality, "school": school, "other_school": other_school,
            "rector": f.rector(school, username="rektor"), "adviser": f.adviser(municipality, username="radgiver"),
            "no_role": f.UserFactory(username="ingen")}


def _visit(school, day, hour=9, place="Personalrommet"):
    starts = timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))
    return SchoolVisit.objects.create(municipality=school.municipality, school=school, school_year=2026,
                                      starts_at=starts, ends_at=starts + timedelta(hours=2), place=place)


def _meeting(town, day, *, invited=(), cancelled=False, title="Skoleledermøte om vurdering"):
    starts = timezone.make_aware(datetime(day.year, day.month, day.day, 12, 30))
    meeting = LeaderMeeting.objects.create(
        municipality=town["municipality"], kind="school_leaders", title=title, starts_at=starts,
        ends_at=starts + timedelta(hours=3), place="Rådhuset", target_group="rectors",
        cancelled_at=NOW if cancelled else None)
    meeting.participants.set(invited)
    return meeting


def _read(client, subscription):
    response = client.get(reverse("dialogue:calendar_feed", args=[subscription.token]))
    assert response.status_code == 200
    return [c for c in Calendar.from_ical(response.content).walk("VEVENT")]


def test_a_person_with_a_role_gets_an_address(town):
    subscription = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"])
    assert len(subscription.token) >= 40


def test_a_person_without_a_role_in_the_municipality_is_refused(town):
    with pytest.raises(ValidationError) as error:
        calendar_subscription_renew(user=town["no_role"], municipality=town["municipality"])
    assert error.value.code == "no_role"


def test_a_new_address_makes_the_old_one_stop_working(town):
    old = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"]).token
    new = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"]).token
    assert new != old
    assert subscription_by_token(old) is None


def test_an_address_turned_off_gives_nothing(client, town):
    token = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"]).token
    calendar_subscription_stop(user=town["rector"], municipality=town["municipality"])
    assert client.get(reverse("dialogue:calendar_feed", args=[token])).status_code == 404


def test_a_person_who_lost_their_role_gets_nothing_from_the_address(client, town):
    token = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"]).token
    RoleAssignment.objects.filter(user=town["rector"]).delete()
    assert client.get(reverse("dialogue:calendar_feed", args=[token])).status_code == 404


def test_a_closed_account_gets_nothing_from_the_address(client, town):
    token = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"]).token
    town["rector"].is_active = False
    town["rector"].save()
    assert client.get(reverse("dialogue:calendar_feed", args=[token])).status_code == 404


def test_the_rectors_calendar_has_the_own_schools_visit_with_its_time_and_place(client, town):
    _visit(town["school"], date(2026, 10, 6))
    subscription = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"])
    event, = [e for e in _read(client, subscription) if "Bjørkelia" in str(e["summary"])]
    assert timezone.localtime(event.decoded("dtstart")).strftime("%Y-%m-%d %H:%M") == "2026-10-06 09:00"
    assert str(event["location"]) == "Personalrommet"


def test_the_rectors_calendar_leaves_out_another_schools_visit(client, town):
    _visit(town["other_school"], date(2026, 10, 7))
    subscription = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"])
    assert not [e for e in _read(client, subscription) if "Granli" in str(e["summary"])]


def test_the_advisers_calendar_has_every_schools_visit(client, town):
    _visit(town["school"], date(2026, 10, 6))
    _visit(town["other_school"], date(2026, 10, 7))
    subscription = calendar_subscription_renew(user=town["adviser"], municipality=town["municipality"])
    summaries = {str(e["summary"]) for e in _read(client, subscription)}
    assert {"Skolebesøk: Bjørkelia skole", "Skolebesøk: Granli skole"} <= summaries


def test_a_leader_meeting_the_rector_is_invited_to_has_its_time(client, town):
    _meeting(town, date(2026, 9, 24), invited=[town["rector"]])
    subscription = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"])
    event, = [e for e in _read(client, subscription) if "vurdering" in str(e["summary"])]
    assert timezone.localtime(event.decoded("dtend")).strftime("%H:%M") == "15:30"


def test_a_leader_meeting_the_rector_is_not_invited_to_is_left_out(client, town):
    _meeting(town, date(2026, 9, 24), invited=[town["adviser"]])
    subscription = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"])
    assert not [e for e in _read(client, subscription) if "vurdering" in str(e["summary"])]


def test_a_cancelled_meeting_is_marked_cancelled(client, town):
    _meeting(town, date(2026, 9, 24), invited=[town["rector"]], cancelled=True)
    subscription = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"])
    event, = [e for e in _read(client, subscription) if "vurdering" in str(e["summary"])]
    assert str(event["status"]) == "CANCELLED"


def test_the_published_years_deadline_is_a_whole_day(client, town):
    df.MirrorYearFactory(municipality=town["municipality"], school_year=2026, status="published",
                         deadline=date(2026, 10, 15))
    subscription = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"])
    days = [e.decoded("dtstart") for e in _read(client, subscription) if "2026-27" in str(e["summary"])]
    assert date(2026, 10, 15) in days


def test_the_calendar_carries_no_notes_of_a_visit(client, town):
    visit = _visit(town["school"], date(2026, 10, 6))
    visit.agreed_notes = "Avtalt: skolen styrker lesingen."
    visit.notes_agreed_at = NOW
    visit.save()
    subscription = calendar_subscription_renew(user=town["rector"], municipality=town["municipality"])
    response = client.get(reverse("dialogue:calendar_feed", args=[subscription.token]))
    assert "lesingen" not in response.content.decode()


def test_reading_the_calendar_takes_the_same_queries_for_more_visits(client, town, django_assert_max_num_queries):
    for day in range(1, 21):
        _visit(f.SchoolFactory(municipality=town["municipality"], name=f"Skole {day}"), date(2026, 11, day))
        _meeting(town, date(2026, 12, day), invited=[town["adviser"]], title=f"Møte {day}")
    subscription = calendar_subscription_renew(user=town["adviser"], municipality=town["municipality"])
    with django_assert_max_num_queries(12):
        assert len(_read(client, subscription)) >= 40


def test_the_page_offers_to_make_an_address(client, town):
    client.force_login(town["rector"])
    response = client.get(reverse("dialogue:calendar_subscription"))
    assert "Du har ingen kalenderadresse ennå." in response.content.decode()


def test_making_the_address_shows_it(client, town):
    client.force_login(town["rector"])
    response = client.post(reverse("dialogue:calendar_subscription"), {"action": "renew"}, follow=True)
    token = town["rector"].calendar_subscriptions.get().token
    assert reverse("dialogue:calendar_feed", args=[token]) in response.content.decode()


def test_a_new_address_is_announced_in_norwegian(client, town):
    client.force_login(town["rector"])
    client.post(reverse("dialogue:calendar_subscription"), {"action": "renew"})
    response = client.post(reverse("dialogue:calendar_subscription"), {"action": "renew"}, follow=True)
    assert "Den gamle adressen virker ikke lenger." in response.content.decode()


def test_an_unknown_action_is_refused(client, town):
    client.force_login(town["rector"])
    assert client.post(reverse("dialogue:calendar_subscription"), {"action": "x"}).status_code == 400


def test_a_kindergarten_heads_calendar_has_no_steps_of_the_schools_year(client, town):
    df.MirrorYearFactory(municipality=town["municipality"], school_year=2026, status="published",
                         deadline=date(2026, 10, 15))
    head = f.kindergarten_head(f.KindergartenFactory(municipality=town["municipality"]), username="styrer")
    subscription = calendar_subscription_renew(user=head, municipality=town["municipality"])
    assert not [e for e in _read(client, subscription) if "2026-27" in str(e["summary"])]
