"""The competence pages in Norwegian, their query counts at 1× and 10× the demo, the chart, and the
Læringsspeil hook."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.catalogue import catalogue_ensure
from indicators.models import Indicator
from laeringslop.hooks import indicator_measures
from laeringslop.tests import factories as f

from .. import demo
from ..charts import gap_chart
from ..models import Participant
from ..services import participant_sign_up
from .helpers import network

pytestmark = pytest.mark.django_db


def test_the_measure_list_speaks_norwegian_and_offers_the_rector_a_sign_up(client, town):
    network(town["municipality"])
    client.force_login(town["rector"])
    text = client.get("/kompetanse/").content.decode()
    assert "Nettverk og verksteder" in text and "0 av 2 tatt" in text and "Meld på" in text


def test_the_rector_sees_the_waiting_list_number(client, town):
    measure = network(town["municipality"], places=1)
    for name in ("Anne Aasen", "Bjørn Berg", "Cecilie Dahl"):
        participant_sign_up(measure=measure, unit=town["school"], name=name,
                            email=f"{name.split()[0].lower().replace('ø', 'o')}@skole.invalid", by=town["rector"])
    client.force_login(town["rector"])
    text = client.get(f"/kompetanse/tiltak/{measure.pk}/enhet/{town['school'].pk}/").content.decode()
    assert "har plass" in text and "på venteliste, nr. 1" in text and "på venteliste, nr. 2" in text


def test_signing_up_over_the_limit_says_so_in_norwegian(client, town):
    measure = network(town["municipality"], places=1)
    client.force_login(town["rector"])
    url = f"/kompetanse/tiltak/{measure.pk}/enhet/{town['school'].pk}/"
    client.post(url, {"name": "Anne Aasen", "email": "anne@skole.invalid"})
    text = client.post(url, {"name": "Bjørn Berg", "email": "bjorn@skole.invalid"}, follow=True).content.decode()
    assert "Tiltaket er fullt: Bjørn Berg står på venteliste." in text


def test_a_session_outside_the_dates_is_refused_on_the_form(client, town):
    measure = network(town["municipality"], sessions=False)
    client.force_login(town["adviser"])
    text = client.post(f"/kompetanse/tiltak/{measure.pk}/samlinger/ny/",
                       {"date": "2027-06-01", "starts_at": "13:00", "ends_at": "16:00"}).content.decode()
    assert "01.06.2027 er utenfor tiltakets datoer (01.11.2026–30.04.2027)." in text
    assert not measure.sessions.exists()


def test_the_export_neutralises_formulas(client, town):
    measure = network(town["municipality"])
    Participant.objects.create(measure=measure, unit=town["school"], name="=HYPERLINK(1)", email="x@skole.invalid",
                               status="place")
    client.force_login(town["adviser"])
    body = client.get(f"/kompetanse/tiltak/{measure.pk}/deltakere.csv").content.decode("utf-8-sig")
    assert "Bjørkelia skole;'=HYPERLINK(1);x@skole.invalid;Har plass" in body


def test_the_chart_orders_by_gap_and_highlights_the_largest():
    chart = gap_chart("t", [("Digital kompetanse", 3, 4, 10), ("Dybdelæring", 2, 5, 10), ("Robuste barn", 4, 3, 10)])
    assert [p.topic for p in chart.points] == ["Dybdelæring", "Digital kompetanse", "Robuste barn"]
    assert [p.highlighted for p in chart.points] == [True, True, False]  # below the diagonal: no gap to close


def test_the_hook_gives_the_units_and_the_municipality_wide_measures(town):
    catalogue_ensure()
    indicator = Indicator.objects.get(code="EU_MOTIVASJON")
    taken = network(town["municipality"], title="Nettverk A")
    wide = network(town["municipality"], title="Nettverk B", municipality_wide=True)
    other = network(town["municipality"], title="Nettverk C")
    for measure in (taken, wide, other):
        measure.indicators.set([indicator])
    Participant.objects.create(measure=taken, unit=town["school"], name="A", email="a@x.invalid", status="place")
    Participant.objects.create(measure=other, unit=town["other"], name="B", email="b@x.invalid", status="place")
    with CaptureQueriesContext(connection) as queries:
        found = indicator_measures(town["municipality"], town["school"], [indicator.pk])
    assert sorted(m.title for m in found) == ["Nettverk A", "Nettverk B"]
    assert len(queries) <= 2


# --- Bounded queries at 1× and 10× the demo ----------------------------------------------------
def _demo(municipality, copies: int):
    """``copies`` × the demo's measures (two rounds of the network and their sign-ups) and survey schools."""
    schools = [f.SchoolFactory(municipality=municipality, name=f"Skole {k:03d}") for k in range(8 * copies)]
    rectors = [f.rector(school, username=f"rektor-{school.pk}") for school in schools]
    for k in range(copies):
        for year in (2025, 2026):
            measure = demo.seed_network(municipality, year, suffix=f" ({k})")
            demo.seed_sign_ups(measure, schools[8 * k:8 * (k + 1)], rectors[8 * k:8 * (k + 1)])
    survey = demo.seed_survey(municipality, "Kompetanseundersøkelse", date(2026, 5, 15), schools[:6 * copies])
    return schools, rectors, survey


def _count(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["measures", "participants", "signup", "survey"])
def test_the_list_pages_queries_do_not_grow_with_the_data(client, monkeypatch, page):
    counts = []
    for copies in (1, 10):
        municipality = f.MunicipalityFactory(number=f"{9800 + copies}")
        adviser = f.adviser(municipality)
        schools, rectors, survey = _demo(municipality, copies)
        measure = municipality.competence_measures.order_by("pk").last()
        url, user = {
            "measures": ("/kompetanse/", rectors[-1]),
            "participants": (f"/kompetanse/tiltak/{measure.pk}/deltakere/", adviser),
            "signup": (f"/kompetanse/tiltak/{measure.pk}/enhet/{schools[-1].pk}/", rectors[-1]),
            "survey": (f"/kompetanse/undersokelser/{survey.pk}/?enhet={schools[0].pk}", adviser),
        }[page]
        counts.append(_count(client, user, url))
        client.logout()
    assert counts[1] <= counts[0], counts
