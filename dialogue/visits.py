"""Writes for the school visits (skolebesøk): plan a visit, move it, change its preparation, write the notes
afterwards and mark the summary shared with the school as agreed.

Each service checks its rules itself (not only the forms), runs in one transaction and raises
``ValidationError`` with a code per broken rule (messages per field). The demo seed writes its rows directly.

Notices: planning and moving a visit tell the participants and the school's rector(s) (``_tell``: recorded
in the transaction, mailed after it commits, once per visit and time).
"""
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop import concurrency
from laeringslop.schoolyear import SchoolYear
from notices.models import NoticeKind

from .models import SchoolVisit
from .selectors.visits import participant_choices

NOTES_FIELDS = ("notes", "agreed_notes", "support_input")
PREPARATION_FIELDS = ("participants", "other_participants", "topics")


def _clean(text: str | None) -> str:
    return (text or "").strip()


def time_errors(school_year: int, starts_at: datetime | None, ends_at: datetime | None) -> dict:
    """What is wrong with a visit's planned time (an empty dict when nothing is). For planning and moving:
    the visit lies ahead and within the school year."""
    if starts_at is None:
        return {"starts_at": [ValidationError(_("Give the date and time the visit starts."), code="required")]}
    if ends_at is None or ends_at <= starts_at:
        return {"ends_at": [ValidationError(_("The visit must end after it starts."), code="ends_before_start")]}
    year = SchoolYear(school_year)
    if not year.contains(timezone.localtime(starts_at).date()):
        return {"starts_at": [ValidationError(_("The visit must be planned within the school year %(year)s."),
                                              code="outside_school_year", params={"year": year.label})]}
    if timezone.localtime(ends_at).date() != timezone.localtime(starts_at).date():
        return {"ends_at": [ValidationError(_("The visit must end the same day it starts."), code="not_same_day")]}
    if starts_at < timezone.now():
        return {"starts_at": [ValidationError(_("The visit cannot be planned in the past."), code="in_the_past")]}
    return {}


def participant_errors(municipality_id: int, school, participants) -> dict:
    """Every participant is the municipality's director or adviser, or a leader of the school."""
    participants = list(participants or [])
    if not participants:
        return {"participants": [ValidationError(_("Choose who takes part."), code="participants_required")]}
    allowed = set(participant_choices(municipality_id, school).filter(pk__in=[p.pk for p in participants])
                  .values_list("pk", flat=True))
    outside = [p for p in participants if p.pk not in allowed]
    if outside:
        names = ", ".join(p.get_full_name() or p.username for p in outside)
        return {"participants": [ValidationError(
            _("Only the municipality's director and advisers and the school's leaders take part: %(names)s is not "
              "one of them."), code="participant_not_allowed", params={"names": names})]}
    return {}


@transaction.atomic
def visit_plan(*, municipality, school, school_year: int, user, starts_at: datetime, ends_at: datetime,
               participants, place: str = "", other_participants: str = "", topics: str = "") -> SchoolVisit:
    """Plan the school's visit for the school year (one per school and year)."""
    if not school.is_school or school.municipality_id != municipality.pk:
        raise ValidationError(_("A school visit is to a school of the municipality."), code="not_a_school")
    errors = {**time_errors(school_year, starts_at, ends_at),
              **participant_errors(municipality.pk, school, participants)}
    if errors:
        raise ValidationError(errors)
    if SchoolVisit.objects.filter(school=school, school_year=school_year).exists():
        raise ValidationError(_("The school already has a school visit this school year."), code="duplicate")
    try:
        with transaction.atomic():
            visit = SchoolVisit.objects.create(
                municipality=municipality, school=school, school_year=school_year, starts_at=starts_at,
                ends_at=ends_at, place=_clean(place), other_participants=_clean(other_participants),
                topics=_clean(topics), created_by=user)
    except IntegrityError:  # planned at the same moment by someone else
        raise ValidationError(_("The school already has a school visit this school year."), code="duplicate") from None
    visit.participants.set(participants)
    _tell(visit, NoticeKind.VISIT_PLANNED, by=user)
    return visit


def _locked(visit: SchoolVisit) -> SchoolVisit:
    return SchoolVisit.objects.select_for_update().select_related("school").get(pk=visit.pk)


def _save(visit: SchoolVisit, values: dict) -> list[str]:
    changed = [name for name, value in values.items() if getattr(visit, name) != value]
    if changed:
        for name in changed:
            setattr(visit, name, values[name])
        visit.save(update_fields=concurrency.bump(visit, [*changed, "updated_at"]))
    return changed


