"""Access cases for the dialogue's URLs (walked by laeringslop/tests/test_access_matrix.py)."""
from laeringslop.tests.access import LOGIN, OTHER_STAFF_OK, OUTSIDE_403, OUTSIDE_404, STAFF_OK, Case, everyone, expect

YEAR = 2025
STAFF_REDIRECT = dict(director=302, adviser=302, administrator=302)
OTHER_STAFF_REDIRECT = dict(OTHER_STAFF_OK, other_director=302, other_adviser=302)
STAFF_404 = dict(director=404, adviser=404, administrator=404)
#: A year the other municipality has not set up either: its staff 404, its rector and the county 403.
OTHER_STAFF_404 = dict(other=403, county=403, other_director=404, other_adviser=404)
#: An object of the other municipality: its staff and (where given) its rector only.
FOREIGN = dict(others=404, other=404, county=404, other_director=200, other_adviser=200)
#: Local indicators have no municipality in the data model (Indicator has no owner): every
#: municipality's advisers see and edit every local indicator. Not a page of one municipality's rows.
#: The number of pupils in each school's figures (only that school's exports show it).
PUPILS = {"school": 4711, "other_school": 5822, "foreign_school": 6933}
TASKS = ["Veiledning Verden Egen skole", "Veiledning Verden Annen skole"]

