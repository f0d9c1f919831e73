"""Reads for the yearly dialogue (pages take what these return)."""
from laeringslop.schoolyear import current_school_year  # noqa: F401

from .assessments import (  # noqa: F401
    assessment_counts,
    completion_status,
    last_reminder,
    mirror_years_for_staff,
    next_free_school_year,
)
from .dashboard import SCHOOL_TYPES, dashboard, data_years, short_label, short_labels  # noqa: F401
from .dashboard_export import dashboard_export_table  # noqa: F401
from .followup import (  # noqa: F401
    advisers_of,
    dialogue_for,
    dialogue_tasks,
    followup_overview,
    my_task_counts,
    my_tasks,
    task_comments,
)
from .mirror import (  # noqa: F401
    assessment_for,
    assessment_status,
    export_table,
    has_county,
    latest_mirror_year,
    mirror_rows,
    mirror_year_for,
    neighbour_years,
    question_items,
)
from .reports import fingerprint, fingerprints, report_context, report_for, report_rows  # noqa: F401
