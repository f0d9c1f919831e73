"""The school visit (skolebesøk) each autumn: the director and advisers meet the school's leaders for a
prepared conversation about the school's focus areas and challenges (seed drammen-2019-laeringslop).

A visit has two kinds of notes afterwards: ``notes`` are the school owner's own (never shown to the
school), ``agreed_notes`` are the summary shared with the school, which its rector reads once the
director or an adviser has marked it agreed (``notes_agreed_at``). Changing the agreed summary after
that withdraws the agreement until it is marked again, so the rector never reads text nobody agreed.
Whether a visit is held is derived (its planned end has passed), never stored.
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned
from laeringslop.schoolyear import school_year_label
from projects.models.plans import lines


class SchoolVisit(Versioned):
    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.CASCADE,
                                     related_name="school_visits", verbose_name=_("municipality"))
    school = models.ForeignKey("laeringslop.Unit", on_delete=models.CASCADE, related_name="school_visits",
                               verbose_name=_("school"))
    school_year = models.PositiveSmallIntegerField(_("school year"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="school_visits", blank=True,
                                          verbose_name=_("participants"))
    other_participants = models.TextField(_("other participants"), blank=True,
                                          help_text=_("People without a user here, e.g. the assistant principal."))
    topics = models.TextField(_("prepared topics"), blank=True, help_text=_("One topic per line."))
    notes = models.TextField(_("internal notes"), blank=True,
                             help_text=_("The school owner's own notes; the school does not see them."))
    agreed_notes = models.TextField(_("agreed summary"), blank=True,
                                    help_text=_("Shared with the school: the rector reads it once it is marked agreed."))
    notes_agreed_at = models.DateTimeField(_("summary agreed"), null=True, blank=True)
    notes_agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("summary agreed by"))
    support_input = models.TextField(_("taken into the support decisions"), blank=True,
                                     help_text=_("What the advisers take with them when help, support and "
                                                 "guidance are decided."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("planned by"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[participants])

    class Meta:
        verbose_name = _("school visit")
        verbose_name_plural = _("school visits")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year"], name="school_visit_once_per_year", violation_error_code="duplicate",
                violation_error_message=_("The school already has a school visit this school year."),
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="school_visit_ends_after_start",
                                   violation_error_message=_("The visit must end after it starts.")),
        ]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="school_visit_calendar")]

    def __str__(self):
        return f"{self.school} – {school_year_label(self.school_year)}"

    @property
    def year_label(self) -> str:
        return school_year_label(self.school_year)

    @property
    def topic_list(self) -> list[str]:
        return lines(self.topics)

    @property
    def is_held(self) -> bool:
        """The planned end has passed."""
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def notes_agreed(self) -> bool:
        return self.notes_agreed_at is not None
