"""Signing people up for a measure, the waiting list, and cancelling a place.

Race-safe: every sign-up and cancellation locks the measure's row first (``select_for_update``), so
two leaders signing up at the same moment are counted one after the other and never exceed the places.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laeringslop import concurrency
from laeringslop.models import RoleAssignment, Unit, UnitKind, User
from laeringslop.models.people import UNIT_ROLES
from laeringslop.permissions import roles_of
from laeringslop.validators import validate_single_line

from ..models import ACTIVE_STATUSES, CompetenceMeasure, Participant, ParticipantStatus

#: The kinds of unit the municipality's staff sign people up for (a unit's leader signs up their own).
SIGN_UP_KINDS = (UnitKind.SCHOOL, UnitKind.KINDERGARTEN)


def unit_staff(unit: Unit):
    """The users with a role at the unit (its leaders): the people a leader may sign up as users."""
    return User.objects.filter(role_assignments__unit=unit).distinct()


@transaction.atomic
def participant_sign_up(*, measure: CompetenceMeasure, unit: Unit, name: str, email: str, by: User,
                        user: User | None = None) -> Participant:
    """Sign up one person of ``unit`` for the measure: a place while there is one, else the end of the
    waiting list. ``by`` is the unit's leader (their own unit only), or one of the measure's
    municipality's staff (the adviser who runs the measure: any school or kindergarten of the municipality).

    Refused: a unit ``by`` neither leads nor is staff for (``not_your_unit``), a unit of another
    municipality (``other_municipality``), for the staff a service unit or a closed one
    (``not_for_sign_up``), a user without a role at the unit (``not_staff_of_unit``), a measure that has
    ended (``measure_over``), a person already signed up (``already_signed_up``), an empty name
    (``name_required``).
    """
    roles = roles_of(by)
    if unit.pk not in roles.led_unit_ids and measure.municipality_id not in roles.staff_municipality_ids:
        raise ValidationError(_("You can sign up people of your own unit only."), code="not_your_unit")
    if unit.municipality_id != measure.municipality_id:
        raise ValidationError(_("The unit belongs to another municipality."), code="other_municipality")
    if unit.pk not in roles.led_unit_ids and (not unit.active or unit.kind not in SIGN_UP_KINDS):
        raise ValidationError({"unit": ValidationError(_("%(unit)s is not an active school or kindergarten."),
                                                       code="not_for_sign_up", params={"unit": unit.name})})
    if user is not None:
        if not RoleAssignment.objects.filter(user=user, unit=unit).exists():
            raise ValidationError({"user": ValidationError(
                _("%(person)s has no role at %(unit)s."), code="not_staff_of_unit",
                params={"person": str(user), "unit": unit.name})})
        name = name or user.get_full_name() or user.username
        email = email or user.email
    name, email = (name or "").strip(), (email or "").strip().lower()
    if not name:
        raise ValidationError({"name": ValidationError(_("Write the participant's name."), code="name_required")})
    validate_single_line(name)
    if not email:
        raise ValidationError({"email": ValidationError(_("Write the participant's e-mail address."),
                                                        code="email_required")})
    measure = concurrency.lock(CompetenceMeasure, measure.pk)
    if measure.ends_on < timezone.localdate():
        raise ValidationError(_("The measure ended on %(date)s; nobody can sign up any more."), code="measure_over",
                              params={"date": f"{measure.ends_on:%d.%m.%Y}"})
    if measure.participants.filter(email=email, status__in=ACTIVE_STATUSES).exists():
        raise ValidationError({"email": ValidationError(
            _("%(email)s is already signed up for the measure."), code="already_signed_up",
            params={"email": email})})
    taken = measure.participants.filter(status=ParticipantStatus.PLACE).count()
    status = ParticipantStatus.PLACE if taken < measure.places else ParticipantStatus.WAITING
    participant = Participant(measure=measure, unit=unit, name=name, email=email, user=user, status=status,
                              signed_up_by=by, signed_up_at=timezone.now())
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_cancel(*, participant: Participant, by: User) -> Participant:
    """Cancel a place or a turn on the waiting list; a freed place goes to the first who waits (told
    by a notice). Refused: a participant of a unit ``by`` neither leads nor is staff of
    (``not_your_unit``), one already cancelled (``already_cancelled``)."""
    roles = roles_of(by)
    measure = concurrency.lock(CompetenceMeasure, participant.measure_id)
    if participant.unit_id not in roles.led_unit_ids and measure.municipality_id not in roles.staff_municipality_ids:
        raise ValidationError(_("You can cancel the places of your own unit only."), code="not_your_unit")
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status == ParticipantStatus.CANCELLED:
        raise ValidationError(_("%(name)s is already cancelled."), code="already_cancelled",
                              params={"name": participant.name})
    participant.status = ParticipantStatus.CANCELLED
    participant.cancelled_at = timezone.now()
    participant.save(update_fields=["status", "cancelled_at"])
    fill_places(measure)
    return participant


def fill_places(measure: CompetenceMeasure) -> list[Participant]:
    """Give the free places to the first on the waiting list (in sign-up order) and tell them; the
    caller holds the measure's lock. Returns those moved up."""
    taken = measure.participants.filter(status=ParticipantStatus.PLACE).count()
    free = measure.places - taken
    if free <= 0:
        return []
    moved = list(measure.participants.select_for_update().filter(status=ParticipantStatus.WAITING)
                 .select_related("unit").order_by("signed_up_at", "pk")[:free])
    now = timezone.now()
    for participant in moved:
        participant.status = ParticipantStatus.PLACE
        participant.promoted_at = now
        participant.save(update_fields=["status", "promoted_at"])
        _tell_moved_up(measure, participant)
    return moved


def _tell_moved_up(measure, participant) -> None:
    """The participant (when a user) and the unit's leaders hear that the participant has a place."""
    from notices.models import NoticeKind
    from notices.services import notify

    leaders = User.objects.filter(role_assignments__unit_id=participant.unit_id,
                                  role_assignments__role__in=list(UNIT_ROLES)).distinct()
    recipients = [*([participant.user] if participant.user_id else []), *leaders]
    notify(kind=NoticeKind.COMPETENCE_PLACE, event_key=f"{participant.pk}:place", recipients=recipients,
           municipality=measure.municipality, url=reverse("competence:signup", args=[measure.pk, participant.unit_id]),
           context={"participant": participant.name, "measure": measure.title, "unit": participant.unit.name,
                    "starts_on": measure.starts_on})