def setup(w):
    """A published year with a question, and a submitted assessment at the other school; compiled
    reports, held dialogues and follow-up tasks at both schools. The other municipality has the same
    year with its school's assessment, report, dialogue and task ("Fremmed ...")."""
    if "dialogue" not in w.extra:
        from datetime import date

        from django.core.files.base import ContentFile
        from django.utils import timezone

        from indicators.models import Indicator

        from ..models import Dialogue, DialogueReport, FollowUpTask
        from . import factories as df

        def year_of(municipality, question):
            mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR)
            df.QuestionFactory(mirror_year=mirror_year, text=question)
            return mirror_year

        def report(mirror_year, unit, title):  # compiled (stand-in files: no PDF engine needed here)
            report = DialogueReport(mirror_year=mirror_year, school=unit, status="done", compiled_at=timezone.now())
            report.html.save("rapport.html", ContentFile(f"<!doctype html><title>{title}</title>".encode()),
                             save=False)
            report.pdf.save("rapport.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=False)
            report.save()

        def task(mirror_year, unit, title, responsible):
            held = Dialogue.objects.create(mirror_year=mirror_year, school=unit, held_on=date(YEAR + 1, 1, 15),
                                           participants="Direktør og rektor", summary=f"Avtalt: {title}.")
            return FollowUpTask.objects.create(dialogue=held, kind="guidance", title=title,
                                               responsible=responsible, due_on=date(YEAR + 1, 3, 1))

        mirror_year = year_of(w.municipality, "Spørsmål Verden: hva forklarer resultatene?")
        df.AssessmentFactory(mirror_year=mirror_year, school=w.other_school, status="submitted",
                             submitted_at=timezone.now())
        local = Indicator.objects.create(code="LOKAL_LES", name="Lesekartlegging", area="learning_results",
                                         source="local", unit_label="%", scale_min=0, scale_max=100,
                                         is_local=True, municipality=w.municipality)
        for unit in (w.school, w.other_school):
            report(mirror_year, unit, f"Rapport Verden {unit.name}")
        # Each school's figures, with a number of pupils that tells whose row an export shows.
        for unit, pupils in ((w.school, PUPILS["school"]), (w.other_school, PUPILS["other_school"]),
                             (w.foreign_school, PUPILS["foreign_school"])):
            df.value("NPLES05", YEAR, school=unit, v=50, pupils=pupils)
        tasks = {which: task(mirror_year, unit, f"Veiledning Verden {unit.name}", w.user("adviser"))
                 for which, unit in (("school", w.school), ("other_school", w.other_school))}

        foreign_year = year_of(w.other_municipality, "Fremmed spørsmål?")
        df.AssessmentFactory(mirror_year=foreign_year, school=w.foreign_school, status="submitted",
                             submitted_at=timezone.now())
        report(foreign_year, w.foreign_school, "Fremmed rapport")
        tasks["foreign_school"] = task(foreign_year, w.foreign_school, "Fremmed veiledning", w.user("other_adviser"))
        w.extra["dialogue"] = {"mirror_year": mirror_year, "foreign_year": foreign_year, "local": local,
                               "tasks": tasks, "national": Indicator.objects.get(code="NPLES05")}
    return w.extra["dialogue"]


def this_year(w):
    """The school year running now, published (units are added only to a year not yet over), and a school
    opened after it was published, with a rector: ``(year, school)``."""
    setup(w)
    if "this_year" not in w.extra:
        from laeringslop.schoolyear import SchoolYear
        from laeringslop.tests import factories as f

        from . import factories as df

        year = SchoolYear.current().start
        df.MirrorYearFactory(municipality=w.municipality, school_year=year)
        school = f.SchoolFactory(municipality=w.municipality, name="Nyåpnet skole i år")
        f.rector(school, username="nyrektor2", first_name="Nyansatt", last_name="Rektor i år")
        w.extra["this_year"] = (year, school)
    return w.extra["this_year"]


def new_unit(w):
    """A school opened after the year was published (not in it), with a rector."""
    setup(w)
    if "new_unit" not in w.extra:
        from laeringslop.tests import factories as f

        w.extra["new_unit"] = f.SchoolFactory(municipality=w.municipality, name="Nyåpnet skole")
        f.rector(w.extra["new_unit"], username="nyrektor", first_name="Nyansatt", last_name="Rektor")
    return w.extra["new_unit"]


def kindergarten_year(w, which="kindergarten"):
    """The year with a question for the kindergartens and a parent-survey value at the own kindergarten."""
    data = setup(w)
    if "kindergarten" not in data:
        from . import factories as df

        df.QuestionFactory(mirror_year=data["mirror_year"], text="Spørsmål til barnehagen Verden?",
                           applies_to="kindergarten")
        from indicators.models import Indicator

        trivsel = Indicator.objects.get(code="FU_TRIVSEL")
        data["mirror_year"].indicators.add(trivsel)
        df.value("FU_TRIVSEL", YEAR, school=w.kindergarten, v=4.5, pupils=30)
        data["kindergarten"] = True
    return {"school_id": getattr(w, which).pk, "year": YEAR}


def school(w):
    setup(w)
    return {"school_id": w.school.pk}


def school_year(w, which="school"):
    setup(w)
    return {"school_id": getattr(w, which).pk, "year": YEAR}


#: The own school's export: its figures; not the other school's, nor the other municipality's.
OWN_SCHOOL_ROWS = {
    "shows": {role: [str(PUPILS["school"])] for role in ("rector", *STAFF_OK)},
    "hides": {role: [str(PUPILS["other_school"]), str(PUPILS["foreign_school"])] for role in ("rector", *STAFF_OK)},
}

CASES = [
    Case("dialogue:mirror_current", expect(others=404, **OUTSIDE_404, rector=302, **STAFF_REDIRECT), kwargs=school,
         label="own school"),
    Case("dialogue:mirror_current", expect(others=404, **OUTSIDE_404, **STAFF_REDIRECT),
         kwargs=lambda w: {"school_id": w.other_school.pk}, label="other school"),
    Case("dialogue:mirror", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:mirror", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    # A kindergarten's Læringsspeil: the municipality's staff and the kindergarten's own head.
    Case("dialogue:mirror", expect(others=404, **OUTSIDE_404, kindergarten_head=200, **STAFF_OK),
         kwargs=kindergarten_year, label="own kindergarten",
         shows={r: ["Egen barnehage", "Barnets trivsel"] for r in ("kindergarten_head", *STAFF_OK)}),
    Case("dialogue:mirror", expect(others=404, **OUTSIDE_404, **STAFF_OK),
         kwargs=lambda w: kindergarten_year(w, "other_kindergarten"), label="other kindergarten"),
    Case("dialogue:mirror_current", expect(others=404, **OUTSIDE_404, kindergarten_head=302, **STAFF_REDIRECT),
         kwargs=lambda w: {"school_id": kindergarten_year(w)["school_id"]}, label="own kindergarten"),
    Case("dialogue:mirror_export", expect(others=404, **OUTSIDE_404, kindergarten_head=200, **STAFF_OK),
         kwargs=lambda w: {**kindergarten_year(w), "fmt": "csv"}, label="own kindergarten csv"),
    Case("dialogue:assessment", expect(others=404, **OUTSIDE_404, kindergarten_head=200, **STAFF_OK),
         kwargs=kindergarten_year, label="own kindergarten",
         shows={r: ["Spørsmål til barnehagen Verden"] for r in ("kindergarten_head", *STAFF_OK)},
         hides={r: ["Spørsmål Verden"] for r in ("kindergarten_head", *STAFF_OK)}),
    Case("dialogue:assessment", expect(others=404, **OUTSIDE_404, kindergarten_head=302, director=403, adviser=403,
                                       administrator=403),
         kwargs=kindergarten_year, method="post", label="own kindergarten post"),
    Case("dialogue:assessment", expect(others=404, **OUTSIDE_404, **STAFF_OK),
         kwargs=lambda w: kindergarten_year(w, "other_kindergarten"), label="other kindergarten"),
    # The list of the municipality's kindergartens: its staff (the other municipality's staff: their own).
    Case("dialogue:kindergarten_list", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: kindergarten_year(w) and {},
         shows={**{r: ["Egen barnehage", "Annen barnehage"] for r in STAFF_OK}},
         hides={"other_director": ["Egen barnehage"]}),
    Case("dialogue:kindergarten_list_of", expect(**STAFF_OK, **OTHER_STAFF_OK),
         kwargs=lambda w: kindergarten_year(w) and {"year": YEAR}),
    Case("dialogue:mirror_export", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK),
         kwargs=lambda w: {**school_year(w), "fmt": "csv"}, label="own school csv", **OWN_SCHOOL_ROWS),
    Case("dialogue:mirror_export", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK),
         kwargs=lambda w: {**school_year(w), "fmt": "xlsx"}, label="own school xlsx", **OWN_SCHOOL_ROWS),
    Case("dialogue:mirror_export", expect(others=404, **OUTSIDE_404, **STAFF_OK),
         kwargs=lambda w: {**school_year(w, "other_school"), "fmt": "xlsx"}, label="other school"),
    Case("dialogue:assessment", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK), kwargs=school_year,
         label="own school"),
    Case("dialogue:assessment", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    # Only the rector writes; the staff read.
    Case("dialogue:assessment", expect(others=404, **OUTSIDE_404, rector=302, director=403, adviser=403, administrator=403),
         kwargs=school_year, method="post", label="own school post"),
    Case("dialogue:assessment", expect(others=404, **OUTSIDE_404, director=403, adviser=403, administrator=403),
         kwargs=lambda w: school_year(w, "other_school"), method="post", label="other school post"),
    Case("dialogue:assessment_reopen", expect(others=404, **OUTSIDE_404, **STAFF_REDIRECT),
         kwargs=lambda w: school_year(w, "other_school"), method="post", label="post"),
    # Own school: the rector may not reopen (403); there is nothing to reopen for the staff (404).
    Case("dialogue:assessment_reopen", expect(others=404, **OUTSIDE_404, rector=403),
         kwargs=school_year, method="post", label="own school post"),
    Case("dialogue:assessment_reopen", expect(others=405, anonymous=LOGIN, other=405, county=405), kwargs=school_year, label="get"),
    Case("dialogue:year_list", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: setup(w) and {}),
    Case("dialogue:year_setup", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: setup(w) and {"year": YEAR},
         shows={**{r: ["Spørsmål Verden"] for r in STAFF_OK}, "other_director": ["Fremmed spørsmål"]}),
    Case("dialogue:year_setup", expect(**STAFF_404, **OTHER_STAFF_404),
         kwargs=lambda w: {"year": 2019}, label="no such year"),
    Case("dialogue:year_status", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: setup(w) and {"year": YEAR},
         shows={**{r: ["Egen skole", "Annen skole"] for r in STAFF_OK}, "other_director": ["Fremmed skole"]}),
    Case("dialogue:year_remind", expect(**STAFF_REDIRECT, **OTHER_STAFF_REDIRECT), kwargs=lambda w: setup(w) and {"year": YEAR},
         method="post"),
    # «Add a unit» to a published year: those who may publish (the staff; the other municipality's staff their
    # own year). A unit of another municipality is 404; one already in the year sends back to the list (302).
    Case("dialogue:year_units", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: new_unit(w) and {"year": YEAR},
         shows={r: ["Nyåpnet skole"] for r in STAFF_OK}, hides={"other_director": ["Nyåpnet skole"]}),
    Case("dialogue:year_unit_add", expect(**STAFF_OK, **OUTSIDE_403, other_director=404, other_adviser=404),
         kwargs=lambda w: {"year": this_year(w)[0], "unit_id": this_year(w)[1].pk}, label="a new school",
         shows={r: ["Nyåpnet skole i år", "Nyansatt Rektor i år"] for r in STAFF_OK}),
    Case("dialogue:year_unit_add", expect(**STAFF_REDIRECT, **OUTSIDE_403, other_director=404, other_adviser=404),
         kwargs=lambda w: {"year": this_year(w)[0], "unit_id": this_year(w)[1].pk}, method="post",
         label="a new school post"),
    # A year whose school year is over takes no new unit: the staff are sent back to the list with the reason.
    Case("dialogue:year_unit_add", expect(**STAFF_REDIRECT, **OUTSIDE_403, other_director=404, other_adviser=404),
         kwargs=lambda w: {"year": YEAR, "unit_id": new_unit(w).pk}, label="a school year that is over"),
    Case("dialogue:year_unit_add", expect(**STAFF_REDIRECT, **OUTSIDE_403, other_director=404, other_adviser=404),
         kwargs=lambda w: setup(w) and {"year": YEAR, "unit_id": w.kindergarten.pk}, label="already in the year"),
    Case("dialogue:year_unit_add", expect(**STAFF_404, **OUTSIDE_403, other_director=302, other_adviser=302),
         kwargs=lambda w: setup(w) and {"year": YEAR, "unit_id": w.foreign_school.pk}, method="post",
         label="another municipality's school"),
    # The dialogue reports: the rector reads the own school's; only the staff compile them.
    Case("dialogue:report_html", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:report_html", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:report_html", expect(others=404, **OUTSIDE_404), kwargs=lambda w: {"school_id": w.kindergarten.pk, "year": YEAR},
         label="a kindergarten"),
    Case("dialogue:report_html", expect(others=404, **OUTSIDE_404), kwargs=lambda w: {**school_year(w), "year": YEAR - 5},
         label="no such year"),
    Case("dialogue:report_pdf", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:report_pdf", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:report_request", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_REDIRECT), kwargs=school_year,
         method="post", label="own school post"),
    Case("dialogue:report_request", expect(others=404, **OUTSIDE_404, **STAFF_REDIRECT),
         kwargs=lambda w: school_year(w, "other_school"), method="post", label="other school post"),
    Case("dialogue:report_request", expect(others=405, anonymous=LOGIN, other=405, county=405), kwargs=school_year, label="get"),
    Case("dialogue:report_list", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: setup(w) and {"year": YEAR},
         shows={**{r: ["Egen skole", "Annen skole"] for r in STAFF_OK}, "other_director": ["Fremmed skole"]}),
    Case("dialogue:report_list", expect(**STAFF_404, **OTHER_STAFF_404),
         kwargs=lambda w: {"year": 2019}, label="no such year"),
    Case("dialogue:reports_request", expect(**STAFF_REDIRECT, **OTHER_STAFF_REDIRECT), kwargs=lambda w: setup(w) and {"year": YEAR},
         method="post"),
    Case("dialogue:reports_request", expect(others=405, anonymous=LOGIN, other=405, county=405),
         kwargs=lambda w: setup(w) and {"year": YEAR}, label="get"),
    # The dialogue held with the rector: the staff record it (an empty POST is shown again with its errors);
    # the school's own rector reads it, and may not write (403); everybody else: 404.
    Case("dialogue:dialogue", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:dialogue", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:dialogue", expect(others=404, **OUTSIDE_404), kwargs=lambda w: {"school_id": w.kindergarten.pk, "year": YEAR},
         label="a kindergarten"),
    Case("dialogue:dialogue", expect(others=404, **OUTSIDE_404), kwargs=lambda w: {**school_year(w), "year": YEAR - 5},
         label="no such year"),
    Case("dialogue:dialogue", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_OK), kwargs=school_year, method="post",
         label="own school post"),
    Case("dialogue:dialogue", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         method="post", label="other school post"),
    Case("dialogue:task_create", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_OK), kwargs=school_year, label="own school"),
    Case("dialogue:task_create", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         label="other school"),
    Case("dialogue:task_create", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_OK), kwargs=school_year, method="post",
         label="own school post"),
    Case("dialogue:task_create", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=lambda w: school_year(w, "other_school"),
         method="post", label="other school post"),
    Case("dialogue:task_edit", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, label="own school"),
    Case("dialogue:task_edit", expect(others=404, **OUTSIDE_404, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["other_school"].pk}, label="other school"),
    Case("dialogue:task_edit", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, method="post", label="own school post"),
    Case("dialogue:task_edit", expect(others=404, **OUTSIDE_404, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["other_school"].pk}, method="post", label="other school post"),
    Case("dialogue:task_complete", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_REDIRECT),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, method="post", label="own school post"),
    Case("dialogue:task_complete", expect(others=404, **OUTSIDE_404, **STAFF_REDIRECT),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["other_school"].pk}, method="post", label="other school post"),
    Case("dialogue:task_complete", expect(others=405, anonymous=LOGIN, other=405, county=405),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, label="get"),
    # The task's thread: the school's own rector reads and answers; the staff comment; nobody else learns of it.
    Case("dialogue:task_thread", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, label="own school",
         shows={r: [TASKS[0]] for r in ("rector", *STAFF_OK)}),
    Case("dialogue:task_thread", expect(others=404, **OUTSIDE_404, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["other_school"].pk}, label="other school"),
    Case("dialogue:task_thread", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, method="post", label="own school post"),
    Case("dialogue:task_thread", expect(**FOREIGN, other_rector=200),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["foreign_school"].pk}, label="another municipality"),
    Case("dialogue:task_reopen", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_REDIRECT),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, method="post", label="own school post"),
    Case("dialogue:task_reopen", expect(others=404, **OUTSIDE_404, **STAFF_REDIRECT),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["other_school"].pk}, method="post", label="other school post"),
    Case("dialogue:task_reopen", expect(others=405, anonymous=LOGIN, other=405, county=405),
         kwargs=lambda w: {"pk": setup(w)["tasks"]["school"].pk}, label="get"),
    Case("dialogue:my_tasks", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: setup(w) and {},
         shows={"adviser": TASKS, "other_adviser": ["Fremmed veiledning"]}),
    Case("dialogue:followup_overview", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: setup(w) and {"year": YEAR},
         shows={**{r: TASKS for r in STAFF_OK}, "other_director": ["Fremmed veiledning"]}),
    Case("dialogue:followup_overview", expect(**STAFF_404, **OTHER_STAFF_404),
         kwargs=lambda w: {"year": 2019}, label="no such year"),
    # «Året»: the staff see every school of their own municipality; a rector only their own school.
    Case("dialogue:year_cycle", expect(**STAFF_OK, rector=200, other=200, county=403),
         kwargs=lambda w: setup(w) and {},
         shows={**{r: ["Egen skole", "Annen skole"] for r in STAFF_OK}, "rector": ["Egen skole"],
                "other_director": ["Fremmed skole"], "other_rector": ["Fremmed skole"]},
         hides={"rector": ["Annen skole"], "other_director": ["Egen skole"], "other_rector": ["Egen skole"]}),
    Case("dialogue:year_cycle_of", expect(**STAFF_OK, rector=200, other=200, county=403),
         kwargs=lambda w: setup(w) and {"year": YEAR}, shows={"adviser": ["Egen skole", "Annen skole"]},
         hides={"rector": ["Annen skole"], "other_adviser": ["Annen skole"]}),
    Case("dialogue:year_cycle_of", expect(**STAFF_404, rector=404, other=404, county=403),
         kwargs=lambda w: {"year": 2019}, label="no such year"),
    Case("dialogue:dashboard", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: setup(w) and {},
         shows={**{r: ["Egen skole", "Annen skole"] for r in STAFF_OK}, "other_director": ["Fremmed skole"]}),
    # The dashboard's export: the other municipality's staff get their own municipality's rows only.
    *[Case("dialogue:dashboard_export", expect(**STAFF_OK, **OTHER_STAFF_OK),
           kwargs=lambda w, fmt=fmt: setup(w) and {"fmt": fmt}, label=fmt,
           shows={**{r: ["Egen skole", "Annen skole"] for r in STAFF_OK}, "other_director": ["Fremmed skole"]},
           hides={"other_director": ["Egen skole", "Annen skole"], "other_adviser": ["Egen skole", "Annen skole"],
                  "director": ["Fremmed skole"]})
      for fmt in ("csv", "xlsx")],
    Case("dialogue:dashboard_export", expect(**STAFF_404, **OTHER_STAFF_404), kwargs=lambda w: {"fmt": "pdf"}, label="no such format"),
    # Local indicators belong to their municipality: the other municipality's staff neither list nor edit them.
    # The old addresses of the local indicators: a permanent redirect for everyone (the new page checks access).
    Case("dialogue:old_local_list", everyone(301)),
    Case("dialogue:old_local_edit", everyone(301), kwargs=lambda w: {"pk": setup(w)["local"].pk}),
    Case("indicators:local_list", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: setup(w) and {},
         shows={r: ["Lesekartlegging"] for r in STAFF_OK},
         hides={"other_director": ["Lesekartlegging"], "other_adviser": ["Lesekartlegging"]}),
    Case("indicators:local_create", expect(**STAFF_OK, **OTHER_STAFF_OK)),
    Case("indicators:local_edit", expect(**STAFF_OK, **OTHER_STAFF_404), kwargs=lambda w: {"pk": setup(w)["local"].pk},
         label="local"),
    Case("indicators:local_edit", expect(**STAFF_404, **OTHER_STAFF_404),
         kwargs=lambda w: {"pk": setup(w)["national"].pk}, label="national"),
    # The other municipality's school: its staff and its rector; nobody of the world's municipality.
    Case("dialogue:mirror", expect(**FOREIGN, other_rector=200), kwargs=lambda w: school_year(w, "foreign_school"),
         label="another municipality", shows={"other_rector": ["Fremmed skole"]}),
    Case("dialogue:mirror_export", expect(**FOREIGN, other_rector=200),
         kwargs=lambda w: {**school_year(w, "foreign_school"), "fmt": "xlsx"}, label="another municipality",
         shows={"other_rector": [str(PUPILS["foreign_school"])]}),
    Case("dialogue:assessment", expect(**FOREIGN, other_rector=200), kwargs=lambda w: school_year(w, "foreign_school"),
         label="another municipality"),
    Case("dialogue:report_html", expect(**FOREIGN, other_rector=200),
         kwargs=lambda w: school_year(w, "foreign_school"), label="another municipality",
         shows={"other_rector": ["Fremmed rapport"]}),
    Case("dialogue:dialogue", expect(**FOREIGN, other_rector=200), kwargs=lambda w: school_year(w, "foreign_school"),
         label="another municipality", shows={"other_director": ["Fremmed veiledning"]}),
    Case("dialogue:task_edit", expect(**FOREIGN, other_rector=403), kwargs=lambda w: {"pk": setup(w)["tasks"]["foreign_school"].pk},
         label="another municipality"),
]


