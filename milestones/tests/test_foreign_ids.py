"""A crafted milestone POST that names another municipality's phase, group, person, mandate, draft
or report is refused with a form error, and nothing is stored."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from milestones.models import Milestone
from projects.tests import factories as pf
from projects.tests.access import objs

pytestmark = pytest.mark.django_db

INVALID = "Velg et gyldig valg."
#: A person field (projects/people.py) says why the person was refused.
NOT_OF_THE_MUNICIPALITY = "Velg en person som arbeider i kommunen"


def _data(**fields):
    due = timezone.localdate() + datetime.timedelta(days=20)
    return {"title": "Ny milepæl", "description": "", "due_date": due.isoformat(), "phase": "",
            "responsible_group": "", "responsible_person": "", "status": "planned", "completed_on": "",
            "delivers_mandate": "", "delivers_draft": "", "delivers_report": "", "version": 0, **fields}


@pytest.mark.parametrize("field", ["phase", "responsible_group", "responsible_person", "delivers_mandate",
                                   "delivers_draft", "delivers_report"])
def test_a_choice_of_another_municipality_is_refused(client, world, field):
    o = objs(world)
    foreign = {
        "phase": o.foreign_phase, "responsible_group": o.foreign_group,
        "responsible_person": world.user("other_adviser"),
        "delivers_mandate": pf.MandateFactory(group=o.foreign_group, phase=o.foreign_phase),
        "delivers_draft": o.foreign_draft, "delivers_report": o.foreign_report,
    }[field]
    own = {
        "phase": o.phase, "responsible_group": o.group, "responsible_person": world.user("adviser"),
        "delivers_mandate": o.mandate, "delivers_draft": o.draft, "delivers_report": o.report,
    }[field]
    client.force_login(world.user("adviser"))
    url = reverse("milestones:create", args=[o.plan.pk])
    response = client.post(url, _data(**{field: foreign.pk}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    message = NOT_OF_THE_MUNICIPALITY if field == "responsible_person" else INVALID
    assert set(errors) == {field} and message in errors[field][0], errors
    assert not Milestone.objects.filter(title="Ny milepæl").exists()
    # The plan's own choice is stored (a milestone of the phase is due within it: done, back then).
    in_phase = {"due_date": o.phase.start_date.isoformat(), "status": "done",
                "completed_on": o.phase.start_date.isoformat()} if field == "phase" else {}
    client.post(url, _data(**{field: own.pk}, **in_phase))
    assert getattr(Milestone.objects.get(title="Ny milepæl"), field) == own


def test_editing_a_milestone_to_a_person_of_another_municipality_is_refused(client, world):
    from .access import milestone

    stored = milestone(world)
    client.force_login(world.user("adviser"))
    response = client.post(reverse("milestones:edit", args=[stored.pk]), _data(
        title=stored.title, due_date=stored.due_date.isoformat(), version=stored.version,
        responsible_person=world.user("other_director").pk))
    errors = response.context["form"].errors
    assert set(errors) == {"responsible_person"} and NOT_OF_THE_MUNICIPALITY in errors["responsible_person"][0], errors
    stored.refresh_from_db()
    assert stored.responsible_person == world.user("adviser")
