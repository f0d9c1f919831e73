"""Access cases for the dialogue's URLs (walked by laeringslop/tests/test_access_matrix.py)."""
from laeringslop.tests.access import LOGIN, STAFF_OK, Case, expect

YEAR = 2025
STAFF_REDIRECT = dict(director=302, adviser=302, administrator=302)


def setup(w):
    """A published year with a question, and a submitted assessment at the other school."""
    if "dialogue" not in w.extra:
        from django.utils import timezone

        from . import factories as df

        mirror_year = df.MirrorYearFactory(municipality=w.municipality, school_year=YEAR)
        df.QuestionFactory(mirror_year=mirror_year)
        df.AssessmentFactory(mirror_year=mirror_year, school=w.other_school, status="submitted",
                             submitted_at=timezone.now())
        from indicators.models import Indicator

        local = Indicator.objects.create(code="LOKAL_LES", name="Lesekartlegging", area="learning_results",
                                         source="local", unit_label="%", scale_min=0, scale_max=100,
                                         is_local=True, municipality=w.municipality)
        from django.core.files.base import ContentFile

        from ..models import DialogueReport

        for unit in (w.school, w.other_school):  # compiled reports (stand-in files: no PDF engine needed here)
            report = DialogueReport(mirror_year=mirror_year, school=unit, status="done", compiled_at=timezone.now())
            report.html.save("rapport.html", ContentFile(b"<!doctype html><title>Rapport</title>"), save=False)
            report.pdf.save("rapport.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=False)
            report.save()
        from datetime import date

        from ..models import Dialogue, FollowUpTask

        tasks = {}
        for which, unit in (("school", w.school), ("other_school", w.other_school)):
            held = Dialogue.objects.create(mirror_year=mirror_year, school=unit, held_on=date(YEAR + 1, 1, 15),
                                           participants="Direktør og rektor", summary="Avtalt oppfølging.")
            tasks[which] = FollowUpTask.objects.create(dialogue=held, kind="guidance", title="Veiledning",
                                                       responsible=w.user("adviser"), due_on=date(YEAR + 1, 3, 1))
        w.extra["dialogue"] = {"mirror_year": mirror_year, "local": local, "tasks": tasks,
                               "national": Indicator.objects.get(code="NPLES05")}
    return w.extra["dialogue"]


def school(w):
    setup(w)
    return {"school_id": w.school.pk}


def school_year(w, which="school"):
    setup(w)
    return {"school_id": getattr(w, which).pk, "year": YEAR}


CASES = [
    Case("dialogue:mirror_current", expect(others=404, rector=302, **STAFF_REDIRECT), kwargs=school,
         label="own school"),
    Case("dialogue:mirror_current", expect(others=404, **STAFF_REDIRECT),
         kwargs=lambda w: {"school_id": w.other_school.pk}, label="other school"),
    Case("dialogue:mirror", expect(others=404, rector=200, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:mirror", expect(others=404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:mirror", expect(others=404), kwargs=lambda w: {"school_id": w.kindergarten.pk, "year": YEAR},
         label="a kindergarten"),
    Case("dialogue:mirror_export", expect(others=404, rector=200, **STAFF_OK),
         kwargs=lambda w: {**school_year(w), "fmt": "csv"}, label="own school csv"),
    Case("dialogue:mirror_export", expect(others=404, rector=200, **STAFF_OK),
         kwargs=lambda w: {**school_year(w), "fmt": "xlsx"}, label="own school xlsx"),
    Case("dialogue:mirror_export", expect(others=404, **STAFF_OK),
         kwargs=lambda w: {**school_year(w, "other_school"), "fmt": "xlsx"}, label="other school"),
    Case("dialogue:assessment", expect(others=404, rector=200, **STAFF_OK), kwargs=school_year,
         label="own school"),
    Case("dialogue:assessment", expect(others=404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    # Only the rector writes; the staff read.
    Case("dialogue:assessment", expect(others=404, rector=302, director=403, adviser=403, administrator=403),
         kwargs=school_year, method="post", label="own school post"),
    Case("dialogue:assessment", expect(others=404, director=403, adviser=403, administrator=403),
         kwargs=lambda w: school_year(w, "other_school"), method="post", label="other school post"),
    Case("dialogue:assessment_reopen", expect(others=404, **STAFF_REDIRECT),
         kwargs=lambda w: school_year(w, "other_school"), method="post", label="post"),
    # Own school: the rector may not reopen (403); there is nothing to reopen for the staff (404).
    Case("dialogue:assessment_reopen", expect(others=404, rector=403),
         kwargs=school_year, method="post", label="own school post"),
    Case("dialogue:assessment_reopen", expect(others=405, anonymous=LOGIN), kwargs=school_year, label="get"),
    Case("dialogue:year_list", expect(**STAFF_OK), kwargs=lambda w: setup(w) and {}),
    Case("dialogue:year_setup", expect(**STAFF_OK), kwargs=lambda w: setup(w) and {"year": YEAR}),
    Case("dialogue:year_setup", expect(director=404, adviser=404, administrator=404),
         kwargs=lambda w: {"year": 2019}, label="no such year"),
    Case("dialogue:year_status", expect(**STAFF_OK), kwargs=lambda w: setup(w) and {"year": YEAR}),
    Case("dialogue:year_remind", expect(**STAFF_REDIRECT), kwargs=lambda w: setup(w) and {"year": YEAR},
         method="post"),
    # The dialogue reports: the rector reads the own school's; only the staff compile them.
    Case("dialogue:report_html", expect(others=404, rector=200, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:report_html", expect(others=404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:report_html", expect(others=404), kwargs=lambda w: {"school_id": w.kindergarten.pk, "year": YEAR},
         label="a kindergarten"),
    Case("dialogue:report_html", expect(others=404), kwargs=lambda w: {**school_year(w), "year": YEAR + 1},
         label="no such year"),
    Case("dialogue:report_pdf", expect(others=404, rector=200, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:report_pdf", expect(others=404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:report_request", expect(others=404, rector=403, **STAFF_REDIRECT), kwargs=school_year,
         method="post", label="own school post"),
    Case("dialogue:report_request", expect(others=404, **STAFF_REDIRECT),
         kwargs=lambda w: school_year(w, "other_school"), method="post", label="other school post"),
    Case("dialogue:report_request", expect(others=405, anonymous=LOGIN), kwargs=school_year, label="get"),
    Case("dialogue:report_list", expect(**STAFF_OK), kwargs=lambda w: setup(w) and {"year": YEAR}),
    Case("dialogue:report_list", expect(director=404, adviser=404, administrator=404),
         kwargs=lambda w: {"year": 2019}, label="no such year"),
    Case("dialogue:reports_request", expect(**STAFF_REDIRECT), kwargs=lambda w: setup(w) and {"year": YEAR},
         method="post"),
    Case("dialogue:reports_request", expect(others=405, anonymous=LOGIN),
         kwargs=lambda w: setup(w) and {"year": YEAR}, label="get"),
    # The dialogue held with the rector: the staff record it (an empty POST is shown again with its errors);
    # the school's own rector reads it, and may not write (403); everybody else: 404.
    Case("dialogue:dialogue", expect(others=404, rector=200, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:dialogue", expect(others=404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:dialogue", expect(others=404), kwargs=lambda w: {"school_id": w.kindergarten.pk, "year": YEAR},
         label="a kindergarten"),
    Case("dialogue:dialogue", expect(others=404), kwargs=lambda w: {**school_year(w), "year": YEAR + 1},
         label="no such year"),
    Case("dialogue:dialogue", expect(others=404, rector=403, **STAFF_OK), kwargs=school_year, method="post",
         label="own school post"),
    Case("dialogue:dialogue", expect(others=404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         method="post", label="other school post"),
    Case("dialogue:task_create", expect(others=404, rector=403, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:task_create", expect(others=404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:task_create", expect(others=404, rector=403, **STAFF_OK), kwargs=school_year, method="post",
         label="own school post"),
    Case("dialogue:task_create", expect(others=404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         method="post", label="other school post"),
    Case("dialogue:task_edit", expect(others=404, rector=403, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, label="own school"),
    Case("dialogue:task_edit", expect(others=404, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["other_school"].pk}, label="other school"),
    Case("dialogue:task_edit", expect(others=404, rector=403, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, method="post", label="own school post"),
    Case("dialogue:task_edit", expect(others=404, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["other_school"].pk}, method="post", label="other school post"),
    Case("dialogue:task_complete", expect(others=404, rector=403, **STAFF_REDIRECT),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, method="post", label="own school post"),
    Case("dialogue:task_complete", expect(others=404, **STAFF_REDIRECT),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["other_school"].pk}, method="post", label="other school post"),
    Case("dialogue:task_complete", expect(others=405, anonymous=LOGIN),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, label="get"),
    Case("dialogue:my_tasks", expect(**STAFF_OK)),
    Case("dialogue:followup_overview", expect(**STAFF_OK), kwargs=lambda w: setup(w) and {"year": YEAR}),
    Case("dialogue:followup_overview", expect(director=404, adviser=404, administrator=404),
         kwargs=lambda w: {"year": 2019}, label="no such year"),
    Case("dialogue:dashboard", expect(**STAFF_OK), kwargs=lambda w: setup(w) and {}),
    Case("dialogue:indicator_list", expect(**STAFF_OK)),
    Case("dialogue:indicator_create", expect(**STAFF_OK)),
    Case("dialogue:indicator_edit", expect(**STAFF_OK), kwargs=lambda w: {"pk": setup(w)["local"].pk},
         label="local"),
    Case("dialogue:indicator_edit", expect(director=404, adviser=404, administrator=404),
         kwargs=lambda w: {"pk": setup(w)["national"].pk}, label="national"),
]
