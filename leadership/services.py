"""Writes for the leader meetings: plan one, change it, cancel it, attach material and minutes, take a file off.

Each service checks its rules itself (not only the forms), runs in one transaction and raises
``ValidationError`` with a code per broken rule (Norwegian messages naming the field or row): a meeting is
planned ahead (``in_the_past``, on the frozen clock in the tests), ends after it starts
(``ends_before_start``) and the same day (``not_same_day``), invites only people of the municipality
(``participant_not_allowed``); edits over a newer version are refused (``stale``); minutes are attached once
the meeting has started (``not_held``); a cancelled meeting is not changed (``cancelled``).
"""
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop import concurrency
from notices.models import NoticeKind
from projects.uploads import check_upload, content_type_for

from .invitations import tell
from .models import AgendaItem, AttachmentKind, LeaderMeeting, MeetingAttachment, MeetingKind, TargetGroup
from .selectors import invitable_people


def _clean(text) -> str:
    return (text or "").strip()


def time_errors(starts_at: datetime | None, ends_at: datetime | None) -> dict:
    """What is wrong with a meeting's planned time (empty when nothing is): it lies ahead, ends after it
    starts, the same day."""
    if starts_at is None:
        return {"starts_at": [ValidationError(_("Give the date and time the meeting starts."), code="required")]}
    if ends_at is None or ends_at <= starts_at:
        return {"ends_at": [ValidationError(_("The meeting must end after it starts."), code="ends_before_start")]}
    if timezone.localtime(ends_at).date() != timezone.localtime(starts_at).date():
        return {"ends_at": [ValidationError(_("The meeting must end the same day it starts."), code="not_same_day")]}
    if starts_at < timezone.now():
        return {"starts_at": [ValidationError(
            _("The meeting cannot be planned in the past: %(day)s has passed."), code="in_the_past",
            params={"day": timezone.localtime(starts_at).strftime("%d.%m.%Y %H:%M")})]}
    return {}


def value_errors(values: dict) -> dict:
    errors = {}
    if not values["title"]:
        errors["title"] = [ValidationError(_("Give the meeting's topic."), code="required")]
    if values["kind"] not in MeetingKind.values:
        errors["kind"] = [ValidationError(_("Choose the arena from the list."), code="invalid_choice")]
    if values["target_group"] not in TargetGroup.values:
        errors["target_group"] = [ValidationError(_("Choose the target group from the list."), code="invalid_choice")]
    return errors


def participant_errors(municipality, participants) -> dict:
    """Every participant holds a role in the meeting's municipality."""
    participants = list(participants or [])
    allowed = set(invitable_people(municipality).filter(pk__in=[p.pk for p in participants])
                  .values_list("pk", flat=True))
    outside = [p for p in participants if p.pk not in allowed]
    if outside:
        names = ", ".join(p.get_full_name() or p.username for p in outside)
        return {"participants": [ValidationError(
            _("Only people of %(municipality)s can be invited: %(names)s is not."), code="participant_not_allowed",
            params={"municipality": municipality.name, "names": names})]}
    return {}


def agenda_errors(agenda) -> dict:
    """Each agenda row has a title; the minutes are a whole number from 1 to 600."""
    errors = []
    for number, item in enumerate(agenda, start=1):
        if not _clean(item.get("title")):
            errors.append(ValidationError(_("Agenda item %(n)s: give the item's title."), code="agenda_title",
                                          params={"n": number}))
        minutes = item.get("minutes")
        if minutes is not None and not 1 <= minutes <= 600:
            errors.append(ValidationError(_("Agenda item %(n)s: the minutes must be from 1 to 600, not %(value)s."),
                                          code="agenda_minutes", params={"n": number, "value": minutes}))
    return {"agenda": errors} if errors else {}


def _values(**given) -> dict:
    return {"kind": given["kind"], "title": _clean(given["title"]), "starts_at": given["starts_at"],
            "ends_at": given["ends_at"], "place": _clean(given.get("place")),
            "target_group": given["target_group"], "description": _clean(given.get("description"))}


def _agenda_rows(agenda) -> list[dict]:
    return [{"title": _clean(item.get("title")), "presenter": _clean(item.get("presenter")),
             "minutes": item.get("minutes")} for item in agenda or []]


def _set_agenda(meeting: LeaderMeeting, rows: list[dict]) -> bool:
    """Replace the agenda with ``rows`` (in order); True if it changed."""
    now = [(a.title, a.presenter, a.minutes) for a in meeting.agenda_items.order_by("position")]
    wanted = [(r["title"], r["presenter"], r["minutes"]) for r in rows]
    if now == wanted:
        return False
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create([AgendaItem(meeting=meeting, position=i, title=t, presenter=p, minutes=m)
                                    for i, (t, p, m) in enumerate(wanted, start=1)])
    return True


@transaction.atomic
def meeting_plan(*, municipality, user, kind: str, title: str, starts_at: datetime, ends_at: datetime,
                 target_group: str, place: str = "", description: str = "", participants=(),
                 agenda=()) -> LeaderMeeting:
    """Plan a leader meeting of the municipality: ahead in time, with people of the municipality invited and
    its agenda (rows of title, presenter, minutes, in order)."""
    values = _values(kind=kind, title=title, starts_at=starts_at, ends_at=ends_at, place=place,
                     target_group=target_group, description=description)
    rows = _agenda_rows(agenda)
    participants = list(participants or [])
    errors = {**value_errors(values), **time_errors(starts_at, ends_at),
              **participant_errors(municipality, participants), **agenda_errors(rows)}
    if errors:
        raise ValidationError(errors)
    meeting = LeaderMeeting.objects.create(municipality=municipality, created_by=user, **values)
    meeting.participants.set(participants)
    _set_agenda(meeting, rows)
    tell(meeting, NoticeKind.MEETING_INVITED, [p for p in participants if p.pk != user.pk])
    return meeting


