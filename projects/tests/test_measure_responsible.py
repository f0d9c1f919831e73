"""A measure's «Ansvarlig» is a person of the municipality (role and unit shown), or a text for a team;
the service refuses someone outside the municipality and a measure with neither."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.models import Indicator
from laeringslop.tests import factories as core
from projects import measures
from projects.forms import MeasureForm
from projects.models import Measure

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return f.PlanFactory(municipality=world.municipality, name="Kvalitetsplan Elvedal")


@pytest.fixture
def kari(world):
    school = core.SchoolFactory(municipality=world.municipality, name="Almeåsen skole")
    return core.rector(school, username="kari", first_name="Kari", last_name="Berg")


def _data(**changes):
    data = {"title": "Lesing i alle fag", "responsible": "", "starts_on": "2024-08-15", "all_schools": "on",
            "version": 0, "indicators": [Indicator.objects.get(code="NPLES05").pk]}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_person_of_the_municipality_is_saved_as_responsible(plan, kari):
    form = MeasureForm(_data(responsible_person=kari.pk), instance=Measure(plan=plan))
    assert form.is_valid(), form.errors
    assert measures.measure_save(form=form, plan=plan).responsible_person == kari


def test_neither_person_nor_text_is_refused_with_code_responsible_required(plan):
    form = MeasureForm(_data(), instance=Measure(plan=plan))
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["responsible_person"]] == ["responsible_required"]


def test_the_service_refuses_a_person_of_another_municipality(plan, world):
    stranger = world.users["other_adviser"]
    form = MeasureForm(_data(responsible_person=stranger.pk), instance=Measure(plan=plan))
    form.fields["responsible_person"].queryset = type(stranger).objects.all()  # a forged form
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as refused:
        measures.measure_save(form=form, plan=plan)
    assert [e.code for e in refused.value.error_dict["responsible_person"]] == ["foreign_person"]
    assert not Measure.objects.exists()


def test_the_form_refuses_a_person_outside_the_municipality_in_norwegian(client, world, plan):
    client.force_login(world.users["adviser"])
    page = client.post(reverse("projects:measure_create", args=[plan.pk]),
                       _data(responsible_person=world.users["other_adviser"].pk)).content.decode()
    assert "Velg en person som arbeider i kommunen" in page
    assert not Measure.objects.exists()


def test_the_form_offers_the_person_field_with_role_and_unit(client, world, plan, kari):
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:measure_create", args=[plan.pk])).content.decode()
    assert "Ansvarlig person" in page and "Kari Berg — rektor, Almeåsen skole" in page
    assert "data-person-search" in page


def test_the_list_shows_the_persons_name_role_and_unit(client, world, plan, kari):
    f.MeasureFactory(plan=plan, title="Lesing i alle fag", responsible="", responsible_person=kari)
    client.force_login(world.users["rector"])
    page = client.get(reverse("projects:measure_list", args=[plan.pk])).content.decode()
    assert "Kari Berg" in page and "rektor, Almeåsen skole" in page


def test_the_list_shows_an_old_text_as_before(client, world, plan):
    f.MeasureFactory(plan=plan, title="Lesing i alle fag", responsible="Fagrådgiver for lesing")
    client.force_login(world.users["rector"])
    page = client.get(reverse("projects:measure_list", args=[plan.pk])).content.decode()
    assert "Fagrådgiver for lesing" in page


def test_the_list_queries_do_not_grow_with_responsible_people(client, world, plan, django_assert_max_num_queries):
    client.force_login(world.users["adviser"])
    url = reverse("projects:measure_list", args=[plan.pk])
    for n in range(10):
        school = core.SchoolFactory(municipality=world.municipality, name=f"Skole {n}")
        person = core.rector(school, username=f"rektor-{n}", first_name="Rektor", last_name=f"Nr {n}")
        f.MeasureFactory(plan=plan, title=f"Tiltak {n}", responsible="", responsible_person=person)
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert "rektor, Skole 9" in page
