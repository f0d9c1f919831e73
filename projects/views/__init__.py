from .groups import (
    group_create,
    group_detail,
    group_edit,
    mandate_create,
    mandate_detail,
    mandate_edit,
    member_create,
    member_edit,
)
from .measures import measure_create, measure_edit, measure_list
from .plans import (
    expectation_create,
    expectation_edit,
    expectations_print,
    goal_create,
    goal_edit,
    phase_create,
    phase_edit,
    plan_archive,
    plan_create,
    plan_detail,
    plan_edit,
    plan_list,
    plan_unarchive,
)
from .reports import report_create, report_detail, report_edit, report_pdf
from .work import (
    attachment_download,
    draft_comment,
    draft_compare,
    draft_create,
    draft_detail,
    draft_list,
    input_create,
    input_detail,
    input_list,
    input_process,
)

__all__ = [
    "plan_list", "plan_create", "plan_archive", "plan_unarchive", "plan_detail", "plan_edit", "goal_create", "goal_edit", "expectation_create",
    "expectation_edit", "phase_create", "phase_edit", "group_create", "group_detail", "group_edit",
    "member_create", "member_edit", "mandate_create", "mandate_detail", "mandate_edit", "input_list",
    "input_create", "input_detail", "input_process", "attachment_download", "draft_list", "draft_create",
    "draft_detail", "draft_comment", "draft_compare", "report_create", "report_detail", "report_edit",
    "report_pdf", "expectations_print", "measure_list", "measure_create", "measure_edit",
]
