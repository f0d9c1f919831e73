"""The sample files in docs/samples/ import cleanly into the demo's schools."""
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from indicators.models import ImportJob, ImportStatus, IndicatorValue
from laeringslop.demo import SCHOOL_NAMES, org_numbers
from laeringslop.tests import factories as core

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_schools():
    municipality = core.MunicipalityFactory(number="9901")
    numbers = org_numbers(97450000)
    names = [f"{SCHOOL_NAMES[0]} skole", f"{SCHOOL_NAMES[1]} skole", f"{SCHOOL_NAMES[2]} ungdomsskole"]
    return [core.SchoolFactory(municipality=municipality, org_number=next(numbers), name=n) for n in names]


@pytest.mark.parametrize("name,fmt,stored", [
    ("nasjonale-prover.csv", "national_tests", 10),
    ("elevundersokelsen.csv", "pupil_survey", 8),
    ("langformat.csv", "long", 7),
])
def test_sample_imports(demo_schools, name, fmt, stored):
    call_command("import_indicators", str(SAMPLES / name), "--municipality", "9901", "--reference")
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.format == fmt, job.problems
    assert IndicatorValue.objects.count() == stored
    if fmt == "national_tests":
        assert job.summary["unknown_units"] == [["Nabobyen skole", job.summary["unknown_units"][0][1]]]
