"""The home page's competence panels: a leader sees the measures open for sign-up with the places left and
their unit's people signed up or waiting; the staff see the measures with coming sessions and how full they
are. Only links the reader may open; queries that do not grow with the data (1× and 10× the demo)."""
from datetime import date, time

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from laeringslop.tests import factories as f

from .. import home
from ..models import MeasureSession, Participant
from ..services import participant_sign_up
from .helpers import freeze, network
from .test_pages import _demo

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_rector_sees_a_measure_open_for_sign_up_with_the_places_left(client, town):
    measure = network(town["municipality"], places=3)
    participant_sign_up(measure=measure, unit=town["other"], name="Anne Aasen", email="anne@granli.invalid",
                        by=town["adviser"])
    text = _home(client, town["rector"])
    assert "Åpne for påmelding" in text and "2 ledige plasser" in text
    assert f'href="/kompetanse/tiltak/{measure.pk}/enhet/{town["school"].pk}/"' in text


def test_a_full_measure_says_sign_ups_go_on_the_waiting_list(client, town):
    measure = network(town["municipality"], places=1)
    participant_sign_up(measure=measure, unit=town["other"], name="Anne Aasen", email="anne@granli.invalid",
                        by=town["adviser"])
    assert "Fullt: nye påmeldinger havner på venteliste" in _home(client, town["rector"])


def test_a_measure_that_has_ended_is_not_offered(client, town):
    network(town["municipality"], title="Fjorårets nettverk", starts_on=date(2025, 11, 1), ends_on=date(2026, 4, 30),
            sessions=False)
    text = _home(client, town["rector"])
    assert "Fjorårets nettverk" not in text
    assert "Ingen nettverk eller verksteder er åpne for påmelding nå." in text


def test_the_rector_sees_their_units_places_and_waiting_turns_but_not_another_units(client, town):
    measure = network(town["municipality"], places=1)
    participant_sign_up(measure=measure, unit=town["other"], name="Ola Annen", email="ola@granli.invalid",
                        by=town["adviser"])
    for name in ("Bjørn Berg", "Cecilie Dahl"):
        participant_sign_up(measure=measure, unit=town["school"], name=name,
                            email=f"{name.split()[0].lower().replace('ø', 'o')}@skole.invalid", by=town["rector"])
    text = _home(client, town["rector"])
    assert "Påmeldt fra Bjørkelia skole" in text
    assert "Bjørn Berg: på venteliste, nr. 1" in text and "Cecilie Dahl: på venteliste, nr. 2" in text
    assert "Ola Annen" not in text


def test_the_rector_with_nobody_signed_up_is_told_so(client, town):
    network(town["municipality"])
    text = _home(client, town["rector"])
    assert "Ingen fra Bjørkelia skole er påmeldt et tiltak som fortsatt pågår." in text


def test_the_kindergarten_head_gets_the_panel_for_their_kindergarten(client, town):
    kindergarten = f.KindergartenFactory(municipality=town["municipality"], name="Solsikken barnehage")
    head = f.kindergarten_head(kindergarten, username="styrer")
    measure = network(town["municipality"])
    text = _home(client, head)
    assert f'href="/kompetanse/tiltak/{measure.pk}/enhet/{kindergarten.pk}/"' in text
    assert "Påmeldt fra Solsikken barnehage" in text


def test_the_adviser_sees_the_next_session_and_how_full_the_measure_is(client, town):
    measure = network(town["municipality"], places=2)
    for n, unit in enumerate((town["school"], town["other"], town["other"])):
        participant_sign_up(measure=measure, unit=unit, name=f"Lærer {n}", email=f"l{n}@skole.invalid",
                            by=town["adviser"])
    text = _home(client, town["adviser"])
    assert "Nettverk og verksteder med kommende samlinger" in text
    assert "Neste samling 24. november 2026" in text and "2 av 2 plasser tatt, 1 på venteliste" in text
    assert "Fullt" in text and f'href="/kompetanse/tiltak/{measure.pk}/deltakere/"' in text


def test_the_adviser_does_not_see_a_measure_whose_sessions_are_past(client, town):
    measure = network(town["municipality"], title="Høstens verksted", starts_on=date(2026, 8, 1), sessions=False)
    MeasureSession.objects.create(measure=measure, date=date(2026, 9, 1), starts_at=time(13), ends_at=time(16))
    text = _home(client, town["adviser"])
    assert "Høstens verksted" not in text
    assert "Ingen nettverk eller verksteder har kommende samlinger." in text


def test_the_rector_gets_no_staff_panel_and_the_adviser_no_leader_panel(client, town):
    network(town["municipality"])
    assert "med kommende samlinger" not in _home(client, town["rector"])
    assert "Åpne for påmelding" not in _home(client, town["adviser"])


def test_another_municipalitys_measures_are_not_shown(client, town):
    network(town["elsewhere"], title="Fjellbygds nettverk")
    assert "Fjellbygds nettverk" not in _home(client, town["adviser"])
    assert "Fjellbygds nettverk" not in _home(client, town["rector"])


# --- Bounded queries at 1× and 10× the demo ----------------------------------------------------------
def _panel_queries(user, municipality) -> tuple[int, list]:
    request = RequestFactory().get("/")
    request.user, request.municipality = user, municipality
    with CaptureQueriesContext(connection) as queries:
        panels = home.panels(request)
    return len(queries), panels


@pytest.mark.parametrize("role", ["rector", "adviser"])
def test_the_panels_queries_do_not_grow_with_the_data(client, monkeypatch, role):
    freeze(monkeypatch)
    counts, pages = [], []
    for copies in (1, 10):
        municipality = f.MunicipalityFactory(number=f"{9700 + copies}")
        adviser = f.adviser(municipality, username=f"radgiver-{copies}")
        _schools, rectors, _survey = _demo(municipality, copies)
        user = rectors[-1] if role == "rector" else adviser
        count, panels = _panel_queries(user, municipality)
        assert panels, "the panel is shown"
        counts.append(count)
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        pages.append(len(queries))
        client.logout()
    assert counts[0] == counts[1] and counts[1] <= 4, counts
    assert pages[1] <= pages[0], pages


def test_the_rectors_sign_ups_are_listed_from_the_demo(client, monkeypatch):
    freeze(monkeypatch)
    municipality = f.MunicipalityFactory(number="9799")
    schools, rectors, _survey = _demo(municipality, 1)
    text = _home(client, rectors[0])
    assert f"Påmeldt fra {schools[0].name}" in text and "Anne Aasen: har plass" in text
    assert Participant.objects.filter(unit=schools[0]).exists()
