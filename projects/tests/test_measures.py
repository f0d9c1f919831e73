"""Measures (tiltak) of the action plan: the service's rules and codes, the pages, and the Læringsspeil hook."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.models import Indicator
from laeringslop.concurrency import StaleVersion
from laeringslop.tests import factories as core
from projects import measures
from projects.forms import MeasureForm
from projects.models import Measure

from . import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def plan(world):
    return f.PlanFactory(municipality=world.municipality, name="Kvalitetsplan Elvedal")


def _local(municipality, code, name):
    return Indicator.objects.create(code=code, name=name, area="learning_results", source="local", unit_label="%",
                                    scale_min=0, scale_max=100, is_local=True, municipality=municipality)


def _data(**changes):
    data = {"title": "Lesing i alle fag", "responsible": "Skoleeierteamet", "starts_on": "2024-08-15",
            "all_schools": "on", "version": 0,
            "indicators": [Indicator.objects.get(code="NPLES05").pk]}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _form(plan, instance=None, **changes):
    return MeasureForm(_data(**changes), instance=instance or Measure(plan=plan))


def _codes(error: ValidationError, field):
    return [e.code for e in error.error_dict[field]]


def test_a_measure_is_saved_with_the_indicators_it_aims_to_move(plan):
    form = _form(plan)
    assert form.is_valid(), form.errors
    measure = measures.measure_save(form=form, plan=plan)
    assert [i.code for i in measure.indicators.all()] == ["NPLES05"]
    assert measure.all_schools and not measure.schools.exists()


def test_the_service_refuses_another_municipalitys_local_indicator(plan, world):
    foreign = _local(world.other_municipality, "FREMMED_LES", "Fremmed lesekartlegging")
    form = _form(plan, indicators=[foreign.pk])
    form.fields["indicators"].queryset = Indicator.objects.all()  # a forged form: the service checks again
    assert form.is_valid()
    with pytest.raises(ValidationError) as refused:
        measures.measure_save(form=form, plan=plan)
    assert _codes(refused.value, "indicators") == ["foreign_indicator"]
    assert not Measure.objects.exists()


def test_the_form_offers_the_municipalitys_own_local_indicator_but_not_anothers(plan, world):
    own = _local(world.municipality, "EGEN_LES", "Egen lesekartlegging")
    foreign = _local(world.other_municipality, "FREMMED_LES", "Fremmed lesekartlegging")
    choices = set(_form(plan).fields["indicators"].queryset)
    assert own in choices and foreign not in choices
    form = _form(plan, indicators=[foreign.pk])
    assert not form.is_valid()
    assert f"«{foreign.pk}» er ikke en indikator kommunen kan bruke." in form.errors["indicators"][0]


def test_the_service_refuses_a_school_of_another_municipality(plan, world):
    form = _form(plan, all_schools=None, schools=[world.foreign_school.pk])
    form.fields["schools"].queryset = type(world.foreign_school).objects.all()
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as refused:
        measures.measure_save(form=form, plan=plan)
    assert _codes(refused.value, "schools") == ["foreign_school"]


def test_a_measure_for_chosen_schools_needs_a_school(plan):
    form = _form(plan, all_schools=None)
    assert not form.is_valid()
    assert "Velg skolene tiltaket gjelder, eller kryss av for «Alle skoler»." in form.errors["schools"]


def test_the_end_cannot_come_before_the_start(plan):
    form = _form(plan, ends_on="2024-06-01")
    assert not form.is_valid()
    assert "Sluttdatoen kan ikke være før startdatoen." in form.errors["ends_on"]


def test_a_group_of_another_plan_is_refused_with_code_other_plan(plan):
    other_group = f.GroupFactory(plan=f.PlanFactory(municipality=plan.municipality))
    form = _form(plan, group=other_group.pk)
    form.fields["group"].queryset = type(other_group).objects.all()  # a forged form: the model's rule refuses it
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["group"]] == ["other_plan"]
    assert "Prosjektgruppa hører til en annen plan." in form.errors["group"]


def test_a_second_edit_is_refused_as_stale(plan):
    measure = f.MeasureFactory(plan=plan, title="Lesing i alle fag")
    stored = Measure.objects.get(pk=measure.pk)
    first = _form(plan, instance=Measure.objects.get(pk=measure.pk), version=stored.version, responsible="Kari")
    second = _form(plan, instance=Measure.objects.get(pk=measure.pk), version=stored.version, responsible="Ola")
    assert first.is_valid() and second.is_valid()
    measures.measure_save(form=first)
    with pytest.raises(StaleVersion) as refused:
        measures.measure_save(form=second)
    assert refused.value.code == "stale"
    assert Measure.objects.get(pk=measure.pk).responsible == "Kari"


def test_adviser_creates_a_measure_on_the_page_and_sees_it_listed(client, world, plan):
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:measure_create", args=[plan.pk]),
                           _data(all_schools=None, schools=[world.school.pk]))
    measure = Measure.objects.get(plan=plan)
    assert response.url == reverse("projects:measure_list", args=[plan.pk]) + f"#measure-{measure.pk}"
    html = client.get(reverse("projects:measure_list", args=[plan.pk])).content.decode()
    assert "Lesing i alle fag" in html and "Egen skole" in html and "Nasjonale prøver lesing 5. trinn" in html


def test_the_page_names_the_missing_start_date_in_norwegian(client, world, plan):
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:measure_create", args=[plan.pk]), _data(starts_on=""))
    assert response.status_code == 200
    assert "Oppgi datoen tiltaket starter." in response.content.decode()


def test_a_rector_reads_the_list_without_edit_links(client, world, plan):
    f.MeasureFactory(plan=plan, title="Trygt skolemiljø")
    client.force_login(world.users["rector"])
    html = client.get(reverse("projects:measure_list", args=[plan.pk])).content.decode()
    assert "Trygt skolemiljø" in html and "Nytt tiltak" not in html and "/endre/" not in html


def test_the_list_queries_do_not_grow_with_the_measures(client, world, plan, django_assert_max_num_queries):
    reading = Indicator.objects.get(code="NPLES05")
    client.force_login(world.users["adviser"])
    url = reverse("projects:measure_list", args=[plan.pk])
    for count in (3, 30):
        for _ in range(count - plan.measures.count()):
            f.MeasureFactory(plan=plan, all_schools=False, schools=[world.school], indicators=[reading])
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


# --- The Læringsspeil hook ---------------------------------------------------------------------
def test_hook_gives_the_measures_aimed_at_the_indicators_for_every_school_or_the_chosen(world, plan):
    reading, bullying = Indicator.objects.get(code="NPLES05"), Indicator.objects.get(code="EU_MOBBING")
    f.MeasureFactory(plan=plan, title="Lesing i alle fag", starts_on=D(2024, 8, 15), indicators=[reading, bullying])
    f.MeasureFactory(plan=plan, title="Bare for annen skole", all_schools=False, schools=[world.other_school],
                     indicators=[reading])
    found = measures.for_indicators(world.municipality, world.school, [reading.pk])
    assert [(m.indicator_id, m.title, m.started_on) for m in found] == [(reading.pk, "Lesing i alle fag",
                                                                          D(2024, 8, 15))]
    assert found[0].kind in ("Tiltak i handlingsplanen", "Action-plan measure")
    assert found[0].url.startswith(reverse("projects:measure_list", args=[plan.pk]))


def test_hook_never_gives_another_municipalitys_measures(world, plan):
    reading = Indicator.objects.get(code="NPLES05")
    foreign_plan = f.PlanFactory(municipality=world.other_municipality)
    f.MeasureFactory(plan=foreign_plan, title="Fremmed tiltak", indicators=[reading])
    assert measures.for_indicators(world.municipality, world.school, [reading.pk]) == []


def test_hook_is_one_query(world, plan, django_assert_num_queries):
    reading = Indicator.objects.get(code="NPLES05")
    for n in range(5):
        f.MeasureFactory(plan=plan, indicators=[reading], schools=[world.school, core.SchoolFactory(
            municipality=world.municipality)], all_schools=n % 2 == 0)
    with django_assert_num_queries(1):
        assert len(measures.for_indicators(world.municipality, world.school, [reading.pk])) == 5
