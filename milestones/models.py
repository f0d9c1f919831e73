"""Milestones of a quality plan. The reminders sent about them are ``notices.Notice`` rows."""
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned
from laeringslop.validators import validate_single_line


class Status(models.TextChoices):
    """Stored statuses. "Late" is not stored: it is derived from the due date."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


LATE_LABEL = _("Late")
COMING_LABEL = _("Not yet due")
#: An open milestone of an archived plan: the plan is history, so it is not "late" any more.
NOT_DONE_LABEL = _("Not done")


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Status.DONE)

    def late(self, today: date | None = None):
        return self.open().filter(due_date__lt=today or timezone.localdate(), plan__archived_at__isnull=True)

    def due_within(self, days: int, today: date | None = None):
        from datetime import timedelta

        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=today + timedelta(days=days))


class Milestone(Versioned):
    plan = models.ForeignKey("projects.QualityPlan", on_delete=models.CASCADE, related_name="milestones",
                             verbose_name=_("plan"))
    phase = models.ForeignKey("projects.Phase", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="milestones", verbose_name=_("phase"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("due date"))
    responsible_group = models.ForeignKey("projects.ProjectGroup", on_delete=models.SET_NULL, null=True,
                                          blank=True, related_name="milestones",
                                          verbose_name=_("responsible group"))
    responsible_person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                           blank=True, related_name="milestones",
                                           verbose_name=_("responsible person"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    delivers_mandate = models.ForeignKey("projects.Mandate", on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="milestones", verbose_name=_("delivers mandate"))
    delivers_draft = models.ForeignKey("projects.ActionPlanDraft", on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="milestones",
                                       verbose_name=_("delivers action-plan draft"))
    delivers_report = models.ForeignKey("projects.StatusReport", on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="milestones",
                                        verbose_name=_("delivers status report"))
    history = HistoricalRecords()

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=Status.DONE) & Q(completed_on__isnull=False))
                | (~Q(status=Status.DONE) & Q(completed_on__isnull=True)),
                name="milestone_done_has_completion_date",
                violation_error_message=_("A milestone that is done needs its completion date, and only then."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(delivers_mandate__isnull=True, delivers_draft__isnull=True)
                    | Q(delivers_mandate__isnull=True, delivers_report__isnull=True)
                    | Q(delivers_draft__isnull=True, delivers_report__isnull=True)
                ),
                name="milestone_at_most_one_deliverable",
                violation_error_message=_("Link the milestone to one deliverable at most."),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="milestone_status_due")]

    def __str__(self):
        return f"{self.title} ({self.due_date.strftime('%d.%m.%Y')})"

    # --- Derived status ------------------------------------------------------------------------
    def is_late(self, today: date | None = None) -> bool:
        """Open past its due date, in a plan that is not archived (an archived plan's open milestone
        was never done: see ``status_key``)."""
        return (self.status != Status.DONE and self.due_date < (today or timezone.localdate())
                and not self.plan.is_archived)

    @property
    def late(self) -> bool:
        return self.is_late()

    @property
    def status_label(self):
        if self.status_key == "not_done":
            return NOT_DONE_LABEL
        return LATE_LABEL if self.late else self.get_status_display()

    @property
    def status_key(self):
        if self.status != Status.DONE and self.plan.is_archived:
            return "not_done"
        return "late" if self.late else self.status

    def state_on(self, day: date) -> tuple[str, str]:
        """(key, label) of the milestone as it stood on ``day`` (a status report's date): done if it was
        completed by then, late if it was due before then, otherwise coming."""
        if self.completed_on and self.completed_on <= day:
            return "done", Status.DONE.label
        if self.due_date < day:
            return "late", LATE_LABEL
        return "coming", COMING_LABEL

    @property
    def deliverable(self):
        return self.delivers_mandate or self.delivers_draft or self.delivers_report

    def clean(self):
        errors = {}
        plan_id = self.plan_id
        for field in ("phase", "responsible_group", "delivers_draft", "delivers_report"):
            related = getattr(self, field) if getattr(self, f"{field}_id") else None
            if related is not None and related.plan_id != plan_id:
                errors[field] = _("This belongs to another plan.")
        if self.delivers_mandate_id and self.delivers_mandate.group.plan_id != plan_id:
            errors["delivers_mandate"] = _("This belongs to another plan.")
        deliverables = [self.delivers_mandate_id, self.delivers_draft_id, self.delivers_report_id]
        if sum(1 for d in deliverables if d) > 1:
            errors["delivers_mandate"] = _("Link the milestone to one deliverable at most.")
        if self.status == Status.DONE and not self.completed_on:
            errors["completed_on"] = _("A milestone that is done needs its completion date.")
        if self.status != Status.DONE and self.completed_on:
            errors["completed_on"] = _("Only a milestone that is done has a completion date.")
        if self.completed_on and self.completed_on > timezone.localdate():
            errors["completed_on"] = _("The completion date cannot be in the future.")
        if plan_id and (self.due_date or self.completed_on):
            self._check_dates_within_plan(errors)
        if errors:
            raise ValidationError(errors)

    def _check_dates_within_plan(self, errors):
        first, last = self.plan.period()
        due = self.due_date
        if due and "due_date" not in errors and not first <= due <= last:
            errors["due_date"] = _("The due date must lie within the plan's period, %(first)s–%(last)s.") % {
                "first": first.strftime("%d.%m.%Y"), "last": last.strftime("%d.%m.%Y")}
        elif due and self.phase_id and "phase" not in errors and not (
                self.phase.start_date <= due <= self.phase.end_date):
            errors["due_date"] = _("The due date must lie within the phase %(phase)s, %(first)s–%(last)s.") % {
                "phase": self.phase, "first": self.phase.start_date.strftime("%d.%m.%Y"),
                "last": self.phase.end_date.strftime("%d.%m.%Y")}
        if self.completed_on and "completed_on" not in errors and self.completed_on < first:
            errors["completed_on"] = _("The completion date cannot be before the plan started (%(first)s).") % {
                "first": first.strftime("%d.%m.%Y")}
