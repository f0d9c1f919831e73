"""The yearly dialogue's tables: the Læringsspeil and self-assessments (``mirror``), and the dialogue held
with each rector with its follow-up tasks (``followup``)."""
from .followup import CommentKind, Dialogue, FollowUpTask, TaskComment, TaskKind, TaskStatus  # noqa: F401
from .mirror import (  # noqa: F401
    STORED_STATUSES,
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    DialogueReport,
    EventKind,
    MirrorYear,
    MirrorYearStatus,
    Question,
    Reminder,
    ReportStatus,
    report_upload_path,
)
