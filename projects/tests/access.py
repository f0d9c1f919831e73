"""Access cases for the governance URLs (see laeringslop/tests/access.py)."""
from types import SimpleNamespace

from django.core.files.base import ContentFile

from laeringslop.tests.access import OTHER_STAFF_OK, OUTSIDE_404, STAFF_OK, Case, expect
from projects.models import Attachment, GroupKind

from . import factories as f

STAFF_REDIRECT = dict(director=302, adviser=302, administrator=302)
#: Unit leaders read their municipality's plans but do not change them.
UNIT_LEADERS_403 = dict(rector=403, kindergarten_head=403)
UNIT_LEADERS_200 = dict(rector=200, kindergarten_head=200)


def objs(w):
    """The plan and its parts the cases point at, made once per world; and a plan of the other
    municipality with a group, an input from its school and a report ("Fremmed ...")."""
    if "projects" not in w.extra:
        plan = f.PlanFactory(municipality=w.municipality, name="Læringsløp Verden")
        phase = f.PhaseFactory(plan=plan, number=1, name="Fase Verden")
        steering = f.GroupFactory(plan=plan, name="Styringsgruppe Verden", kind=GroupKind.STEERING)
        group = f.GroupFactory(plan=plan, name="Prosjektgruppe barnehage Verden", parent=steering)
        adviser = w.users["adviser"]
        own_input = f.InputFactory(group=group, unit=w.school, submitted_by=w.users["rector"],
                                   title="Innspill Verden egen skole")
        attachment = Attachment.objects.create(input=own_input, file=ContentFile(b"innhold", name="innspill.txt"),
                                               original_name="innspill.txt", size=7, uploaded_by=w.users["rector"])
        report = f.ReportFactory(plan=plan, group=group, filled_in_by=adviser, description="Status Verden")
        foreign_plan = f.PlanFactory(municipality=w.other_municipality, name="Fremmed plan")
        foreign_group = f.GroupFactory(plan=foreign_plan, name="Fremmed gruppe")
        w.extra["projects"] = SimpleNamespace(
            plan=plan, phase=phase, steering=steering, group=group,
            goal=f.GoalFactory(plan=plan, title="Mål Verden"),
            expectation=f.ExpectationFactory(plan=plan, title="Forventning Verden", signs=["Kjennetegn Verden"]),
            measure=f.MeasureFactory(plan=plan, title="Tiltak Verden"),
            foreign_measure=f.MeasureFactory(plan=foreign_plan, title="Fremmed tiltak"),
            member=f.MembershipFactory(group=group, person_name="Ekstern Verden"),
            mandate=f.MandateFactory(group=group, phase=phase, title="Mandat Verden"),
            draft=f.DraftFactory(plan=plan, number=1, created_by=adviser, title="Handlingsplan Verden"),
            draft2=f.DraftFactory(plan=plan, number=2, created_by=adviser, title="Handlingsplan Verden"),
            own_input=own_input, attachment=attachment,
            other_input=f.InputFactory(group=group, unit=w.other_school, submitted_by=adviser,
                                       title="Innspill Verden annen skole"),
            report=report,
            foreign_plan=foreign_plan, foreign_group=foreign_group,
            foreign_phase=f.PhaseFactory(plan=foreign_plan, number=1, name="Fremmed fase"),
            foreign_input=f.InputFactory(group=foreign_group, unit=w.foreign_school,
                                         submitted_by=w.users["other_rector"], title="Fremmed innspill"),
            foreign_report=f.ReportFactory(plan=foreign_plan, group=foreign_group,
                                           filled_in_by=w.users["other_adviser"], description="Fremmed status"),
            foreign_draft=f.DraftFactory(plan=foreign_plan, number=1, created_by=w.users["other_adviser"],
                                         title="Fremmed handlingsplan"),
        )
    return w.extra["projects"]


def plan(w):
    return {"pk": objs(w).plan.pk}


def plan_pk(w):
    return {"plan_pk": objs(w).plan.pk}


def group_pk(w):
    return {"group_pk": objs(w).group.pk}


def pk_of(name):
    return lambda w: {"pk": getattr(objs(w), name).pk}