# --- School visits ---------------------------------------------------------------------------------------------
VISIT_NOTES = {"agreed": "Avtalt Verden: skolen styrker lesingen.", "internal": "Internt Verden: ledelsen er sliten.",
               "support": "Støtte Verden: veiledning i lesing."}


def visits(w):
    """A held visit at each school of the world (the own school's summary agreed) and at the other municipality's
    school, in the school year running two days ago; created directly (the services refuse the past)."""
    if "visits" not in w.extra:
        from datetime import timedelta

        from django.utils import timezone

        from laeringslop.schoolyear import SchoolYear

        from ..models import SchoolVisit

        start = timezone.now() - timedelta(days=2)
        year = SchoolYear.of(timezone.localdate(start)).start

        def visit(unit, people, **notes):
            created = SchoolVisit.objects.create(municipality=unit.municipality, school=unit, school_year=year,
                                                 starts_at=start, ends_at=start + timedelta(hours=2),
                                                 place=f"Møterommet på {unit.name}", **notes)
            created.participants.set(people)
            return created

        own = visit(w.school, [w.user("director"), w.user("rector")], notes=VISIT_NOTES["internal"],
                    agreed_notes=VISIT_NOTES["agreed"], support_input=VISIT_NOTES["support"],
                    notes_agreed_at=timezone.now())
        other = visit(w.other_school, [w.user("adviser")], agreed_notes="Utkast Verden annen skole")
        foreign = visit(w.foreign_school, [w.user("other_director")], agreed_notes="Fremmed avtale",
                        notes_agreed_at=timezone.now())
        w.extra["visits"] = {"year": year, "school": own, "other_school": other, "foreign_school": foreign}
    return w.extra["visits"]


