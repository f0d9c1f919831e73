"""Access cases for the import pages: municipal editors only; rectors get 403."""
from django.core.files.base import ContentFile

from laeringslop.tests.access import OTHER_STAFF_OK, STAFF_OK, Case, expect

STAFF_404 = dict(director=404, adviser=404, administrator=404)
#: The other municipality's import job: its staff only.
FOREIGN = dict(other=403, county=403, other_director=200, other_adviser=200)
#: The world's import job: the other municipality's staff do not learn it exists (404); users
#: without the import role are refused before (403).
OUTSIDE = dict(other=403, county=403, other_director=404, other_adviser=404)


def _job(world, key="job", other=False):
    if key not in world.extra:
        from indicators.services import import_job_create

        municipality = world.other_municipality if other else world.municipality
        name = "Fremmed-np.csv" if other else "Verden-np.csv"
        upload = ContentFile(b"Skoleaarnavn;Proevekode\r\n", name=name)
        world.extra[key] = import_job_create(file=upload, name=name, municipality=municipality,
                                             fmt="national_tests")
    return {"pk": world.extra[key].pk}


def own(world):
    return _job(world)


def other(world):
    return _job(world, "other_job", other=True)


def jobs(world):
    own(world)
    other(world)
    return {}


CASES = [
    Case("indicators:import_upload", expect(**STAFF_OK, **OTHER_STAFF_OK)),
    Case("indicators:import_upload", expect(**STAFF_OK, **OTHER_STAFF_OK), method="post", label="post without a file"),
    Case("indicators:import_list", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=jobs,
         shows={**{role: ["Verden-np.csv"] for role in STAFF_OK}, "other_director": ["Fremmed-np.csv"]}),
]
for name in ("import_detail", "import_progress", "import_problems_csv", "import_file"):
    CASES.append(Case(f"indicators:{name}", expect(**STAFF_OK, **OUTSIDE), kwargs=own,
                      label="own municipality"))
    CASES.append(Case(f"indicators:{name}", expect(**STAFF_404, **FOREIGN), kwargs=other,
                      label="another municipality"))
# A decision on a job (the job is pending here: refused with a message, the page again).
for name in ("import_retry", "import_confirm", "import_cancel", "import_undo"):
    CASES += [
        Case(f"indicators:{name}", expect(director=302, adviser=302, administrator=302, **OUTSIDE),
             kwargs=own, method="post", label="own municipality"),
        Case(f"indicators:{name}", expect(**STAFF_404, **dict(FOREIGN, other_director=302, other_adviser=302)),
             kwargs=other, method="post", label="another municipality"),
    ]
