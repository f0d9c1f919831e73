from .groups import GroupKind, GroupMembership, MemberCategory, MemberRole, ProjectGroup, Stage
from .mandates import Mandate, MandateStatus
from .plans import Expectation, Goal, Phase, QualityPlan
from .reports import ReportItem, StatusReport
from .work import ActionPlanDraft, Attachment, DraftComment, DraftStatus, Input, InputStatus

__all__ = [
    "QualityPlan", "Goal", "Expectation", "Phase",
    "ProjectGroup", "GroupKind", "Stage", "GroupMembership", "MemberRole", "MemberCategory",
    "Mandate", "MandateStatus",
    "Input", "InputStatus", "Attachment", "ActionPlanDraft", "DraftStatus", "DraftComment",
    "StatusReport", "ReportItem",
]
