"""The kindergartens' Læringsspeil: the kindergarten head's page, the year's kindergarten indicators
and questions, the kindergarten's self-assessment, the list for the staff, access and queries."""
from datetime import date

import pytest
from django.urls import reverse

from dialogue import services
from dialogue.models import Assessment
from indicators.models import Indicator
from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025
NB = {"HTTP_ACCEPT_LANGUAGE": "nb"}


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    kindergarten = f.KindergartenFactory(municipality=municipality, name="Blåbærtua barnehage")
    other = f.KindergartenFactory(municipality=municipality, name="Humla barnehage")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       indicator_codes=["NPLES05", "FU_TRIVSEL", "FU_INFORMASJON"])
    df.QuestionFactory(mirror_year=mirror_year, text="Hva forklarer resultatene på nasjonale prøver?")
    question = df.QuestionFactory(mirror_year=mirror_year, text="Hva gjør barnehagen med Foreldreundersøkelsen?",
                                  applies_to="kindergarten", area="learning_environment", has_rating=True)
    return dict(municipality=municipality, kindergarten=kindergarten, other=other, school=school,
                mirror_year=mirror_year, question=question, head=f.kindergarten_head(kindergarten))


def _url(unit, name="dialogue:mirror"):
    return reverse(name, kwargs={"school_id": unit.pk, "year": YEAR})


def test_head_sees_the_parent_survey_beside_the_municipality_and_the_nation(client, town):
    kindergarten, municipality = town["kindergarten"], town["municipality"]
    df.value("FU_TRIVSEL", YEAR, school=kindergarten, v=4.7, pupils=40)
    df.value("FU_TRIVSEL", YEAR - 1, school=kindergarten, v=4.6, pupils=38)
    df.municipal("FU_TRIVSEL", YEAR, municipality, 4.5)
    df.nation("FU_TRIVSEL", YEAR, 4.6)
    df.value("FU_INFORMASJON", YEAR, school=kindergarten, suppressed=True, pupils=4)
    client.force_login(town["head"])
    html = client.get(_url(kindergarten), **NB).content.decode()
    assert "Blåbærtua barnehage" in html and "Foreldreundersøkelsen og barnehagemiljøet" in html
    assert "Barnets trivsel" in html and "4,7" in html and "4,5" in html and "4,6" in html
    assert "Informasjon" in html and "prikket" in html
    assert "Barnehagens egenvurdering" in html
    # The school indicators of the same year are not the kindergarten's.
    assert "Nasjonale prøver lesing" not in html


def test_the_kindergartens_export_names_the_kindergarten_and_the_answers_not_a_school(client, town):
    kindergarten = town["kindergarten"]
    df.value("FU_TRIVSEL", YEAR, school=kindergarten, v=4.7, pupils=40)
    client.force_login(town["head"])
    response = client.get(reverse("dialogue:mirror_export", kwargs={"school_id": kindergarten.pk, "year": YEAR,
                                                                    "fmt": "csv"}), **NB)
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert "Barnehage" in header and "Antall svar" in header
    assert "Skole" not in header and "Antall elever" not in header


def test_the_school_laeringsspeil_does_not_show_the_kindergarten_indicators(client, town):
    client.force_login(f.rector(town["school"]))
    html = client.get(_url(town["school"]), **NB).content.decode()
    assert "Nasjonale prøver lesing 5. trinn" in html and "Barnets trivsel" not in html


def test_another_kindergartens_page_and_another_municipalitys_are_404_for_the_head(client, town):
    foreign = f.KindergartenFactory(municipality=f.MunicipalityFactory(number="9902"), name="Fremmed barnehage")
    client.force_login(town["head"])
    assert client.get(_url(town["other"])).status_code == 404
    assert client.get(_url(foreign)).status_code == 404
    assert client.get(_url(town["school"])).status_code == 404
    # The reports and dialogues are the schools': a kindergarten has none.
    client.force_login(f.director(town["municipality"]))
    assert client.get(_url(town["kindergarten"], "dialogue:report_html")).status_code == 404


def test_head_answers_only_the_kindergarten_questions_and_submits(client, town):
    kindergarten, question = town["kindergarten"], town["question"]
    client.force_login(town["head"])
    html = client.get(_url(kindergarten, "dialogue:assessment"), **NB).content.decode()
    assert "Hva gjør barnehagen med Foreldreundersøkelsen?" in html
    assert "nasjonale prøver" not in html
    response = client.post(_url(kindergarten, "dialogue:assessment"), {
        "version": 0, f"q{question.pk}_text": "Vi sender ukebrev og har foreldresamtaler.",
        f"q{question.pk}_rating": "3", "staff_meeting_date": "2025-11-20",
        "staff_involvement": "Drøftet på personalmøtet.", "submit": "1"}, follow=True, **NB)
    assessment = Assessment.objects.get(school=kindergarten)
    assert assessment.status == "submitted", [str(m) for m in response.context["messages"]]
    assert "Egenvurderingen er sendt inn" in response.content.decode()


def test_the_kindergartens_rating_scale_speaks_of_the_kindergarten(client, town):
    client.force_login(town["head"])
    html = client.get(_url(town["kindergarten"], "dialogue:assessment"), **NB).content.decode()
    assert "hvor godt det stemmer for barnehagen" in html
    assert "Hvor godt det stemmer for barnehagen: 1 = i liten grad" in html


def test_a_kindergarten_assessment_is_complete_without_the_school_questions(town):
    saved = services.assessment_save(
        mirror_year=town["mirror_year"], school=town["kindergarten"], user=town["head"],
        answers={town["question"].pk: ("Svar", 2)}, staff_meeting_date=date(2025, 11, 20), staff_involvement="Møte")
    assert services.missing_parts(saved) == {}


