"""A NUL character in a URL, a search or a filter is a 404 or a form error, never a 500.

PostgreSQL refuses NUL in text ("A string literal cannot contain NUL (0x00) characters"), so the
sweeps that matter run there; SQLite just finds nothing.
"""
import pytest
from django.urls import reverse

from laeringslop.tests.markers import postgresql_only
from laeringslop.tests.test_access_matrix import CASES
from milestones.tests.factories import MilestoneFactory
from projects.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

#: Every GET parameter a view, a filter form or a selector reads (grep request.GET and the filter forms).
PARAMS = ["q", "kind", "region", "status", "sort", "dir", "year", "indicator", "school_type", "adviser",
          "parent", "phase", "group", "old", "new", "next", "page"]
NUL_QUERY = "&".join(f"{name}=a%00b" for name in PARAMS)


def _feed_urls(plan):
    token = plan.feed_token
    return [f"/milepaeler/kalender/{token[:30]}%00.ics", f"/milepaeler/kalender/{token[:30]}%00{token[31:]}.ics",
            "/milepaeler/kalender/%00.ics"]


def test_a_nul_in_the_calendar_token_is_a_404(client, world):
    plan = PlanFactory(municipality=world.municipality)
    MilestoneFactory(plan=plan)
    assert client.get(reverse("milestones:feed", args=[plan.feed_token])).status_code == 200
    for url in _feed_urls(plan):
        assert client.get(url).status_code == 404, url


@postgresql_only
def test_a_nul_in_the_calendar_token_is_a_404_on_postgresql(client, world):
    test_a_nul_in_the_calendar_token_is_a_404(client, world)


@postgresql_only
def test_a_nul_in_any_filter_or_search_parameter_is_not_a_500(client, world):
    """Every page of the access matrix that some role may see, with a NUL in every known parameter."""
    checked = []
    for case in CASES:
        if case.method != "get" or case.url_name.startswith("admin:"):
            continue
        role = next((r for r in ("adviser", "director", "administrator", "rector", "kindergarten_head", "no_role")
                     if case.expected[r] == 200), None)
        if role is None:
            continue
        client.force_login(world.user(role))
        url = reverse(case.url_name, kwargs=case.kwargs(world))
        status = client.get(f"{url}?{NUL_QUERY}").status_code
        assert status in (200, 404), f"{case} as {role}: {status}"
        checked.append(case.url_name)
    assert len(checked) > 30 and "dialogue:dashboard" in checked and "unit_list" in checked


@postgresql_only
def test_a_nul_in_an_admin_search_or_filter_is_a_404(client, world):
    admin = world.users["administrator"]
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    for model in ("municipality", "region", "unit", "user", "roleassignment"):
        url = reverse(f"admin:laeringslop_{model}_changelist")
        assert client.get(url).status_code == 200
        assert client.get(f"{url}?q=a%00b").status_code == 404, url
        assert client.get(f"{url}?id=a%00b").status_code == 404, url
    assert client.get(reverse("admin:laeringslop_unit_changelist") + "?name=a%00b").status_code == 404
    autocomplete = reverse("admin:autocomplete") + "?term=a%00b&app_label=laeringslop&model_name=roleassignment" \
        "&field_name=unit"
    assert client.get(autocomplete).status_code == 404
