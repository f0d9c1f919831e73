"""Access cases for the competence pages (walked by laeringslop/tests/test_access_matrix.py).

The world's municipality has a network («Nettverk Verden») with a session, a participant from the
rector's own school and one from another school, and a survey («Undersøkelse Verden») with an
upload. A rector opens the sign-up page of their own school only (another school's: 404) and sees
only their school's participant there; the municipality's staff see both in the participant list.
"""
from datetime import date, time

from laeringslop.tests.access import LOGIN, OTHER_STAFF_OK, OUTSIDE_403, STAFF_OK, Case, expect

OWN, OTHER = "Lærer Verden Egen", "Lærer Verden Annen"
LEADERS = dict(rector=200, kindergarten_head=200)
OTHER_404 = dict(other=404, county=403)
#: Editors' pages about an object of the world: the other municipality's staff get 404, its rector 403.
EDIT_OBJECT = dict(other=403, county=403, other_director=404, other_adviser=404)


def setup(w) -> dict:
    if "competence" not in w.extra:
        from ..models import (
            CompetenceMeasure,
            CompetenceSurvey,
            MeasureSession,
            Participant,
            SurveyUpload,
        )

        measure = CompetenceMeasure.objects.create(
            municipality=w.municipality, title="Nettverk Verden", places=10, starts_on=date(2099, 1, 1),
            ends_on=date(2099, 6, 30))
        session = MeasureSession.objects.create(measure=measure, date=date(2099, 2, 1), starts_at=time(13),
                                                ends_at=time(16), place="Verden rådhus")
        own = Participant.objects.create(measure=measure, unit=w.school, name=OWN, email="egen@verden.invalid",
                                         status="place")
        Participant.objects.create(measure=measure, unit=w.other_school, name=OTHER, email="annen@verden.invalid",
                                   status="place")
        survey = CompetenceSurvey.objects.create(municipality=w.municipality, title="Undersøkelse Verden",
                                                 conducted_on=date(2099, 5, 1))
        upload = SurveyUpload.objects.create(survey=survey, file_name="verden.csv", status="refused")
        w.extra["competence"] = {"measure": measure, "session": session, "own": own, "survey": survey,
                                 "upload": upload}
    return w.extra["competence"]


def measure(w):
    return {"pk": setup(w)["measure"].pk}


def signup(w, school="school"):
    return {"pk": setup(w)["measure"].pk, "unit_pk": getattr(w, school).pk}


def nothing(w):
    setup(w)
    return {}


LIST = expect(others=200, no_role=403, other=200, county=403)
CREATE = expect(403, **STAFF_OK, **OTHER_STAFF_OK)
DETAIL = expect(others=200, no_role=403, **OTHER_404)
EDIT = expect(403, **STAFF_OK, **EDIT_OBJECT)
EDIT_POST = expect(403, director=302, adviser=302, administrator=302, **EDIT_OBJECT)
PARTICIPANTS = expect(403, **STAFF_OK, **EDIT_OBJECT)

CASES = [
    Case("competence:measures", LIST, kwargs=nothing),
    Case("competence:measure_create", CREATE),
    Case("competence:measure", DETAIL, kwargs=measure),
    Case("competence:measure_edit", EDIT, kwargs=measure),
    Case("competence:session_create", EDIT, kwargs=measure),
    Case("competence:session_edit", EDIT, kwargs=lambda w: {"pk": setup(w)["session"].pk}),
    # The roles post in turn in one savepoint: the director deletes it, for the next editors it is gone.
    Case("competence:session_delete", {**EDIT_POST, "adviser": 404, "administrator": 404},
         kwargs=lambda w: {"pk": setup(w)["session"].pk}, method="post"),
    # A leader's sign-up page for their own unit; another unit's is 404 (as if it did not exist).
    Case("competence:signup", expect(403, rector=200, kindergarten_head=404, other=404, county=403,
                                     other_director=403, other_adviser=403),
         kwargs=signup, shows={"rector": [OWN]}, hides={"rector": [OTHER]}, label="own school"),
    Case("competence:signup", expect(403, rector=404, kindergarten_head=404, other=404, county=403,
                                     other_director=403, other_adviser=403),
         kwargs=lambda w: signup(w, "other_school"), label="another school"),
    Case("competence:signup", expect(403, rector=200, kindergarten_head=404, other=404, county=403,
                                     other_director=403, other_adviser=403),
         kwargs=signup, method="post", label="post (empty: the form again)"),
    Case("competence:participant_cancel",
         expect(404, no_role=403, rector=302, director=302, adviser=302, administrator=302, other=404, county=403),
         kwargs=lambda w: {"pk": setup(w)["own"].pk}, method="post"),
    Case("competence:participants", PARTICIPANTS, kwargs=measure,
         shows={role: [OWN, OTHER] for role in STAFF_OK}),
    # The staff sign up people of any school there (an empty post: the form again); a rector may not post.
    Case("competence:participants", PARTICIPANTS, kwargs=measure, method="post",
         label="staff sign-up (empty post: the form again)"),
    Case("competence:participants_export", PARTICIPANTS, kwargs=lambda w: {**measure(w), "fmt": "csv"},
         shows={role: [OWN, OTHER] for role in STAFF_OK}, label="csv"),
    Case("competence:participants_export", PARTICIPANTS, kwargs=lambda w: {**measure(w), "fmt": "xlsx"},
         shows={role: [OWN, OTHER] for role in STAFF_OK}, label="xlsx"),
    Case("competence:surveys", LIST, kwargs=nothing),
    Case("competence:survey_create", CREATE),
    Case("competence:survey", DETAIL, kwargs=lambda w: {"pk": setup(w)["survey"].pk}),
    Case("competence:survey_upload", EDIT_POST, kwargs=lambda w: {"pk": setup(w)["survey"].pk}, method="post",
         label="post without a file"),
    Case("competence:upload", EDIT, kwargs=lambda w: {"pk": setup(w)["upload"].pk}),
]
assert LOGIN and OUTSIDE_403 and LEADERS  # the shared names, kept for later cases