#: Pages that change a plan: staff 200; unit leaders see the plan but may not change it; others 404.
EDIT_PLAN = expect(others=404, **UNIT_LEADERS_403, **STAFF_OK, **OUTSIDE_404)
#: Pages of a group: staff (and, elsewhere tested, the group's members); others 404.
GROUP_ONLY = expect(others=404, **STAFF_OK, **OUTSIDE_404)
#: An object of the other municipality: its staff (and, where given, its rector) only.
FOREIGN_STAFF_OK = dict(others=404, other=404, county=404, other_director=200, other_adviser=200)
WORLD_PLANS = ["Læringsløp Verden"]
WORLD_INPUTS = ["Innspill Verden egen skole", "Innspill Verden annen skole"]

CASES = [
    Case("projects:plan_list", expect(**STAFF_OK, **UNIT_LEADERS_200, **OTHER_STAFF_OK, other_rector=200),
         shows={**{role: WORLD_PLANS for role in (*STAFF_OK, *UNIT_LEADERS_200)},
                **{role: ["Fremmed plan"] for role in ("other_director", "other_adviser", "other_rector")}}),
    Case("projects:plan_create", expect(**STAFF_OK, **OTHER_STAFF_OK)),
    Case("projects:plan_detail", expect(others=404, **STAFF_OK, **UNIT_LEADERS_200, **OUTSIDE_404), kwargs=plan,
         shows={role: ["Styringsgruppe Verden", "Fase Verden"] for role in STAFF_OK}),
    Case("projects:plan_detail", expect(**FOREIGN_STAFF_OK, other_rector=200),
         kwargs=lambda w: {"pk": objs(w).foreign_plan.pk}, label="another municipality",
         shows={"other_director": ["Fremmed plan", "Fremmed gruppe"]}),
    Case("projects:plan_edit", EDIT_PLAN, kwargs=plan),
    # The world's plan runs until 2028: staff are refused with a message (302 back to the plan).
    Case("projects:plan_archive", expect(others=404, anonymous=302, **UNIT_LEADERS_403, **STAFF_REDIRECT,
                                         **OUTSIDE_404), kwargs=plan, method="post"),
    Case("projects:plan_archive", expect(**FOREIGN_STAFF_OK, other_rector=403, anonymous=302)
         | dict(other_director=302, other_adviser=302), kwargs=lambda w: {"pk": objs(w).foreign_plan.pk},
         method="post", label="another municipality"),
    Case("projects:plan_unarchive", expect(others=404, anonymous=302, **UNIT_LEADERS_403, **STAFF_REDIRECT,
                                           **OUTSIDE_404), kwargs=plan, method="post"),
    Case("projects:plan_edit", expect(**FOREIGN_STAFF_OK, other_rector=403),
         kwargs=lambda w: {"pk": objs(w).foreign_plan.pk}, label="another municipality"),
    Case("projects:goal_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:goal_edit", EDIT_PLAN, kwargs=pk_of("goal")),
    Case("projects:expectation_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:expectation_edit", EDIT_PLAN, kwargs=pk_of("expectation")),
    Case("projects:expectations_print", expect(others=404, **STAFF_OK, **UNIT_LEADERS_200, **OUTSIDE_404),
         kwargs=plan_pk, shows={role: ["Forventning Verden", "Kjennetegn Verden"]
                                for role in (*STAFF_OK, *UNIT_LEADERS_200)}),
    Case("projects:expectations_print", expect(**FOREIGN_STAFF_OK, other_rector=200),
         kwargs=lambda w: {"plan_pk": objs(w).foreign_plan.pk}, label="another municipality"),
    Case("projects:measure_list", expect(others=404, **STAFF_OK, **UNIT_LEADERS_200, **OUTSIDE_404),
         kwargs=plan_pk, shows={role: ["Tiltak Verden"] for role in (*STAFF_OK, *UNIT_LEADERS_200)}),
    Case("projects:measure_list", expect(**FOREIGN_STAFF_OK, other_rector=200),
         kwargs=lambda w: {"plan_pk": objs(w).foreign_plan.pk}, label="another municipality",
         shows={"other_adviser": ["Fremmed tiltak"]}),
    Case("projects:measure_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:measure_create", expect(**FOREIGN_STAFF_OK, other_rector=403),
         kwargs=lambda w: {"plan_pk": objs(w).foreign_plan.pk}, label="another municipality"),
    Case("projects:measure_edit", EDIT_PLAN, kwargs=pk_of("measure")),
    Case("projects:measure_edit", expect(**FOREIGN_STAFF_OK, other_rector=403), kwargs=pk_of("foreign_measure"),
         label="another municipality"),
    Case("projects:phase_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:phase_edit", EDIT_PLAN, kwargs=pk_of("phase")),
    Case("projects:group_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:group_create", expect(**FOREIGN_STAFF_OK, other_rector=403),
         kwargs=lambda w: {"plan_pk": objs(w).foreign_plan.pk}, label="another municipality"),
    Case("projects:group_detail", GROUP_ONLY, kwargs=pk_of("group"),
         shows={role: ["Ekstern Verden", "Mandat Verden"] for role in STAFF_OK}),
    Case("projects:group_detail", expect(**FOREIGN_STAFF_OK), kwargs=pk_of("foreign_group"),
         label="another municipality"),
    Case("projects:group_edit", GROUP_ONLY, kwargs=pk_of("group")),
    Case("projects:member_create", GROUP_ONLY, kwargs=group_pk),
    Case("projects:member_create", expect(**FOREIGN_STAFF_OK), kwargs=lambda w: {"group_pk": objs(w).foreign_group.pk},
         label="another municipality"),
    Case("projects:member_edit", GROUP_ONLY, kwargs=pk_of("member")),
    Case("projects:mandate_create", GROUP_ONLY, kwargs=group_pk),
    Case("projects:mandate_detail", GROUP_ONLY, kwargs=pk_of("mandate")),
    Case("projects:mandate_edit", GROUP_ONLY, kwargs=pk_of("mandate")),
    Case("projects:input_list", expect(**STAFF_OK, **UNIT_LEADERS_200, **OTHER_STAFF_OK, other_rector=200),
         shows={**{role: WORLD_INPUTS for role in STAFF_OK}, "rector": WORLD_INPUTS[:1],
                **{role: ["Fremmed innspill"] for role in ("other_director", "other_adviser", "other_rector")}}),
    Case("projects:input_create", expect(**UNIT_LEADERS_200, other=403, county=403, other_rector=200),
         shows={"rector": ["Egen skole"], "other_rector": ["Fremmed skole", "Fremmed gruppe"]}),
    Case("projects:input_detail", expect(others=404, rector=200, **STAFF_OK, **OUTSIDE_404), kwargs=pk_of("own_input"),
         label="rector's school"),
    Case("projects:input_detail", expect(others=404, **STAFF_OK, **OUTSIDE_404), kwargs=pk_of("other_input"),
         label="another school"),
    Case("projects:input_detail", expect(**FOREIGN_STAFF_OK, other_rector=200), kwargs=pk_of("foreign_input"),
         label="another municipality"),
    Case("projects:input_process", expect(others=404, rector=403, anonymous=302, **STAFF_REDIRECT, **OUTSIDE_404),
         kwargs=pk_of("own_input"), method="post"),
    Case("projects:attachment_download", expect(others=404, rector=200, **STAFF_OK, **OUTSIDE_404),
         kwargs=pk_of("attachment")),
    Case("projects:draft_list", EDIT_PLAN, kwargs=plan_pk, shows={role: ["Handlingsplan Verden"] for role in STAFF_OK}),
    Case("projects:draft_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:draft_compare", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:draft_detail", GROUP_ONLY, kwargs=pk_of("draft")),
    Case("projects:draft_detail", expect(**FOREIGN_STAFF_OK), kwargs=pk_of("foreign_draft"),
         label="another municipality"),
    Case("projects:draft_comment", expect(others=404, **STAFF_REDIRECT, **OUTSIDE_404), kwargs=pk_of("draft"),
         method="post"),
    Case("projects:report_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:report_detail", GROUP_ONLY, kwargs=pk_of("report")),
    Case("projects:report_detail", expect(**FOREIGN_STAFF_OK), kwargs=pk_of("foreign_report"),
         label="another municipality"),
    Case("projects:report_edit", GROUP_ONLY, kwargs=pk_of("report")),
    Case("projects:report_pdf", GROUP_ONLY, kwargs=pk_of("report")),
]
