import pytest
from django.urls import reverse

from laeringslop.models import Municipality, Region, Role, RoleAssignment, Unit, User
from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(world):
    return world.users["administrator"]


@pytest.mark.parametrize("model", ["municipality", "region", "unit", "user", "roleassignment"])
def test_administrator_role_manages_the_organisation_in_norwegian(client, administrator, model):
    client.force_login(administrator)
    response = client.get(reverse(f"admin:laeringslop_{model}_changelist"), {"q": "Egen"})
    assert response.status_code == 200
    assert "Læringsløp – administrasjon" in response.content.decode()


def test_admin_unit_list_filters_by_kind(client, administrator, world):
    client.force_login(administrator)
    page = client.get(reverse("admin:laeringslop_unit_changelist"), {"kind__exact": "kindergarten"}).content.decode()
    assert "Egen barnehage" in page and "Egen skole" not in page


def test_admin_can_give_a_user_the_rector_role(client, administrator, world):
    client.force_login(administrator)
    person = f.adviser(world.municipality, username="ny_rektor")  # one of the municipality's people
    response = client.post(reverse("admin:laeringslop_roleassignment_add"), {
        "user": person.pk, "role": Role.RECTOR, "municipality": world.municipality.pk, "unit": world.other_school.pk})
    assert response.status_code == 302
    assert person.role_assignments.get(role=Role.RECTOR).unit == world.other_school


def test_admin_refuses_a_rector_bound_to_a_kindergarten(client, administrator, world):
    client.force_login(administrator)
    person = f.UserFactory(username="feil_rektor")
    response = client.post(reverse("admin:laeringslop_roleassignment_add"), {
        "user": person.pk, "role": Role.RECTOR, "municipality": world.municipality.pk, "unit": world.kindergarten.pk})
    assert response.status_code == 200
    assert "må knyttes til en skole" in response.content.decode()
    assert not person.role_assignments.exists()


def test_a_rector_cannot_use_the_admin(client, world):
    world.users["rector"].is_staff = True
    world.users["rector"].save()
    client.force_login(world.users["rector"])
    assert client.get(reverse("admin:laeringslop_unit_changelist")).status_code == 403


# --- One municipality's administrator manages that municipality only -------------------------
@pytest.fixture
def other(world):
    """Municipality A (Asker), beside the world's municipality B whose administrator is logged in."""
    from laeringslop.models import County

    a = f.MunicipalityFactory(name="Askerkommune", number="3203")
    region = f.RegionFactory(municipality=a, name="Asker sør")
    school = f.SchoolFactory(municipality=a, region=region, name="Alfa skole")
    rector = f.rector(school, username="rektor_a", first_name="Rita", last_name="Alfasen")
    director = f.director(a, username="direktor_a", first_name="Dina", last_name="Asker")
    # Roles in both: shown to B's administrator, but not theirs to change.
    both = f.adviser(a, username="begge", first_name="Berit", last_name="Begge")
    both.role_assignments.create(role=Role.ADVISER, municipality=world.municipality)
    county = County.objects.create(number="33", name="Buskerud")
    return {"a": a, "region": region, "school": school, "rector": rector, "director": director, "both": both,
            "county": county}


def _page(client, name, *args, **params):
    response = client.get(reverse(f"admin:laeringslop_{name}", args=args), params)
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def _user_post(person, municipality, **extra):
    """The user change form as the browser sends it (with the user's roles in the municipality)."""
    roles = list(person.role_assignments.filter(municipality=municipality))
    data = {"username": person.username, "first_name": person.first_name, "last_name": person.last_name,
            "email": person.email, "is_active": "on",
            "role_assignments-TOTAL_FORMS": len(roles), "role_assignments-INITIAL_FORMS": len(roles),
            "role_assignments-MIN_NUM_FORMS": 0, "role_assignments-MAX_NUM_FORMS": 1000}
    for i, role in enumerate(roles):
        data.update({f"role_assignments-{i}-id": role.pk, f"role_assignments-{i}-user": person.pk,
                     f"role_assignments-{i}-role": role.role, f"role_assignments-{i}-municipality": municipality.pk,
                     f"role_assignments-{i}-unit": role.unit_id or ""})
    data.update(extra)
    return data


def test_the_change_lists_show_only_the_administrators_municipality(client, administrator, world, other):
    client.force_login(administrator)
    page = _page(client, "unit_changelist")
    assert "Egen skole" in page and "Alfa skole" not in page
    assert "Asker sør" not in page  # the region filter lists this municipality's regions only
    page = _page(client, "region_changelist")
    assert "Nord" in page and "Asker sør" not in page
    page = _page(client, "municipality_changelist")
    assert "Verdenskommune" in page and "Askerkommune" not in page
    page = _page(client, "user_changelist")
    assert "rector" in page and "begge" in page  # begge holds a role here too
    assert "rektor_a" not in page and "direktor_a" not in page and "no_role" not in page
    page = _page(client, "roleassignment_changelist")
    assert "Egen skole" in page and "Alfa skole" not in page and "Dina Asker" not in page


