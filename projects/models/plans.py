"""The quality plan (kvalitetsplan): vision, goals, shared expectations and phases."""
import datetime
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned


def new_feed_token() -> str:
    """An unguessable secret for the plan's calendar feed URL."""
    return secrets.token_urlsafe(32)


def lines(text: str) -> list[str]:
    return [line.strip(" •-\t") for line in (text or "").splitlines() if line.strip(" •-\t")]


class QualityPlanQuerySet(models.QuerySet):
    def current(self):
        """Plans in use: not archived (what lists, panels, reminders and calendars show by default)."""
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class QualityPlan(Versioned):
    municipality = models.ForeignKey(
        "laeringslop.Municipality", on_delete=models.PROTECT, related_name="quality_plans",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=150)
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    vision = models.TextField(_("vision"), blank=True)
    focus_areas = models.TextField(_("focus areas"), blank=True, help_text=_("One focus area per line."))
    feed_token = models.CharField(_("calendar token"), max_length=64, unique=True, default=new_feed_token,
                                  editable=False,
                                  error_messages={"unique": _("Another plan already has this calendar token.")})
    #: Archiving is a decision someone took (who and when); that the plan has ended is derived from its period.
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", editable=False, verbose_name=_("archived by"))
    history = HistoricalRecords(excluded_fields=["feed_token"])

    objects = QualityPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality plan")
        verbose_name_plural = _("quality plans")
        ordering = ["-start_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="plan_unique_name", violation_error_code="duplicate",
                violation_error_message=_("The municipality already has a quality plan with this name."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="plan_years_in_order",
                violation_error_message=_("The last year cannot come before the first year."),
            ),
            models.CheckConstraint(
                condition=Q(archived_at__isnull=True, archived_by__isnull=True)
                | Q(archived_at__isnull=False, archived_by__isnull=False),
                name="plan_archived_by_whom",
                violation_error_message=_("An archived plan records who archived it and when."),
            ),
        ]

    def __str__(self):
        if self.name_includes_period:
            return self.name
        return f"{self.name} ({self.period_label})"

    @property
    def period_label(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def name_includes_period(self) -> bool:
        """Whether the name already says the plan's years («… 2025–2029», «2025-29»), so that
        headings do not repeat them."""
        start, end = str(self.start_year), str(self.end_year)
        pattern = rf"{start}\s*[-–—/]\s*(?:{end}|{end[2:]})\b"
        return bool(re.search(pattern, self.name or "")) or (start == end and start in (self.name or ""))

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def has_ended(self, today: datetime.date | None = None) -> bool:
        """Derived: the plan's last year is over."""
        return self.end_year < (today or timezone.localdate()).year

    @property
    def focus_area_list(self):
        return lines(self.focus_areas)

    def period(self) -> tuple[datetime.date, datetime.date]:
        """First and last day of the plan: its years, widened to cover its phases (a plan's
        preparatory phase may start the autumn before its first year)."""
        first, last = datetime.date(self.start_year, 1, 1), datetime.date(self.end_year, 12, 31)
        if self.pk:
            bounds = self.phases.aggregate(first=models.Min("start_date"), last=models.Max("end_date"))
            first = min(first, bounds["first"] or first)
            last = max(last, bounds["last"] or last)
        return first, last

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot come before the first year.")})


class Goal(Versioned):
    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    title = models.CharField(_("goal"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "id"]
        constraints = [models.UniqueConstraint(
            fields=["plan", "title"], name="goal_unique_title", violation_error_code="duplicate",
            violation_error_message=_("The plan already has a goal with this title."),
        )]

    def __str__(self):
        return self.title


class Expectation(Versioned):
    """An expectation every school and kindergarten shares («Forventningsblomsten»); its signs of
    quality (``SignOfQuality``, «kjennetegn på kvalitet») say what it looks like when it is met."""

    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="expectations",
                             verbose_name=_("plan"))
    title = models.CharField(_("expectation"), max_length=250)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shared expectation")
        verbose_name_plural = _("shared expectations")
        ordering = ["plan", "order", "id"]
        constraints = [models.UniqueConstraint(
            fields=["plan", "title"], name="expectation_unique_title", violation_error_code="duplicate",
            violation_error_message=_("The plan already has a shared expectation with this title."),
        )]

    def __str__(self):
        return self.title

    @property
    def sign_list(self) -> list[str]:
        """The signs of quality's texts in order (prefetch ``signs`` for a list of expectations)."""
        return [sign.text for sign in self.signs.all()]


class SignOfQuality(models.Model):
    """A sign of quality (kjennetegn på kvalitet) of an expectation: how it looks when the expectation is
    met. Edited with its expectation (one list, whose version guards both), in the list's order."""

    expectation = models.ForeignKey(Expectation, on_delete=models.CASCADE, related_name="signs",
                                    verbose_name=_("shared expectation"))
    text = models.CharField(_("sign of quality"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sign of quality")
        verbose_name_plural = _("signs of quality")
        ordering = ["expectation", "order", "id"]
        constraints = [models.UniqueConstraint(
            fields=["expectation", "text"], name="sign_of_quality_unique_text", violation_error_code="duplicate",
            violation_error_message=_("The expectation already has this sign of quality."),
        )]

    def __str__(self):
        return self.text


class Phase(Versioned):
    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="phases", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=150)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="phase_unique_number", violation_error_code="duplicate",
                violation_error_message=_("The plan already has a phase with this number."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="phase_dates_in_order",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="phase_number_positive",
                violation_error_message=_("The phase number must be 1 or higher."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot come before the start date.")
        if self.plan_id and self.start_date and self.start_date.year > self.plan.end_year:
            errors["start_date"] = _("The phase cannot start after the plan's last year (%(last)s).") % {
                "last": self.plan.end_year}
        if errors:
            raise ValidationError(errors)
