"""Writes for the dialogue held with each rector and its follow-up tasks.

Views and tests call these; each checks its rules itself (not only the forms) and runs in a transaction
(the demo seed writes its fixed rows directly). A rule that is broken raises ``ValidationError`` with a message per field.
"""
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop import concurrency
from laeringslop.schoolyear import SchoolYear
from notices.models import NoticeKind
from notices.services import notice_send, notify

from .models import CommentKind, Dialogue, FollowUpTask, MirrorYear, TaskComment, TaskKind, TaskStatus
from .selectors.followup import advisers_of

DIALOGUE_FIELDS = ("held_on", "participants", "summary", "support_needs")
TASK_FIELDS = ("kind", "title", "description", "responsible", "due_on")


def held_on_errors(mirror_year: MirrorYear, held_on: date | None) -> list:
    """What is wrong with the date a dialogue was held (an empty list when nothing is)."""
    if held_on is None:
        return [_("Give the date the dialogue was held.")]
    if held_on > timezone.localdate():
        return [_("The dialogue cannot be recorded before it is held: the date is in the future.")]
    if not SchoolYear(mirror_year.school_year).contains(held_on):
        return [_("The dialogue must be held within the school year %(year)s.") % {"year": mirror_year.label}]
    return []


def responsible_errors(municipality_id, user) -> list:
    if user is None:
        return [_("Choose the adviser responsible.")]
    if not advisers_of(municipality_id).filter(pk=user.pk).exists():
        return [_("The responsible person must be an adviser in the municipality.")]
    return []


def _check_text(errors: dict, name: str, value: str, message) -> None:
    if not (value or "").strip():
        errors[name] = [message]


@transaction.atomic
def dialogue_record(*, mirror_year: MirrorYear, school, user, held_on: date, participants: str, summary: str,
                    support_needs: str = "", version: int | None = None) -> Dialogue:
    """Record (or correct) the dialogue held with the school's rector this year; saves only on a change.

    ``version``: the version the form was read at (0: no dialogue was recorded then). A correction over
    a newer version — or a first record when someone else recorded it meanwhile — is refused with
    ``StaleVersion`` (code "stale"). None checks nothing."""
    errors = {}
    if not school.is_school or school.municipality_id != mirror_year.municipality_id:
        raise ValidationError(_("The dialogue is held with a school of the municipality."))
    if problems := held_on_errors(mirror_year, held_on):
        errors["held_on"] = problems
    _check_text(errors, "participants", participants, _("Write who took part."))
    _check_text(errors, "summary", summary, _("Write what was agreed."))
    if errors:
        raise ValidationError(errors)
    values = {"held_on": held_on, "participants": participants.strip(), "summary": summary.strip(),
              "support_needs": (support_needs or "").strip()}
    dialogue = Dialogue.objects.select_for_update().filter(mirror_year=mirror_year, school=school).first()
    if dialogue is None:
        try:
            with transaction.atomic():
                return Dialogue.objects.create(mirror_year=mirror_year, school=school, recorded_by=user, **values)
        except IntegrityError:  # recorded at the same moment by someone else: that one is newer
            dialogue = Dialogue.objects.select_for_update().get(mirror_year=mirror_year, school=school)
    concurrency.check(dialogue, version=version, yours=values)
    changed = [name for name, value in values.items() if getattr(dialogue, name) != value]
    if changed:
        for name in changed:
            setattr(dialogue, name, values[name])
        dialogue.recorded_by = user
        dialogue.save(update_fields=concurrency.bump(dialogue, [*changed, "recorded_by", "updated_at"]))
    return dialogue


def _task_errors(dialogue: Dialogue, values: dict) -> dict:
    errors = {}
    if values.get("kind") not in TaskKind.values:
        errors["kind"] = [_("Choose the kind of task.")]
    _check_text(errors, "title", values.get("title"), _("Give the task a title."))
    if problems := responsible_errors(dialogue.school.municipality_id, values.get("responsible")):
        errors["responsible"] = problems
    if values.get("due_on") is None:
        errors["due_on"] = [_("Give a due date.")]
    return errors


@transaction.atomic
def task_create(*, dialogue: Dialogue, user, kind: str, title: str, responsible, due_on: date,
                description: str = "") -> FollowUpTask:
    """A new open task for the dialogue, held by an adviser of the school's municipality."""
    values = {"kind": kind, "title": (title or "").strip(), "description": (description or "").strip(),
              "responsible": responsible, "due_on": due_on}
    if errors := _task_errors(dialogue, values):
        raise ValidationError(errors)
    task = FollowUpTask.objects.create(dialogue=dialogue, created_by=user, **values)
    task_assigned_notify(task, by=user)
    return task


def _task_context(task: FollowUpTask) -> tuple[dict, str]:
    school = task.dialogue.school
    return {"task": task, "school": school}, reverse("dialogue:task_edit", kwargs={"pk": task.pk})


def task_assigned_notify(task: FollowUpTask, *, by) -> None:
    """Tell the adviser the task is given to them (after the commit); not when they gave it to themselves.
    The event is the task given to this person: given back to them later, they are not told again."""
    if by is not None and by.pk == task.responsible_id:
        return
    context, url = _task_context(task)
    notify(kind=NoticeKind.TASK_ASSIGNED, event_key=f"{task.pk}:{task.responsible_id}", recipients=[task.responsible],
           municipality=task.dialogue.school.municipality, context=context, url=url)


