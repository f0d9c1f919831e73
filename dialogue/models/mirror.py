"""The yearly dialogue: the Læringsspeil set-up per year, its questions, the schools'
self-assessments (vurdering) with their answers, and the log of what happened to them.

Indicator values are read from ``indicators`` (never written here).
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from indicators.models import AppliesTo, Area
from laeringslop.concurrency import Versioned
from laeringslop.models.jobs import Job
from laeringslop.schoolyear import school_year_label


class MirrorYearStatus(models.TextChoices):
    DRAFT = "draft", _("Being set up")
    PUBLISHED = "published", _("Published to the schools")


class MirrorYear(Versioned):
    """The yearly cycle of one school year for a municipality (the Læringsspeil year): the indicators
    and questions, and the dates of its steps — results expected, school visits, the self-assessment
    deadline, the dialogues, follow-up due. Each step's state is derived from the data (see
    ``dialogue.selectors.cycle``), never stored. The schools and the kindergartens taking part are fixed when it
    is published; a unit opened later is added on the year's «Add a unit» page."""

    municipality = models.ForeignKey(
        "laeringslop.Municipality", on_delete=models.CASCADE, related_name="mirror_years",
        verbose_name=_("municipality"),
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The year the school year starts: 2025 means 2025-26.")
    )
    results_expected_on = models.DateField(_("results expected"), null=True, blank=True,
                                           help_text=_("When the year's results are expected in the portal."))
    visits_from = models.DateField(_("school visits from"), null=True, blank=True)
    visits_until = models.DateField(_("school visits until"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), help_text=_("When the schools' self-assessments are due."))
    dialogues_from = models.DateField(_("dialogues from"), null=True, blank=True,
                                      help_text=_("The director's dialogue with each rector."))
    dialogues_until = models.DateField(_("dialogues until"), null=True, blank=True)
    followup_due_on = models.DateField(_("follow-up due"), null=True, blank=True,
                                       help_text=_("When the follow-up tasks are shared out."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    #: Fixed when the year is published: a school closed later stays in this year's counts.
    schools = models.ManyToManyField("laeringslop.Unit", related_name="cycles", blank=True,
                                     verbose_name=_("schools taking part"))
    #: The kindergartens taking part, fixed when it is published in the same way (and added later, like a
    #: school, on the year's «Add a unit» page).
    kindergartens = models.ManyToManyField("laeringslop.Unit", related_name="kindergarten_cycles", blank=True,
                                           verbose_name=_("kindergartens taking part"))
    indicators = models.ManyToManyField(
        "indicators.Indicator", related_name="mirror_years", verbose_name=_("indicators"), blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=MirrorYearStatus.choices,
                              default=MirrorYearStatus.DRAFT)
    introduction = models.TextField(_("introduction"), blank=True,
                                    help_text=_("Shown to the rectors and the kindergarten heads above the questions: write it for both."))
    # The chosen indicators (M2M) are not in the history: laeringslop.history cannot show M2M diffs.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Læringsspeil year")
        verbose_name_plural = _("Læringsspeil years")
        ordering = ["municipality", "-school_year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "school_year"], name="mirror_year_unique"),
            models.CheckConstraint(condition=Q(school_year__gte=2000, school_year__lte=2100),
                                   name="mirror_year_school_year_range"),
        ]

    def __str__(self):
        return f"Læringsspeil {self.label}"

    #: The cycle's steps in order: (key, first-day field, last-day field, name). A step with one date
    #: has it as its last day.
    STEPS = (
        ("results", None, "results_expected_on", _("Results in the portal")),
        ("visits", "visits_from", "visits_until", _("School visits")),
        ("assessment", None, "deadline", _("Self-assessment")),
        ("dialogues", "dialogues_from", "dialogues_until", _("Dialogues with the rectors")),
        ("followup", None, "followup_due_on", _("Follow-up tasks")),
    )

    def step_dates(self, key: str) -> tuple:
        """(first day or None, last day or None) of the step ``key``."""
        _key, first, last, _name = next(step for step in self.STEPS if step[0] == key)
        return (getattr(self, first) if first else None), (getattr(self, last) if last else None)

    def clean(self):
        """Every step's dates fall within the school year, and a step ends on or after it starts."""
        from django.core.exceptions import ValidationError

        from laeringslop.schoolyear import SchoolYear

        if not self.school_year:
            return
        year, errors = SchoolYear(self.school_year), {}
        for _key, first, last, _name in self.STEPS:
            for name in (first, last):
                day = getattr(self, name) if name else None
                if day is not None and not year.contains(day):
                    message = (_("The deadline must fall within the school year %(year)s.") if name == "deadline"
                               else _("The date must fall within the school year %(year)s."))
                    errors[name] = ValidationError(message, code="outside_year", params={"year": year.label})
            start, end = (getattr(self, first) if first else None), (getattr(self, last) if last else None)
            if start and end and end < start and last not in errors:
                errors[last] = ValidationError(_("The end comes before the start."), code="ends_before_start")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        return school_year_label(self.school_year)

    @property
    def is_published(self) -> bool:
        return self.status == MirrorYearStatus.PUBLISHED

    def questions_for(self, unit):
        """The year's questions to ``unit``'s kind of unit: the schools' or the kindergartens'."""
        return self.questions.filter(applies_to=AppliesTo.KINDERGARTEN if unit.kind == AppliesTo.KINDERGARTEN
                                     else AppliesTo.SCHOOL)


class Question(models.Model):
    """A question to the school leadership, answered in free text and optionally rated 1–4."""

    mirror_year = models.ForeignKey(MirrorYear, on_delete=models.CASCADE, related_name="questions",
                                    verbose_name=_("Læringsspeil year"))
    area = models.CharField(_("area"), max_length=30, choices=Area.choices)
    text = models.TextField(_("question"))
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    has_rating = models.BooleanField(_("has a 1–4 rating"), default=False)
    #: The shared expectation of the municipality's quality plan the question asks about (optional):
    #: the answers are shown grouped under the expectations.
    expectation = models.ForeignKey("projects.Expectation", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="questions", verbose_name=_("shared expectation"))
    #: Asked of the schools' rectors or of the kindergartens' heads.
    applies_to = models.CharField(_("applies to"), max_length=12, choices=AppliesTo.choices, default=AppliesTo.SCHOOL)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["mirror_year", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class AssessmentStatus(models.TextChoices):
    #: Not stored: a school without an assessment row has not started.
    MISSING = "missing", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("dialogue", "Submitted")
    REOPENED = "reopened", _("Reopened")


STORED_STATUSES = [c for c in AssessmentStatus.choices if c[0] != AssessmentStatus.MISSING]


class Assessment(Versioned):
    """One school's self-assessment for one Læringsspeil year."""

    mirror_year = models.ForeignKey(MirrorYear, on_delete=models.CASCADE, related_name="assessments",
                                    verbose_name=_("Læringsspeil year"))
    school = models.ForeignKey("laeringslop.Unit", on_delete=models.CASCADE, related_name="assessments",
                               verbose_name=_("school"))
    status = models.CharField(_("status"), max_length=10, choices=STORED_STATUSES,
                              default=AssessmentStatus.DRAFT)
    staff_meeting_date = models.DateField(_("date of the staff meeting"), null=True, blank=True)
    staff_involvement = models.TextField(
        _("how the staff were involved"), blank=True,
        help_text=_("A summary of the staff meeting and the staff's input."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("submitted by"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["mirror_year", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["mirror_year", "school"], name="assessment_once_per_school_year"),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="assessment_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.school} – {self.mirror_year.label}"

    @property
    def is_locked(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED

    @property
    def is_late(self) -> bool:
        """Submitted after the deadline (the whole deadline day counts, in local time)."""
        if self.submitted_at is None:
            return False
        return timezone.localtime(self.submitted_at).date() > self.mirror_year.deadline


#: The self-assessment's rating scale: how far what the question asks about holds for the school.
#: Shown beside every rating (the form's choices, the page's explanation, the report).
RATING_SCALE = {1: _("To a small extent"), 2: _("To some extent"), 3: _("To a large extent"),
                4: _("To a very large extent")}


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers",
                                   verbose_name=_("self-assessment"))
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name=_("question"))
    text = models.TextField(_("answer"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True,
                                              help_text=_("1 = to a small extent, 4 = to a very large extent."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "question__order", "question__pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_once_per_question"),
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=4),
                                   name="answer_rating_1_to_4"),
        ]

    def __str__(self):
        return f"{self.assessment}: {self.question}"

    @property
    def is_answered(self) -> bool:
        return bool(self.text.strip())

    @property
    def rating_label(self) -> str:
        """The rating's words on the scale, e.g. «To a large extent» (empty without a rating)."""
        return str(RATING_SCALE.get(self.rating, ""))


class EventKind(models.TextChoices):
    SAVED = "saved", _("Draft saved")
    SUBMITTED = "submitted", pgettext_lazy("dialogue", "Submitted")
    REOPENED = "reopened", _("Reopened")


class AssessmentEvent(models.Model):
    """The log of a self-assessment: submissions and reopenings (with the reason)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events",
                                   verbose_name=_("self-assessment"))
    kind = models.CharField(_("event"), max_length=10, choices=EventKind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("by"))
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-assessment event")
        verbose_name_plural = _("self-assessment events")
        ordering = ["assessment", "-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="reopened") | ~Q(reason=""), name="assessment_reopen_has_reason"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class Reminder(models.Model):
    """A reminder email to the rectors whose self-assessment is not submitted.

    The row is created by the adviser's click; the Celery task sends it once (``sent_at``). Each
    rector's e-mail is a ``notices.Notice`` (kind ``assessment_deadline``, once a day per school).
    """

    mirror_year = models.ForeignKey(MirrorYear, on_delete=models.CASCADE, related_name="reminders",
                                    verbose_name=_("Læringsspeil year"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("number of recipients"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["mirror_year", "-requested_at"]

    def __str__(self):
        return f"{self.mirror_year} {self.requested_at:%Y-%m-%d %H:%M}"


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being compiled")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def report_upload_path(instance, filename):
    # Under MEDIA_ROOT, which is never served by URL: the files are sent only by views that check access.
    return f"reports/{instance.mirror_year.school_year}/{instance.school_id}/{filename}"


class DialogueReport(Job):
    """The report that prepares the dialogue with one school's rector, and the job that compiles it.

    A Celery task claims the row (``status``), renders the HTML and the PDF and stores both files.
    ``fingerprint`` says what the report was compiled from, so a page can tell that it is out of date.
    """

    mirror_year = models.ForeignKey(MirrorYear, on_delete=models.CASCADE, related_name="reports",
                                    verbose_name=_("Læringsspeil year"))
    school = models.ForeignKey("laeringslop.Unit", on_delete=models.CASCADE, related_name="dialogue_reports",
                               verbose_name=_("school"))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.PENDING)
    language = models.CharField(_("language"), max_length=10, default="nb")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    compiled_at = models.DateTimeField(_("compiled"), null=True, blank=True,
                                       help_text=_("When the stored files were compiled."))
    error = models.TextField(_("error"), blank=True)
    html = models.FileField(_("HTML file"), upload_to=report_upload_path, max_length=255, blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=report_upload_path, max_length=255, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True,
                                   help_text=_("A digest of the data the stored files were compiled from."))
    history = HistoricalRecords(excluded_fields=["fingerprint", "started_at", "error", "task_id", "attempts",
                                                 "heartbeat_at", "enqueued_at"])

    TASK_NAME = "dialogue.compile_report"

    class Meta:
        verbose_name = _("dialogue report")
        verbose_name_plural = _("dialogue reports")
        ordering = ["mirror_year", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["mirror_year", "school"], name="dialogue_report_once_per_school_year"),
            models.CheckConstraint(condition=Q(status__in=["pending", "running", "done", "failed"]),
                                   name="dialogue_report_status_valid"),
        ]

    @property
    def language_name(self) -> str:
        """The report's language by name, in the active language (e.g. «Engelsk»)."""
        return str(dict(settings.LANGUAGES).get(self.language, self.language))

    def __str__(self):
        return f"{self.school} – {self.mirror_year.label}"

    @property
    def has_files(self) -> bool:
        return bool(self.html and self.pdf)

    @property
    def is_busy(self) -> bool:
        return self.status in (ReportStatus.PENDING, ReportStatus.RUNNING)
