"""Who may see and do what in the yearly dialogue (built from the core predicates)."""
import rules

from laeringslop.permissions import (
    is_editor,
    is_municipal_staff,
    is_rector,
    is_staff_of_unit,
    leads_unit,
)


@rules.predicate
def is_school(user, unit):
    return unit is not None and unit.is_school


@rules.predicate
def is_kindergarten(user, unit):
    return unit is not None and unit.kind == "kindergarten"


#: The Læringsspeil of a school or a kindergarten, its answers and exports: the municipality's staff and
#: the unit's own rector or kindergarten head.
rules.add_perm("dialogue.view_mirror", (is_school | is_kindergarten) & (is_staff_of_unit | leads_unit))
#: Only the unit's own rector (kindergarten head) writes its self-assessment.
rules.add_perm("dialogue.answer_assessment", (is_school | is_kindergarten) & leads_unit)
#: Set up the year, reopen, remind, local indicators: advisers (and the director, administrators).
rules.add_perm("dialogue.manage", is_editor)
rules.add_perm("dialogue.view_dashboard", is_municipal_staff)
#: The report for the dialogue with the rector: the municipality's staff and the school's own rector.
rules.add_perm("dialogue.view_report", is_school & (is_staff_of_unit | leads_unit))

#: The dialogue held with the rector and its follow-up tasks: the municipality's staff and the school's own
#: rector read them; the director and the advisers (editors) of the municipality record and distribute them.
rules.add_perm("dialogue.view_dialogue", is_school & (is_staff_of_unit | leads_unit))
rules.add_perm("dialogue.record_dialogue", is_school & is_staff_of_unit & is_editor)


@rules.predicate
def task_school_is_visible(user, task):
    return task is not None and (is_staff_of_unit(user, task.dialogue.school) or leads_unit(user, task.dialogue.school))


@rules.predicate
def task_school_is_managed(user, task):
    return task is not None and is_staff_of_unit(user, task.dialogue.school)


rules.add_perm("dialogue.view_task", task_school_is_visible)
rules.add_perm("dialogue.change_task", task_school_is_managed & is_editor)
#: Any editor of the municipality marks a task done (the responsible adviser is one: tasks go to advisers).
rules.add_perm("dialogue.complete_task", task_school_is_managed & is_editor)


@rules.predicate
def task_school_is_led(user, task):
    return task is not None and leads_unit(user, task.dialogue.school)


#: The task's thread: the school's rector answers, the municipality's editors write and reopen a done task.
rules.add_perm("dialogue.comment_task", task_school_is_led | (task_school_is_managed & is_editor))
rules.add_perm("dialogue.reopen_task", task_school_is_managed & is_editor)
#: School visits: the municipality's staff and the school's own rector see a school's visits (the rector
#: without the internal notes, and the summary only once agreed); the director and advisers plan them.
rules.add_perm("dialogue.view_school_visits", is_school & (is_staff_of_unit | leads_unit))
rules.add_perm("dialogue.plan_visit", is_school & is_staff_of_unit & is_editor)


@rules.predicate
def visit_is_visible(user, visit):
    return visit is not None and (is_staff_of_unit(user, visit.school) or leads_unit(user, visit.school))


@rules.predicate
def visit_is_managed(user, visit):
    return visit is not None and is_staff_of_unit(user, visit.school)


rules.add_perm("dialogue.view_visit", visit_is_visible)
#: The internal notes: the municipality's staff only.
rules.add_perm("dialogue.view_visit_notes", visit_is_managed)
rules.add_perm("dialogue.change_visit", visit_is_managed & is_editor)
#: The year's visits as iCalendar: the staff (every school's) and rectors (their own school's).
rules.add_perm("dialogue.view_visit_calendar", is_municipal_staff | is_rector)
