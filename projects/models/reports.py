"""Status reports (statusrapport) for a plan or a group, as of a date."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned

from .groups import ProjectGroup
from .plans import QualityPlan


class StatusReport(Versioned):
    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="reports", verbose_name=_("plan"))
    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="reports", verbose_name=_("group"),
                              help_text=_("Empty for a report on the whole plan."))
    as_of = models.DateField(_("status as of"))
    description = models.TextField(_("short description"))
    organisation_notes = models.TextField(_("about the organisation"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    comments = models.TextField(_("comments and good stories"), blank=True)
    filled_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("filled in by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["plan", "-as_of", "-id"]

    def __str__(self):
        subject = self.group or self.plan.name
        return _("Status report for %(subject)s as of %(date)s") % {
            "subject": subject, "date": self.as_of.strftime("%d.%m.%Y")}

    def clean(self):
        errors = {}
        if self.group_id and self.plan_id and self.group.plan_id != self.plan_id:
            errors["group"] = _("The group belongs to another plan.")
        if self.as_of and self.as_of > timezone.localdate():
            errors["as_of"] = _("A status report describes the past: the date cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class ReportItem(models.Model):
    """One row of the report's table: goal → measures → status/result."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="items",
                               verbose_name=_("status report"))
    goal = models.CharField(_("goal"), max_length=250)
    measures = models.TextField(_("measures"))
    status = models.TextField(_("status/result"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal, measures and status")
        verbose_name_plural = _("goals, measures and status")
        ordering = ["report", "order", "id"]

    def __str__(self):
        return self.goal
