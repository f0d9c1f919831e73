"""Writes for plans, groups, members, mandates, input, drafts and status reports.

Views pass validated forms (whose ``full_clean`` has run the model's rules); every function
runs in a transaction so a failure leaves nothing half-written.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop import concurrency
from laeringslop.concurrency import Versioned

from .models import (
    ActionPlanDraft,
    Attachment,
    DraftComment,
    DraftStatus,
    Input,
    InputStatus,
    Mandate,
    MandateStatus,
    QualityPlan,
    StatusReport,
)
from .models.plans import new_feed_token
from .uploads import content_type_for


class PlanArchived(ValidationError):
    """A write on an archived plan (code "archived"). Views show it as a refusal with the plan's link."""

    def __init__(self, plan):
        super().__init__(_("The plan «%(name)s» is archived and can no longer be changed. "
                           "Whoever may edit the plan can take it out of the archive.") % {"name": plan.name},
                         code="archived")
        self.plan = plan


def plan_of(obj) -> QualityPlan:
    """The plan of a plan, or of anything in it: goal, phase, group, draft, report, milestone (``plan``),
    membership, mandate, input (``group``), draft comment (``draft``)."""
    if isinstance(obj, QualityPlan):
        return obj
    for owner in ("plan", "draft", "group"):
        if getattr(obj, f"{owner}_id", None) is not None:
            related = getattr(obj, owner)
            return related if owner == "plan" else plan_of(related)
    raise TypeError(f"{obj!r} belongs to no plan")


def plan_ensure_writable(plan: QualityPlan, *, lock: bool = False) -> None:
    """Refuse (``PlanArchived``, code "archived") if the plan is archived, as stored now.

    Every write on a plan or anything in it calls this; with ``lock`` (inside the write's
    transaction) the plan row is locked, so archiving and a write cannot pass each other."""
    stored = QualityPlan.objects.filter(pk=plan.pk)
    if lock:
        stored = stored.select_for_update()
    if stored.filter(archived_at__isnull=False).exists():
        raise PlanArchived(plan)


def _guard(obj) -> None:
    plan_ensure_writable(plan_of(obj), lock=True)


def _save(form, **attrs):
    """Save a validated model form (in the caller's transaction). An edit of a versioned row is refused
    with ``StaleVersion`` (code "stale") if the row was saved since the form was read, and any write
    on an archived plan with ``PlanArchived`` (code "archived")."""
    obj = form.save(commit=False)
    for name, value in attrs.items():
        setattr(obj, name, value)
    if not isinstance(obj, QualityPlan) or obj.pk:
        _guard(obj)
    if isinstance(obj, Versioned):
        concurrency.claim(obj, version=form.cleaned_data.get(concurrency.FIELD), form=form)
    obj.full_clean()
    obj.save()
    form.save_m2m()
    return obj


@transaction.atomic
def plan_create(form, *, municipality) -> QualityPlan:
    return _save(form, municipality=municipality)


@transaction.atomic
def plan_update(form) -> QualityPlan:
    return _save(form)


@transaction.atomic
def quality_plan_archive(*, plan: QualityPlan, user) -> QualityPlan:
    """Archive an ended plan: read-only from now on, and out of the lists, home panels, reminders and
    calendars (still found with «Vis arkiverte»). Who and when are stored; refused with code
    "not_allowed" for someone who may not edit the plan, "not_ended" while the plan's last year is
    running or ahead, "already_archived" if it is."""
    if not user.has_perm("projects.archive_plan", plan):
        raise ValidationError(_("Only those who may edit the plan can archive it."), code="not_allowed")
    stored = QualityPlan.objects.select_for_update().get(pk=plan.pk)
    if stored.is_archived:
        raise ValidationError(_("The plan «%(name)s» is already archived.") % {"name": stored.name},
                              code="already_archived")
    if not stored.has_ended():
        raise ValidationError(_("The plan runs until %(year)s: only a plan that has ended can be archived.")
                              % {"year": stored.end_year}, code="not_ended")
    stored.archived_at, stored.archived_by = timezone.now(), user
    stored._change_reason = _("archived")  # the change history says what happened
    stored.save(update_fields=concurrency.bump(stored, ["archived_at", "archived_by"]))
    plan.archived_at, plan.archived_by, plan.version = stored.archived_at, user, stored.version
    return stored


