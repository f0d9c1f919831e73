"""Migration 0015 fixes the kindergartens of the years published before it: those taking part then (the
best that is known) and every kindergarten with a self-assessment in the year; a year being set up gets none
(it is fixed when it is published)."""
from datetime import date

import pytest

from laeringslop.tests.migrations import migrate_to, migrate_to_newest

pytestmark = pytest.mark.django_db(transaction=True)


def test_published_years_get_their_kindergartens():
    apps = migrate_to("dialogue", "0014_questions_for_kindergartens")
    Municipality = apps.get_model("laeringslop", "Municipality")
    Unit = apps.get_model("laeringslop", "Unit")
    MirrorYear = apps.get_model("dialogue", "MirrorYear")
    Assessment = apps.get_model("dialogue", "Assessment")

    town, other = (Municipality.objects.create(number=n, name=f"Kommune {n}") for n in ("4601", "4602"))
    Unit.objects.create(municipality=town, name="Åpen barnehage", kind="kindergarten",
                        org_number="974589095")
    closed_answered = Unit.objects.create(municipality=town, name="Nedlagt barnehage", kind="kindergarten",
                                          org_number="974589079", active=False)
    Unit.objects.create(municipality=town, name="Nedlagt uten svar", kind="kindergarten", org_number="974589087",
                        active=False)
    Unit.objects.create(municipality=other, name="Fremmed barnehage", kind="kindergarten", org_number="974589060")
    published = MirrorYear.objects.create(municipality=town, school_year=2025, deadline=date(2025, 12, 1),
                                          status="published")
    draft = MirrorYear.objects.create(municipality=town, school_year=2026, deadline=date(2026, 12, 1))
    Assessment.objects.create(mirror_year=published, school=closed_answered, status="submitted",
                              submitted_at="2025-11-30T12:00Z")

    migrate_to_newest()

    from dialogue.models import MirrorYear as Year

    assert set(Year.objects.get(pk=published.pk).kindergartens.values_list("name", flat=True)) == {
        "Åpen barnehage", "Nedlagt barnehage"}
    assert not Year.objects.get(pk=draft.pk).kindergartens.exists()
