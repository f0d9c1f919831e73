"""The yearly dialogue's tables: the Læringsspeil and self-assessments (``mirror``), and the dialogue held
with each rector with its follow-up tasks and their threads (``followup``), and the school visit each autumn
(``visits``)."""
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
from .subscriptions import CalendarSubscription  # noqa: F401
from .visits import SchoolVisit  # noqa: F401
