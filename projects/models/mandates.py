"""A group's mandate for a phase, adopted by the steering group."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned

from .groups import ProjectGroup
from .plans import Phase


class MandateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    REPLACED = "replaced", _("Replaced")


class Mandate(Versioned):
    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="mandates",
                              verbose_name=_("group"))
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("phase"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("mandate"))
    status = models.CharField(_("status"), max_length=20, choices=MandateStatus.choices,
                              default=MandateStatus.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["group", "phase__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "phase"], name="mandate_one_per_group_and_phase", violation_error_code="duplicate",
                violation_error_message=_("The group already has a mandate for this phase."),
            ),
            models.CheckConstraint(
                condition=Q(status=MandateStatus.DRAFT) | Q(adopted_on__isnull=False),
                name="mandate_adopted_has_date",
                violation_error_message=_("An adopted mandate needs the date it was adopted."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.phase})"

    def clean(self):
        errors = {}
        if self.group_id and self.phase_id and self.phase.plan_id != self.group.plan_id:
            errors["phase"] = _("The phase belongs to another plan than the group.")
        if self.status != MandateStatus.DRAFT and not self.adopted_on:
            errors["adopted_on"] = _("An adopted mandate needs the date it was adopted.")
        if self.adopted_on and self.adopted_on > timezone.localdate():
            errors["adopted_on"] = _("The adoption date cannot be in the future.")
        if errors:
            raise ValidationError(errors)