def _locked(meeting: LeaderMeeting) -> LeaderMeeting:
    return LeaderMeeting.objects.select_for_update().select_related("municipality").get(pk=meeting.pk)


@transaction.atomic
def meeting_update(meeting: LeaderMeeting, *, kind: str, title: str, starts_at: datetime, ends_at: datetime,
                   target_group: str, place: str = "", description: str = "", participants=(), agenda=(),
                   version: int | None = None) -> LeaderMeeting:
    """Change a meeting. A new time is checked like a plan (ahead, ends after it starts); a meeting that has
    started keeps its time. ``version``: what the form was read at (a newer save: code "stale")."""
    meeting = _locked(meeting)
    values = _values(kind=kind, title=title, starts_at=starts_at, ends_at=ends_at, place=place,
                     target_group=target_group, description=description)
    rows = _agenda_rows(agenda)
    participants = list(participants or [])
    stored_rows = [(a.title, a.presenter, a.minutes) for a in meeting.agenda_items.order_by("position")]
    extra = []
    if stored_rows != [(r["title"], r["presenter"], r["minutes"]) for r in rows]:
        extra.append((str(_("Agenda")), "; ".join(r[0] for r in stored_rows) or "–",
                      "; ".join(r["title"] for r in rows) or "–"))
    concurrency.check(meeting, version=version, yours={**values, "participants": participants}, extra=extra)
    if meeting.is_cancelled:
        raise ValidationError(_("The meeting is cancelled and cannot be changed."), code="cancelled")
    errors = {**value_errors(values), **participant_errors(meeting.municipality, participants),
              **agenda_errors(rows)}
    if (starts_at, ends_at) != (meeting.starts_at, meeting.ends_at):
        if meeting.has_started:
            errors["starts_at"] = [ValidationError(_("The meeting has started and cannot be moved."), code="started")]
        else:
            errors.update(time_errors(starts_at, ends_at))
    if errors:
        raise ValidationError(errors)
    before = {"starts_at": meeting.starts_at, "place": meeting.place,
              "people": set(meeting.participants.values_list("pk", flat=True))}
    for name, value in values.items():
        setattr(meeting, name, value)
    concurrency.bump(meeting)  # one more version, whatever changed (the agenda and participants are part of it)
    meeting.save()
    meeting.participants.set(participants)
    _set_agenda(meeting, rows)
    kept = [p for p in participants if p.pk in before["people"]]
    tell(meeting, NoticeKind.MEETING_INVITED, [p for p in participants if p.pk not in before["people"]])
    if (meeting.starts_at, meeting.place) != (before["starts_at"], before["place"]):
        tell(meeting, NoticeKind.MEETING_MOVED, kept, previous_starts_at=before["starts_at"])
    return meeting


@transaction.atomic
def meeting_cancel(meeting: LeaderMeeting, *, reason: str = "", version: int | None = None) -> LeaderMeeting:
    """Cancel a meeting that has not started; it stays in the plan, marked cancelled (with the reason)."""
    meeting = _locked(meeting)
    concurrency.check(meeting, version=version, yours={})
    if meeting.is_cancelled:
        raise ValidationError(_("The meeting is already cancelled."), code="cancelled")
    if meeting.has_started:
        raise ValidationError(_("The meeting has started and cannot be cancelled."), code="started")
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = _clean(reason)[:300]
    meeting.save(update_fields=concurrency.bump(meeting, ["cancelled_at", "cancel_reason", "updated_at"]))
    tell(meeting, NoticeKind.MEETING_CANCELLED, list(meeting.participants.all()))
    return meeting


@transaction.atomic
def meeting_attach(meeting: LeaderMeeting, *, files, kind: str, user) -> list[MeetingAttachment]:
    """Attach files to a meeting: material at any time, minutes once it has started. Every file is checked
    as the projects' attachments are (type by extension and content, size); none is stored if one fails."""
    meeting = _locked(meeting)
    files = [f for f in files or [] if f]
    if kind not in AttachmentKind.values:
        raise ValidationError(_("Choose whether the files are material or minutes."), code="invalid_choice")
    if not files:
        raise ValidationError({"files": [ValidationError(_("Choose at least one file."), code="required")]})
    if kind == AttachmentKind.MINUTES and not meeting.has_started:
        raise ValidationError({"files": [ValidationError(
            _("The minutes are attached after the meeting: it has not started yet."), code="not_held")]})
    errors = []
    for upload in files:
        try:
            check_upload(upload)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError({"files": errors})
    return [MeetingAttachment.objects.create(
        meeting=meeting, kind=kind, file=upload, original_name=upload.name[:255], size=upload.size,
        content_type=content_type_for(upload.name)[:100], uploaded_by=user) for upload in files]


@transaction.atomic
def attachment_remove(attachment: MeetingAttachment) -> bool:
    """Take a file off its meeting: no longer listed or served (the row stays, for the change history). Safe to
    repeat; True if this call removed it."""
    attachment = MeetingAttachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.removed_at is not None:
        return False
    attachment.removed_at = timezone.now()
    attachment.save(update_fields=["removed_at"])
    return True
