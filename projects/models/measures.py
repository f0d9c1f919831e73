"""Measures (tiltak) of a quality plan's action plan, and the indicators each aims to move.

A measure concerns every school of the municipality or the schools it names; the Læringsspeil of
such a school shows it beside the indicators it names (``projects/measures.py``, the hook
``laeringslop.hooks.indicator_measures``), with the trend since it started."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned

from .plans import Expectation, QualityPlan


class Measure(Versioned):
    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="measures", verbose_name=_("plan"))
    group = models.ForeignKey("projects.ProjectGroup", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="measures", verbose_name=_("project group"))
    expectation = models.ForeignKey(Expectation, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="measures", verbose_name=_("shared expectation"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    #: The person responsible: a user of the plan's municipality (chosen with ``projects.people``).
    responsible_person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                           blank=True, related_name="responsible_measures",
                                           verbose_name=_("responsible person"))
    #: Free text: a team, someone without a user, or a name from before the person field that matched
    #: no single user (migration 0007); shown as written.
    responsible = models.CharField(_("responsible (text)"), max_length=150, blank=True,
                                   help_text=_("A team or someone without a user in the portal, e.g. "
                                               "«Skoleeierteamet»."))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    all_schools = models.BooleanField(_("all schools"), default=True,
                                      help_text=_("Untick to choose the schools the measure concerns."))
    schools = models.ManyToManyField("laeringslop.Unit", related_name="measures", blank=True,
                                     verbose_name=_("schools"))
    indicators = models.ManyToManyField("indicators.Indicator", related_name="measures", blank=True,
                                        verbose_name=_("indicators it aims to move"))
    history = HistoricalRecords(m2m_fields=[schools, indicators])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["plan", "starts_on", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "title"], name="measure_unique_title", violation_error_code="duplicate",
                violation_error_message=_("The plan already has a measure with this title."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="measure_dates_in_order",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = ValidationError(_("The end date cannot come before the start date."),
                                                code="ends_before_start")
        if self.group_id and self.plan_id and self.group.plan_id != self.plan_id:
            errors["group"] = ValidationError(_("The project group belongs to another plan."), code="other_plan")
        if self.expectation_id and self.plan_id and self.expectation.plan_id != self.plan_id:
            errors["expectation"] = ValidationError(_("The shared expectation belongs to another plan."),
                                                    code="other_plan")
        if not self.responsible_person_id and not (self.responsible or "").strip():
            errors["responsible_person"] = ValidationError(
                _("Choose the person responsible, or write a team or name below."), code="responsible_required")
        if errors:
            raise ValidationError(errors)
