"""Fixtures of the leader meetings' tests: a frozen clock and a small municipality with its people."""
from datetime import date, datetime

import pytest
from django.utils import timezone

from laeringslop.tests import factories as f
from laeringslop.tests.clock import at, freeze

#: The frozen "now": Tuesday 1 September 2026, 08:00 (school year 2026-27).
NOW = timezone.make_aware(datetime(2026, 9, 1, 8, 0))
DAY = date(2026, 9, 24)  # a Thursday ahead


@pytest.fixture
def clock(monkeypatch):
    """Freezes ``timezone.now`` (and so the local date and the school year); move it with ``clock.now = …``."""
    return freeze(monkeypatch, NOW)


@pytest.fixture
def town(clock):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    other_school = f.SchoolFactory(municipality=municipality, name="Granli skole")
    kindergarten = f.KindergartenFactory(municipality=municipality, name="Tusenfryd barnehage")
    elsewhere = f.MunicipalityFactory(name="Fjellbygd", number="9902")
    return {
        "municipality": municipality, "school": school, "other_school": other_school, "kindergarten": kindergarten,
        "director": f.director(municipality, username="direktor", first_name="Dina", last_name="Dahl"),
        "adviser": f.adviser(municipality, username="radgiver", first_name="Rune", last_name="Rasmussen"),
        "administrator": f.user_with_role("administrator", municipality, username="admin"),
        "rector": f.rector(school, username="rektor", first_name="Kari", last_name="Berg"),
        "other_rector": f.rector(other_school, username="rektor2", first_name="Ola", last_name="Haugen"),
        "head": f.kindergarten_head(kindergarten, username="styrer", first_name="Lars", last_name="Lie"),
        "elsewhere": elsewhere,
        "stranger": f.rector(f.SchoolFactory(municipality=elsewhere, name="Fjell skole"), username="fremmed",
                             first_name="Per", last_name="Fjell"),
    }


def plan(town, **overrides):
    """Plan a meeting through the service (defaults: a school leaders' meeting on DAY, the rector invited)."""
    from ..services import meeting_plan

    values = {"municipality": town["municipality"], "user": town["adviser"], "kind": "school_leaders",
              "title": "Elevmedvirkning + Vurdering i LK20", "starts_at": at(DAY, 12, 30), "ends_at": at(DAY, 15, 30),
              "target_group": "rectors", "place": "Rådhuset", "participants": [town["rector"], town["director"]],
              "agenda": [{"title": "Velkommen", "presenter": "Kommunalsjef", "minutes": 15},
                         {"title": "Elevmedvirkning", "presenter": "", "minutes": None}]}
    values.update(overrides)
    return meeting_plan(**values)
