"""Reads for the governance pages; every function filters by what the user may see."""
import difflib
import re
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from laeringslop.permissions import roles_of

from .models import ActionPlanDraft, GroupMembership, Input, MemberCategory, ProjectGroup, QualityPlan, StatusReport
from .permissions import memberships_of, staff_for


def plans_visible_to(user):
    """Plans of the user's municipality for staff and unit leaders; their own plans for members."""
    roles = roles_of(user)
    if user.is_superuser:
        return QualityPlan.objects.all()
    municipality_ids = roles.staff_municipality_ids | (roles.municipality_ids if roles.led_unit_ids else frozenset())
    return QualityPlan.objects.filter(Q(municipality_id__in=municipality_ids) | Q(pk__in=memberships_of(user).plan_ids))


def plan_list(user, *, query: str = "", include_archived: bool = False):
    """The plans the user may see: those in use, or with ``include_archived`` the archived ones too;
    ``query`` is a part of the name. One query."""
    plans = plans_visible_to(user)
    if not include_archived:
        plans = plans.current()
    if query:
        plans = plans.filter(name__icontains=query)
    return (plans.select_related("municipality")
            .annotate(group_count=Count("groups", distinct=True), phase_count=Count("phases", distinct=True))
            .order_by("archived_at", "-start_year", "name"))


def _active_q(day, prefix=""):
    return (Q(**{f"{prefix}start_date__lte": day})
            & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})))


def group_tree(plan, user=None) -> list[dict]:
    """The plan's groups depth first, each with its depth, active member count and whether
    ``user`` may open it. Two queries."""
    today = timezone.localdate()
    groups = list(plan.groups.annotate(
        member_count=Count("memberships", filter=_active_q(today, "memberships__"))).in_display_order())
    children = defaultdict(list)
    for group in groups:
        children[group.parent_id].append(group)
    can_all = user is None or staff_for(user, plan.municipality_id)
    mine = memberships_of(user).group_ids if user is not None else frozenset()
    rows, seen = [], set()

    def walk(parent_id, depth):
        for group in children.get(parent_id, []):
            if group.pk in seen:
                continue
            seen.add(group.pk)
            rows.append({"group": group, "depth": depth,
                         "can_view": can_all or group.pk in mine})
            walk(group.pk, depth + 1)

    walk(None, 0)
    return rows


def descendants(group) -> list:
    """The group and every group under it (one query)."""
    tree = group_tree(group.plan)
    ids_under = {group.pk}
    result = [group]
    for row in tree:
        g = row["group"]
        if g.parent_id in ids_under and g.pk not in ids_under:
            ids_under.add(g.pk)
            result.append(g)
    return result


def members_of(group):
    return group.memberships.select_related("user").order_by("end_date", "role", "person_name", "user__last_name")


def input_list(user, *, status: str = ""):
    """Input the user may see: staff see their municipality's, officers their groups', unit
    leaders their units'."""
    roles = roles_of(user)
    qs = Input.objects.select_related("group", "group__plan", "unit", "submitted_by", "draft")
    if not user.is_superuser:
        qs = qs.filter(Q(group__plan__municipality_id__in=roles.staff_municipality_ids)
                       | Q(group_id__in=memberships_of(user).officer_group_ids)
                       | Q(unit_id__in=roles.led_unit_ids))
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(attachment_count=Count("attachments")).order_by("-submitted_at", "-id")


def groups_open_for_input(user):
    """Groups a unit leader may send input to: the groups of their municipality's plans (not archived ones)."""
    roles = roles_of(user)
    return (ProjectGroup.objects.filter(plan__municipality_id__in=roles.municipality_ids, plan__archived_at__isnull=True)
            .select_related("plan").in_display_order("plan__name", "plan_id"))


def drafts_of(plan):
    return (plan.drafts.select_related("created_by")
            .annotate(comment_count=Count("comments", distinct=True), input_count=Count("inputs", distinct=True))
            .order_by("number"))


def draft_diff(old: ActionPlanDraft, new: ActionPlanDraft) -> list[dict]:
    """The two drafts' texts side by side, line by line, for the comparison table.

    Each row is ``{"kind": "same" | "changed" | "removed" | "added", "old": side, "new": side}``
    where a side is ``None`` (no line there) or ``{"number": n, "parts": [(text, marked)]}``;
    in a changed line the words that differ are marked. The template escapes the text.
    """
    a, b = old.text.splitlines(), new.text.splitlines()
    rows = []

    def side(lines, index, parts=None):
        return {"number": index + 1, "parts": parts if parts is not None else [(lines[index], False)]}

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [{"kind": "same", "old": side(a, i), "new": side(b, j)} for i, j in zip(range(i1, i2), range(j1, j2), strict=False)]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            old_parts, new_parts = _word_diff(a[i1 + k], b[j1 + k])
            rows.append({"kind": "changed", "old": side(a, i1 + k, old_parts), "new": side(b, j1 + k, new_parts)})
        rows += [{"kind": "removed", "old": side(a, i), "new": None} for i in range(i1 + paired, i2)]
        rows += [{"kind": "added", "old": None, "new": side(b, j)} for j in range(j1 + paired, j2)]
    return rows


def _word_diff(old_line: str, new_line: str):
    """The two lines as (text, marked) parts, the words that differ marked."""
    old_words, new_words = re.split(r"(\s+)", old_line), re.split(r"(\s+)", new_line)
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if i2 > i1:
            old_parts.append(("".join(old_words[i1:i2]), tag != "equal"))
        if j2 > j1:
            new_parts.append(("".join(new_words[j1:j2]), tag != "equal"))
    return old_parts, new_parts


def organisation_counts(report: StatusReport) -> dict:
    """Member counts by group and category on the report's date, computed from memberships."""
    groups = descendants(report.group) if report.group_id else [row["group"] for row in group_tree(report.plan)]
    rows = (GroupMembership.objects.filter(group__in=groups).filter(_active_q(report.as_of))
            .values("group_id", "category").annotate(n=Count("id")))
    counts = defaultdict(dict)
    for row in rows:
        counts[row["group_id"]][row["category"]] = row["n"]
    categories = list(MemberCategory.choices)
    table = []
    totals = {key: 0 for key, _label in categories}
    for group in groups:
        values = [counts[group.pk].get(key, 0) for key, _label in categories]
        for (key, _label), value in zip(categories, values, strict=False):
            totals[key] += value
        table.append({"group": group, "values": values, "total": sum(values)})
    return {"categories": [label for _key, label in categories], "rows": table,
            "totals": list(totals.values()), "total": sum(totals.values())}


def reports_of(plan):
    return plan.reports.select_related("group", "filled_in_by").order_by("-as_of", "-id")
