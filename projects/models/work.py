"""Input from units, action-plan drafts and their comments, and attachments."""
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .groups import ProjectGroup
from .plans import QualityPlan


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class ActionPlanDraft(models.Model):
    """One numbered version of the action plan (handlingsplan); every version is kept."""

    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action-plan draft")
        verbose_name_plural = _("action-plan drafts")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="draft_unique_number", violation_error_code="duplicate",
                violation_error_message=_("The plan already has a draft with this number."),
            ),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="adopted"), name="draft_one_adopted",
                violation_error_message=_("The plan already has an adopted action plan."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="draft_number_positive",
                violation_error_message=_("The draft number must be 1 or higher."),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.title}"

    @property
    def label(self):
        if self.status == DraftStatus.ADOPTED:
            return _("Adopted plan (version %(n)s)") % {"n": self.number}
        return _("Draft %(n)s") % {"n": self.number}


class DraftComment(models.Model):
    draft = models.ForeignKey(ActionPlanDraft, on_delete=models.CASCADE, related_name="comments",
                              verbose_name=_("draft"))
    group = models.ForeignKey(ProjectGroup, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="draft_comments", verbose_name=_("on behalf of group"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["draft", "created_at", "id"]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"

    def clean(self):
        if self.group_id and self.draft_id and self.group.plan_id != self.draft.plan_id:
            raise ValidationError({"group": _("The group belongs to another plan.")})


class InputStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    PROCESSED = "processed", _("Processed")


class Input(models.Model):
    """Input (innspill) from a school or kindergarten to a group."""

    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="inputs",
                              verbose_name=_("to group"))
    unit = models.ForeignKey("laeringslop.Unit", on_delete=models.PROTECT, related_name="project_inputs",
                             verbose_name=_("from unit"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("input"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("sent by"))
    submitted_at = models.DateTimeField(_("sent"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=InputStatus.choices,
                              default=InputStatus.SUBMITTED)
    processed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("processed by"))
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    draft = models.ForeignKey(ActionPlanDraft, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="inputs", verbose_name=_("went into draft"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="submitted") | Q(processed_at__isnull=False),
                name="input_processed_has_time",
                violation_error_message=_("Processed input needs the time it was processed."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.unit})"

    def clean(self):
        errors = {}
        if self.group_id and self.unit_id and self.group.plan.municipality_id != self.unit.municipality_id:
            errors["group"] = _("The group belongs to another municipality's plan.")
        if self.draft_id and self.group_id and self.draft.plan_id != self.group.plan_id:
            errors["draft"] = _("The draft belongs to another plan.")
        if errors:
            raise ValidationError(errors)


def attachment_path(instance, filename):
    suffix = Path(filename).suffix.lower()[:10]
    return f"projects/attachments/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file attached to an input or a status report; served only through a checked view."""

    input = models.ForeignKey(Input, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments",
                              verbose_name=_("input"))
    report = models.ForeignKey("projects.StatusReport", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="attachments", verbose_name=_("status report"))
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(input__isnull=False) & Q(report__isnull=True))
                | (Q(input__isnull=True) & Q(report__isnull=False)),
                name="attachment_one_owner",
                violation_error_message=_("An attachment belongs to either an input or a status report."),
            ),
        ]

    def __str__(self):
        return self.original_name