def visit_pk(which):
    return lambda w: {"pk": visits(w)[which].pk}


def visit_year(w):
    return {"year": visits(w)["year"]}


VISIT_CASES = [
    Case("dialogue:school_visits", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK),
         kwargs=lambda w: visits(w) and {"school_id": w.school.pk}, label="own school",
         shows={r: ["Egen skole"] for r in ("rector", *STAFF_OK)}),
    Case("dialogue:school_visits", expect(others=404, **OUTSIDE_404, **STAFF_OK),
         kwargs=lambda w: visits(w) and {"school_id": w.other_school.pk}, label="other school"),
    Case("dialogue:school_visits", expect(others=404, **OUTSIDE_404),
         kwargs=lambda w: {"school_id": w.kindergarten.pk}, label="a kindergarten"),
    Case("dialogue:school_visits", expect(**FOREIGN, other_rector=200),
         kwargs=lambda w: visits(w) and {"school_id": w.foreign_school.pk}, label="another municipality",
         shows={"other_rector": ["Fremmed skole"]}),
    Case("dialogue:visit_overview_current", expect(**STAFF_REDIRECT, **OTHER_STAFF_REDIRECT)),
    Case("dialogue:visit_overview", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=visit_year,
         shows={**{r: ["Egen skole", "Annen skole", "Verden-director"] for r in STAFF_OK},
                "other_director": ["Fremmed skole"]}),
    # The calendar: the staff every school's visit; a rector the own school's; nothing for the others.
    Case("dialogue:visit_calendar", expect(others=403, rector=200, **STAFF_OK, other=200, county=403), kwargs=visit_year,
         shows={**{r: ["Egen skole", "Annen skole"] for r in STAFF_OK}, "rector": ["Egen skole"],
                "other_rector": ["Fremmed skole"]},
         hides={**{r: [VISIT_NOTES["internal"], VISIT_NOTES["agreed"]] for r in STAFF_OK},
                "rector": ["Annen skole", VISIT_NOTES["internal"]]}),
    # Planning: the staff (an empty POST is shown again with its errors); the own rector may not (403).
    Case("dialogue:visit_create", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_OK),
         kwargs=lambda w: {"year": visits(w)["year"] + 1, "school_id": w.school.pk}, label="own school"),
    Case("dialogue:visit_create", expect(others=404, **OUTSIDE_404, rector=403, **STAFF_OK),
         kwargs=lambda w: {"year": visits(w)["year"] + 1, "school_id": w.school.pk}, method="post",
         label="own school post"),
    Case("dialogue:visit_create", expect(others=404, **OUTSIDE_404, **STAFF_REDIRECT),
         kwargs=lambda w: {"year": visits(w)["year"], "school_id": w.other_school.pk}, label="already planned"),
    Case("dialogue:visit_create", expect(others=404, **OUTSIDE_404),
         kwargs=lambda w: {"year": visits(w)["year"] + 1, "school_id": w.kindergarten.pk}, label="a kindergarten"),
    Case("dialogue:visit_create", expect(**FOREIGN, other_rector=403),
         kwargs=lambda w: {"year": visits(w)["year"] + 1, "school_id": w.foreign_school.pk},
         label="another municipality"),
    # The visit: the staff read everything; the own rector the plan and the agreed summary, not the internal notes.
    Case("dialogue:visit_detail", expect(others=404, **OUTSIDE_404, rector=200, **STAFF_OK), kwargs=visit_pk("school"),
         label="own school",
         shows={**{r: [VISIT_NOTES["agreed"], VISIT_NOTES["internal"], VISIT_NOTES["support"]] for r in STAFF_OK},
                "rector": [VISIT_NOTES["agreed"], "Møterommet på Egen skole"]},
         hides={"rector": [VISIT_NOTES["internal"], VISIT_NOTES["support"]]}),
    Case("dialogue:visit_detail", expect(others=404, **OUTSIDE_404, **STAFF_OK), kwargs=visit_pk("other_school"),
         label="other school", shows={r: ["Utkast Verden annen skole"] for r in STAFF_OK}),
    # A POST names its form; an empty one is refused (400) for the staff, forbidden for the rector.
    Case("dialogue:visit_detail", expect(others=404, **OUTSIDE_404, rector=403, director=400, adviser=400,
                                         administrator=400),
         kwargs=visit_pk("school"), method="post", label="own school post"),
    Case("dialogue:visit_detail", expect(**FOREIGN, other_rector=200), kwargs=visit_pk("foreign_school"),
         label="another municipality", shows={"other_rector": ["Fremmed avtale"]}),
]
CASES += VISIT_CASES