@transaction.atomic
def visit_move(visit: SchoolVisit, *, starts_at: datetime, ends_at: datetime, place: str,
               version: int | None = None) -> SchoolVisit:
    """Give the visit another time (and place). A visit that has started is not moved; the new time lies
    ahead, within the visit's school year. ``version``: what the form was read at (stale: code "stale")."""
    visit = _locked(visit)
    values = {"starts_at": starts_at, "ends_at": ends_at, "place": _clean(place)}
    concurrency.check(visit, version=version, yours=values)
    if visit.has_started and (starts_at != visit.starts_at or ends_at != visit.ends_at):
        raise ValidationError(_("The visit has started and cannot be moved."), code="started")
    if (starts_at, ends_at) != (visit.starts_at, visit.ends_at):
        if errors := time_errors(visit.school_year, starts_at, ends_at):
            raise ValidationError(errors)
    before = visit.starts_at
    changed = _save(visit, values)
    if {"starts_at", "ends_at"} & set(changed):
        _tell(visit, NoticeKind.VISIT_MOVED, previous_starts_at=before)
    return visit


def _tell(visit: SchoolVisit, kind: str, *, by=None, previous_starts_at=None) -> None:
    """The visit's participants and the school's rector(s) hear of it (not the person who planned it)."""
    from django.urls import reverse

    from laeringslop.models import Role, User
    from notices.services import notify

    rectors = User.objects.filter(role_assignments__role=Role.RECTOR, role_assignments__unit=visit.school)
    people = [p for p in [*visit.participants.all(), *rectors] if by is None or p.pk != by.pk]
    notify(kind=kind, event_key=f"{visit.pk}:{visit.starts_at:%Y%m%d%H%M}", recipients=people,
           municipality=visit.municipality, url=reverse("dialogue:visit_detail", args=[visit.pk]),
           context={"school": visit.school.name, "starts_at": timezone.localtime(visit.starts_at),
                    "place": visit.place,
                    "previous_starts_at": timezone.localtime(previous_starts_at) if previous_starts_at else None})


@transaction.atomic
def visit_update_preparation(visit: SchoolVisit, *, participants, other_participants: str = "", topics: str = "",
                             version: int | None = None) -> SchoolVisit:
    """Who takes part and the topics prepared."""
    visit = _locked(visit)
    participants = list(participants or [])
    values = {"other_participants": _clean(other_participants), "topics": _clean(topics)}
    concurrency.check(visit, version=version, yours={"participants": participants, **values})
    if errors := participant_errors(visit.municipality_id, visit.school, participants):
        raise ValidationError(errors)
    changed = _save(visit, values)
    if {p.pk for p in participants} != set(visit.participants.values_list("pk", flat=True)):
        visit.participants.set(participants)
        if not changed:  # a change of participants only: it is a new version too
            visit.save(update_fields=concurrency.bump(visit, ["updated_at"]))
    return visit


@transaction.atomic
def visit_update_notes(visit: SchoolVisit, *, notes: str = "", agreed_notes: str = "", support_input: str = "",
                       version: int | None = None) -> SchoolVisit:
    """The notes afterwards: internal notes, the summary shared with the school and what is taken into the
    support decisions. Written once the visit has started. A change of an agreed summary withdraws the
    agreement (the rector reads it again only when it is marked agreed again)."""
    visit = _locked(visit)
    values = {"notes": _clean(notes), "agreed_notes": _clean(agreed_notes), "support_input": _clean(support_input)}
    concurrency.check(visit, version=version, yours=values)
    if not visit.has_started:
        raise ValidationError(_("The notes are written after the visit: it has not started yet."), code="not_held")
    if values["agreed_notes"] != visit.agreed_notes and visit.notes_agreed:
        values.update(notes_agreed_at=None, notes_agreed_by=None)
    _save(visit, values)
    return visit


@transaction.atomic
def visit_agree_notes(visit: SchoolVisit, *, user, version: int | None = None) -> tuple[SchoolVisit, bool]:
    """Mark the summary agreed with the school: from now on its rector reads it. Safe to repeat (an agreed
    summary stays as it is). Returns the visit and whether this call agreed it."""
    visit = _locked(visit)
    concurrency.check(visit, version=version, yours={})
    if visit.notes_agreed:
        return visit, False
    if not visit.has_started:
        raise ValidationError(_("The notes are written after the visit: it has not started yet."), code="not_held")
    if not visit.agreed_notes:
        raise ValidationError(_("Write the summary shared with the school before marking it agreed."),
                              code="no_agreed_notes")
    _save(visit, {"notes_agreed_at": timezone.now(), "notes_agreed_by": user})
    return visit, True
