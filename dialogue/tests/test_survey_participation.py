"""The pupil survey's participation (Udir's AndelDeltatt / AntallInvitert) beside its indices on the
Læringsspeil."""
import pytest
from django.urls import reverse

from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def school():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    return f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=10)


def _page(client, school):
    client.force_login(f.rector(school))
    response = client.get(reverse("dialogue:mirror", kwargs={"school_id": school.pk, "year": YEAR}),
                          HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    return response.content.decode()


def test_participation_is_shown_beside_the_survey_indices_in_norwegian(client, school):
    df.MirrorYearFactory(municipality=school.municipality, school_year=YEAR, indicator_codes=["EU_TRIVSEL"])
    df.value("EU_TRIVSEL", YEAR, school=school, grade=7, v=4.2, pupils=40)
    df.value("EU_DELTAKELSE", YEAR, school=school, grade=7, v=92.9, pupils=40, details={"invited": 43})
    df.value("EU_DELTAKELSE", YEAR, school=school, grade=10, suppressed=True)
    html = _page(client, school)
    assert "Deltakelse i Elevundersøkelsen:" in html
    assert "7. trinn: 92,9 % (40 av 43 elever svarte)" in html
    assert "10. trinn: *" in html


def test_no_participation_line_without_survey_indices(client, school):
    df.MirrorYearFactory(municipality=school.municipality, school_year=YEAR, indicator_codes=["NPLES05"])
    df.value("EU_DELTAKELSE", YEAR, school=school, grade=7, v=92.9, pupils=40, details={"invited": 43})
    assert "Deltakelse i Elevundersøkelsen" not in _page(client, school)


def test_another_schools_participation_is_not_shown(client, school):
    df.MirrorYearFactory(municipality=school.municipality, school_year=YEAR, indicator_codes=["EU_TRIVSEL"])
    other = f.SchoolFactory(municipality=school.municipality, name="Annen skole")
    df.value("EU_DELTAKELSE", YEAR, school=other, grade=7, v=50.0, pupils=20, details={"invited": 40})
    assert "Deltakelse i Elevundersøkelsen" not in _page(client, school)
