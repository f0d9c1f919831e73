"""The school owner's leader meetings (seed drammen-2020-skoleeier: «Lederarenaer»): the year's dated
skoleledermøter, LED-skole (leadership development), meetings of the kindergarten heads, networks, each with
an agenda, the people invited, the material handed out and, afterwards, the minutes.

A meeting belongs to one municipality and to no plan. Whether it is held is derived (its end has passed);
a cancelled meeting stays in the plan, marked cancelled.
"""
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned
from laeringslop.schoolyear import SchoolYear


class MeetingKind(models.TextChoices):
    SCHOOL_LEADERS = "school_leaders", _("School leaders' meeting")
    LEADERSHIP_DEVELOPMENT = "leadership_development", _("LED-skole – leadership development")
    KINDERGARTEN_HEADS = "kindergarten_heads", _("Kindergarten heads' meeting")
    NETWORK = "network", _("Network meeting")
    OTHER = "other", _("Other")


class TargetGroup(models.TextChoices):
    RECTORS = "rectors", _("Rectors")
    KINDERGARTEN_HEADS = "kindergarten_heads", _("Kindergarten heads")
    ALL_LEADERS = "all_leaders", _("Rectors and kindergarten heads")
    LEADERSHIP_TEAMS = "leadership_teams", _("The schools' leadership teams")
    RESOURCE_PERSONS = "resource_persons", _("School leaders and resource persons")
    OTHER = "other", _("Other")


class LeaderMeeting(Versioned):
    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.CASCADE,
                                     related_name="leader_meetings", verbose_name=_("municipality"))
    kind = models.CharField(_("arena"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("topic"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    target_group = models.CharField(_("target group"), max_length=30, choices=TargetGroup.choices)
    description = models.TextField(_("description"), blank=True)
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="leader_meetings", blank=True,
                                          verbose_name=_("participants"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("planned by"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[participants])

    class Meta:
        verbose_name = _("leader meeting")
        verbose_name_plural = _("leader meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="leader_meeting_ends_after_start",
                                   violation_error_message=_("The meeting must end after it starts.")),
        ]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="leader_meeting_calendar")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def school_year(self) -> SchoolYear:
        return SchoolYear.of(timezone.localtime(self.starts_at).date())

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_held(self) -> bool:
        """The planned end has passed (and it was not cancelled)."""
        return not self.is_cancelled and self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class AgendaItem(models.Model):
    """One item on a meeting's agenda, in order."""

    meeting = models.ForeignKey(LeaderMeeting, on_delete=models.CASCADE, related_name="agenda_items",
                                verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("item"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
        ]

    def __str__(self):
        return self.title


class AttachmentKind(models.TextChoices):
    MATERIAL = "material", _("Material")
    MINUTES = "minutes", _("Minutes")


def attachment_path(instance, filename):
    suffix = Path(filename).suffix.lower()[:10]
    return f"leadership/attachments/{uuid.uuid4().hex}{suffix}"


class MeetingAttachment(models.Model):
    """A file of a meeting (material beforehand, minutes afterwards); served only through a checked view.
    The same rules as the projects' attachments (``projects.uploads``). A removed file is kept (marked
    ``removed_at``), so the change history can say who removed what."""

    meeting = models.ForeignKey(LeaderMeeting, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("meeting"))
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    #: Removed from the meeting (no longer listed or served); the row stays for the change history.
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting attachment")
        verbose_name_plural = _("meeting attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name