def test_adviser_chooses_the_kindergarten_indicators_apart_from_the_schools(client, town):
    mirror_year = town["mirror_year"]
    client.force_login(f.adviser(town["municipality"]))
    url = reverse("dialogue:year_setup", kwargs={"year": YEAR})
    html = client.get(url, **NB).content.decode()
    assert "Indikatorer for barnehagene" in html and "Indikatorer for skolene" in html
    trivsel, reading = Indicator.objects.get(code="FU_TRIVSEL"), Indicator.objects.get(code="NPLES05")
    tilfredshet = Indicator.objects.get(code="FU_TILFREDSHET")
    mirror_year.refresh_from_db()
    questions = list(mirror_year.questions.all())
    data = {"deadline": "2025-12-15", "indicators": [reading.pk], "kindergarten_indicators": [tilfredshet.pk],
            "introduction": "", "version": mirror_year.version,
            "questions-TOTAL_FORMS": str(len(questions)), "questions-INITIAL_FORMS": str(len(questions)),
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000"}
    for i, q in enumerate(questions):
        data.update({f"questions-{i}-id": q.pk, f"questions-{i}-applies_to": q.applies_to,
                     f"questions-{i}-area": q.area, f"questions-{i}-text": q.text, f"questions-{i}-order": q.order})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert set(mirror_year.indicators.values_list("code", flat=True)) == {"NPLES05", "FU_TILFREDSHET"}
    assert trivsel not in mirror_year.indicators.all()


def test_a_parent_survey_theme_is_not_offered_among_the_school_indicators(town):
    from dialogue.forms import MirrorYearForm

    form = MirrorYearForm(instance=town["mirror_year"])
    assert not form.fields["indicators"].queryset.filter(source="parent_survey").exists()
    assert form.fields["kindergarten_indicators"].queryset.filter(code="FU_TRIVSEL").exists()
    assert not form.fields["kindergarten_indicators"].queryset.filter(code="NPLES05").exists()


def test_completion_status_counts_the_kindergartens_apart(client, town):
    df.AssessmentFactory(mirror_year=town["mirror_year"], school=town["kindergarten"], status="submitted",
                         submitted_at="2025-12-01T12:00:00Z")
    client.force_login(f.adviser(town["municipality"]))
    html = client.get(reverse("dialogue:year_status", kwargs={"year": YEAR}), **NB).content.decode()
    assert "Barnehagenes egenvurderinger: 1 levert, 0 under arbeid, 1 ikke påbegynt." in html
    assert "1 skole har ikke levert." in html  # the schools' count leaves the kindergartens out


def test_director_lists_the_kindergartens_with_their_status_and_satisfaction(client, town):
    df.value("FU_TILFREDSHET", YEAR, school=town["kindergarten"], v=4.4, pupils=30)
    client.force_login(f.director(town["municipality"]))
    html = client.get(reverse("dialogue:kindergarten_list_of", kwargs={"year": YEAR}), **NB).content.decode()
    assert "Blåbærtua barnehage" in html and "Humla barnehage" in html and "4,4" in html
    assert "Bjørkelia skole" not in html
    assert "Ikke påbegynt" in html


def test_head_home_page_has_the_kindergarten_panel(client, town):
    df.value("FU_TILFREDSHET", YEAR, school=town["kindergarten"], v=4.4, pupils=30)
    client.force_login(town["head"])
    html = client.get("/", **NB).content.decode()
    assert "Foreldrenes tilfredshet (Foreldreundersøkelsen 2025): 4,4 av 5." in html
    assert _url(town["kindergarten"], "dialogue:assessment") in html


def test_the_kindergarten_list_queries_do_not_grow(client, town, django_assert_max_num_queries):
    municipality, mirror_year = town["municipality"], town["mirror_year"]

    def add(n):
        for _ in range(n):
            kindergarten = f.KindergartenFactory(municipality=municipality)
            mirror_year.kindergartens.add(kindergarten)  # in the year (as publishing or «Add a unit» makes it)
            f.kindergarten_head(kindergarten)
            df.AssessmentFactory(mirror_year=mirror_year, school=kindergarten)
            df.value("FU_TILFREDSHET", YEAR, school=kindergarten, v=4.2, pupils=20)

    url = reverse("dialogue:kindergarten_list_of", kwargs={"year": YEAR})
    client.force_login(f.director(municipality))
    add(3)
    with django_assert_max_num_queries(20) as small:
        assert len(client.get(url).context["statuses"]) == 5
    add(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(url).context["statuses"]) == 35


def test_the_kindergartens_unit_page_links_its_laeringsspeil(client, town):
    client.force_login(town["head"])
    html = client.get(reverse("unit_detail", kwargs={"pk": town["kindergarten"].pk}), **NB).content.decode()
    assert reverse("dialogue:mirror_current", kwargs={"school_id": town["kindergarten"].pk}) in html
    assert "Skolebesøk" not in html


def test_the_directors_home_counts_the_kindergartens_self_assessments_apart(client, town):
    from django.utils import timezone

    from ..models import Assessment

    Assessment.objects.create(mirror_year=town["mirror_year"], school=town["kindergarten"], status="submitted",
                              submitted_at=timezone.now())
    client.force_login(f.director(town["municipality"]))
    html = client.get(reverse("home"), **NB).content.decode()
    kindergartens = html.split('id="panel-kindergarten-counts"')[1].split("</ul>")[0]
    assert "Levert: <strong>1</strong>" in kindergartens and "Ikke påbegynt: <strong>1</strong>" in kindergartens
