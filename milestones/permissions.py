"""Milestones follow their plan: whoever may see the plan sees its milestones and timeline;
advisers, the director and administrators of the plan's municipality change them (not in an archived plan)."""
import rules

from laeringslop.permissions import is_municipal_staff
from projects.permissions import can_view_plan, writes_plan_of

rules.add_perm("milestones.view_plan_milestones", can_view_plan)
rules.add_perm("milestones.change_plan_milestones", writes_plan_of)
rules.add_perm("milestones.view_milestone", can_view_plan)
rules.add_perm("milestones.change_milestone", writes_plan_of)
rules.add_perm("milestones.view_overview", is_municipal_staff)
