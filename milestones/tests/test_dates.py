"""A milestone's dates stay within its plan (and its phase), on the form and on "mark as done"."""
import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from milestones.models import Milestone, Status
from projects.tests import factories as pf

from .factories import MilestoneFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def plan(world):
    return pf.PlanFactory(municipality=world.municipality, name="Læringsløp Drammen", start_year=2016, end_year=2020)


def _post(client, world, plan, **data):
    client.force_login(world.users["adviser"])
    return client.post(reverse("milestones:create", args=[plan.pk]),
                       {"title": "Samling", "status": "planned", **data})


def test_a_due_date_outside_the_plan_is_refused(client, world, plan):
    response = _post(client, world, plan, due_date="2099-01-01")
    assert response.status_code == 200
    assert "Fristen må ligge innenfor planens periode, 01.01.2016–31.12.2020." in response.content.decode()
    assert not Milestone.objects.exists()


def test_the_plan_period_covers_a_preparatory_phase_before_its_first_year(client, world, plan):
    pf.PhaseFactory(plan=plan, number=1, start_date=D(2015, 8, 15), end_date=D(2016, 1, 29))
    response = _post(client, world, plan, due_date="2015-09-11", status="done", completed_on="2015-09-11")
    assert response.status_code == 302
    assert Milestone.objects.get().due_date == D(2015, 9, 11)


def test_a_due_date_outside_the_chosen_phase_is_refused(client, world, plan):
    phase = pf.PhaseFactory(plan=plan, number=1, name="Første fase", start_date=D(2016, 8, 1),
                            end_date=D(2017, 6, 30))
    response = _post(client, world, plan, due_date="2018-03-01", phase=phase.pk, status="done",
                     completed_on="2018-03-01")
    assert response.status_code == 200
    assert "Fristen må ligge innenfor fasen 1. Første fase, 01.08.2016–30.06.2017." in response.content.decode()
    assert not Milestone.objects.exists()


def test_mark_as_done_refuses_a_date_before_the_plan(client, world, plan):
    milestone = MilestoneFactory(plan=plan, due_date=D(2017, 3, 1))
    client.force_login(world.users["adviser"])
    response = client.post(reverse("milestones:complete", args=[milestone.pk]), {"completed_on": "1999-01-01"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Fullføringsdatoen kan ikke være før planen startet (01.01.2016)."]
    milestone.refresh_from_db()
    assert (milestone.status, milestone.completed_on) == (Status.PLANNED, None)
    response = client.post(reverse("milestones:complete", args=[milestone.pk]), {"completed_on": "2017-03-02"})
    milestone.refresh_from_db()
    assert (milestone.status, milestone.completed_on) == (Status.DONE, D(2017, 3, 2))


def test_the_milestone_form_refuses_a_completion_date_before_the_plan(client, world, plan):
    response = _post(client, world, plan, due_date="2016-05-01", status="done", completed_on="1999-01-01")
    assert "Fullføringsdatoen kan ikke være før planen startet (01.01.2016)." in response.content.decode()
    assert not Milestone.objects.exists()
