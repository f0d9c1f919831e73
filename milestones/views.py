"""Milestone pages: a plan's timeline, one milestone, my milestones, the overview, the feed."""
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from laeringslop.history import history_for
from laeringslop.hooks import calendar_events
from laeringslop.permissions import get_visible_or_404, require_perm
from projects import services as project_services
from projects.models import QualityPlan
from projects.views.common import form_page, plan_crumbs, refuses_archived, require_write

from . import feeds, selectors, services
from .forms import CompleteForm, MilestoneForm
from .models import Milestone


def _plan(request, plan_pk, perm=None):
    plan = get_visible_or_404(QualityPlan.objects.select_related("municipality"),
                              "milestones.view_plan_milestones", request.user, pk=plan_pk)
    if perm:
        require_write(request.user, perm, plan)
    return plan


def _timeline_crumbs(plan):
    return plan_crumbs(plan, (_("Timeline"), reverse("milestones:timeline", args=[plan.pk])))


@login_required
def timeline(request, plan_pk):
    plan = _plan(request, plan_pk)
    milestones = list(selectors.plan_milestones(plan))
    phases = list(plan.phases.all())
    today = timezone.localdate()
    return render(request, "milestones/timeline.html", {
        "plan": plan, "milestones": milestones, "phases": phases, "today": today,
        "axis": selectors.timeline(plan, milestones, phases, today),
        "late": [m for m in milestones if m.is_late(today)],
        "can_edit": request.user.has_perm("milestones.change_plan_milestones", plan),
        "crumbs": plan_crumbs(plan),
    })


@login_required
@refuses_archived
def milestone_create(request, plan_pk):
    plan = _plan(request, plan_pk, "milestones.change_plan_milestones")
    form = MilestoneForm(request.POST or None, instance=Milestone(plan=plan))
    return form_page(request, form, title=_("New milestone"), crumbs=_timeline_crumbs(plan),
                     save=lambda f: services.milestone_save(f, plan=plan),
                     success_url=lambda m: reverse("milestones:timeline", args=[plan.pk]))


def _visible(request, pk):
    return get_visible_or_404(Milestone.objects.select_related(*selectors.RELATED, "plan__municipality"),
                              "milestones.view_milestone", request.user, pk=pk)


@login_required
def milestone_detail(request, pk):
    milestone = _visible(request, pk)
    return render(request, "milestones/detail.html", {
        "milestone": milestone, "plan": milestone.plan, "crumbs": _timeline_crumbs(milestone.plan),
        "can_edit": request.user.has_perm("milestones.change_milestone", milestone),
        "complete_form": CompleteForm(plan=milestone.plan), "history": history_for(milestone),
    })


@login_required
@refuses_archived
def milestone_edit(request, pk):
    milestone = _visible(request, pk)
    require_write(request.user, "milestones.change_milestone", milestone)
    return form_page(request, MilestoneForm(request.POST or None, instance=milestone), title=_("Edit milestone"),
                     crumbs=_timeline_crumbs(milestone.plan), save=services.milestone_save,
                     success_url=lambda m: reverse("milestones:detail", args=[m.pk]), history_obj=milestone)


@login_required
@require_POST
@refuses_archived
def milestone_complete(request, pk):
    milestone = _visible(request, pk)
    require_write(request.user, "milestones.change_milestone", milestone)
    form = CompleteForm(request.POST, plan=milestone.plan)
    if form.is_valid():
        services.milestone_complete(milestone, completed_on=form.cleaned_data["completed_on"])
        messages.success(request, _("The milestone is marked as done."))
    else:
        for error in form.errors.get("completed_on", []):
            messages.error(request, error)
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/milepaeler/")
                    else reverse("milestones:detail", args=[milestone.pk]))


@login_required
def mine(request):
    milestones = list(selectors.my_milestones(request.user))
    today = timezone.localdate()
    return render(request, "milestones/mine.html", {
        "open": [m for m in milestones if m.status != "done"],
        "done": [m for m in milestones if m.status == "done"],
        "today": today,
    })


@login_required
def overview(request):
    require_perm(request.user, "milestones.view_overview")
    return render(request, "milestones/overview.html",
                  {"plans": selectors.due_and_late_by_plan(request.user), "days": 30})


@login_required
@require_POST
@refuses_archived
def feed_regenerate(request, plan_pk):
    plan = _plan(request, plan_pk, "milestones.change_plan_milestones")
    project_services.plan_feed_token_regenerate(plan)
    messages.success(request, _("The calendar feed has a new address. The old address no longer works."))
    return redirect("projects:plan_detail", pk=plan.pk)


def feed(request, token):
    """The plan's milestones as iCalendar. No login (calendar apps cannot log in): the secret
    token in the URL is the key, and an adviser can replace it on the plan's page."""
    plan = get_object_or_404(QualityPlan, feed_token=token) if len(token) >= 20 else None
    if plan is None:
        raise Http404
    events = calendar_events(plan.municipality, date(plan.start_year, 1, 1), date(plan.end_year, 12, 31))
    body = feeds.plan_calendar(plan, selectors.plan_milestones(plan), request.build_absolute_uri, events)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="milepaeler.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
