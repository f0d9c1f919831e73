"""The advisers' set-up of a year: copy from last year, questions, publish; completion status."""
from datetime import date

import pytest
from django.urls import reverse

from dialogue.models import MirrorYear, Question
from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser_client(client):
    municipality = f.MunicipalityFactory(number="9901")
    client.force_login(f.adviser(municipality))
    return client, municipality


def test_new_year_starts_as_a_copy_of_last_year(adviser_client):
    client, municipality = adviser_client
    last = df.MirrorYearFactory(municipality=municipality, school_year=2024, deadline=date(2024, 12, 10),
                                indicator_codes=["NPLES05", "EU_MOBBING"])
    df.QuestionFactory(mirror_year=last, text="Hva har dere lært?", area="learning_results", has_rating=True)
    df.QuestionFactory(mirror_year=last, text="Hvordan er miljøet?", area="learning_environment")
    response = client.post(reverse("dialogue:year_list"), {"school_year": 2025, "copy_previous": "on"})
    assert response.url == reverse("dialogue:year_setup", kwargs={"year": 2025})
    new = MirrorYear.objects.get(school_year=2025)
    assert new.deadline == date(2025, 12, 10) and new.status == "draft"
    assert sorted(new.indicators.values_list("code", flat=True)) == ["EU_MOBBING", "NPLES05"]
    assert sorted(new.questions.values_list("area", "text", "has_rating")) == [
        ("learning_environment", "Hvordan er miljøet?", False), ("learning_results", "Hva har dere lært?", True)]
    # Last year's questions are untouched copies, not moved.
    assert last.questions.count() == 2

    response = client.post(reverse("dialogue:year_list"), {"school_year": 2025})
    assert response.status_code == 200
    assert "allerede satt opp" in response.content.decode()


def _setup_data(mirror_year, *, deadline, indicators, questions, publish=False):
    mirror_year.refresh_from_db(fields=["version"])  # as the page shows it now
    data = {"deadline": deadline, "indicators": indicators, "introduction": "", "version": mirror_year.version,
            "questions-TOTAL_FORMS": str(len(questions)), "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000"}
    for i, (area, text, rating) in enumerate(questions):
        data.update({f"questions-{i}-area": area, f"questions-{i}-text": text, f"questions-{i}-order": str(i),
                     **({f"questions-{i}-has_rating": "on"} if rating else {})})
    if publish:
        data["publish"] = "1"
    return data


def test_setup_saves_questions_validates_and_publishes(adviser_client):
    client, municipality = adviser_client
    from indicators.models import Indicator

    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=2025, status="draft")
    url = reverse("dialogue:year_setup", kwargs={"year": 2025})
    reading = Indicator.objects.get(code="NPLES05").pk
    response = client.post(url, _setup_data(mirror_year, deadline="2027-01-01", indicators=[],
                                            questions=[("learning_results", "Kort", False)]))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "deadline" in errors and "indicators" in errors
    assert "minst 5 tegn" in response.content.decode()

    response = client.post(url, _setup_data(mirror_year, deadline="2025-12-01", indicators=[reading],
                                            questions=[("completion", "Hvordan går overgangene?", True)],
                                            publish=True))
    assert response.status_code == 302
    mirror_year.refresh_from_db()
    assert mirror_year.status == "published" and mirror_year.deadline == date(2025, 12, 1)
    assert Question.objects.get(mirror_year=mirror_year).area == "completion"


def test_publish_needs_a_question(adviser_client):
    client, municipality = adviser_client
    from indicators.models import Indicator

    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=2025, status="draft")
    url = reverse("dialogue:year_setup", kwargs={"year": 2025})
    response = client.post(url, _setup_data(mirror_year, deadline="2025-12-01",
                                            indicators=[Indicator.objects.get(code="GSP").pk], questions=[],
                                            publish=True), follow=True)
    mirror_year.refresh_from_db()
    assert mirror_year.status == "draft"
    assert "minst ett spørsmål" in response.content.decode()


def test_completion_status_lists_every_school(adviser_client):
    client, municipality = adviser_client
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=2025)
    done = f.SchoolFactory(municipality=municipality, name="A skole")
    f.SchoolFactory(municipality=municipality, name="B skole")
    f.rector(done, first_name="Kari", last_name="Berg")
    mirror_year.schools.set(municipality.units.all())  # the year's schools (fixed when it was published)
    df.AssessmentFactory(mirror_year=mirror_year, school=done, status="submitted",
                         submitted_at="2025-12-20T12:00:00Z")
    response = client.get(reverse("dialogue:year_status", kwargs={"year": 2025}))
    statuses = {s.school.name: s.status for s in response.context["statuses"]}
    assert statuses == {"A skole": "submitted", "B skole": "missing"}
    html = response.content.decode()
    assert "Kari Berg" in html and "For sent" in html  # 20 Dec is after the 15 Dec deadline


def test_new_year_form_suggests_a_free_year(adviser_client):
    from dialogue.selectors import current_school_year

    client, municipality = adviser_client
    now = current_school_year()
    df.MirrorYearFactory(municipality=municipality, school_year=now)
    df.MirrorYearFactory(municipality=municipality, school_year=now + 1, status="draft")
    response = client.get(reverse("dialogue:year_list"))
    assert response.context["form"]["school_year"].value() == now + 2


def test_questions_follow_their_order_on_the_setup_and_the_rectors_page(adviser_client):
    client, municipality = adviser_client
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=2025)
    for order, area in [(30, "learning_environment"), (10, "learning_results"), (50, "completion"),
                        (20, "learning_results"), (60, "completion"), (40, "learning_environment")]:
        df.QuestionFactory(mirror_year=mirror_year, area=area, order=order, text=f"Spørsmål nummer {order}?")
    response = client.get(reverse("dialogue:year_setup", kwargs={"year": 2025}))
    forms = list(response.context["formset"])
    assert [form["order"].value() for form in forms] == [10, 20, 30, 40, 50, 60, 70, 80]  # new rows after the last
    school = f.SchoolFactory(municipality=municipality)
    client.force_login(f.rector(school))
    html = client.get(reverse("dialogue:assessment", kwargs={"school_id": school.pk, "year": 2025})).content.decode()
    positions = [html.index(f"Spørsmål nummer {order}?") for order in (10, 20, 30, 40, 50, 60)]
    assert positions == sorted(positions)
