import pytest
from django.urls import reverse

from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db


def test_rector_home_shows_own_school_only(client, world):
    client.force_login(world.users["rector"])
    page = client.get(reverse("home")).content.decode()
    assert "Egen skole" in page and "Annen skole" not in page


def test_director_home_shows_the_municipality_overview(client, world):
    client.force_login(world.users["director"])
    page = client.get(reverse("home")).content.decode()
    assert "2 skoler og 2 barnehager" in page


def test_user_without_role_is_told_so(client, world):
    client.force_login(world.users["no_role"])
    assert "Du har ingen rolle ennå" in client.get(reverse("home")).content.decode()


def test_unit_list_filters_by_kind_and_search(client, world):
    client.force_login(world.users["adviser"])
    page = client.get(reverse("unit_list"), {"kind": "kindergarten"}).content.decode()
    assert "Egen barnehage" in page and "Egen skole" not in page
    page = client.get(reverse("unit_list"), {"q": "annen"}).content.decode()
    assert "Annen skole" in page and "Egen skole" not in page


def test_unit_list_hides_other_municipalities(client, world):
    f.SchoolFactory(name="Nabokommunens skole")
    client.force_login(world.users["director"])
    assert "Nabokommunens skole" not in client.get(reverse("unit_list")).content.decode()


def test_unit_page_shows_who_changed_what(client, world):
    world.school.name = "Egen skole (ny)"
    world.school.save()
    client.force_login(world.users["adviser"])
    page = client.get(reverse("unit_detail", args=[world.school.pk])).content.decode()
    assert "Egen skole → Egen skole (ny)" in page


def _many_units(municipality, n):
    region = f.RegionFactory(municipality=municipality)
    for _ in range(n):
        school = f.SchoolFactory(municipality=municipality, region=region)
        f.rector(school)


@pytest.mark.parametrize("url_name", ["home", "unit_list"])
def test_pages_use_a_bounded_number_of_queries(client, world, django_assert_max_num_queries, url_name):
    client.force_login(world.users["director"])
    _many_units(world.municipality, 5)
    # 15: the home page's panels include the coming school visits, the next leader meetings and the networks and
    # workshops with coming sessions, and the menu the unread notices.
    with django_assert_max_num_queries(15) as small:
        client.get(reverse(url_name))
    _many_units(world.municipality, 330)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_health_answers_ok(client):
    assert client.get(reverse("health")).json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_history_leaves_out_a_save_that_changed_nothing(world):
    from laeringslop.history import CHANGE_TYPES, history_for

    world.school.name = "Egen skole (ny)"
    world.school.save()
    world.school.save()  # sent again unchanged
    changed = [entry for entry in history_for(world.school) if str(entry.action) == str(CHANGE_TYPES["~"])]
    assert len(changed) == 1


def test_history_says_a_structured_field_changed_without_dumping_it(world):
    from indicators.models import Indicator
    from laeringslop.history import history_for

    indicator = Indicator.objects.get(code="NPLES05")
    indicator.save()  # the catalogue was loaded by a migration, without history: start one
    indicator.grades = [5, 6]
    indicator.save()
    entry = history_for(indicator)[0]
    assert entry.changes == [(Indicator._meta.get_field("grades").verbose_name, None, None)]
