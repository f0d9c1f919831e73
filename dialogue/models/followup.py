"""The dialogue held with a school's rector (one per school and year) and the follow-up tasks
(oppfølging, veiledning, støtte) that the advisers share out afterwards, and each task's thread of
comments (the rector answers there; a reopened task records its reason there).

Whether a task is late is derived (open and past its due date), never stored.
"""
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned

from .mirror import MirrorYear


class Dialogue(Versioned):
    """The yearly dialogue between the education director and one school's rector, as it was held."""

    mirror_year = models.ForeignKey(MirrorYear, on_delete=models.CASCADE, related_name="dialogues",
                                    verbose_name=_("Læringsspeil year"))
    school = models.ForeignKey("laeringslop.Unit", on_delete=models.CASCADE, related_name="dialogues",
                               verbose_name=_("school"))
    held_on = models.DateField(_("date held"))
    participants = models.TextField(_("participants"), help_text=_("Who took part in the dialogue."))
    summary = models.TextField(_("what was agreed"))
    support_needs = models.TextField(_("the school’s needs for support and help"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["mirror_year", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["mirror_year", "school"], name="dialogue_once_per_school_year"),
        ]

    def __str__(self):
        return f"{self.school} – {self.mirror_year.label}"


class TaskKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up")
    GUIDANCE = "guidance", _("Guidance")
    SUPPORT = "support", _("Support")


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("task", "Open")
    DONE = "done", pgettext_lazy("task", "Done")


class FollowUpTask(Versioned):
    """A task that follows up a dialogue, held by one adviser."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="tasks",
                                 verbose_name=_("dialogue"))
    kind = models.CharField(_("kind"), max_length=10, choices=TaskKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="followup_tasks",
                                    verbose_name=_("responsible adviser"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    completion_note = models.TextField(_("note on completion"), blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("completed by"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", completed_on__isnull=False) | Q(status="open", completed_on__isnull=True),
                name="followup_task_done_has_date",
            ),
            models.CheckConstraint(condition=Q(kind__in=["follow_up", "guidance", "support"]),
                                   name="followup_task_kind_valid"),
        ]
        indexes = [models.Index(fields=["responsible", "status", "due_on"], name="followup_task_mine")]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status == TaskStatus.DONE

    def is_late_on(self, today: date) -> bool:
        return self.status == TaskStatus.OPEN and self.due_on < today

    @property
    def is_late(self) -> bool:
        """Open and past its due date (the whole due day counts, in local time)."""
        return self.is_late_on(timezone.localdate())


class CommentKind(models.TextChoices):
    COMMENT = "comment", pgettext_lazy("noun", "Comment")
    REOPENED = "reopened", _("Reopened")


class TaskComment(models.Model):
    """One entry in a task's thread: a comment, or the reason a done task was reopened."""

    task = models.ForeignKey(FollowUpTask, on_delete=models.CASCADE, related_name="comments", verbose_name=_("task"))
    kind = models.CharField(_("kind"), max_length=10, choices=CommentKind.choices, default=CommentKind.COMMENT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                               verbose_name=_("written by"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment on a task")
        verbose_name_plural = _("comments on tasks")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["comment", "reopened"]), name="task_comment_kind_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="task_comment_has_text",
                                   violation_error_message=_("Write the comment.")),
        ]

    def __str__(self):
        return f"{self.task} – {self.created_at:%Y-%m-%d}"
