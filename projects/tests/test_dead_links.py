"""Pages show links only to what the reader may open: a rector in a project group sees the steering group
it reports to by name (no link to a page that answers 404), and a milestone's deliverable likewise."""
import datetime

import pytest
from django.urls import reverse

from laeringslop.tests import factories as core
from milestones.models import Milestone
from projects.models import GroupKind

from . import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_world():
    municipality = core.MunicipalityFactory(name="Elvedal", number="9901")
    school = core.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    rector = core.rector(school, username="rektor")
    plan = pf.PlanFactory(municipality=municipality)
    steering = pf.GroupFactory(plan=plan, name="Styringsgruppa", kind=GroupKind.STEERING)
    group = pf.GroupFactory(plan=plan, name="Prosjektgruppe lesing", parent=steering)
    pf.MembershipFactory(group=group, user=rector, start_date=datetime.date(2024, 1, 1))
    mandate = pf.MandateFactory(group=steering, title="Styringsgruppas mandat")
    return {"rector": rector, "plan": plan, "steering": steering, "group": group, "mandate": mandate}


def test_a_member_sees_the_steering_group_by_name_without_a_dead_link(client, plan_world):
    client.force_login(plan_world["rector"])
    html = client.get(reverse("projects:group_detail", args=[plan_world["group"].pk])).content.decode()
    assert "Styringsgruppa" in html
    assert reverse("projects:group_detail", args=[plan_world["steering"].pk]) not in html
    assert client.get(reverse("projects:group_detail", args=[plan_world["steering"].pk])).status_code == 404


def test_a_milestones_deliverable_the_reader_may_not_open_is_shown_without_a_link(client, plan_world):
    Milestone.objects.create(plan=plan_world["plan"], title="Mandatet vedtas", due_date=datetime.date(2026, 9, 1),
                             delivers_mandate=plan_world["mandate"])
    client.force_login(plan_world["rector"])
    response = client.get(reverse("milestones:timeline", args=[plan_world["plan"].pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "Styringsgruppas mandat" in html
    assert reverse("projects:mandate_detail", args=[plan_world["mandate"].pk]) not in html
