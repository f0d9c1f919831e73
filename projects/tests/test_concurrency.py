"""Lost updates on plans (and the other governance edit forms, which share ``services._save``)."""
import pytest
from django.urls import reverse

from laeringslop.concurrency import StaleVersion
from projects import services
from projects.forms import GoalForm, PlanForm
from projects.models import Goal, QualityPlan

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return f.PlanFactory(municipality=world.municipality, name="Læringsløp Drammen", start_year=2024, end_year=2028)


def _data(plan, **changes):
    return {"name": plan.name, "start_year": plan.start_year, "end_year": plan.end_year, "vision": plan.vision,
            "focus_areas": plan.focus_areas, "version": plan.version, **changes}


def _form(plan, **changes):
    return PlanForm(_data(plan, **changes), instance=QualityPlan.objects.get(pk=plan.pk))


def test_service_first_save_wins_second_is_refused_with_code_stale(plan):
    first, second = _form(plan, vision="Alle skal lykkes"), _form(plan, end_year=2029)
    assert first.is_valid() and second.is_valid()
    services.plan_update(first)
    with pytest.raises(StaleVersion) as refused:
        services.plan_update(second)
    assert refused.value.code == "stale"
    assert all(error.code == "stale" for error in refused.value.error_list)
    stored = QualityPlan.objects.get(pk=plan.pk)
    assert (stored.vision, stored.end_year, stored.version) == ("Alle skal lykkes", 2028, plan.version + 1)


def test_page_second_save_is_refused_in_norwegian_and_keeps_the_input(client, world, plan):
    client.force_login(world.users["adviser"])
    url = reverse("projects:plan_edit", args=[plan.pk])
    assert client.post(url, _data(plan, vision="Alle skal lykkes")).status_code == 302
    response = client.post(url, _data(plan, end_year=2029, vision="Min visjon"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre har lagret en nyere versjon mens du redigerte, så ingenting ble lagret." in page
    assert "lagret nå «Alle skal lykkes», i skjemaet ditt «Min visjon»." in page
    assert "lagret nå «2028», i skjemaet ditt «2029»." in page
    assert "Min visjon" in page.split("<textarea")[1]  # the input is kept in the form
    stored = QualityPlan.objects.get(pk=plan.pk)
    assert (stored.vision, stored.end_year) == ("Alle skal lykkes", 2028)


def test_an_edit_without_its_version_is_refused(client, world, plan):
    client.force_login(world.users["adviser"])
    data = _data(plan, vision="Uten versjon")
    del data["version"]
    response = client.post(reverse("projects:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 200 and "Skjemaet mangler versjonen" in response.content.decode()
    assert QualityPlan.objects.get(pk=plan.pk).vision != "Uten versjon"


def test_goal_edit_is_checked_too(plan):
    goal = Goal.objects.create(plan=plan, title="Alle lærer mer", order=1)
    read = {"title": goal.title, "description": "", "order": 1, "version": goal.version}
    first = GoalForm({**read, "description": "Først"}, instance=Goal.objects.get(pk=goal.pk))
    second = GoalForm({**read, "description": "Sist"}, instance=Goal.objects.get(pk=goal.pk))
    assert first.is_valid() and second.is_valid()
    services.plan_child_save(first)
    with pytest.raises(StaleVersion):
        services.plan_child_save(second)
    assert Goal.objects.get(pk=goal.pk).description == "Først"
