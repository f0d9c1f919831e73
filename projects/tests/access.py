"""Access cases for the governance URLs (see laeringslop/tests/access.py)."""
from types import SimpleNamespace

from django.core.files.base import ContentFile

from laeringslop.tests import factories as core
from laeringslop.tests.access import STAFF_OK, Case, expect
from projects.models import Attachment, GroupKind

from . import factories as f

STAFF_REDIRECT = dict(director=302, adviser=302, administrator=302)
#: Unit leaders read their municipality's plans but do not change them.
UNIT_LEADERS_403 = dict(rector=403, kindergarten_head=403)
UNIT_LEADERS_200 = dict(rector=200, kindergarten_head=200)


def objs(w):
    """The plan and its parts the cases point at, made once per world."""
    if "projects" not in w.extra:
        plan = f.PlanFactory(municipality=w.municipality, name="Læringsløp Verden")
        phase = f.PhaseFactory(plan=plan, number=1)
        steering = f.GroupFactory(plan=plan, name="Styringsgruppe", kind=GroupKind.STEERING)
        group = f.GroupFactory(plan=plan, name="Prosjektgruppe barnehage", parent=steering)
        adviser = w.users["adviser"]
        own_input = f.InputFactory(group=group, unit=w.school, submitted_by=w.users["rector"])
        attachment = Attachment.objects.create(input=own_input, file=ContentFile(b"innhold", name="innspill.txt"),
                                               original_name="innspill.txt", size=7, uploaded_by=w.users["rector"])
        report = f.ReportFactory(plan=plan, group=group, filled_in_by=adviser)
        w.extra["projects"] = SimpleNamespace(
            plan=plan, phase=phase, steering=steering, group=group,
            goal=f.GoalFactory(plan=plan), expectation=f.ExpectationFactory(plan=plan),
            member=f.MembershipFactory(group=group),
            mandate=f.MandateFactory(group=group, phase=phase),
            draft=f.DraftFactory(plan=plan, number=1, created_by=adviser),
            draft2=f.DraftFactory(plan=plan, number=2, created_by=adviser),
            own_input=own_input, attachment=attachment,
            other_input=f.InputFactory(group=group, unit=w.other_school, submitted_by=adviser),
            report=report,
            foreign_plan=f.PlanFactory(municipality=core.MunicipalityFactory(number="9997"), name="Annen kommune"),
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
EDIT_PLAN = expect(others=404, **UNIT_LEADERS_403, **STAFF_OK)
#: Pages of a group: staff (and, elsewhere tested, the group's members); others 404.
GROUP_ONLY = expect(others=404, **STAFF_OK)

CASES = [
    Case("projects:plan_list", expect(**STAFF_OK, **UNIT_LEADERS_200)),
    Case("projects:plan_create", expect(**STAFF_OK)),
    Case("projects:plan_detail", expect(others=404, **STAFF_OK, **UNIT_LEADERS_200), kwargs=plan),
    Case("projects:plan_detail", expect(others=404), kwargs=lambda w: {"pk": objs(w).foreign_plan.pk},
         label="another municipality"),
    Case("projects:plan_edit", EDIT_PLAN, kwargs=plan),
    Case("projects:goal_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:goal_edit", EDIT_PLAN, kwargs=pk_of("goal")),
    Case("projects:expectation_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:expectation_edit", EDIT_PLAN, kwargs=pk_of("expectation")),
    Case("projects:phase_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:phase_edit", EDIT_PLAN, kwargs=pk_of("phase")),
    Case("projects:group_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:group_detail", GROUP_ONLY, kwargs=pk_of("group")),
    Case("projects:group_edit", GROUP_ONLY, kwargs=pk_of("group")),
    Case("projects:member_create", GROUP_ONLY, kwargs=group_pk),
    Case("projects:member_edit", GROUP_ONLY, kwargs=pk_of("member")),
    Case("projects:mandate_create", GROUP_ONLY, kwargs=group_pk),
    Case("projects:mandate_detail", GROUP_ONLY, kwargs=pk_of("mandate")),
    Case("projects:mandate_edit", GROUP_ONLY, kwargs=pk_of("mandate")),
    Case("projects:input_list", expect(**STAFF_OK, **UNIT_LEADERS_200)),
    Case("projects:input_create", expect(**UNIT_LEADERS_200)),
    Case("projects:input_detail", expect(others=404, rector=200, **STAFF_OK), kwargs=pk_of("own_input"),
         label="rector's school"),
    Case("projects:input_detail", expect(others=404, **STAFF_OK), kwargs=pk_of("other_input"),
         label="another school"),
    Case("projects:input_process", expect(others=404, rector=403, anonymous=302, **STAFF_REDIRECT),
         kwargs=pk_of("own_input"), method="post"),
    Case("projects:attachment_download", expect(others=404, rector=200, **STAFF_OK), kwargs=pk_of("attachment")),
    Case("projects:draft_list", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:draft_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:draft_compare", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:draft_detail", GROUP_ONLY, kwargs=pk_of("draft")),
    Case("projects:draft_comment", expect(others=404, **STAFF_REDIRECT), kwargs=pk_of("draft"), method="post"),
    Case("projects:report_create", EDIT_PLAN, kwargs=plan_pk),
    Case("projects:report_detail", GROUP_ONLY, kwargs=pk_of("report")),
    Case("projects:report_edit", GROUP_ONLY, kwargs=pk_of("report")),
    Case("projects:report_pdf", GROUP_ONLY, kwargs=pk_of("report")),
]
