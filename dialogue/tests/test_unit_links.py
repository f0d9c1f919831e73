"""A school's unit page links to its Læringsspeil, the newest year's report and dialogue, and its visits:
only what the reader may open, and every link opens."""
import pytest
from django.urls import reverse

from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    kindergarten = f.KindergartenFactory(municipality=municipality, name="Tusenfryd barnehage")
    df.MirrorYearFactory(municipality=municipality, school_year=2025)
    return {"school": school, "adviser": f.adviser(municipality, username="radgiver"),
            "rector": f.rector(school, username="rektor"),
            "head": f.user_with_role("kindergarten_head", municipality, unit=kindergarten, username="styrer")}


def _links(client, user, unit):
    client.force_login(user)
    html = client.get(reverse("unit_detail", args=[unit.pk])).content.decode()
    if 'id="unit-links"' not in html:
        return {}
    block = html[html.index('id="unit-links"'):html.index("</ul>", html.index('id="unit-links"'))]
    import re

    return dict((label, url) for url, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', block))


def test_the_adviser_gets_the_schools_pages(client, town):
    assert set(_links(client, town["adviser"], town["school"])) == {"Læringsspeil", "Utviklingssamtalen 2025-26",
                                                                     "Skolebesøk"}


@pytest.mark.parametrize("who", ["adviser", "rector"])
def test_every_link_opens(client, town, who):
    links = _links(client, town[who], town["school"])
    assert links and all(client.get(url, follow=True).status_code == 200 for url in links.values())


def test_a_kindergarten_head_gets_no_links_to_a_schools_pages(client, town):
    client.force_login(town["head"])
    response = client.get(reverse("unit_detail", args=[town["school"].pk]))
    assert response.status_code != 200 or 'id="unit-links"' not in response.content.decode()
