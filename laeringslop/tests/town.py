"""A small municipality with its people, on a frozen clock, for the tests of an app's services and pages
(the school visits, the leader meetings); the access matrix has its own world (``world.py``).

Elvedal (9901): two schools and a kindergarten, each with its leader, and the director, an adviser and
an administrator. Beside it Fjellbygd (9902), with a school, its rector and an adviser: people a page or a
service of Elvedal must not show or accept. Use its fixtures in a test module or an app's conftest::

    from laeringslop.tests import town as shared

    clock, town = shared.clock, shared.town
"""
from datetime import datetime

import pytest
from django.utils import timezone

from . import factories as f
from .clock import freeze

#: The frozen "now": Tuesday 1 September 2026, 08:00 (school year 2026-27).
NOW = timezone.make_aware(datetime(2026, 9, 1, 8, 0))


def build_town() -> dict:
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    other_school = f.SchoolFactory(municipality=municipality, name="Granli skole")
    kindergarten = f.KindergartenFactory(municipality=municipality, name="Tusenfryd barnehage")
    elsewhere = f.MunicipalityFactory(name="Fjellbygd", number="9902")
    foreign_school = f.SchoolFactory(municipality=elsewhere, name="Fjell skole")
    return {
        "municipality": municipality, "school": school, "other_school": other_school, "kindergarten": kindergarten,
        "director": f.director(municipality, username="direktor", first_name="Dina", last_name="Dahl"),
        "adviser": f.adviser(municipality, username="radgiver", first_name="Rune", last_name="Rasmussen"),
        "administrator": f.user_with_role("administrator", municipality, username="admin"),
        "rector": f.rector(school, username="rektor", first_name="Kari", last_name="Berg"),
        "other_rector": f.rector(other_school, username="rektor2", first_name="Ola", last_name="Haugen"),
        "head": f.kindergarten_head(kindergarten, username="styrer", first_name="Lars", last_name="Lie"),
        "elsewhere": elsewhere, "foreign_school": foreign_school,
        "foreign_adviser": f.adviser(elsewhere, username="fremmed", first_name="Frida", last_name="Fremmed"),
        "foreign_rector": f.rector(foreign_school, username="fremmed2", first_name="Per", last_name="Fjell"),
    }


@pytest.fixture
def clock(monkeypatch):
    """Freezes ``timezone.now`` (and so the local date and the school year); move it with ``clock.now = …``."""
    return freeze(monkeypatch, NOW)


@pytest.fixture
def town(clock):
    """Elvedal and Fjellbygd (``build_town``), made at ``NOW``."""
    return build_town()
