"""The steering group comes first wherever groups are listed; the input form says what it does
and names groups without repeating the plan in every option."""
import re

import pytest
from django.urls import reverse

from projects.models import GroupKind

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = f.PlanFactory(municipality=world.municipality, name="Læringsløp Drammen")
    # Names chosen so that alphabetical order would put the steering group last.
    for name, kind in [("Barnehagegruppe", GroupKind.PROJECT), ("Ekspertgruppe lesing", GroupKind.EXPERT),
                       ("Styringsgruppe", GroupKind.STEERING), ("Arbeidsgruppe skole", GroupKind.PROJECT)]:
        f.GroupFactory(plan=plan, name=name, kind=kind)
    return plan


ORDER = ["Styringsgruppe", "Arbeidsgruppe skole", "Barnehagegruppe", "Ekspertgruppe lesing"]


def _options(page, name):
    select = page.split(f'name="{name}"')[1].split("</select>")[0]
    return [label for value, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)]


def test_input_form_sends_input_and_lists_groups_per_plan_steering_group_first(client, world, plan):
    other = f.PlanFactory(municipality=world.municipality, name="Kvalitetsplan 2030")
    f.GroupFactory(plan=other, name="Referansegruppe", kind=GroupKind.PROJECT)
    client.force_login(world.users["rector"])
    page = client.get(reverse("projects:input_create")).content.decode()
    assert re.search(r'<button type="submit"[^>]*>Send innspill</button>', page)
    assert _options(page, "group") == ["Referansegruppe"] + ORDER  # no plan name in the options
    select = page.split('name="group"')[1].split("</select>")[0]
    assert select.index('<optgroup label="Kvalitetsplan 2030">') < select.index("Referansegruppe") \
        < select.index('<optgroup label="Læringsløp Drammen">') < select.index("Styringsgruppe")


def test_input_form_with_one_plan_has_plain_group_names(client, world, plan):
    client.force_login(world.users["rector"])
    page = client.get(reverse("projects:input_create")).content.decode()
    assert _options(page, "group") == ORDER and "<optgroup" not in page


def test_group_form_lists_the_steering_group_first_as_parent(client, world, plan):
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:group_create", args=[plan.pk])).content.decode()
    assert _options(page, "parent") == ORDER


def test_status_report_lists_the_steering_group_first(client, world, plan):
    report = f.ReportFactory(plan=plan, filled_in_by=world.users["adviser"])
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:report_detail", args=[report.pk])).content.decode()
    organisation = page.split('id="organisation-heading"')[1].split("</tbody>")[0]
    assert re.findall(r'<th scope="row">([^<]*)</th>', organisation) == ORDER
    form = client.get(reverse("projects:report_edit", args=[report.pk])).content.decode()
    assert _options(form, "group") == ORDER
