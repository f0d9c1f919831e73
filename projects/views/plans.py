"""Plans and what belongs directly to them: goals, shared expectations, phases."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404, require_perm
from laeringslop.tenancy import staff_municipality

from .. import expectations, selectors, services
from ..flower import flower
from ..forms import ExpectationForm, GoalForm, PhaseForm, PlanForm, PlanSearchForm
from ..models import Expectation, Goal, Phase, QualityPlan
from .common import form_page, plan_crumbs, refuses_archived, require_write, visible_plan


def _to_plan(obj):
    return reverse("projects:plan_detail", args=[obj.plan_id if hasattr(obj, "plan_id") else obj.pk])


@login_required
def plan_list(request):
    """The plans in use; «Vis arkiverte» (``arkiverte=1``) adds the archived ones, ``q`` searches the names."""
    require_perm(request.user, "projects.view_plan_list")
    form = PlanSearchForm(request.GET or None)
    query, archived = (form.cleaned_data["q"], form.cleaned_data["arkiverte"]) if form.is_valid() else ("", False)
    return render(request, "projects/plan_list.html", {
        "plans": selectors.plan_list(request.user, query=query, include_archived=archived),
        "search_form": form, "searching": bool(query or archived),
    })


@login_required
def plan_create(request):
    require_perm(request.user, "projects.add_plan")
    municipality = staff_municipality(request)
    if municipality is None:  # e.g. a superuser who has not chosen a municipality: nobody to own the plan
        raise PermissionDenied
    form = PlanForm(request.POST or None, instance=QualityPlan(municipality=municipality))
    return form_page(request, form, title=_("New quality plan"),
                     crumbs=[(_("Quality plans"), reverse("projects:plan_list"))],
                     save=lambda f: services.plan_create(f, municipality=municipality), success_url=_to_plan)


@login_required
def plan_detail(request, pk):
    plan = visible_plan(request, pk)
    user = request.user
    can_edit = user.has_perm("projects.change_plan", plan)
    context = {
        "plan": plan,
        "can_edit": can_edit,
        "can_archive": user.has_perm("projects.archive_plan", plan),
        "has_ended": plan.has_ended(),
        "can_see_drafts": user.has_perm("projects.view_draft", plan),
        "can_send_input": user.has_perm("projects.send_input", plan),
        "goals": plan.goals.all(),
        "expectations": expectations.expectations_of(plan),
        "phases": plan.phases.all(),
        "groups": selectors.group_tree(plan, user),
        "reports": [r for r in selectors.reports_of(plan) if can_edit or user.has_perm("projects.view_report", r)],
        "history": history_for(plan),
    }
    return render(request, "projects/plan_detail.html", context)


@login_required
@require_POST
def plan_archive(request, pk):
    plan = visible_plan(request, pk)
    require_perm(request.user, "projects.archive_plan", plan)
    try:
        services.quality_plan_archive(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The plan is archived. It is read-only and no longer shown in the lists "
                                    "by default; «Show archived» on the list of plans finds it."))
    return redirect("projects:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_unarchive(request, pk):
    plan = visible_plan(request, pk)
    require_perm(request.user, "projects.archive_plan", plan)
    try:
        services.quality_plan_unarchive(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The plan is taken out of the archive and can be changed again."))
    return redirect("projects:plan_detail", pk=plan.pk)


@login_required
@refuses_archived
def plan_edit(request, pk):
    plan = visible_plan(request, pk, "projects.change_plan")
    return form_page(request, PlanForm(request.POST or None, instance=plan), title=_("Edit the plan"),
                     crumbs=plan_crumbs(plan), save=services.plan_update, success_url=_to_plan, history_obj=plan)


def _child_create(request, plan_pk, form_class, model, title):
    plan = visible_plan(request, plan_pk, "projects.change_plan")
    form = form_class(request.POST or None, instance=model(plan=plan))
    return form_page(request, form, title=title, crumbs=plan_crumbs(plan),
                     save=lambda f: services.plan_child_save(f, plan=plan), success_url=_to_plan)


def _child_edit(request, pk, form_class, model, title):
    obj = get_object_or_404(model.objects.select_related("plan"), pk=pk)
    get_visible_or_404(QualityPlan.objects.all(), "projects.view_plan", request.user, pk=obj.plan_id)
    require_write(request.user, "projects.change_plan", obj.plan)
    form = form_class(request.POST or None, instance=obj)
    return form_page(request, form, title=title, crumbs=plan_crumbs(obj.plan),
                     save=services.plan_child_save, success_url=_to_plan, history_obj=obj)


@login_required
@refuses_archived
def goal_create(request, plan_pk):
    return _child_create(request, plan_pk, GoalForm, Goal, _("New goal"))


@login_required
@refuses_archived
def goal_edit(request, pk):
    return _child_edit(request, pk, GoalForm, Goal, _("Edit goal"))


@login_required
@refuses_archived
def expectation_create(request, plan_pk):
    plan = visible_plan(request, plan_pk, "projects.change_plan")
    form = ExpectationForm(request.POST or None, instance=Expectation(plan=plan))
    return form_page(request, form, title=_("New shared expectation"), crumbs=plan_crumbs(plan),
                     save=lambda f: expectations.expectation_save(form=f, plan=plan), success_url=_to_plan)


@login_required
@refuses_archived
def expectation_edit(request, pk):
    obj = get_object_or_404(Expectation.objects.select_related("plan"), pk=pk)
    get_visible_or_404(QualityPlan.objects.all(), "projects.view_plan", request.user, pk=obj.plan_id)
    require_perm(request.user, "projects.change_plan", obj.plan)
    form = ExpectationForm(request.POST or None, instance=obj)
    return form_page(request, form, title=_("Edit shared expectation"), crumbs=plan_crumbs(obj.plan),
                     save=lambda f: expectations.expectation_save(form=f), success_url=_to_plan, history_obj=obj)


@login_required
def expectations_print(request, plan_pk):
    """The plan's expectations for every school, each with its signs of quality: a page to print."""
    plan = visible_plan(request, plan_pk)
    rows = list(expectations.expectations_of(plan))
    return render(request, "projects/expectations_print.html", {
        "plan": plan, "expectations": rows, "flower": flower(rows),
        "can_edit": request.user.has_perm("projects.change_plan", plan),
    })


@login_required
@refuses_archived
def phase_create(request, plan_pk):
    return _child_create(request, plan_pk, PhaseForm, Phase, _("New phase"))


@login_required
@refuses_archived
def phase_edit(request, pk):
    return _child_edit(request, pk, PhaseForm, Phase, _("Edit phase"))
