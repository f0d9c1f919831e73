"""The yearly cycle: its steps' dates (copied a year on), their states derived from the data, the
schools fixed at publishing, and the «Året» page for the staff and for a rector."""
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator
from laeringslop.tests import factories as f

from .. import followup, services
from ..models import MirrorYear
from ..selectors.cycle import State, cycle
from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def today(monkeypatch):
    """Freeze the clock on a local date (noon in Oslo)."""
    def freeze(day: date):
        instant = datetime(day.year, day.month, day.day, 11, 0, tzinfo=UTC)
        monkeypatch.setattr("django.utils.timezone.now", lambda: instant)
        return day
    return freeze


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    schools = [f.SchoolFactory(municipality=municipality, name=name) for name in ("Bjørkelia skole", "Granli skole")]
    return {"municipality": municipality, "schools": schools, "director": f.director(municipality, username="direktor"),
            "rector": f.rector(schools[0], username="rektor")}


def _year(town, **dates):
    year = services.mirror_year_create(municipality=town["municipality"], school_year=YEAR, copy_previous=False)
    for name, day in dates.items():
        setattr(year, name, day)
    year.save()
    year.indicators.set(Indicator.objects.filter(code__in=["NPLES05", "EU_TRIVSEL"]))
    df.QuestionFactory(mirror_year=year)
    return year


def _step(data, key):
    return next(step for step in data.steps if step.key == key)


def test_a_new_year_takes_last_years_step_dates_a_year_on(town):
    last = services.mirror_year_create(municipality=town["municipality"], school_year=YEAR - 1, copy_previous=False)
    last.results_expected_on, last.dialogues_from, last.dialogues_until = (date(2025, 11, 14), date(2026, 1, 12),
                                                                           date(2026, 1, 30))
    last.save()
    new = services.mirror_year_create(municipality=town["municipality"], school_year=YEAR)
    assert (new.results_expected_on, new.dialogues_from, new.dialogues_until, new.visits_from) == (
        date(2026, 11, 14), date(2027, 1, 12), date(2027, 1, 30), None)


def test_a_step_date_outside_the_school_year_is_refused(town):
    year = MirrorYear(municipality=town["municipality"], school_year=YEAR, deadline=date(2026, 12, 15),
                      visits_from=date(2026, 7, 30))
    with pytest.raises(ValidationError) as error:
        year.full_clean()
    assert [e.code for e in error.value.error_dict["visits_from"]] == ["outside_year"]


def test_a_step_that_ends_before_it_starts_is_refused(town):
    year = MirrorYear(municipality=town["municipality"], school_year=YEAR, deadline=date(2026, 12, 15),
                      dialogues_from=date(2027, 1, 20), dialogues_until=date(2027, 1, 10))
    with pytest.raises(ValidationError) as error:
        year.full_clean()
    assert [e.code for e in error.value.error_dict["dialogues_until"]] == ["ends_before_start"]


def test_a_school_closed_after_publishing_stays_in_the_years_counts(town):
    year = services.mirror_year_publish(_year(town))
    closed = town["schools"][1]
    closed.active = False
    closed.save()
    f.SchoolFactory(municipality=town["municipality"], name="Ny skole")
    assert [row.school.name for row in cycle(year).rows] == ["Bjørkelia skole", "Granli skole"]


def test_the_self_assessment_is_behind_after_the_deadline_with_a_school_missing(town, today):
    year = services.mirror_year_publish(_year(town))
    today(year.deadline + timedelta(days=1))
    step = _step(cycle(year), "assessment")
    assert (step.state, step.summary) == (State.LATE, "0 av 2 levert · 2 for sent")


def test_the_self_assessment_is_in_progress_before_the_deadline(town, today):
    year = services.mirror_year_publish(_year(town))
    today(year.deadline - timedelta(days=3))
    assert _step(cycle(year), "assessment").state == State.OPEN


def test_the_self_assessment_is_done_when_every_school_has_submitted(town, today):
    year = services.mirror_year_publish(_year(town))
    today(year.deadline - timedelta(days=3))
    for school in town["schools"]:
        df.AssessmentFactory(mirror_year=year, school=school, status="submitted", submitted_at=timezone.now())
    assert _step(cycle(year), "assessment").state == State.DONE


def test_results_are_in_when_the_years_values_are_imported(town):
    year = services.mirror_year_publish(_year(town, results_expected_on=date(2026, 11, 13)))
    df.value("NPLES05", YEAR, school=town["schools"][0], v=51)
    step = _step(cycle(year), "results")
    assert (step.state, step.summary) == (State.DONE, "1 av 2 skoler har resultater")


def test_dialogues_held_are_counted(town, today):
    year = services.mirror_year_publish(_year(town, dialogues_from=date(2027, 1, 11), dialogues_until=date(2027, 1, 29)))
    today(date(2027, 1, 20))
    followup.dialogue_record(mirror_year=year, school=town["schools"][0], user=town["director"],
                             held_on=date(2027, 1, 14), participants="Direktør og rektor", summary="Lesing.")
    step = _step(cycle(year), "dialogues")
    assert (step.state, step.summary) == (State.OPEN, "1 av 2 gjennomført")


