from .groups import GroupKind, GroupMembership, MemberCategory, MemberRole, ProjectGroup, Stage
from .mandates import Mandate, MandateStatus
from .measures import Measure
from .plans import Expectation, Goal, Phase, QualityPlan, SignOfQuality
from .reports import ReportItem, StatusReport
from .work import ActionPlanDraft, Attachment, DraftComment, DraftStatus, Input, InputStatus

__all__ = [
    "QualityPlan", "Goal", "Expectation", "SignOfQuality", "Phase", "Measure",
    "ProjectGroup", "GroupKind", "Stage", "GroupMembership", "MemberRole", "MemberCategory",
    "Mandate", "MandateStatus",
    "Input", "InputStatus", "Attachment", "ActionPlanDraft", "DraftStatus", "DraftComment",
    "StatusReport", "ReportItem",
]
