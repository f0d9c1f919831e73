"""The glossary («Ordliste»): every term with a fixed anchor, in both languages, and linked from the
pages that use the words."""
import re

import pytest
from django.urls import reverse

from dialogue.tests import factories as df
from laeringslop.glossary import GLOSSARY
from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db
ANCHORS = {"reell-forskjell", "feilmargin", "prikket", "laeringsspeil", "mestringsnivaa", "brudd-i-tidsrekken",
           "grunnskolepoeng", "indikator"}


def test_the_glossary_explains_each_term_under_its_anchor_in_norwegian(client):
    school = f.SchoolFactory()
    client.force_login(f.rector(school))
    html = client.get(reverse("glossary")).content.decode()
    assert "<h1>Ordliste</h1>" in html
    ids = set(re.findall(r'<dt id="([^"]+)"', html))
    assert ids >= ANCHORS and len(ids) == len(GLOSSARY)
    assert '<dt id="prikket" class="h5 mt-4">Prikket (*)</dt>' in html and "av personvernhensyn" in html
    assert '<a href="#mestringsnivaa">Mestringsnivå</a>' in html  # the contents link to each term


def test_the_glossary_in_english(client):
    client.force_login(f.director(f.MunicipalityFactory()))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("glossary")).content.decode()
    assert "<h1>Glossary</h1>" in html and '<dt id="reell-forskjell" class="h5 mt-4">Real difference</dt>' in html
    assert "Break in the time series" in html and "Ordliste" not in html


def test_the_results_pages_link_to_the_terms(client):
    municipality = f.MunicipalityFactory()
    school = f.SchoolFactory(municipality=municipality)
    df.MirrorYearFactory(municipality=municipality, school_year=2025, indicator_codes=["NPLES05"])
    client.force_login(f.director(municipality))
    glossary = reverse("glossary")
    mirror = client.get(reverse("dialogue:mirror", kwargs={"school_id": school.pk, "year": 2025})).content.decode()
    for anchor in ("reell-forskjell", "prikket", "brudd-i-tidsrekken", "mestringsnivaa"):
        assert f'href="{glossary}#{anchor}"' in mirror
    dashboard = client.get(reverse("dialogue:dashboard") + "?year=2025").content.decode()
    assert f'href="{glossary}#reell-forskjell"' in dashboard
    imports = client.get(reverse("indicators:import_upload")).content.decode()
    assert f'href="{glossary}#mestringsnivaa"' in imports and f'href="{glossary}#prikket"' in imports
