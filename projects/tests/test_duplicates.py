"""A duplicate key typed into a form is answered on the form, in Norwegian, and nothing is saved."""
import datetime
import html

import pytest
from django.urls import reverse

from projects.models import (
    ActionPlanDraft,
    DraftStatus,
    Expectation,
    Goal,
    GroupMembership,
    Mandate,
    Phase,
    ProjectGroup,
    QualityPlan,
)

from . import factories as f

pytestmark = pytest.mark.django_db

PLAN = {"start_year": 2016, "end_year": 2020, "vision": "", "focus_areas": ""}
PHASE = {"start_date": "2016-08-01", "end_date": "2017-06-30", "description": ""}
GROUP = {"kind": "project", "stage": "all", "parent": "", "start_date": "", "end_date": "", "description": ""}
MEMBER = {"person_name": "", "person_email": "", "organisation": "", "role": "member", "category": "other",
          "start_date": "2016-09-01", "end_date": ""}
MANDATE = {"title": "Mandat", "text": "Tekst", "status": "draft", "adopted_on": ""}


def _plan(world, **kwargs):
    return f.PlanFactory(municipality=world.municipality, start_year=2016, end_year=2020, **kwargs)


def plan_create(world):
    _plan(world, name="Læringsløp Drammen")
    return (reverse("projects:plan_create"), {"name": "Læringsløp Drammen", **PLAN}, QualityPlan,
            "Kommunen har allerede en kvalitetsplan som heter «Læringsløp Drammen».")


def plan_edit(world):
    _plan(world, name="Læringsløp Drammen")
    other = _plan(world, name="Annen plan")
    return (reverse("projects:plan_edit", args=[other.pk]), {"name": "Læringsløp Drammen", **PLAN}, QualityPlan,
            "Kommunen har allerede en kvalitetsplan som heter «Læringsløp Drammen».")


def goal_create(world):
    plan = _plan(world)
    f.GoalFactory(plan=plan, title="Alle lærer mer")
    return (reverse("projects:goal_create", args=[plan.pk]), {"title": "Alle lærer mer", "order": 2}, Goal,
            "Planen har allerede et mål som heter «Alle lærer mer».")


def goal_edit(world):
    plan = _plan(world)
    f.GoalFactory(plan=plan, title="Alle lærer mer")
    other = f.GoalFactory(plan=plan, title="Annet mål")
    return (reverse("projects:goal_edit", args=[other.pk]), {"title": "Alle lærer mer", "order": 2}, Goal,
            "Planen har allerede et mål som heter «Alle lærer mer».")


def expectation_create(world):
    plan = _plan(world)
    f.ExpectationFactory(plan=plan, title="Vurdering for læring")
    return (reverse("projects:expectation_create", args=[plan.pk]),
            {"title": "Vurdering for læring", "signs": "", "order": 2}, Expectation,
            "Planen har allerede en felles forventning som heter «Vurdering for læring».")


def expectation_edit(world):
    plan = _plan(world)
    f.ExpectationFactory(plan=plan, title="Vurdering for læring")
    other = f.ExpectationFactory(plan=plan, title="Annen forventning")
    return (reverse("projects:expectation_edit", args=[other.pk]),
            {"title": "Vurdering for læring", "signs": "", "order": 2}, Expectation,
            "Planen har allerede en felles forventning som heter «Vurdering for læring».")


def phase_create(world):
    plan = _plan(world)
    f.PhaseFactory(plan=plan, number=1, start_date=datetime.date(2016, 8, 1), end_date=datetime.date(2017, 6, 30))
    return (reverse("projects:phase_create", args=[plan.pk]), {"number": 1, "name": "Ny fase", **PHASE}, Phase,
            "Planen har allerede en fase med nummer 1.")


def phase_edit(world):
    plan = _plan(world)
    f.PhaseFactory(plan=plan, number=1, start_date=datetime.date(2016, 8, 1), end_date=datetime.date(2017, 6, 30))
    other = f.PhaseFactory(plan=plan, number=2, start_date=datetime.date(2017, 8, 1),
                           end_date=datetime.date(2018, 6, 30))
    return (reverse("projects:phase_edit", args=[other.pk]), {"number": 1, "name": "Fase to", **PHASE}, Phase,
            "Planen har allerede en fase med nummer 1.")


def group_create(world):
    plan = _plan(world)
    f.GroupFactory(plan=plan, name="Styringsgruppe")
    return (reverse("projects:group_create", args=[plan.pk]), {"name": "Styringsgruppe", **GROUP}, ProjectGroup,
            "Planen har allerede en gruppe som heter «Styringsgruppe».")


def group_edit(world):
    plan = _plan(world)
    f.GroupFactory(plan=plan, name="Styringsgruppe")
    other = f.GroupFactory(plan=plan, name="Prosjektgruppe")
    return (reverse("projects:group_edit", args=[other.pk]), {"name": "Styringsgruppe", **GROUP}, ProjectGroup,
            "Planen har allerede en gruppe som heter «Styringsgruppe».")


