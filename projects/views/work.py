"""Input from units, attachments, and the action-plan drafts."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404, require_perm

from .. import selectors, services
from ..forms import DraftCommentForm, DraftCompareForm, DraftForm, InputForm, InputProcessForm
from ..models import ActionPlanDraft, Attachment, Input, InputStatus, ProjectGroup
from ..permissions import memberships_of
from ..uploads import download_response
from .common import form_page, plan_crumbs, refuses_archived, require_write, visible_plan


# --- Input (innspill) -------------------------------------------------------------------------
@login_required
def input_list(request):
    require_perm(request.user, "projects.view_input_list")
    status = request.GET.get("status", "")
    if status not in InputStatus.values:
        status = ""
    return render(request, "projects/input_list.html", {
        "inputs": selectors.input_list(request.user, status=status)[:500], "status": status,
        "statuses": InputStatus.choices,
        "can_send": request.user.has_perm("projects.send_any_input"),
    })


@login_required
def input_create(request):
    require_perm(request.user, "projects.send_any_input")
    from laeringslop.selectors import units_led_by

    form = InputForm(request.POST or None, request.FILES or None, groups=selectors.groups_open_for_input(request.user),
                     units=units_led_by(request.user), initial={"group": request.GET.get("group")})
    return form_page(request, form, title=_("Send input"),
                     crumbs=[(_("Input"), reverse("projects:input_list"))],
                     save=lambda f: services.input_submit(f, user=request.user),
                     success_url=lambda i: reverse("projects:input_detail", args=[i.pk]),
                     extra={"multipart": True, "submit_label": _("Send input")})


def _visible_input(request, pk):
    return get_visible_or_404(
        Input.objects.select_related("group__plan__municipality", "unit", "submitted_by", "processed_by", "draft"),
        "projects.view_input", request.user, pk=pk)


@login_required
def input_detail(request, pk):
    item = _visible_input(request, pk)
    can_process = request.user.has_perm("projects.manage_input", item.group)
    return render(request, "projects/input_detail.html", {
        "item": item, "can_process": can_process,
        "process_form": InputProcessForm(plan=item.group.plan, initial={"draft": item.draft_id})
        if can_process else None,
        "attachments": item.attachments.all(),
        "crumbs": [(_("Input"), reverse("projects:input_list"))],
        "history": history_for(item),
    })


@login_required
@require_POST
@refuses_archived
def input_process(request, pk):
    item = _visible_input(request, pk)
    require_write(request.user, "projects.manage_input", item.group)
    form = InputProcessForm(request.POST, plan=item.group.plan)
    if form.is_valid():
        services.input_process(item, user=request.user, draft=form.cleaned_data["draft"])
        messages.success(request, _("The input is marked as processed."))
    else:
        messages.error(request, _("Choose a draft of this plan."))
    return redirect("projects:input_detail", pk=item.pk)


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("input__group__plan", "report__plan"), pk=pk)
    owner, perm = (attachment.input, "projects.view_input") if attachment.input_id else (
        attachment.report, "projects.view_report")
    if not request.user.has_perm(perm, owner):
        raise Http404
    return download_response(attachment)


# --- Action-plan drafts ---------------------------------------------------------------------
def _draft_crumbs(plan):
    return plan_crumbs(plan, (_("Action plan"), reverse("projects:draft_list", args=[plan.pk])))


@login_required
def draft_list(request, plan_pk):
    plan = visible_plan(request, plan_pk, "projects.view_draft")
    drafts = list(selectors.drafts_of(plan))
    latest_two = {"old": drafts[-2].pk, "new": drafts[-1].pk} if len(drafts) > 1 else {}
    return render(request, "projects/draft_list.html", {
        "plan": plan, "drafts": drafts, "crumbs": plan_crumbs(plan),
        "can_edit": request.user.has_perm("projects.change_plan", plan),
        "compare_form": DraftCompareForm(plan=plan, initial=latest_two),
    })


@login_required
@refuses_archived
def draft_create(request, plan_pk):
    plan = visible_plan(request, plan_pk, "projects.change_plan")
    latest = plan.drafts.order_by("-number").first()
    initial = {"title": latest.title, "text": latest.text} if latest else {}
    form = DraftForm(request.POST or None, instance=ActionPlanDraft(plan=plan), initial=initial)
    return form_page(request, form, title=_("New draft of the action plan"), crumbs=_draft_crumbs(plan),
                     save=lambda f: services.draft_create(f, plan=plan, user=request.user),
                     success_url=lambda d: reverse("projects:draft_detail", args=[d.pk]))


def _comment_groups(user, plan):
    qs = ProjectGroup.objects.filter(plan=plan).in_display_order()
    if user.has_perm("projects.change_plan", plan):
        return qs
    return qs.filter(pk__in=memberships_of(user).group_ids)


@login_required
def draft_detail(request, pk):
    draft = get_visible_or_404(ActionPlanDraft.objects.select_related("plan__municipality", "created_by"),
                               "projects.view_draft", request.user, pk=pk)
    return render(request, "projects/draft_detail.html", {
        "draft": draft, "plan": draft.plan, "crumbs": _draft_crumbs(draft.plan),
        "comments": draft.comments.select_related("author", "group"),
        "inputs": draft.inputs.select_related("unit", "group"),
        "comment_form": DraftCommentForm(groups=_comment_groups(request.user, draft.plan)),
        "history": history_for(draft),
    })


@login_required
@require_POST
@refuses_archived
def draft_comment(request, pk):
    draft = get_visible_or_404(ActionPlanDraft.objects.select_related("plan__municipality"),
                               "projects.view_draft", request.user, pk=pk)
    require_write(request.user, "projects.comment_draft", draft)
    form = DraftCommentForm(request.POST, groups=_comment_groups(request.user, draft.plan))
    form.instance.draft = draft
    form.instance.author = request.user
    if form.is_valid():
        services.draft_comment(form, draft=draft, user=request.user)
        messages.success(request, _("Your comment is saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("projects:draft_detail", pk=draft.pk)


@login_required
def draft_compare(request, plan_pk):
    plan = visible_plan(request, plan_pk, "projects.view_draft")
    form = DraftCompareForm(request.GET or None, plan=plan)
    table = None
    if form.is_valid():
        table = selectors.draft_diff(form.cleaned_data["old"], form.cleaned_data["new"])
    return render(request, "projects/draft_compare.html",
                  {"plan": plan, "form": form, "table": table, "crumbs": _draft_crumbs(plan)})