@transaction.atomic
def quality_plan_unarchive(*, plan: QualityPlan, user) -> QualityPlan:
    """Take a plan out of the archive (it can be changed again). Refused with code "not_allowed" for
    someone who may not edit the plan, "not_archived" if it is not archived."""
    if not user.has_perm("projects.archive_plan", plan):
        raise ValidationError(_("Only those who may edit the plan can take it out of the archive."),
                              code="not_allowed")
    stored = QualityPlan.objects.select_for_update().get(pk=plan.pk)
    if not stored.is_archived:
        raise ValidationError(_("The plan «%(name)s» is not archived.") % {"name": stored.name},
                              code="not_archived")
    stored.archived_at, stored.archived_by = None, None
    stored._change_reason = _("taken out of the archive")
    stored.save(update_fields=concurrency.bump(stored, ["archived_at", "archived_by"]))
    plan.archived_at, plan.archived_by, plan.version = None, None, stored.version
    return stored


@transaction.atomic
def plan_feed_token_regenerate(plan: QualityPlan) -> QualityPlan:
    """A new secret for the calendar feed; the old feed URL stops working at once."""
    plan_ensure_writable(plan, lock=True)
    plan.feed_token = new_feed_token()
    plan.save(update_fields=["feed_token"])
    return plan


@transaction.atomic
def plan_child_save(form, *, plan=None):
    """Create or change a goal, expectation, phase or group of ``plan``."""
    return _save(form, **({"plan": plan} if plan is not None else {}))


@transaction.atomic
def membership_save(form, *, group=None):
    from .permissions import forget_memberships

    membership = _save(form, **({"group": group} if group is not None else {}))
    if membership.user_id:
        forget_memberships(membership.user)
    return membership


@transaction.atomic
def mandate_save(form, *, group=None) -> Mandate:
    """Save a mandate; adopting a new phase's mandate marks the group's older adopted ones replaced."""
    mandate = _save(form, **({"group": group} if group is not None else {}))
    if mandate.status == MandateStatus.ADOPTED:
        older = (Mandate.objects.filter(group=mandate.group, status=MandateStatus.ADOPTED,
                                        phase__number__lt=mandate.phase.number))
        for old in older:  # one by one so history records each change
            old.status = MandateStatus.REPLACED
            old.save(update_fields=concurrency.bump(old, ["status"]))
    return mandate


def _attach(files, *, user, **owner):
    for upload in files:
        content_type = content_type_for(upload.name)  # ours, never the browser's
        Attachment.objects.create(file=upload, original_name=upload.name[:255], size=upload.size,
                                  content_type=content_type[:100], uploaded_by=user, **owner)


@transaction.atomic
def input_submit(form, *, user) -> Input:
    item = _save(form, submitted_by=user, status=InputStatus.SUBMITTED)
    _attach(form.cleaned_data.get("attachments") or [], user=user, input=item)
    return item


@transaction.atomic
def input_process(item: Input, *, user, draft=None) -> Input:
    """Mark input processed and link it to the draft it went into (if any)."""
    _guard(item)
    item.status = InputStatus.PROCESSED
    item.processed_by = user
    item.processed_at = timezone.now()
    item.draft = draft
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def draft_create(form, *, plan, user) -> ActionPlanDraft:
    """The next numbered draft of the plan's action plan; earlier drafts stay as they are."""
    plan_ensure_writable(plan, lock=True)
    number = (plan.drafts.aggregate(n=Max("number"))["n"] or 0) + 1
    if form.cleaned_data.get("status") == DraftStatus.ADOPTED:  # only one adopted version: step the old one down
        for old in plan.drafts.filter(status=DraftStatus.ADOPTED):
            old.status = DraftStatus.DRAFT
            old.save(update_fields=["status"])
    return _save(form, plan=plan, number=number, created_by=user)


@transaction.atomic
def draft_comment(form, *, draft, user) -> DraftComment:
    return _save(form, draft=draft, author=user)


@transaction.atomic
def report_save(form, formset, *, user, plan=None) -> StatusReport:
    attrs = {"plan": plan, "filled_in_by": user} if plan is not None else {}
    report = _save(form, **attrs)
    formset.instance = report
    items = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for index, item in enumerate(items, start=1):
        item.order = item.order or index
        item.save()
    _attach(form.cleaned_data.get("attachments") or [], user=user, report=report)
    return report


def report_item_defaults(plan) -> list[dict]:
    """The plan's goals as the first column of a new report's table."""
    return [{"goal": goal.title, "order": goal.order} for goal in plan.goals.all()]


__all__ = [
    "PlanArchived", "plan_ensure_writable", "quality_plan_archive", "quality_plan_unarchive",
    "plan_create", "plan_update", "plan_feed_token_regenerate", "plan_child_save", "membership_save",
    "mandate_save", "input_submit", "input_process", "draft_create", "draft_comment", "report_save",
    "report_item_defaults",
]
