"""Adding a unit to a published year: a school or kindergarten opened (or registered in the portal) after
the year was published takes part from now on, as if it had been there when the year was published.

Publishing fixes the year's schools and kindergartens (``MirrorYear.schools`` / ``.kindergartens``) and
tells their leaders that the self-assessment is open; adding a unit does the same for that one unit. (A
self-assessment row is made by the unit's first save, for every unit alike.) Only those who may publish
(``dialogue.manage``) add one; the page is ``views.year_units``."""
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop.models import Unit, UnitKind
from laeringslop.schoolyear import SchoolYear

from .models import MirrorYear
from .selectors.year_units import unit_leaders
from .services import year_published_notify

logger = logging.getLogger(__name__)


def _participants(mirror_year: MirrorYear, unit: Unit):
    """The year's set of participating units of ``unit``'s kind (None for a unit that is neither)."""
    return {UnitKind.SCHOOL: mirror_year.schools, UnitKind.KINDERGARTEN: mirror_year.kindergartens}.get(unit.kind)


def mirror_year_unit_check(*, mirror_year: MirrorYear, unit: Unit) -> None:
    """Refuse (``ValidationError``) a unit that cannot be added to the year, with the code
    ``other_municipality``, ``not_published``, ``year_over`` (its school year has ended),
    ``not_school_or_kindergarten``, ``not_taking_part`` (closed,
    or a private school the municipality does not own) or ``already_taking_part``; the confirmation page
    asks this before it offers the button."""
    if unit.municipality_id != mirror_year.municipality_id:
        raise ValidationError(_("The unit belongs to another municipality."), code="other_municipality")
    if not mirror_year.is_published:
        raise ValidationError(_("The year is not published yet: the schools and kindergartens taking part are "
                                "fixed when it is published."), code="not_published")
    if SchoolYear(mirror_year.school_year).last_day < timezone.localdate():
        raise ValidationError(_("The school year %(year)s is over: a unit can no longer be added to it.")
                              % {"year": mirror_year.label}, code="year_over")
    participants = _participants(mirror_year, unit)
    if participants is None:
        raise ValidationError(_("Only a school or a kindergarten takes part in the Læringsspeil."),
                              code="not_school_or_kindergarten")
    if not (unit.active and unit.takes_part):
        raise ValidationError(_("%(unit)s is closed or does not take part, and cannot be added.")
                              % {"unit": unit.name}, code="not_taking_part")
    if participants.filter(pk=unit.pk).exists():
        raise ValidationError(_("%(unit)s already takes part in the Læringsspeil %(year)s.")
                              % {"unit": unit.name, "year": mirror_year.label}, code="already_taking_part")


@transaction.atomic
def mirror_year_unit_add(*, mirror_year: MirrorYear, unit: Unit, user) -> Unit:
    """Make ``unit`` take part in the published ``mirror_year`` and tell its rectors (kindergarten heads)
    that its self-assessment is open, once (the same notice publishing sends). Refused as
    :func:`mirror_year_unit_check` says; nothing is written then."""
    mirror_year = MirrorYear.objects.select_for_update().get(pk=mirror_year.pk)  # one addition at a time
    unit = Unit.objects.get(pk=unit.pk)
    mirror_year_unit_check(mirror_year=mirror_year, unit=unit)
    _participants(mirror_year, unit).add(unit)
    logger.info("User %s added unit %s to Læringsspeil year %s", getattr(user, "pk", None), unit.pk, mirror_year.pk)
    year_published_notify(mirror_year, leaders=list(unit_leaders(unit)))
    return unit