def _member_message(world):
    return (f"{world.users['director']} er allerede medlem av gruppa fra 01.09.2016. "
            "Endre det medlemskapet i stedet, eller velg en annen startdato.")


def member_create(world):
    group = f.GroupFactory(plan=_plan(world))
    director = world.users["director"]
    f.MembershipFactory(group=group, user=director, start_date=datetime.date(2016, 9, 1))
    return (reverse("projects:member_create", args=[group.pk]), {"user": director.pk, **MEMBER}, GroupMembership,
            _member_message(world))


def member_edit(world):
    group = f.GroupFactory(plan=_plan(world))
    director = world.users["director"]
    f.MembershipFactory(group=group, user=director, start_date=datetime.date(2016, 9, 1))
    other = f.MembershipFactory(group=group, user=director, start_date=datetime.date(2017, 9, 1))
    return (reverse("projects:member_edit", args=[other.pk]), {"user": director.pk, **MEMBER}, GroupMembership,
            _member_message(world))


def mandate_create(world):
    group = f.GroupFactory(plan=_plan(world))
    phase = f.PhaseFactory(plan=group.plan, number=1, name="Første fase", start_date=datetime.date(2016, 8, 1),
                           end_date=datetime.date(2017, 6, 30))
    f.MandateFactory(group=group, phase=phase)
    return (reverse("projects:mandate_create", args=[group.pk]), {"phase": phase.pk, **MANDATE}, Mandate,
            "Gruppa har allerede et mandat for fasen «1. Første fase». Endre det mandatet i stedet.")


def mandate_edit(world):
    group = f.GroupFactory(plan=_plan(world))
    phase = f.PhaseFactory(plan=group.plan, number=1, name="Første fase", start_date=datetime.date(2016, 8, 1),
                           end_date=datetime.date(2017, 6, 30))
    second = f.PhaseFactory(plan=group.plan, number=2, start_date=datetime.date(2017, 8, 1),
                            end_date=datetime.date(2018, 6, 30))
    f.MandateFactory(group=group, phase=phase)
    other = f.MandateFactory(group=group, phase=second)
    return (reverse("projects:mandate_edit", args=[other.pk]), {"phase": phase.pk, **MANDATE}, Mandate,
            "Gruppa har allerede et mandat for fasen «1. Første fase». Endre det mandatet i stedet.")


CASES = [plan_create, plan_edit, goal_create, goal_edit, expectation_create, expectation_edit, phase_create,
         phase_edit, group_create, group_edit, member_create, member_edit, mandate_create, mandate_edit]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_a_duplicate_is_refused_on_the_form_in_norwegian(client, world, case):
    url, data, model, message = case(world)
    before = sorted(model.objects.values_list("pk", flat=True))
    snapshot = list(model.objects.order_by("pk").values())
    client.force_login(world.users["adviser"])
    response = client.post(url, data)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    assert "finnes allerede" not in page and "Begrensning" not in page and "unique" not in page
    assert sorted(model.objects.values_list("pk", flat=True)) == before  # no new row
    assert list(model.objects.order_by("pk").values()) == snapshot  # nothing changed


def test_adopting_a_new_draft_steps_the_old_adopted_one_down(client, world):
    plan = _plan(world)
    client.force_login(world.users["adviser"])
    for title in ("Første", "Andre"):
        response = client.post(reverse("projects:draft_create", args=[plan.pk]),
                               {"title": title, "text": "Tekst", "status": "adopted"})
        assert response.status_code == 302
    assert list(ActionPlanDraft.objects.filter(plan=plan).order_by("number").values_list("status", flat=True)) == [
        DraftStatus.DRAFT, DraftStatus.ADOPTED]


@pytest.mark.parametrize("app", ["projects", "milestones"])
def test_every_constraint_has_its_own_message_in_norwegian(app):
    from django.apps import apps
    from django.db.models import BaseConstraint
    from django.utils import translation

    default = str(BaseConstraint.default_violation_error_message)
    constraints = [(model, c) for model in apps.get_app_config(app).get_models() if not model.__name__.startswith(
        "Historical") for c in model._meta.constraints]
    assert constraints
    with translation.override("nb"):
        for _model, constraint in constraints:
            message = str(constraint.violation_error_message)
            assert message != default, constraint.name
            with translation.override("en"):
                english = str(constraint.violation_error_message)
            assert message != english, f"{constraint.name} is not translated"
            assert constraint.name not in message


def test_the_unique_calendar_token_has_a_norwegian_message():
    from django.utils import translation

    with translation.override("nb"):
        message = str(QualityPlan._meta.get_field("feed_token").error_messages["unique"])
    assert message == "En annen plan har allerede denne kalendernøkkelen."
