"""The indicator catalogue and the values behind the Læringsspeil.

One :class:`IndicatorValue` is one number for one indicator, grade, school year and unit —
a school in the portal, or a comparison area (municipality, county, nation). Imports write
values in bulk, so values carry no signal-based history; imports record their own changes.
"""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Area(models.TextChoices):
    LEARNING_RESULTS = "learning_results", _("Learning results")
    LEARNING_ENVIRONMENT = "learning_environment", _("Learning environment")
    COMPLETION = "completion", _("Completion")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("Higher is better")
    LOWER_IS_BETTER = "lower", _("Lower is better")


class Source(models.TextChoices):
    NATIONAL_TESTS = "national_tests", _("National tests")
    PUPIL_SURVEY = "pupil_survey", _("Pupil survey")
    LOWER_SECONDARY_POINTS = "gsp", _("Lower secondary school points")
    EXAMS = "exams", _("Exams")
    LOCAL = "local", _("Local")


class Indicator(models.Model):
    code = models.SlugField(
        _("code"), max_length=40, unique=True,
        help_text=_("Udir's code where there is one, e.g. NPLES05."),
    )
    name = models.CharField(_("name"), max_length=150)
    area = models.CharField(_("area"), max_length=30, choices=Area.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    unit_label = models.CharField(_("unit"), max_length=30, help_text=_("e.g. scale points, %, points"))
    scale_min = models.DecimalField(_("scale minimum"), max_digits=7, decimal_places=2)
    scale_max = models.DecimalField(_("scale maximum"), max_digits=7, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    grades = models.JSONField(_("grades"), default=list, blank=True, help_text=_("The grades it applies to."))
    is_shown = models.BooleanField(_("shown"), default=True)
    is_local = models.BooleanField(_("local indicator"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["area", "sort_order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_min__lt=models.F("scale_max")), name="indicator_scale_range"),
        ]

    def __str__(self):
        return self.name


class Level(models.IntegerChoices):
    """Udir's EnhetNivaa."""

    NATION = 1, _("Nation")
    COUNTY = 2, _("County")
    MUNICIPALITY = 3, _("Municipality")
    SCHOOL = 4, _("School")


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator"))
    school_year = models.PositiveSmallIntegerField(
        _("school year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the school year starts: 2024 means 2024-25."),
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"), default=0, validators=[MaxValueValidator(13)], help_text=_("0 when not tied to one grade.")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    #: org number for schools, kommunenummer for municipalities, county number, "I" for the nation
    area_code = models.CharField(_("area code"), max_length=12)
    area_name = models.CharField(_("area name"), max_length=150, blank=True)
    unit = models.ForeignKey(
        "laeringslop.Unit", on_delete=models.CASCADE, null=True, blank=True,
        related_name="indicator_values", verbose_name=_("unit"),
    )
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=3, null=True, blank=True)
    suppressed = models.BooleanField(
        _("suppressed"), default=False, help_text=_("Hidden by Udir to protect small groups ('*').")
    )
    uncertainty = models.DecimalField(_("uncertainty"), max_digits=7, decimal_places=3, null=True, blank=True)
    pupil_count = models.PositiveIntegerField(_("number of pupils"), null=True, blank=True)
    #: extra figures, e.g. the share of pupils per mastery level: {"1": 12.5, "2": 40.1, ...}
    details = models.JSONField(_("details"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "school_year", "level", "area_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "school_year", "grade", "level", "area_code"],
                name="indicator_value_unique",
            ),
            models.CheckConstraint(condition=Q(suppressed=False) | Q(value__isnull=True), name="indicator_value_suppressed_has_no_value"),
            models.CheckConstraint(condition=Q(level=4, unit__isnull=False) | (~Q(level=4) & Q(unit__isnull=True)), name="indicator_value_unit_only_for_schools"),
        ]
        indexes = [models.Index(fields=["unit", "indicator", "school_year"], name="indicator_value_unit_idx")]

    def __str__(self):
        shown = "*" if self.suppressed else ("–" if self.value is None else self.value)
        return f"{self.indicator.code} {self.school_year} {self.area_name or self.area_code}: {shown}"

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)


def school_year_label(start_year: int) -> str:
    """2024 → "2024-25"."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"
