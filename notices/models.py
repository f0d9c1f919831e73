"""Notices: the e-mails (and the portal's list, «Varsler») that tell a person something happened.

One concept, used by every app that tells people things: a ``Notice`` row per kind, event and person.
The unique constraint on (kind, event key, recipient) is the "send once" guard: however often a service,
a task or a retry asks, one person hears about one event once. The row keeps the subject and body as
they were rendered (in the recipient's language), so a retry sends the same text and the list shows it.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """What a notice is about. Each kind has the templates ``notices/<kind>.txt`` and ``<kind>_subject.txt``."""

    YEAR_PUBLISHED = "year_published", _("The self-assessment is open")
    ASSESSMENT_DEADLINE = "assessment_deadline", _("Reminder: the self-assessment is not submitted")
    REPORT_READY = "report_ready", _("The dialogue report is ready")
    TASK_ASSIGNED = "task_assigned", _("A follow-up task is given to you")
    TASK_LATE = "task_late", _("A follow-up task of yours is late")
    TASK_COMMENT = "task_comment", _("A comment on a follow-up task")
    MILESTONE_DUE = "milestone_due", _("A milestone of yours is due soon")
    MILESTONE_LATE = "milestone_late", _("A milestone of yours is late")
    VISIT_PLANNED = "visit_planned", _("A school visit is planned")
    VISIT_MOVED = "visit_moved", _("A school visit is moved")
    COMPETENCE_PLACE = "competence_place", _("A place on a competence measure from the waiting list")
    MEETING_INVITED = "meeting_invited", _("You are invited to a leader meeting")
    MEETING_MOVED = "meeting_moved", _("A leader meeting is moved")
    MEETING_CANCELLED = "meeting_cancelled", _("A leader meeting is cancelled")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("E-mail sent")
    FAILED = "failed", _("E-mail failed")
    OFF = "off", _("No e-mail (turned off)")
    NO_ADDRESS = "no_address", _("No e-mail (no address)")


#: Statuses after which nothing more is sent.
SETTLED = (NoticeStatus.SENT, NoticeStatus.OFF, NoticeStatus.NO_ADDRESS)


class Notice(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=NoticeKind.choices)
    #: Names the event within its kind, e.g. "<report id>:<fingerprint>"; a new key is a new event.
    event_key = models.CharField(_("event"), max_length=200)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices",
                                  verbose_name=_("recipient"))
    #: The municipality of the event (the list shows a person the notices of the municipality they work in).
    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.CASCADE, related_name="notices",
                                     verbose_name=_("municipality"))
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=300, blank=True, help_text=_("The page in the portal it is about."))
    email = models.CharField(_("e-mail address"), max_length=254, blank=True,
                             help_text=_("Where the e-mail went (or was tried)."))
    status = models.CharField(_("status"), max_length=12, choices=NoticeStatus.choices,
                              default=NoticeStatus.PENDING)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("last failure"), null=True, blank=True)
    failure_reason = models.TextField(_("reason for the failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "event_key", "recipient"], name="notice_once_per_event_person"),
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False),
                                   name="notice_sent_has_time"),
        ]
        indexes = [
            models.Index(fields=["recipient", "municipality", "read_at"], name="notice_mine"),
            models.Index(fields=["status", "created_at"], name="notice_status"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}: {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NoticePreference(models.Model):
    """A kind a person has turned off: no e-mail of that kind (the portal's list still shows it).

    Only kinds turned off have a row; no row means the kind is on.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences",
                             verbose_name=_("user"))
    kind = models.CharField(_("kind"), max_length=30, choices=NoticeKind.choices)

    class Meta:
        verbose_name = _("notice turned off")
        verbose_name_plural = _("notices turned off")
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")]

    def __str__(self):
        return f"{self.user_id}: {self.kind} off"
