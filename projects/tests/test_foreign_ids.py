"""A crafted POST that names another municipality's group, user, phase, unit or draft is refused
with a form error, and nothing is stored (every choice is limited to the plan's municipality)."""
import pytest
from django.urls import reverse

from projects.models import DraftComment, GroupMembership, Input, Mandate, ProjectGroup, StatusReport

from .access import objs

pytestmark = pytest.mark.django_db

INVALID = "Velg et gyldig valg."
#: A person field (projects/people.py) says why the person was refused.
NOT_OF_THE_MUNICIPALITY = "Velg en person som arbeider i kommunen"


@pytest.fixture
def o(world):
    return objs(world)


def refused(client, user, url, data, field, message=INVALID, also=()):
    """POST ``data``; the form comes back with ``message`` on ``field`` and on no other field (but
    ``also``: fields whose rule needs the refused one)."""
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    assert set(form.errors) - set(also) == {field}, form.errors
    assert any(message in error for error in form.errors[field]), form.errors[field]
    assert message in response.content.decode()
    return response


GROUP = {"name": "Ny gruppe", "kind": "project", "stage": "all", "start_date": "", "end_date": "",
         "description": "", "version": 0}


def test_group_parent_of_another_municipality(client, world, o):
    url = reverse("projects:group_create", args=[o.plan.pk])
    refused(client, world.user("adviser"), url, {**GROUP, "parent": o.foreign_group.pk}, "parent")
    assert not ProjectGroup.objects.filter(name="Ny gruppe").exists()
    # The same POST with the plan's own group is stored (only the foreign id was wrong).
    client.post(url, {**GROUP, "parent": o.steering.pk})
    assert ProjectGroup.objects.get(name="Ny gruppe").parent == o.steering


def test_group_edit_parent_of_another_municipality(client, world, o):
    data = {**GROUP, "name": o.group.name, "parent": o.foreign_group.pk, "version": o.group.version}
    refused(client, world.user("adviser"), reverse("projects:group_edit", args=[o.group.pk]), data, "parent")
    o.group.refresh_from_db()
    assert o.group.parent == o.steering


MEMBER = {"person_name": "", "person_email": "", "organisation": "", "role": "member",
          "category": "administration", "start_date": "2025-01-01", "end_date": "", "version": 0}


def test_member_user_of_another_municipality(client, world, o):
    url = reverse("projects:member_create", args=[o.group.pk])
    refused(client, world.user("adviser"), url, {**MEMBER, "user": world.user("other_adviser").pk}, "user",
            message=NOT_OF_THE_MUNICIPALITY, also={"person_name"})  # «a portal user or an outside person's name»: the user was refused
    assert not GroupMembership.objects.filter(user=world.user("other_adviser")).exists()
    client.post(url, {**MEMBER, "user": world.user("director").pk})
    assert GroupMembership.objects.filter(group=o.group, user=world.user("director")).exists()


def test_mandate_phase_of_another_municipality(client, world, o):
    url = reverse("projects:mandate_create", args=[o.steering.pk])
    data = {"title": "Nytt mandat", "text": "Gruppa skal ...", "status": "draft", "adopted_on": "", "version": 0}
    refused(client, world.user("adviser"), url, {**data, "phase": o.foreign_phase.pk}, "phase")
    assert not Mandate.objects.filter(title="Nytt mandat").exists()
    client.post(url, {**data, "phase": o.phase.pk})
    assert Mandate.objects.filter(title="Nytt mandat", group=o.steering, phase=o.phase).exists()


def test_input_to_a_group_or_for_a_unit_of_another_municipality(client, world, o):
    url = reverse("projects:input_create")
    data = {"title": "Nytt innspill", "text": "Vi foreslår ..."}
    rector = world.user("rector")
    refused(client, rector, url, {**data, "group": o.foreign_group.pk, "unit": world.school.pk}, "group",
            "Du kan ikke sende innspill til den gruppa.")
    refused(client, rector, url, {**data, "group": o.group.pk, "unit": world.foreign_school.pk}, "unit",
            "Du kan bare sende innspill for en enhet du leder.")
    assert not Input.objects.filter(title="Nytt innspill").exists()
    client.post(url, {**data, "group": o.group.pk, "unit": world.school.pk})
    assert Input.objects.filter(title="Nytt innspill", group=o.group, unit=world.school).exists()


def test_report_group_of_another_municipality(client, world, o):
    url = reverse("projects:report_create", args=[o.plan.pk])
    data = {"as_of": "2025-03-01", "description": "Ny status", "organisation_notes": "", "challenges": "",
            "comments": "", "version": 0,
            "items-TOTAL_FORMS": 0, "items-INITIAL_FORMS": 0, "items-MIN_NUM_FORMS": 0, "items-MAX_NUM_FORMS": 1000}
    refused(client, world.user("adviser"), url, {**data, "group": o.foreign_group.pk}, "group")
    assert not StatusReport.objects.filter(description="Ny status").exists()
    client.post(url, {**data, "group": o.group.pk})
    assert StatusReport.objects.filter(description="Ny status", group=o.group).exists()


def test_draft_comment_for_a_group_of_another_municipality(client, world, o):
    client.force_login(world.user("adviser"))
    url = reverse("projects:draft_comment", args=[o.draft.pk])
    response = client.post(url, {"group": o.foreign_group.pk, "text": "Fremmed kommentar"}, follow=True)
    assert INVALID in response.content.decode()
    assert not DraftComment.objects.filter(text="Fremmed kommentar").exists()
    client.post(url, {"group": o.group.pk, "text": "Egen kommentar"})
    assert DraftComment.objects.filter(text="Egen kommentar", group=o.group).exists()


def test_input_processed_into_a_draft_of_another_municipality(client, world, o):
    client.force_login(world.user("adviser"))
    url = reverse("projects:input_process", args=[o.own_input.pk])
    response = client.post(url, {"draft": o.foreign_draft.pk}, follow=True)
    assert "Velg et utkast i denne planen." in response.content.decode()
    o.own_input.refresh_from_db()
    assert o.own_input.draft_id is None and o.own_input.processed_at is None
    client.post(url, {"draft": o.draft.pk})
    o.own_input.refresh_from_db()
    assert o.own_input.draft == o.draft and o.own_input.processed_at is not None
