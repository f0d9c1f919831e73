"""The upload form has no choice of municipality: a job is always the request's municipality's,
whatever a crafted POST says, and a row naming another municipality's school stores nothing for it."""
import pytest

from indicators.models import ImportJob, IndicatorValue
from indicators.tests.factories import csv_bytes, national_row

from .test_views import upload

pytestmark = pytest.mark.django_db


def test_a_posted_municipality_is_ignored(client, world):
    client.force_login(world.user("adviser"))
    upload(client, csv_bytes([national_row(world.school.org_number, world.school.name)]),
           municipality=world.other_municipality.pk, municipality_id=world.other_municipality.pk)
    assert ImportJob.objects.get().municipality == world.municipality
    assert IndicatorValue.objects.filter(unit=world.school).count() == 1


# An import looks schools up among its own municipality's only (load_context): another's school gets nothing.
def test_a_row_for_a_school_of_another_municipality_stores_nothing_for_it(client, world):
    client.force_login(world.user("adviser"))
    data = csv_bytes([national_row(world.school.org_number, world.school.name),
                      national_row(world.foreign_school.org_number, world.foreign_school.name)])
    upload(client, data)
    assert IndicatorValue.objects.filter(unit=world.school).count() == 1
    assert not IndicatorValue.objects.filter(unit=world.foreign_school).exists()