def test_the_cycle_reads_a_fixed_number_of_queries(town):
    year = services.mirror_year_publish(_year(town))
    cycle(year)
    with CaptureQueriesContext(connection) as few:
        cycle(MirrorYear.objects.get(pk=year.pk))
    for n in range(30):
        f.SchoolFactory(municipality=town["municipality"], name=f"Skole {n}")
    year.schools.set(town["municipality"].units.all())
    with CaptureQueriesContext(connection) as many:
        cycle(MirrorYear.objects.get(pk=year.pk))
    assert len(many) == len(few)


def test_the_director_sees_every_school_and_today_on_the_timeline(client, town, today):
    year = services.mirror_year_publish(_year(town))
    today(date(2026, 12, 1))
    client.force_login(town["director"])
    html = client.get(reverse("dialogue:year_cycle")).content.decode()
    assert "Året 2026-27" in html and "Bjørkelia skole" in html and "Granli skole" in html and "I dag" in html
    assert year.label in html


def test_a_rector_sees_only_their_own_school(client, town):
    services.mirror_year_publish(_year(town))
    client.force_login(town["rector"])
    html = client.get(reverse("dialogue:year_cycle")).content.decode()
    assert "Bjørkelia skole" in html and "Granli skole" not in html and "Din skole" in html


def test_a_rectors_steps_count_their_own_school(client, town):
    services.mirror_year_publish(_year(town))
    client.force_login(town["rector"])
    assert "0 av 1 levert" in client.get(reverse("dialogue:year_cycle")).content.decode()


def test_a_rector_does_not_see_a_year_being_set_up(client, town):
    _year(town)
    client.force_login(town["rector"])
    html = client.get(reverse("dialogue:year_cycle")).content.decode()
    assert "Kommunen har ikke publisert et skoleår ennå." in html


def test_the_calendar_shows_the_steps_and_the_plans_milestones_by_month(client, town):
    from milestones.models import Milestone
    from projects.tests.factories import PlanFactory

    services.mirror_year_publish(_year(town, dialogues_from=date(2027, 1, 11), dialogues_until=date(2027, 1, 29)))
    plan = PlanFactory(municipality=town["municipality"])
    Milestone.objects.create(plan=plan, title="Styringsgruppemøte om handlingsplanen", due_date=date(2027, 1, 20))
    client.force_login(town["director"])
    html = client.get(reverse("dialogue:year_cycle")).content.decode()
    january = html[html.index("januar 2027"):html.index("februar 2027")]
    assert "Samtaler med rektorene" in january and "Styringsgruppemøte om handlingsplanen" in january


def test_the_plans_calendar_feed_carries_the_years_steps(client, town):
    from icalendar import Calendar

    from projects.tests.factories import PlanFactory

    services.mirror_year_publish(_year(town, dialogues_from=date(2027, 1, 11), dialogues_until=date(2027, 1, 29)))
    plan = PlanFactory(municipality=town["municipality"], start_year=2025, end_year=2028)
    response = client.get(reverse("milestones:feed", args=[plan.feed_token]))
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    dialogues = events["Samtaler med rektorene (2026-27)"]
    assert (dialogues.decoded("DTSTART"), dialogues.decoded("DTEND")) == (date(2027, 1, 11), date(2027, 1, 30))


def test_a_year_being_set_up_is_not_in_the_feed(client, town):
    from icalendar import Calendar

    from projects.tests.factories import PlanFactory

    _year(town)
    plan = PlanFactory(municipality=town["municipality"], start_year=2025, end_year=2028)
    response = client.get(reverse("milestones:feed", args=[plan.feed_token]))
    assert list(Calendar.from_ical(response.content).walk("VEVENT")) == []


def test_school_visits_held_are_counted_and_on_the_calendar(client, town, today):
    from ..models import SchoolVisit

    year = services.mirror_year_publish(_year(town, visits_from=date(2026, 9, 1), visits_until=date(2026, 11, 27)))
    today(date(2026, 10, 20))
    start = timezone.make_aware(datetime(2026, 10, 6, 9, 0))
    SchoolVisit.objects.create(municipality=town["municipality"], school=town["schools"][0], school_year=YEAR,
                               starts_at=start, ends_at=start + timedelta(hours=2))
    step = _step(cycle(year), "visits")
    assert (step.state, step.summary) == (State.OPEN, "1 av 2 gjennomført · 1 planlagt")
    client.force_login(town["director"])
    html = client.get(reverse("dialogue:year_cycle")).content.decode()
    october = html[html.index("oktober 2026"):html.index("november 2026")]
    assert "Skolebesøk: Bjørkelia skole" in october
