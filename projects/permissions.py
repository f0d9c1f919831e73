"""Who may see and change plans, groups, mandates, input, drafts and reports.

- Advisers, the director and administrators of the plan's municipality edit everything.
- Members of a group (a membership with a portal user, active today) read their group,
  its mandates and reports, the plan's drafts, and comment on drafts.
- The group's leader and secretary also see and process the input sent to it.
- Rectors and kindergarten heads read their municipality's plans and send input for their
  own unit only.
- An archived plan is read-only for everyone: the write permissions fail for it, and whoever may
  edit the plan keeps ``projects.archive_plan`` (to take it out of the archive).
"""
from dataclasses import dataclass, field

import rules
from django.db.models import Q
from django.utils import timezone

from laeringslop.permissions import (
    active_municipality_id,
    awaits_municipality_choice,
    is_municipal_staff,
    is_unit_leader,
    roles_of,
)

_CACHE_ATTR = "_projects_memberships"


@dataclass(frozen=True)
class Memberships:
    group_ids: frozenset = field(default_factory=frozenset)
    plan_ids: frozenset = field(default_factory=frozenset)
    #: groups where the user is leader or secretary
    officer_group_ids: frozenset = field(default_factory=frozenset)


def memberships_of(user) -> Memberships:
    """The user's active memberships, read once per user object (one query)."""
    if user is None or not user.is_authenticated:
        return Memberships()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from .models import GroupMembership, MemberRole

    today = timezone.localdate()
    memberships = GroupMembership.objects.filter(user=user, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today))
    active = active_municipality_id(user)
    if active is not None:  # a municipality is chosen: only its plans' groups count
        memberships = memberships.filter(group__plan__municipality_id=active)
    elif awaits_municipality_choice(user):
        memberships = memberships.none()  # roles in several municipalities, none chosen yet: nothing counts
    rows = list(memberships.values_list("group_id", "group__plan_id", "role"))
    result = Memberships(
        group_ids=frozenset(g for g, _p, _r in rows),
        plan_ids=frozenset(p for _g, p, _r in rows),
        officer_group_ids=frozenset(g for g, _p, r in rows if r in (MemberRole.LEADER, MemberRole.SECRETARY)),
    )
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_memberships(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def staff_for(user, municipality_id) -> bool:
    """Director, adviser or administrator of that municipality (they edit plans)."""
    return bool(user.is_authenticated and (user.is_superuser or municipality_id in roles_of(user).staff_municipality_ids))


def unit_leader_in(user, municipality_id) -> bool:
    return is_unit_leader(user) and municipality_id in roles_of(user).municipality_ids


def _plan_of(obj):
    """The plan of a plan, group, mandate, input, draft or report."""
    from .models import QualityPlan

    if isinstance(obj, QualityPlan):
        return obj
    if hasattr(obj, "plan_id"):
        return obj.plan
    if hasattr(obj, "group_id"):
        return obj.group.plan
    return obj.draft.plan


# --- Predicates -----------------------------------------------------------------------------
@rules.predicate
def has_memberships(user):
    return bool(memberships_of(user).group_ids)


@rules.predicate
def is_officer_anywhere(user):
    return bool(memberships_of(user).officer_group_ids)


@rules.predicate
def edits_plan_of(user, obj):
    return obj is not None and staff_for(user, _plan_of(obj).municipality_id)


@rules.predicate
def plan_is_archived(user, obj):
    return obj is not None and _plan_of(obj).is_archived


#: An archived plan is read-only: whoever may edit it may only take it out of the archive.
writes_plan_of = edits_plan_of & ~plan_is_archived


@rules.predicate
def is_member_of_plan(user, obj):
    return obj is not None and _plan_of(obj).pk in memberships_of(user).plan_ids


@rules.predicate
def leads_unit_in_plan_municipality(user, obj):
    return obj is not None and unit_leader_in(user, _plan_of(obj).municipality_id)


@rules.predicate
def is_member_of_group(user, group):
    return group is not None and group.pk in memberships_of(user).group_ids


@rules.predicate
def is_officer_of_group(user, group):
    return group is not None and group.pk in memberships_of(user).officer_group_ids


@rules.predicate
def can_see_input(user, item):
    if item is None:
        return False
    return (staff_for(user, item.group.plan.municipality_id)
            or item.group_id in memberships_of(user).officer_group_ids
            or item.unit_id in roles_of(user).led_unit_ids)


@rules.predicate
def can_see_report(user, report):
    if report is None:
        return False
    if staff_for(user, report.plan.municipality_id):
        return True
    if report.group_id:
        return report.group_id in memberships_of(user).group_ids
    return report.plan_id in memberships_of(user).plan_ids


can_view_plan = edits_plan_of | is_member_of_plan | leads_unit_in_plan_municipality

rules.add_perm("projects.view_plan_list", is_municipal_staff | has_memberships | is_unit_leader)
rules.add_perm("projects.add_plan", is_municipal_staff)
rules.add_perm("projects.view_plan", can_view_plan)
rules.add_perm("projects.change_plan", writes_plan_of)
rules.add_perm("projects.archive_plan", edits_plan_of)
rules.add_perm("projects.view_group", edits_plan_of | is_member_of_group)
rules.add_perm("projects.change_group", writes_plan_of)
rules.add_perm("projects.view_mandate", lambda u, m: m is not None and u.has_perm("projects.view_group", m.group))
rules.add_perm("projects.view_group_input", edits_plan_of | is_officer_of_group)
rules.add_perm("projects.manage_input", (edits_plan_of | is_officer_of_group) & ~plan_is_archived)
rules.add_perm("projects.send_input", leads_unit_in_plan_municipality & ~plan_is_archived)
rules.add_perm("projects.send_any_input", is_unit_leader)
rules.add_perm("projects.view_input_list", is_municipal_staff | is_unit_leader | is_officer_anywhere)
rules.add_perm("projects.view_input", can_see_input)
rules.add_perm("projects.view_draft", edits_plan_of | is_member_of_plan)
rules.add_perm("projects.comment_draft", (edits_plan_of | is_member_of_plan) & ~plan_is_archived)
rules.add_perm("projects.view_report", can_see_report)
