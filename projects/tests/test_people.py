"""«Ansvarlig person»: the municipality's people by full name, role and unit, the plan's group members
first, and the server refuses anyone outside the municipality."""
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from laeringslop.tests import factories as core
from milestones.models import Milestone
from projects.people import person_label

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(world):
    """Two people called Kari Berg (a rector and a kindergarten head), a plan with a group whose member
    is the rector, and an adviser of another municipality."""
    school = core.SchoolFactory(municipality=world.municipality, name="Almeåsen skole")
    kindergarten = core.KindergartenFactory(municipality=world.municipality, name="Vesleheim barnehage")
    rector = core.rector(school, username="kari1", first_name="Kari", last_name="Berg")
    head = core.kindergarten_head(kindergarten, username="kari2", first_name="Kari", last_name="Berg")
    today = timezone.localdate()
    plan = f.PlanFactory(municipality=world.municipality, start_year=today.year - 1, end_year=today.year + 2)
    group = f.GroupFactory(plan=plan, name="Arbeidsgruppe Verden")
    f.MembershipFactory(group=group, user=rector, start_date=today - datetime.timedelta(days=30))
    return {"plan": plan, "group": group, "rector": rector, "head": head}


def _select(page, name):
    return re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)


def test_a_person_is_shown_with_role_and_unit(town):
    from projects.people import municipality_people

    people = {u.username: person_label(u) for u in municipality_people(town["plan"].municipality_id)}
    assert people["kari1"] == "Kari Berg — rektor, Almeåsen skole"
    assert people["kari2"] == "Kari Berg — styrer, Vesleheim barnehage"


def test_the_milestone_form_lists_the_plans_group_members_first(client, world, town):
    client.force_login(world.users["adviser"])
    page = client.get(reverse("milestones:create", args=[town["plan"].pk])).content.decode()
    select = _select(page, "responsible_person")
    members = select.index('<optgroup label="Med i planens grupper">')
    others = select.index('<optgroup label="Andre i kommunen">')
    assert members < select.index("Kari Berg — rektor, Almeåsen skole") < others
    assert others < select.index("Kari Berg — styrer, Vesleheim barnehage")


def test_the_choice_holds_only_the_municipalitys_people(client, world, town):
    client.force_login(world.users["adviser"])
    page = client.get(reverse("milestones:create", args=[town["plan"].pk])).content.decode()
    select = _select(page, "responsible_person")
    assert "Fremmed" not in select  # the other municipality's users
    assert "Fylke-county" not in select and "Ingen-no-role" not in select  # the county user, one without a role


def test_the_server_refuses_a_person_of_another_municipality(client, world, town):
    client.force_login(world.users["adviser"])
    response = client.post(reverse("milestones:create", args=[town["plan"].pk]), {
        "title": "Arbeidsmøte", "due_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        "status": "planned", "responsible_person": world.users["other_adviser"].pk, "version": 0})
    assert response.status_code == 200
    assert "Velg en person som arbeider i kommunen" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_person_of_the_municipality_is_saved_as_responsible(client, world, town):
    client.force_login(world.users["adviser"])
    client.post(reverse("milestones:create", args=[town["plan"].pk]), {
        "title": "Arbeidsmøte", "due_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        "status": "planned", "responsible_person": town["head"].pk, "version": 0})
    assert Milestone.objects.get().responsible_person == town["head"]


def test_the_member_form_uses_the_same_choice(client, world, town):
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:member_create", args=[town["group"].pk])).content.decode()
    select = _select(page, "user")
    assert "Kari Berg — styrer, Vesleheim barnehage" in select and "data-person-search" in select
    assert "js/person-search.js" in page


def test_the_milestone_form_has_a_bounded_number_of_queries(client, world, town, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users["adviser"])
    url = reverse("milestones:create", args=[town["plan"].pk])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(30):
        school = core.SchoolFactory(municipality=world.municipality, name=f"Skole {i}")
        user = core.rector(school, username=f"rektor{i}", first_name="Rektor", last_name=str(i))
        f.MembershipFactory(group=town["group"], user=user, start_date=timezone.localdate())
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert "Rektor 29 — rektor, Skole 29" in page