# --- A person's calendar address -------------------------------------------------------------------------------
def rector_calendar(w):
    """The rector's calendar address (the visits of both schools exist: only the own school's is in it)."""
    if "rector_calendar" not in w.extra:
        from ..subscriptions import calendar_subscription_renew

        visits(w)
        w.extra["rector_calendar"] = calendar_subscription_renew(user=w.user("rector"), municipality=w.municipality)
    return {"token": w.extra["rector_calendar"].token}


HOLDS_A_ROLE = dict(director=200, adviser=200, administrator=200, rector=200, kindergarten_head=200)
CASES += [
    Case("dialogue:calendar_subscription", expect(**HOLDS_A_ROLE, other=200, county=403)),
    # An empty POST names no action: refused (400) for those who may have an address.
    Case("dialogue:calendar_subscription", expect(director=400, adviser=400, administrator=400, rector=400,
                                                  kindergarten_head=400, other=400, county=403),
         method="post", label="no action"),
    # A calendar app cannot log in: the secret token is the key.
    Case("dialogue:calendar_feed", everyone(200), kwargs=rector_calendar,
         shared="no login: whoever holds the rector's secret address reads the rector's calendar",
         shows={"anonymous": ["Egen skole"]}, hides={"anonymous": ["Annen skole", "Fremmed"]}),
    Case("dialogue:calendar_feed", everyone(404), kwargs=lambda w: {"token": "x" * 43}, label="wrong token"),
]
