"""Migration 0010 gives every existing local indicator its municipality (docs/architecture.md,
"Tenancy"): from the years and values that use it, split per municipality when several do, from
its creator when none does, and deleted when nothing at all ties it to one."""
from datetime import date

import pytest
from django.utils import timezone

from laeringslop.tests.migrations import migrate_to, migrate_to_newest

pytestmark = pytest.mark.django_db(transaction=True)


def _local(Indicator, code):
    return Indicator.objects.create(code=code, name=f"Indikator {code}", area="learning_results", source="local",
                                    unit_label="%", scale_min=0, scale_max=100, is_local=True)


def test_existing_local_indicators_get_their_municipality():
    apps = migrate_to("indicators", "0009_municipality_of_imports_and_local_indicators")
    Indicator = apps.get_model("indicators", "Indicator")
    IndicatorValue = apps.get_model("indicators", "IndicatorValue")
    History = apps.get_model("indicators", "HistoricalIndicator")
    Municipality = apps.get_model("laeringslop", "Municipality")
    Unit = apps.get_model("laeringslop", "Unit")
    User = apps.get_model("laeringslop", "User")
    RoleAssignment = apps.get_model("laeringslop", "RoleAssignment")
    MirrorYear = apps.get_model("dialogue", "MirrorYear")

    a, b, c = (Municipality.objects.create(number=n, name=f"Kommune {n}") for n in ("4601", "4602", "4603"))
    school_a = Unit.objects.create(municipality=a, name="A-skolen", kind="school", org_number="974589095",
                                   first_grade=1, last_grade=7)
    school_b = Unit.objects.create(municipality=b, name="B-skolen", kind="school", org_number="974589079",
                                   first_grade=1, last_grade=7)
    only_a, shared, created_in_c, unused = (_local(Indicator, code) for code in ("BARE_A", "DELT", "FRA_C", "UBRUKT"))
    year_a = MirrorYear.objects.create(municipality=a, school_year=2025, deadline=date(2025, 12, 1))
    year_b = MirrorYear.objects.create(municipality=b, school_year=2025, deadline=date(2025, 12, 1))
    year_a.indicators.set([only_a, shared])
    year_b.indicators.set([shared])
    for school in (school_a, school_b):
        IndicatorValue.objects.create(indicator=shared, school_year=2025, grade=0, level=4,
                                      area_code=school.org_number, unit=school, value=50)
    IndicatorValue.objects.create(indicator=shared, school_year=2025, grade=0, level=3, area_code="4602", value=40)
    adviser = User.objects.create(username="radgiver-c")
    RoleAssignment.objects.create(user=adviser, role="adviser", municipality=c)
    History.objects.create(id=created_in_c.pk, code="FRA_C", name="Fra C", area="learning_results", source="local",
                           unit_label="%", scale_min=0, scale_max=100, is_local=True, grades=[], is_shown=True,
                           sort_order=100, description="", version=1, history_date=timezone.now(),
                           history_type="+", history_user_id=adviser.pk)

    migrate_to_newest()

    from dialogue.models import MirrorYear as Year
    from indicators.models import Indicator as Current
    from indicators.models import IndicatorValue as Value

    by_code = {i.code: i for i in Current.objects.filter(is_local=True)}
    assert set(by_code) == {"BARE_A", "DELT", "DELT-4602", "FRA_C"}  # UBRUKT: tied to nothing, deleted
    assert by_code["BARE_A"].municipality_id == a.pk and by_code["FRA_C"].municipality_id == c.pk
    assert by_code["DELT"].municipality_id == a.pk and by_code["DELT-4602"].municipality_id == b.pk
    assert set(Year.objects.get(pk=year_a.pk).indicators.values_list("code", flat=True)) == {"BARE_A", "DELT"}
    assert set(Year.objects.get(pk=year_b.pk).indicators.values_list("code", flat=True)) == {"DELT-4602"}
    assert Value.objects.get(unit_id=school_a.pk).indicator.code == "DELT"
    assert Value.objects.get(unit_id=school_b.pk).indicator.code == "DELT-4602"
    assert Value.objects.get(level=3).indicator.code == "DELT-4602"
