"""The indicator catalogue and the values behind the Læringsspeil.

One :class:`IndicatorValue` is one number for one indicator, grade, school year and unit —
a school in the portal, or a comparison area (municipality, county, nation). Imports write
values in bulk, so values carry no signal-based history; imports record their own changes.
"""
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned
from laeringslop.models.jobs import Job
from laeringslop.schoolyear import school_year_label


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
    PARENT_SURVEY = "parent_survey", _("Parent survey (kindergarten)")


class AppliesTo(models.TextChoices):
    """The kind of unit an indicator (or a self-assessment question) is for: a school's Læringsspeil
    shows the school indicators, a kindergarten's the kindergarten indicators (values match
    laeringslop.UnitKind)."""

    SCHOOL = "school", _("Schools")
    KINDERGARTEN = "kindergarten", _("Kindergartens")


class Indicator(Versioned):
    code = models.SlugField(
        _("code"), max_length=40, unique=True,
        help_text=_("Udir's code where there is one, e.g. NPLES05."),
    )
    name = models.CharField(_("name"), max_length=150)
    #: The name shown when the UI speaks English (Udir's own English terms for the national
    #: catalogue); empty: the Norwegian name is shown. Read through ``display_name``.
    name_en = models.CharField(_("name in English"), max_length=150, blank=True,
                               help_text=_("Shown when the portal is used in English. Empty: the Norwegian name."))
    area = models.CharField(_("area"), max_length=30, choices=Area.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    unit_label = models.CharField(_("unit"), max_length=30, help_text=_("e.g. scale points, %, points"))
    unit_label_en = models.CharField(_("unit in English"), max_length=30, blank=True,
                                     help_text=_("Shown when the portal is used in English. Empty: the Norwegian unit."))
    scale_min = models.DecimalField(_("scale minimum"), max_digits=7, decimal_places=2)
    scale_max = models.DecimalField(_("scale maximum"), max_digits=7, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    grades = models.JSONField(_("grades"), default=list, blank=True, help_text=_("The grades it applies to."))
    is_shown = models.BooleanField(_("shown"), default=True)
    applies_to = models.CharField(_("applies to"), max_length=12, choices=AppliesTo.choices, default=AppliesTo.SCHOOL,
                                  help_text=_("Whether the indicator belongs in the schools' or the kindergartens' "
                                              "Læringsspeil."))
    is_local = models.BooleanField(_("local indicator"), default=False)
    #: The municipality a local indicator belongs to; empty for Udir's national catalogue.
    municipality = models.ForeignKey(
        "laeringslop.Municipality", on_delete=models.PROTECT, null=True, blank=True,
        related_name="local_indicators", verbose_name=_("municipality"),
        help_text=_("The municipality a local indicator belongs to (empty for the national catalogue)."),
    )
    #: Udir's codes and names of the indicator as its files write them (e.g. «Støtte fra lærer»,
    #: «EUIndeks_1379»): how the pupil-survey formats find it (see indicators/catalogue.py UDIR_NAMES).
    udir_names = models.JSONField(_("Udir's codes and names"), default=list, blank=True,
                                  help_text=_("How Udir's files name or code the indicator, one per entry."))
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    description = models.TextField(_("description"), blank=True)
    #: School years (the year each starts) where a new series begins: values before such a year
    #: are not compared with values from it on (see indicators.series).
    series_starts = models.JSONField(
        _("new series from"), default=list, blank=True,
        help_text=_("School years (the year each starts, e.g. 2022 for 2022-23) from which the results are a new "
                    "series that cannot be compared with earlier years (Udir: «Brudd i tidsrekke»)."),
    )
    #: The honest-comparison rule's spread between pupils (indicators/comparison.py), where Udir
    #: publishes no uncertainty; empty: derived from the value for a %, else a sixth of the scale.
    pupil_sd = models.DecimalField(
        _("spread between pupils"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The standard deviation between pupils, used to judge a difference from the number of pupils "
                    "(e.g. 10 for the national tests). Empty: worked out from the value for a percentage, otherwise "
                    "a sixth of the scale."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["area", "sort_order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_min__lt=models.F("scale_max")), name="indicator_scale_range"),
            models.CheckConstraint(
                condition=Q(is_local=False, municipality__isnull=True) | Q(is_local=True, municipality__isnull=False),
                name="indicator_local_has_municipality",
                violation_error_message=_("A local indicator belongs to one municipality; a national one to none."),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language: the English name when the UI speaks English and there is
        one, else the (Norwegian) name. Every page, chart, export and report shows this one."""
        return self.name_en if self.name_en and _speaks_english() else self.name

    @property
    def display_unit(self) -> str:
        """The unit in the active language (see ``display_name``)."""
        return self.unit_label_en if self.unit_label_en and _speaks_english() else self.unit_label


def _speaks_english() -> bool:
    return (get_language() or "").startswith("en")


class Level(models.IntegerChoices):
    """Udir's EnhetNivaa."""

    NATION = 1, _("Nation")
    COUNTY = 2, _("County")
    MUNICIPALITY = 3, _("Municipality")
    SCHOOL = 4, _("School")


class IndicatorValue(models.Model):
    # No index of its own for either foreign key: the unique constraint's index starts with the
    # indicator and indicator_value_unit_idx with the unit (two fewer indexes to keep at import).
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator"),
                                  db_index=False)
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
        related_name="indicator_values", verbose_name=_("unit"), db_index=False,
    )
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=3, null=True, blank=True)
    suppressed = models.BooleanField(
        _("suppressed"), default=False, help_text=_("Hidden by Udir to protect small groups ('*').")
    )
    uncertainty = models.DecimalField(_("uncertainty"), max_digits=7, decimal_places=3, null=True, blank=True)
    pupil_count = models.PositiveIntegerField(_("number of pupils"), null=True, blank=True)
    #: extra figures, e.g. the share of pupils per mastery level: {"1": 12.5, "2": 40.1, ...}
    details = models.JSONField(_("details"), default=dict, blank=True)
    #: db_default too, so that an import can COPY new rows straight into the table
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())
    #: The import that created the value (undoing that import removes it). No constraint and no
    #: index: imports COPY millions of rows, and only an undo (rare) looks values up by it.
    created_by_import = models.ForeignKey(
        "ImportJob", on_delete=models.DO_NOTHING, null=True, blank=True, db_constraint=False, db_index=False,
        related_name="+", verbose_name=_("created by the import"),
    )

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
        indexes = [
            models.Index(fields=["unit", "indicator", "school_year"], name="indicator_value_unit_idx"),
            # The comparison rows (nation, counties, municipalities) by area: small, and what every page
            # reads beside a school's own rows (the unique index has the grade before the level).
            models.Index(fields=["area_code", "indicator", "school_year"], condition=Q(level__lt=4),
                         name="indicator_value_area_idx"),
        ]

    def __str__(self):
        shown = "*" if self.suppressed else ("–" if self.value is None else self.value)
        return f"{self.indicator.code} {self.school_year} {self.area_name or self.area_code}: {shown}"

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)




class ImportFormat(models.TextChoices):
    NATIONAL_TESTS = "national_tests", _("National tests (Udir)")
    NATIONAL_TESTS_WIDE = "national_tests_wide", _("National tests, Statistikkbanken download (Udir, wide)")
    RESULTS_WIDE = "results_wide", _("Grunnskolepoeng and grades, Statistikkbanken download (Udir, wide)")
    PUPIL_SURVEY = "pupil_survey", _("Pupil survey (Udir)")
    PUPIL_SURVEY_EXPORT = "pupil_survey_export", _("Pupil survey, Statistikkbanken export API (Udir, CSV or JSON)")
    PUPIL_SURVEY_WIDE = "pupil_survey_wide", _("Pupil survey, Statistikkbanken download (Udir, wide)")
    PARENT_SURVEY = "parent_survey", _("Parent survey for kindergartens (Udir)")
    LONG = "long", _("Simple long format (indicator, value)")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    CHECKED = "checked", _("Checked (dry run)")
    REJECTED = "rejected", _("Rejected: the file has problems")
    NOTHING_STORED = "nothing", _("Nothing stored: nothing in the file belongs to the municipality")
    FAILED = "failed", _("Failed")
    #: The check found stored values the file would change or blank: an adviser confirms or cancels.
    AWAITING = "awaiting", _("Waiting for confirmation")
    #: The stored values changed between the check and the confirmation: check again.
    OUTDATED = "outdated", _("Check again: the stored values have changed")
    CANCELLED = "cancelled", _("Cancelled: nothing stored")
    UNDONE = "undone", _("Undone")


def import_upload_path(instance, filename):
    # Under MEDIA_ROOT, which is never served by URL: files are read only by the import.
    return f"imports/{instance.created_at:%Y/%m}/{instance.sha256[:16]}-{filename[-100:]}"


class ImportJob(Job):
    """One uploaded file and the run of its import (a job row, claimed by a Celery task)."""

    TASK_NAME = "indicators.run_import"

    #: Not running and not waiting for a worker (the page stops polling).
    FINISHED = (ImportStatus.DONE, ImportStatus.CHECKED, ImportStatus.REJECTED, ImportStatus.FAILED,
                ImportStatus.NOTHING_STORED, ImportStatus.AWAITING, ImportStatus.OUTDATED, ImportStatus.CANCELLED,
                ImportStatus.UNDONE)

    format = models.CharField(_("format"), max_length=20, choices=ImportFormat.choices, blank=True,
                              help_text=_("Empty: detect it from the column headings."))
    file = models.FileField(_("file"), upload_to=import_upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    #: Changes to stored values wait for an adviser's confirmation (uploads on the page); the command
    #: line writes at once.
    confirm_changes = models.BooleanField(_("changes need confirmation"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey("laeringslop.User", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("confirmed by"))
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey("laeringslop.User", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("undone by"))
    #: Required for every new import (see services.import_job_create); empty only on old command-line rows,
    #: which only superusers see.
    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="import_jobs", verbose_name=_("municipality"))
    #: A reference import (by a superuser, or the command with --reference) stores every comparison row:
    #: the nation, the counties and all municipalities. Any other stores only its own municipality's row.
    reference = models.BooleanField(
        _("reference import"), default=False,
        help_text=_("Stores the comparison values of the nation, the counties and every municipality."),
    )
    uploaded_by = models.ForeignKey("laeringslop.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="import_jobs", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_checked = models.PositiveIntegerField(_("rows checked"), default=0)
    #: counts and lists of the result, see indicators.importing.pipeline.Summary
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    problem_count = models.PositiveIntegerField(_("number of problems"), default=0)
    #: the first problems (capped), each {"row", "column", "value", "msgid", "params"}
    problems = models.JSONField(_("problems"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    history = HistoricalRecords(excluded_fields=["rows_checked", "problems", "summary", "heartbeat_at", "enqueued_at",
                                                "task_id"])

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rows_checked__lte=models.F("rows_total")) | Q(rows_total=0),
                                   name="import_job_progress_within_total"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="import_job_sha256_hex"),
        ]

    def __str__(self):
        return f"{self.original_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    def claim_reset(self) -> list[str]:
        self.rows_checked = 0
        return ["rows_checked"]

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if not self.rows_total:
            return 0
        return min(100, int(100 * self.rows_checked / self.rows_total))


class ValueChange(models.Model):
    """An old → new change that an import made to an existing value (imports bypass signals).

    An append-only log written in bulk by the import; it is its own history. A *planned* change is
    one the check found and the import has not made yet: it waits for an adviser's confirmation (or
    is what a dry run would change); confirming replaces it with the change made.
    """

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="changes", verbose_name=_("import"))
    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="changes",
                              verbose_name=_("indicator value"))
    old = models.JSONField(_("before"))
    new = models.JSONField(_("after"))
    #: db_default too: the import's SQL merge inserts the changes it makes without naming it
    planned = models.BooleanField(_("planned"), default=False, db_default=False,
                                  help_text=_("Found by the check, not made yet (waiting for confirmation)."))

    class Meta:
        verbose_name = _("value change")
        verbose_name_plural = _("value changes")
        ordering = ["job", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["job", "value", "planned"], name="value_change_once_per_import"),
        ]

    def __str__(self):
        return f"{self.value_id}: {self.old} → {self.new}"
