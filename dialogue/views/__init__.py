from .cycle import year_cycle  # noqa: F401
from .dashboard import dashboard, dashboard_export  # noqa: F401
from .followup import (  # noqa: F401
    dialogue,
    followup_overview,
    my_tasks,
    task_complete,
    task_create,
    task_edit,
    task_reopen,
    task_thread,
)
from .kindergartens import kindergarten_list  # noqa: F401
from .mirror import assessment, assessment_reopen, mirror, mirror_current, mirror_export  # noqa: F401
from .reports import report_html, report_list, report_pdf, report_request, reports_request  # noqa: F401
from .setup import year_list, year_remind, year_setup, year_status  # noqa: F401
from .subscriptions import calendar_feed, calendar_subscription  # noqa: F401
from .visits import (  # noqa: F401
    school_visits,
    visit_calendar,
    visit_create,
    visit_detail,
    visit_overview,
    visit_overview_current,
)
from .year_units import year_unit_add, year_units  # noqa: F401
