"""Groups, their members and their mandates."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404

from .. import selectors, services
from ..forms import GroupForm, MandateForm, MembershipForm
from ..models import GroupMembership, Mandate, ProjectGroup
from .common import form_page, plan_crumbs, refuses_archived, require_write, visible_plan

GROUPS = ProjectGroup.objects.select_related("plan", "plan__municipality", "parent")


def _group_url(obj):
    return reverse("projects:group_detail", args=[obj.group_id if hasattr(obj, "group_id") else obj.pk])


def _group_crumbs(group):
    return plan_crumbs(group.plan, (group.name, reverse("projects:group_detail", args=[group.pk])))


def visible_group(request, pk, perm=None):
    group = get_visible_or_404(GROUPS, "projects.view_group", request.user, pk=pk)
    if perm:
        require_write(request.user, perm, group)
    return group


@login_required
@refuses_archived
def group_create(request, plan_pk):
    plan = visible_plan(request, plan_pk, "projects.change_plan")
    form = GroupForm(request.POST or None, instance=ProjectGroup(plan=plan),
                     initial={"parent": request.GET.get("parent")})
    return form_page(request, form, title=_("New group"), crumbs=plan_crumbs(plan),
                     save=lambda f: services.plan_child_save(f, plan=plan), success_url=_group_url)


@login_required
def group_detail(request, pk):
    group = visible_group(request, pk)
    user = request.user
    today = timezone.localdate()
    members = list(selectors.members_of(group))
    can_manage_input = user.has_perm("projects.manage_input", group)
    context = {
        "group": group,
        "plan": group.plan,
        "can_edit": user.has_perm("projects.change_group", group),
        "can_manage_input": can_manage_input,
        "current_members": [m for m in members if m.active_on(today)],
        "other_members": [m for m in members if not m.active_on(today)],
        "children": group.children.in_display_order(),
        "mandates": group.mandates.select_related("phase").order_by("phase__number"),
        "inputs": group.inputs.select_related("unit").order_by("-submitted_at")[:50]
        if user.has_perm("projects.view_group_input", group) else None,  # an archived plan's too (read-only)
        "reports": group.reports.order_by("-as_of"),
        "crumbs": plan_crumbs(group.plan),
        "history": history_for(group),
    }
    return render(request, "projects/group_detail.html", context)


@login_required
@refuses_archived
def group_edit(request, pk):
    group = visible_group(request, pk, "projects.change_group")
    return form_page(request, GroupForm(request.POST or None, instance=group), title=_("Edit group"),
                     crumbs=_group_crumbs(group), save=services.plan_child_save, success_url=_group_url,
                     history_obj=group)


@login_required
@refuses_archived
def member_create(request, group_pk):
    group = visible_group(request, group_pk, "projects.change_group")
    form = MembershipForm(request.POST or None, instance=GroupMembership(group=group),
                          initial={"start_date": group.start_date or timezone.localdate()})
    return form_page(request, form, title=_("New member of %(group)s") % {"group": group.name},
                     crumbs=_group_crumbs(group), save=lambda f: services.membership_save(f, group=group),
                     success_url=_group_url)


@login_required
@refuses_archived
def member_edit(request, pk):
    membership = get_object_or_404(GroupMembership.objects.select_related("group__plan"), pk=pk)
    group = visible_group(request, membership.group_id, "projects.change_group")
    return form_page(request, MembershipForm(request.POST or None, instance=membership),
                     title=_("Edit membership: %(name)s") % {"name": membership.name},
                     crumbs=_group_crumbs(group), save=services.membership_save, success_url=_group_url,
                     history_obj=membership)


@login_required
@refuses_archived
def mandate_create(request, group_pk):
    group = visible_group(request, group_pk, "projects.change_group")
    form = MandateForm(request.POST or None, instance=Mandate(group=group),
                       initial={"phase": request.GET.get("phase")})
    return form_page(request, form, title=_("New mandate for %(group)s") % {"group": group.name},
                     crumbs=_group_crumbs(group), save=lambda f: services.mandate_save(f, group=group),
                     success_url=lambda m: reverse("projects:mandate_detail", args=[m.pk]))


def _visible_mandate(request, pk):
    return get_visible_or_404(Mandate.objects.select_related("group__plan__municipality", "phase"),
                              "projects.view_mandate", request.user, pk=pk)


@login_required
def mandate_detail(request, pk):
    mandate = _visible_mandate(request, pk)
    group = mandate.group
    return render(request, "projects/mandate_detail.html", {
        "mandate": mandate, "group": group, "crumbs": _group_crumbs(group),
        "can_edit": request.user.has_perm("projects.change_group", group),
        "other_mandates": group.mandates.exclude(pk=mandate.pk).select_related("phase"),
        "history": history_for(mandate),
    })


@login_required
@refuses_archived
def mandate_edit(request, pk):
    mandate = _visible_mandate(request, pk)
    require_write(request.user, "projects.change_group", mandate.group)
    return form_page(request, MandateForm(request.POST or None, instance=mandate),
                     title=_("Edit mandate"), crumbs=_group_crumbs(mandate.group), save=services.mandate_save,
                     success_url=lambda m: reverse("projects:mandate_detail", args=[m.pk]), history_obj=mandate)
