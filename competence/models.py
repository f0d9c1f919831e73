"""Competence development: the school owner's networks and workshops (competence measures), who takes
part from which unit, and the competence survey (kompetanseundersøkelse) whose results show which
topics need it most.

A measure belongs to one municipality (the tenant). Its participants are rows of their own (name,
e-mail and the unit they work at): most teachers are not users of the portal, so a unit's leader
signs them up by name; a participant may also be a user with a role at that unit (the leader
themselves, a deputy). Places go in sign-up order; past the limit a participant waits, in order.
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned
from laeringslop.validators import validate_single_line


class MeasureKind(models.TextChoices):
    NETWORK = "network", _("Network")
    WORKSHOP = "workshop", _("Workshop")


class CompetenceTopic(models.Model):
    """A topic of the competence survey (e.g. «Vurdering for læring»); measures name the topics they address."""

    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.CASCADE,
                                     related_name="competence_topics", verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=150, validators=[validate_single_line])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competence topic")
        verbose_name_plural = _("competence topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="competence_topic_unique_name",
                                    violation_error_message=_("The municipality already has a topic with this name.")),
        ]

    def __str__(self):
        return self.name


class CompetenceMeasure(Versioned):
    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.CASCADE,
                                     related_name="competence_measures", verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    kind = models.CharField(_("kind"), max_length=20, choices=MeasureKind.choices, default=MeasureKind.NETWORK)
    purpose = models.TextField(_("purpose"), blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    places = models.PositiveIntegerField(_("number of places"), default=30)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    partner = models.CharField(_("partner"), max_length=200, blank=True,
                               help_text=_("e.g. a university college that runs it with the municipality"))
    expectations = models.TextField(_("expectations of participants"), blank=True)
    municipality_wide = models.BooleanField(
        _("for the whole municipality"), default=False,
        help_text=_("Shown on every unit's Læringsspeil, not only on those of the units taking part."))
    topics = models.ManyToManyField(CompetenceTopic, blank=True, related_name="measures",
                                    verbose_name=_("survey topics it addresses"))
    indicators = models.ManyToManyField("indicators.Indicator", blank=True, related_name="competence_measures",
                                        verbose_name=_("indicators it aims to move"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    history = HistoricalRecords(m2m_fields=[topics, indicators])

    class Meta:
        verbose_name = _("competence measure")
        verbose_name_plural = _("competence measures")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="competence_measure_places_positive",
                                   violation_error_message=_("A measure needs at least one place.")),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="competence_measure_dates_order",
                                   violation_error_message=_("The last day cannot be before the first day.")),
        ]

    def __str__(self):
        return self.title


class MeasureSession(models.Model):
    """One gathering (samling) of a measure; ``group`` names a parallel group (e.g. «Musikk»)."""

    measure = models.ForeignKey(CompetenceMeasure, on_delete=models.CASCADE, related_name="sessions",
                                verbose_name=_("measure"))
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[validate_single_line])
    group = models.CharField(_("group"), max_length=100, blank=True, validators=[validate_single_line],
                             help_text=_("For a measure with parallel groups, e.g. «Musikk»."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "starts_at", "group"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="measure_session_ends_after_start",
                                   violation_error_message=_("A session must end after it starts.")),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.group}".strip()


class ParticipantStatus(models.TextChoices):
    PLACE = "place", _("Has a place")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("place", "Cancelled")


#: The statuses that hold a place or a turn (a cancelled participant holds neither).
ACTIVE_STATUSES = (ParticipantStatus.PLACE, ParticipantStatus.WAITING)


class Participant(models.Model):
    """A person signed up for a measure by the leader of the unit they work at."""

    measure = models.ForeignKey(CompetenceMeasure, on_delete=models.CASCADE, related_name="participants",
                                verbose_name=_("measure"))
    unit = models.ForeignKey("laeringslop.Unit", on_delete=models.PROTECT, related_name="competence_participants",
                             verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=150, validators=[validate_single_line])
    email = models.EmailField(_("e-mail address"))
    #: When the participant is a user with a role at the unit (told by a notice when they get a place).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="competence_participations", verbose_name=_("user"))
    status = models.CharField(_("status"), max_length=12, choices=ParticipantStatus.choices)
    #: The order of places and of the waiting list.
    signed_up_at = models.DateTimeField(_("signed up"), default=timezone.now)
    signed_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("signed up by"))
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(pgettext_lazy("place", "cancelled"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["signed_up_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "email"], condition=Q(status__in=["place", "waiting"]),
                                    name="competence_participant_once",
                                    violation_error_message=_("This person is already signed up for the measure.")),
            models.CheckConstraint(condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                                   name="competence_participant_cancelled_has_time"),
        ]
        indexes = [models.Index(fields=["measure", "status", "signed_up_at"], name="competence_participant_order")]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class CompetenceSurvey(models.Model):
    """One round of the competence survey (e.g. «Kompetanseundersøkelse våren 2019»)."""

    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.CASCADE,
                                     related_name="competence_surveys", verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    conducted_on = models.DateField(_("conducted"), help_text=_("When the survey closed."))
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competence survey")
        verbose_name_plural = _("competence surveys")
        ordering = ["-conducted_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "title"], name="competence_survey_unique_title",
                                    violation_error_message=_("The municipality already has a survey with this title.")),
        ]

    def __str__(self):
        return self.title


class SurveyResult(models.Model):
    """One topic's result, for one unit or (``unit`` empty) the whole municipality."""

    survey = models.ForeignKey(CompetenceSurvey, on_delete=models.CASCADE, related_name="results",
                               verbose_name=_("survey"))
    topic = models.ForeignKey(CompetenceTopic, on_delete=models.PROTECT, related_name="results",
                              verbose_name=_("topic"))
    unit = models.ForeignKey("laeringslop.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="competence_results", verbose_name=_("unit"))
    satisfaction = models.DecimalField(_("satisfaction with own competence"), max_digits=3, decimal_places=2)
    importance = models.DecimalField(_("importance of developing it"), max_digits=3, decimal_places=2)
    answers = models.PositiveIntegerField(_("number of answers"))

    class Meta:
        verbose_name = _("survey result")
        verbose_name_plural = _("survey results")
        ordering = ["survey", "unit", "topic"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "topic", "unit"], condition=Q(unit__isnull=False),
                                    name="competence_result_once_per_unit"),
            models.UniqueConstraint(fields=["survey", "topic"], condition=Q(unit__isnull=True),
                                    name="competence_result_once_for_municipality"),
            models.CheckConstraint(condition=Q(satisfaction__gte=1, satisfaction__lte=5, importance__gte=1,
                                               importance__lte=5), name="competence_result_scale_1_5"),
        ]

    def __str__(self):
        return f"{self.topic_id}: {self.satisfaction} / {self.importance}"

    @property
    def gap(self):
        return self.importance - self.satisfaction


class UploadStatus(models.TextChoices):
    REFUSED = "refused", _("Refused: nothing stored")
    CHECKED = "checked", _("Checked: waiting for confirmation")
    STORED = "stored", _("Stored")
    UNCHANGED = "unchanged", _("Nothing new: nothing changed")


class SurveyUpload(models.Model):
    """An upload of a survey's results: checked first (problems, or the rows and what they would
    change), then stored in one transaction when confirmed."""

    survey = models.ForeignKey(CompetenceSurvey, on_delete=models.CASCADE, related_name="uploads",
                               verbose_name=_("survey"))
    file_name = models.CharField(_("file"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=UploadStatus.choices)
    #: The problems found (``indicators.importing.problems.Problem.as_dict``), shown in the reader's language.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("problems"), default=0)
    #: The checked rows: [unit id or None, topic name, satisfaction, importance, answers] (text numbers).
    rows = models.JSONField(_("rows"), default=list, blank=True)
    #: What storing would do: {"new": n, "unchanged": n, "changed": [[unit, topic, field, stored, file], …]}.
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    stored_at = models.DateTimeField(_("stored"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey upload")
        verbose_name_plural = _("survey uploads")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.file_name
