"""Shared set-up for the competence tests: a town with two schools, their rectors and an adviser."""
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from laeringslop.tests import factories as f

from ..models import CompetenceMeasure, MeasureSession

TODAY = datetime(2026, 9, 10, 12, 0)


def freeze(monkeypatch, when: datetime = TODAY):
    """The clock stands still at ``when`` (Oslo time)."""
    instant = timezone.make_aware(when)
    monkeypatch.setattr("django.utils.timezone.now", lambda: instant)
    return instant


@pytest.fixture
def town(monkeypatch):
    freeze(monkeypatch)
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    other = f.SchoolFactory(municipality=municipality, name="Granli skole")
    elsewhere = f.MunicipalityFactory(name="Fjellbygd", number="9902")
    return {
        "municipality": municipality, "school": school, "other": other,
        "adviser": f.adviser(municipality, username="radgiver"),
        "rector": f.rector(school, username="rektor", first_name="Kari", last_name="Lie"),
        "other_rector": f.rector(other, username="rektor2"),
        "foreign_school": f.SchoolFactory(municipality=elsewhere, name="Fjell skole"),
        "elsewhere": elsewhere,
    }


def network(municipality, *, places=2, title="Praktisk-estetiske fag i ny læreplan", sessions=True, **kw):
    measure = CompetenceMeasure.objects.create(
        municipality=municipality, title=title, places=places, starts_on=kw.pop("starts_on", date(2026, 11, 1)),
        ends_on=kw.pop("ends_on", date(2027, 4, 30)), target_group="Lærere i praktisk-estetiske fag", **kw)
    if sessions:
        MeasureSession.objects.create(measure=measure, date=date(2026, 11, 24), starts_at=time(13),
                                      ends_at=time(16), place="Quality River Station", group="Kroppsøving")
    return measure
