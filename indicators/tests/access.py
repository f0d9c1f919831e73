"""Access cases for the import pages: municipal editors only; rectors get 403."""
from django.core.files.base import ContentFile

from laeringslop.tests import factories as core
from laeringslop.tests.access import STAFF_OK, Case, expect


def _job(world, key="job", other=False):
    if key not in world.extra:
        from indicators.services import import_job_create

        municipality = core.MunicipalityFactory(number="9997") if other else world.municipality
        upload = ContentFile(b"Skoleaarnavn;Proevekode\r\n", name="np.csv")
        world.extra[key] = import_job_create(file=upload, name="np.csv", municipality=municipality,
                                             fmt="national_tests")
    return {"pk": world.extra[key].pk}


def own(world):
    return _job(world)


def other(world):
    return _job(world, "other_job", other=True)


CASES = [
    Case("indicators:import_upload", expect(**STAFF_OK)),
    Case("indicators:import_upload", expect(**STAFF_OK), method="post", label="post without a file"),
    Case("indicators:import_list", expect(**STAFF_OK)),
]
for name in ("import_detail", "import_progress", "import_problems_csv", "import_file"):
    CASES.append(Case(f"indicators:{name}", expect(**STAFF_OK), kwargs=own, label="own municipality"))
    CASES.append(Case(f"indicators:{name}", expect(director=404, adviser=404, administrator=404), kwargs=other,
                      label="another municipality"))
CASES += [
    Case("indicators:import_retry", expect(director=302, adviser=302, administrator=302), kwargs=own,
         method="post", label="own municipality"),
    Case("indicators:import_retry", expect(director=404, adviser=404, administrator=404), kwargs=other,
         method="post", label="another municipality"),
]