def test_another_municipalitys_rows_are_not_shown(client, administrator, world, other):
    client.force_login(administrator)
    rector_role = other["rector"].role_assignments.get()
    for name, obj in [("unit", other["school"]), ("user", other["rector"]), ("roleassignment", rector_role),
                      ("region", other["region"]), ("municipality", other["a"])]:
        response = client.get(reverse(f"admin:laeringslop_{name}_change", args=[obj.pk]), follow=True)
        # Django's admin for an object outside its queryset: back to the index, with a message.
        assert response.redirect_chain == [(reverse("admin:index"), 302)], name
        page = response.content.decode()
        assert "eksisterer ikke" in page, name
        assert str(obj) not in page, name
        assert client.get(reverse(f"admin:laeringslop_{name}_history", args=[obj.pk])).status_code == 404, name
    assert client.get(reverse("admin:auth_user_password_change", args=[other["rector"].pk])).status_code == 404
    autocomplete = client.get(reverse("admin:autocomplete"), {
        "term": "skole", "app_label": "laeringslop", "model_name": "roleassignment", "field_name": "unit"})
    assert "Egen skole" in autocomplete.content.decode() and "Alfa skole" not in autocomplete.content.decode()


def test_a_post_to_another_municipalitys_unit_is_refused(client, administrator, world, other):
    client.force_login(administrator)
    school = other["school"]
    response = client.post(reverse("admin:laeringslop_unit_change", args=[school.pk]), {
        "municipality": world.municipality.pk, "name": "Kapret skole", "kind": "school",
        "org_number": school.org_number, "first_grade": 1, "last_grade": 7, "active": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    school.refresh_from_db()
    assert school.name == "Alfa skole" and school.municipality == other["a"] and school.last_grade == 10
    response = client.post(reverse("admin:laeringslop_unit_delete", args=[school.pk]), {"post": "yes"})
    assert response.status_code == 302 and Unit.objects.filter(pk=school.pk).exists()


def test_an_own_unit_cannot_be_moved_to_another_municipality_or_region(client, administrator, world, other):
    client.force_login(administrator)
    school = world.school
    url = reverse("admin:laeringslop_unit_change", args=[school.pk])
    data = {"municipality": other["a"].pk, "name": "Egen skole", "kind": "school", "org_number": school.org_number,
            "first_grade": 1, "last_grade": 10, "active": "on", "region": world.region.pk}
    assert client.post(url, data).status_code == 302  # the municipality is read-only: ignored
    school.refresh_from_db()
    assert school.municipality == world.municipality
    response = client.post(url, {**data, "region": other["region"].pk})
    assert response.status_code == 200 and "Velg et gyldig valg" in response.content.decode()
    school.refresh_from_db()
    assert school.region == world.region


def test_a_new_unit_or_region_belongs_to_the_administrators_municipality(client, administrator, world, other):
    client.force_login(administrator)
    response = client.post(reverse("admin:laeringslop_region_add"), {"municipality": other["a"].pk, "name": "Kapret"})
    assert response.status_code == 200 and "Velg et gyldig valg" in response.content.decode()
    assert not Region.objects.filter(name="Kapret").exists()
    page = _page(client, "unit_add")
    assert "Verdenskommune" in page and "Askerkommune" not in page


def test_a_crafted_post_cannot_make_oneself_superuser_or_staff_elsewhere(client, administrator, world):
    client.force_login(administrator)
    page = _page(client, "user_change", administrator.pk)
    assert "is_superuser" not in page and "is_staff" not in page and "user_permissions" not in page
    assert "Tillatelser" not in page  # Django's "Permissions" fieldset
    response = client.post(reverse("admin:laeringslop_user_change", args=[administrator.pk]), _user_post(
        administrator, world.municipality, first_name="Ny", is_superuser="on", is_staff="on"))
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert administrator.first_name == "Ny" and not administrator.is_superuser and administrator.is_staff
    rector = world.users["rector"]
    response = client.post(reverse("admin:laeringslop_user_change", args=[rector.pk]), _user_post(
        rector, world.municipality, is_superuser="on", is_staff="on"))
    assert response.status_code == 302
    rector.refresh_from_db()
    assert not rector.is_superuser and not rector.is_staff
    assert client.get(reverse("admin:laeringslop_user_changelist"), {"is_superuser__exact": "1"}).status_code == 400


def test_the_user_page_shows_and_changes_only_roles_in_the_municipality(client, administrator, world, other):
    client.force_login(administrator)
    rector = world.users["rector"]
    data = _user_post(rector, world.municipality, **{
        "role_assignments-TOTAL_FORMS": 2, "role_assignments-1-user": rector.pk,
        "role_assignments-1-role": Role.DIRECTOR, "role_assignments-1-municipality": other["a"].pk})
    response = client.post(reverse("admin:laeringslop_user_change", args=[rector.pk]), data)
    assert response.status_code == 200 and "Velg et gyldig valg" in response.content.decode()
    data.update({"role_assignments-1-role": Role.RECTOR, "role_assignments-1-municipality": world.municipality.pk,
                 "role_assignments-1-unit": other["school"].pk})
    response = client.post(reverse("admin:laeringslop_user_change", args=[rector.pk]), data)
    assert response.status_code == 200 and "Velg et gyldig valg" in response.content.decode()
    assert list(rector.role_assignments.values_list("unit", flat=True)) == [world.school.pk]


def test_a_person_with_roles_elsewhere_is_shown_but_not_changed(client, administrator, world, other):
    client.force_login(administrator)
    both = other["both"]
    page = _page(client, "user_change", both.pk)
    assert "Bare en superbruker kan endre denne brukeren" in page
    assert "Askerkommune" not in page  # the role in A is not shown
    response = client.post(reverse("admin:laeringslop_user_change", args=[both.pk]),
                           _user_post(both, world.municipality, first_name="Kapret"))
    assert response.status_code == 403
    password = reverse("admin:auth_user_password_change", args=[both.pk])
    assert client.get(password).status_code == 403
    assert client.post(password, {"password1": "nytt-passord-987", "password2": "nytt-passord-987",
                                  "usable_password": "true"}).status_code == 403
    response = client.post(reverse("admin:laeringslop_user_changelist"),
                           {"action": "delete_selected", "_selected_action": [both.pk], "post": "yes"})
    both.refresh_from_db()
    assert both.first_name == "Berit" and both.check_password("secret-passord-123")
    assert both.role_assignments.count() == 2


def test_the_password_of_an_own_user_can_be_set(client, administrator, world):
    client.force_login(administrator)
    rector = world.users["rector"]
    url = reverse("admin:auth_user_password_change", args=[rector.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"password1": "nytt-passord-987", "password2": "nytt-passord-987",
                                 "usable_password": "true"})
    assert response.status_code == 302
    rector.refresh_from_db()
    assert rector.check_password("nytt-passord-987")


def test_a_new_user_gets_a_role_in_the_municipality(client, administrator, world):
    client.force_login(administrator)
    base = {"username": "nyansatt", "usable_password": "true", "password1": "nytt-passord-987",
            "password2": "nytt-passord-987", "role_assignments-TOTAL_FORMS": 1, "role_assignments-INITIAL_FORMS": 0,
            "role_assignments-MIN_NUM_FORMS": 0, "role_assignments-MAX_NUM_FORMS": 1000,
            "role_assignments-0-municipality": world.municipality.pk, "is_superuser": "on", "is_staff": "on"}
    response = client.post(reverse("admin:laeringslop_user_add"), base)
    assert response.status_code == 200
    assert "En bruker må ha minst én rolle i din kommune." in response.content.decode()
    assert not User.objects.filter(username="nyansatt").exists()
    response = client.post(reverse("admin:laeringslop_user_add"), {**base, "role_assignments-0-role": Role.ADVISER})
    assert response.status_code == 302
    person = User.objects.get(username="nyansatt")
    assert not person.is_superuser and not person.is_staff
    assert list(person.role_assignments.values_list("role", "municipality")) == [(Role.ADVISER, world.municipality.pk)]


def test_a_role_in_another_municipality_cannot_be_given(client, administrator, world, other):
    client.force_login(administrator)
    person = world.users["adviser"]
    url = reverse("admin:laeringslop_roleassignment_add")
    for data in ({"user": person.pk, "role": Role.DIRECTOR, "municipality": other["a"].pk},
                 {"user": person.pk, "role": Role.RECTOR, "municipality": world.municipality.pk,
                  "unit": other["school"].pk},
                 {"user": other["director"].pk, "role": Role.DIRECTOR, "municipality": world.municipality.pk}):
        response = client.post(url, data)
        assert response.status_code == 200, data
        assert "Velg et gyldig valg" in response.content.decode(), data
    assert not RoleAssignment.objects.filter(user=person).exclude(role=Role.ADVISER).exists()
    assert not other["director"].role_assignments.filter(municipality=world.municipality).exists()
    role = other["rector"].role_assignments.get()
    response = client.post(reverse("admin:laeringslop_roleassignment_delete", args=[role.pk]), {"post": "yes"})
    assert response.status_code == 302 and RoleAssignment.objects.filter(pk=role.pk).exists()


def test_the_own_municipality_can_be_renamed_but_not_added_moved_or_deleted(client, administrator, world, other):
    client.force_login(administrator)
    municipality = world.municipality
    county_before = municipality.county_id
    assert county_before != other["county"].pk
    url = reverse("admin:laeringslop_municipality_change", args=[municipality.pk])
    response = client.post(url, {"name": "Nytt navn", "number": municipality.number, "county": other["county"].pk})
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.name == "Nytt navn" and municipality.county_id == county_before  # the county is read-only
    assert client.get(reverse("admin:laeringslop_municipality_add")).status_code == 403
    assert client.post(reverse("admin:laeringslop_municipality_delete", args=[municipality.pk]),
                       {"post": "yes"}).status_code == 403
    assert Municipality.objects.filter(pk=municipality.pk).exists()


def test_counties_and_the_county_role_are_for_superusers(client, administrator, world, other):
    client.force_login(administrator)
    for name in ("county_changelist", "countyassignment_changelist", "countyassignment_add"):
        assert client.get(reverse(f"admin:laeringslop_{name}")).status_code == 403
    assert "Fylkesroller" not in _page(client, "unit_changelist")
    superuser = f.UserFactory(username="super", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert "Buskerud" in _page(client, "county_changelist")
    assert "Fylkesroller" in _page(client, "unit_changelist")
    _page(client, "countyassignment_changelist")
    _page(client, "countyassignment_add")


def test_an_old_version_cannot_be_restored_by_an_administrator(client, administrator, world):
    client.force_login(administrator)
    school = world.school
    school.name = "Omdøpt skole"
    school.save()
    first = school.history.earliest()
    url = reverse("admin:laeringslop_unit_simple_history", args=[school.pk, first.history_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"municipality": world.municipality.pk, "name": "Egen skole", "kind": "school",
                                 "org_number": school.org_number, "first_grade": 1, "last_grade": 10})
    assert response.status_code == 403
    school.refresh_from_db()
    assert school.name == "Omdøpt skole"


def test_the_administrator_does_not_see_another_municipalitys_unit_page(client, administrator, world, other):
    client.force_login(administrator)
    assert client.get(reverse("unit_detail", args=[world.school.pk])).status_code == 200
    assert client.get(reverse("unit_detail", args=[other["school"].pk])).status_code == 404


def test_a_superuser_still_sees_and_changes_everything(client, world, other):
    superuser = f.UserFactory(username="super", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    page = _page(client, "unit_changelist")
    assert "Egen skole" in page and "Alfa skole" in page
    page = _page(client, "user_changelist")
    assert "rektor_a" in page and "rector" in page and "no_role" in page
    page = _page(client, "roleassignment_changelist")
    assert "Dina Asker" in page and "Egen skole" in page
    page = _page(client, "user_change", other["rector"].pk)
    assert "is_superuser" in page and "Askerkommune" in page
    _page(client, "municipality_add")
    school = other["school"]
    response = client.post(reverse("admin:laeringslop_unit_change", args=[school.pk]), {
        "municipality": world.municipality.pk, "name": "Flyttet skole", "kind": "school",
        "org_number": school.org_number, "first_grade": 1, "last_grade": 10, "active": "on"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.municipality == world.municipality


def test_an_administrator_with_roles_in_two_municipalities_administers_the_chosen_one(client, world, other):
    person = f.user_with_role(Role.ADMINISTRATOR, world.municipality, username="to_kommuner", is_staff=True)
    person.role_assignments.create(role=Role.DIRECTOR, municipality=other["a"])
    client.force_login(person)
    # Nothing chosen yet: no role counts, so the admin has nothing for them.
    assert client.get(reverse("admin:laeringslop_unit_changelist")).status_code == 403
    client.post(reverse("municipality_choose"), {"municipality": other["a"].pk, "next": "/"})
    assert client.get(reverse("admin:laeringslop_unit_changelist")).status_code == 403  # a director there
    client.post(reverse("municipality_choose"), {"municipality": world.municipality.pk, "next": "/"})
    page = _page(client, "unit_changelist")
    assert "Egen skole" in page and "Alfa skole" not in page
    # The person holds a role in A too: shown, but not theirs to change (not even their own password).
    assert client.get(reverse("admin:auth_user_password_change", args=[person.pk])).status_code == 403


def test_the_admin_start_page_lists_what_the_administrator_manages(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Du har ikke tillatelse" not in page
    assert "Enheter" in page and "Brukere" in page
    assert "Fylker" not in page  # superusers only
