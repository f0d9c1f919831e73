"""Shared expectations and their signs of quality: the service's rules and codes, the edit page, the
printable page and its flower."""
import pytest
from django.urls import reverse

from laeringslop.concurrency import StaleVersion
from projects.expectations import expectation_save
from projects.forms import ExpectationForm
from projects.models import Expectation, SignOfQuality

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return f.PlanFactory(municipality=world.municipality, name="Kvalitetsplan Elvedal")


def _form(expectation, **data):
    return ExpectationForm({"title": expectation.title, "order": expectation.order,
                            "version": expectation.version, **data},
                           instance=Expectation.objects.get(pk=expectation.pk))


def _signs(expectation):
    return list(expectation.signs.order_by("order").values_list("text", flat=True))


def test_signs_are_stored_in_the_order_written(plan):
    expectation = f.ExpectationFactory(plan=plan, signs=["Gammelt tegn", "Elevene vet hva de skal lære"])
    form = _form(expectation, signs="• Elevene vet hva de skal lære\n\nTilbakemeldinger viser veien videre")
    assert form.is_valid(), form.errors
    expectation_save(form=form)
    assert _signs(expectation) == ["Elevene vet hva de skal lære", "Tilbakemeldinger viser veien videre"]


def test_a_kept_sign_keeps_its_row_and_history(plan):
    expectation = f.ExpectationFactory(plan=plan, signs=["Første", "Andre"])
    kept = SignOfQuality.objects.get(expectation=expectation, text="Andre")
    form = _form(expectation, signs="Andre\nFørste")
    assert form.is_valid()
    expectation_save(form=form)
    assert SignOfQuality.objects.get(expectation=expectation, text="Andre").pk == kept.pk
    assert _signs(expectation) == ["Andre", "Første"]


def test_a_repeated_line_is_refused_naming_both_lines(plan):
    expectation = f.ExpectationFactory(plan=plan)
    form = _form(expectation, signs="Elevene deltar\nLærerne deler\nelevene deltar")
    assert not form.is_valid()
    assert form.errors.as_data()["signs"][0].code == "duplicate"
    assert "Linje 3 gjentar linje 1: «elevene deltar»." in form.errors["signs"]


def test_a_too_long_line_is_refused(plan):
    expectation = f.ExpectationFactory(plan=plan)
    form = _form(expectation, signs="Kort\n" + "x" * 301)
    assert not form.is_valid()
    assert form.errors.as_data()["signs"][0].code == "too_long"
    assert "Linje 2 er lengre enn 300 tegn" in form.errors["signs"][0]


def test_a_second_edit_of_the_signs_is_refused_as_stale_and_nothing_is_written(plan):
    expectation = f.ExpectationFactory(plan=plan, signs=["Første"])
    first, second = _form(expectation, signs="Første\nFra Kari"), _form(expectation, signs="Fra Ola")
    assert first.is_valid() and second.is_valid()
    expectation_save(form=first)
    with pytest.raises(StaleVersion) as refused:
        expectation_save(form=second)
    assert refused.value.code == "stale"
    assert any("Kjennetegn på kvalitet" in message for message in refused.value.messages)
    assert _signs(expectation) == ["Første", "Fra Kari"]


def test_changing_only_the_signs_counts_a_version(plan):
    expectation = f.ExpectationFactory(plan=plan)
    form = _form(expectation, signs="Nytt tegn")
    assert form.is_valid()
    expectation_save(form=form)
    assert Expectation.objects.get(pk=expectation.pk).version == expectation.version + 1


def test_adviser_adds_an_expectation_with_signs_on_the_page(client, world, plan):
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:expectation_create", args=[plan.pk]), {
        "title": "Vurdering for læring", "order": 1, "version": 0,
        "signs": "Elevene vet hva de skal lære\nTilbakemeldinger viser veien videre"})
    assert response.status_code == 302
    expectation = Expectation.objects.get(plan=plan, title="Vurdering for læring")
    assert _signs(expectation) == ["Elevene vet hva de skal lære", "Tilbakemeldinger viser veien videre"]


def test_edit_page_shows_the_signs_one_a_line(client, world, plan):
    expectation = f.ExpectationFactory(plan=plan, signs=["Første tegn", "Andre tegn"])
    client.force_login(world.users["adviser"])
    html = client.get(reverse("projects:expectation_edit", args=[expectation.pk])).content.decode()
    assert "Første tegn\nAndre tegn" in html
    assert "Kjennetegn på kvalitet" in html


def test_print_page_lists_every_expectation_with_its_signs_for_a_rector(client, world, plan):
    f.ExpectationFactory(plan=plan, title="Profesjonsfellesskap", order=1, signs=["Teamene drøfter elevenes læring"])
    f.ExpectationFactory(plan=plan, title="Vurdering for læring", order=2, signs=["Elevene vet hva de skal lære"])
    client.force_login(world.users["rector"])
    response = client.get(reverse("projects:expectations_print", args=[plan.pk]))
    html = response.content.decode()
    assert "Felles forventninger til alle skoler" in html
    assert html.index("1. Profesjonsfellesskap") < html.index("2. Vurdering for læring")
    assert "Teamene drøfter elevenes læring" in html and "Elevene vet hva de skal lære" in html
    assert "/forventning/" not in html.replace("/forventninger/", "")  # a rector reads, no edit links


def test_print_page_draws_the_flower_with_a_petal_and_its_text_per_expectation(client, world, plan):
    for order, title in enumerate(["Delingskultur", "Elevmedvirkning", "Læreplananalyse"], start=1):
        f.ExpectationFactory(plan=plan, title=title, order=order)
    client.force_login(world.users["adviser"])
    html = client.get(reverse("projects:expectations_print", args=[plan.pk])).content.decode()
    svg = html[html.index("<svg class=\"flower\""):html.index("</svg>")]
    assert svg.count("<ellipse") == 3
    assert ">Elevmedvirkning</tspan>" in svg
    assert "<title id=\"flower-title\">Forventningsblomsten</title>" in svg
    assert "," not in svg.split("<ellipse", 1)[1].split("/>", 1)[0]  # coordinates with a point, not a comma


def test_print_page_without_expectations_says_so(client, world, plan):
    client.force_login(world.users["adviser"])
    html = client.get(reverse("projects:expectations_print", args=[plan.pk])).content.decode()
    assert "Ingen felles forventninger ennå." in html and "<svg class=\"flower\"" not in html


def test_print_page_queries_do_not_grow_with_the_expectations(client, world, plan, django_assert_max_num_queries):
    client.force_login(world.users["adviser"])
    url = reverse("projects:expectations_print", args=[plan.pk])
    for count in (3, 30):
        for _ in range(count - plan.expectations.count()):
            f.ExpectationFactory(plan=plan, signs=["Ett", "To", "Tre"])
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