def tasks_late_notify(*, today: date | None = None) -> int:
    """Tell each adviser, once, about each of their open tasks that is past its due date (the daily
    task). A task given a new due date is a new event. Each e-mail has its own transaction
    (``notice_send``); returns how many went out."""
    today = today or timezone.localdate()
    late = (FollowUpTask.objects.filter(status=TaskStatus.OPEN, due_on__lt=today, responsible__is_active=True)
            .select_related("responsible", "dialogue__school__municipality").order_by("pk"))
    sent = 0
    for task in late.iterator(chunk_size=200):
        context, url = _task_context(task)
        if notice_send(kind=NoticeKind.TASK_LATE, event_key=f"{task.pk}:{task.due_on.isoformat()}",
                       recipient=task.responsible, municipality=task.dialogue.school.municipality,
                       context=context, url=url):
            sent += 1
    return sent


@transaction.atomic
def task_update(task: FollowUpTask, *, version: int | None = None, by=None, **changes) -> FollowUpTask:
    """Change what the task is, who holds it and when it is due (not its status). A task given to
    another adviser tells that adviser (unless ``by``, the person changing it, gave it to themselves).

    ``version``: the version the form was read at; a change over a newer one (an edit, or the task
    marked done) is refused with ``StaleVersion`` (code "stale"). None checks nothing."""
    unknown = set(changes) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"task_update does not change {sorted(unknown)}")
    task = FollowUpTask.objects.select_for_update().select_related("dialogue__school").get(pk=task.pk)
    values = {name: getattr(task, name) for name in TASK_FIELDS}
    values.update({k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()})
    concurrency.check(task, version=version, yours={name: values[name] for name in changes})
    if errors := _task_errors(task.dialogue, values):
        raise ValidationError(errors)
    changed = [name for name in TASK_FIELDS if getattr(task, name) != values[name]]
    if changed:
        for name in changed:
            setattr(task, name, values[name])
        task.save(update_fields=concurrency.bump(task, changed))
        if "responsible" in changed:
            task_assigned_notify(task, by=by)
    return task


@transaction.atomic
def task_complete(task: FollowUpTask, *, user, note: str = "", on: date | None = None) -> tuple[FollowUpTask, bool]:
    """Mark the task done today (or ``on``) with an optional note. Safe to repeat: a task already done is
    left as it is. Returns the task and whether this call completed it."""
    task = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    if task.status == TaskStatus.DONE:
        return task, False
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError(_("A task cannot be completed in the future."))
    task.status = TaskStatus.DONE
    task.completed_on = day
    task.completed_by = user
    task.completion_note = (note or "").strip()
    task.save(update_fields=concurrency.bump(task, ["status", "completed_on", "completed_by", "completion_note"]))
    return task, True


COMMENT_MAX_LENGTH = 4000


def _comment_text(text: str, *, required_message, code: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ValidationError(required_message, code=code)})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError({"text": ValidationError(_("The text is longer than %(max)s characters.")
                                                       % {"max": COMMENT_MAX_LENGTH}, code="too_long")})
    return text


@transaction.atomic
def task_comment_add(*, task: FollowUpTask, user, text: str) -> TaskComment:
    """A comment in the task's thread (the rector's answer, or the adviser's)."""
    text = _comment_text(text, required_message=_("Write the comment."), code="comment_required")
    comment = TaskComment.objects.create(task=task, author=user, text=text)
    _comment_notify(comment)
    return comment


def _comment_notify(comment: TaskComment) -> None:
    """The other side of the thread hears of a comment: the responsible adviser, and the school's
    rector(s); never the author (after the commit, once per comment)."""
    from laeringslop.models import Role, User

    task = comment.task
    rectors = User.objects.filter(role_assignments__role=Role.RECTOR, role_assignments__unit=task.dialogue.school)
    people = [p for p in [task.responsible, *rectors] if comment.author_id is None or p.pk != comment.author_id]
    context, _url = _task_context(task)
    notify(kind=NoticeKind.TASK_COMMENT, event_key=str(comment.pk), recipients=people,
           municipality=task.dialogue.school.municipality, url=reverse("dialogue:task_thread", kwargs={"pk": task.pk}),
           context={**context, "author": comment.author.get_full_name() or comment.author.username if comment.author
                    else "", "text": comment.text})


@transaction.atomic
def task_reopen(*, task: FollowUpTask, user, reason: str, version: int | None = None) -> FollowUpTask:
    """Open a done task again; the reason is kept in its thread. Only a done task can be reopened
    (code "not_done"); ``version`` as task_update (code "stale" when the task changed meanwhile)."""
    reason = _comment_text(reason, required_message=_("Give the reason the task is reopened."),
                           code="reason_required")
    task = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    if task.status != TaskStatus.DONE:
        raise ValidationError(_("The task is not done, so it cannot be reopened."), code="not_done")
    concurrency.check(task, version=version, yours={"status": TaskStatus.OPEN})
    task.status = TaskStatus.OPEN
    task.completed_on = None
    task.completed_by = None
    task.save(update_fields=concurrency.bump(task, ["status", "completed_on", "completed_by"]))
    TaskComment.objects.create(task=task, author=user, kind=CommentKind.REOPENED, text=reason)
    return task
