"""Reads for the leader meetings: the year's plan, a person's «Mine møter», the meetings in a period (the
calendars) and whom a meeting may invite. Every function takes the municipality; bounded queries."""
from datetime import date, datetime, time

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from laeringslop.models import Role, RoleAssignment, Unit, User
from laeringslop.permissions import roles_of
from laeringslop.schoolyear import SchoolYear

from .models import AgendaItem, AttachmentKind, LeaderMeeting, MeetingAttachment

#: Roles a meeting may invite: every role held for the municipality or one of its units.
INVITABLE = (Role.DIRECTOR, Role.ADVISER, Role.ADMINISTRATOR, Role.RECTOR, Role.KINDERGARTEN_HEAD)


def _aware(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def sees_all(user, municipality) -> bool:
    """The municipality's staff see (and open) every meeting; others only the ones they are invited to."""
    return user.is_superuser or municipality.pk in roles_of(user).staff_municipality_ids


def meetings_in_period(municipality, first: date, last: date):
    """The municipality's meetings starting between ``first`` and ``last`` (cancelled ones too), by time."""
    return (LeaderMeeting.objects.filter(municipality=municipality,
                                         starts_at__range=(_aware(first), _aware(last, end=True)))
            .order_by("starts_at", "pk"))


def plan_of_year(municipality, user, school_year: SchoolYear) -> list[LeaderMeeting]:
    """The school year's meetings, each with ``participant_count``, ``agenda_count`` and ``can_open`` (the
    reader may open it). Two queries whatever the number of meetings."""
    meetings = list(meetings_in_period(municipality, school_year.first_day, school_year.last_day)
                    .annotate(participant_count=Count("participants", distinct=True),
                              agenda_count=Count("agenda_items", distinct=True)))
    if sees_all(user, municipality):
        invited = {m.pk for m in meetings}
    else:
        invited = set(LeaderMeeting.participants.through.objects.filter(
            user_id=user.pk, leadermeeting__in=[m.pk for m in meetings]).values_list("leadermeeting_id", flat=True))
    for meeting in meetings:
        meeting.can_open = meeting.pk in invited
    return meetings


def my_meetings(municipality, user) -> dict:
    """The meetings the user is invited to: coming ones (soonest first, cancelled ones marked) and past ones
    (newest first) with their minutes. Three queries."""
    now = timezone.now()
    minutes = Prefetch("attachments", queryset=MeetingAttachment.objects.filter(kind=AttachmentKind.MINUTES, removed_at__isnull=True),
                       to_attr="minutes_files")
    mine = (LeaderMeeting.objects.filter(municipality=municipality, participants=user)
            .prefetch_related(minutes))
    coming = list(mine.filter(ends_at__gt=now).order_by("starts_at", "pk"))
    past = list(mine.filter(ends_at__lte=now).order_by("-starts_at", "-pk"))
    return {"coming": coming, "past": past}


def next_meetings(municipality, user, limit: int = 3) -> list[LeaderMeeting]:
    """The next meetings the user is invited to (not cancelled): the home page's panel. One query."""
    return list(LeaderMeeting.objects.filter(municipality=municipality, participants=user, cancelled_at__isnull=True,
                                             ends_at__gt=timezone.now()).order_by("starts_at", "pk")[:limit])


def visible_in_period(municipality, user, first: date, last: date) -> list[LeaderMeeting]:
    """The meetings in the period the user may open (staff: all; others: those they are invited to)."""
    meetings = meetings_in_period(municipality, first, last)
    if not sees_all(user, municipality):
        meetings = meetings.filter(participants=user)
    return list(meetings)


def meeting_detail(meeting: LeaderMeeting) -> dict:
    """The agenda, the participants (by name) and the files, split into material and minutes. Three queries."""
    files = list(meeting.attachments.filter(removed_at__isnull=True).select_related("uploaded_by"))
    return {
        "agenda": list(meeting.agenda_items.order_by("position")),
        "participants": list(meeting.participants.order_by("first_name", "last_name", "username")),
        "material": [a for a in files if a.kind == AttachmentKind.MATERIAL],
        "minutes": [a for a in files if a.kind == AttachmentKind.MINUTES],
    }


def meetings_with_agenda(meetings) -> list[LeaderMeeting]:
    """``meetings`` with their agenda prefetched (the year's calendar). Two queries."""
    return list(meetings.prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position"))))


def invitable_people(municipality):
    """The people a meeting of the municipality may invite: everyone holding a role in it, by name."""
    return (User.objects.filter(is_active=True, role_assignments__municipality=municipality,
                                role_assignments__role__in=INVITABLE)
            .distinct().order_by("first_name", "last_name", "username"))


def invitable_units(municipality):
    """The municipality's active schools and kindergartens, whose leaders can be invited by unit."""
    return Unit.objects.filter(municipality=municipality, active=True).order_by("kind", "name")


def people_for(municipality, *, roles=(), units=(), people=()) -> list[User]:
    """Who is invited by roles (e.g. every rector), by units (their leaders) and by name, together (each once).
    Only people holding a role in the municipality; the named people are checked by the service."""
    found = {p.pk: p for p in people}
    query = Q()
    if roles:
        query |= Q(role__in=list(roles))
    if units:
        query |= Q(unit__in=list(units), role__in=(Role.RECTOR, Role.KINDERGARTEN_HEAD))
    if query:
        for assignment in (RoleAssignment.objects.filter(query, municipality=municipality, user__is_active=True)
                           .select_related("user")):
            found.setdefault(assignment.user_id, assignment.user)
    return sorted(found.values(), key=lambda p: (p.first_name, p.last_name, p.username))
