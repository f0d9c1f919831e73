"""Competence measures and their sessions."""
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from laeringslop import concurrency

from ..models import CompetenceMeasure, MeasureSession, ParticipantStatus


def available_indicators(municipality):
    """The indicators a measure of this municipality may name: the shown national ones and its own local ones."""
    return Indicator.objects.filter(is_shown=True).filter(Q(is_local=False) | Q(municipality=municipality))


def _check_measure(measure: CompetenceMeasure) -> None:
    if measure.places is None or measure.places < 1:
        raise ValidationError({"places": ValidationError(_("The number of places must be at least 1."),
                                                         code="places_too_few")})
    if measure.starts_on and measure.ends_on and measure.ends_on < measure.starts_on:
        raise ValidationError({"ends_on": ValidationError(
            _("The last day (%(end)s) is before the first day (%(start)s)."), code="dates_order",
            params={"end": f"{measure.ends_on:%d.%m.%Y}", "start": f"{measure.starts_on:%d.%m.%Y}"})})


@transaction.atomic
def measure_save(*, form, municipality, user=None) -> CompetenceMeasure:
    """Create or change a measure from its form (topics and indicators included).

    Refused: fewer than one place (``places_too_few``), the last day before the first (``dates_order``),
    dates that leave a session outside (``sessions_outside``), fewer places than people who have one
    (``places_below_taken``), an indicator or topic of another municipality (``other_municipality``),
    a change over a newer save (``stale``). More places move the first on the waiting list up.
    """
    from .signups import fill_places

    measure = form.save(commit=False)
    if measure.pk is not None and measure.municipality_id != municipality.pk:
        raise ValidationError(_("The measure belongs to another municipality."), code="other_municipality")
    measure.municipality = municipality
    _check_measure(measure)
    concurrency.claim(measure, version=form.cleaned_data.get(concurrency.FIELD), form=form)
    topics = form.cleaned_data.get("topics") or []
    indicators = form.cleaned_data.get("indicators") or []
    if any(t.municipality_id != municipality.pk for t in topics):
        raise ValidationError(_("A topic belongs to another municipality."), code="other_municipality")
    allowed = set(available_indicators(municipality).filter(pk__in=[i.pk for i in indicators])
                  .values_list("pk", flat=True))
    if any(i.pk not in allowed for i in indicators):
        raise ValidationError({"indicators": ValidationError(
            _("The indicator «%(name)s» is not one of the municipality's."), code="other_municipality",
            params={"name": next(i.name for i in indicators if i.pk not in allowed)})})
    if measure.pk is not None:
        outside = measure.sessions.exclude(date__range=(measure.starts_on, measure.ends_on)).order_by("date").first()
        if outside is not None:
            raise ValidationError({"starts_on": ValidationError(
                _("The session on %(date)s would be outside the measure's dates; move or delete it first."),
                code="sessions_outside", params={"date": f"{outside.date:%d.%m.%Y}"})})
        taken = measure.participants.filter(status=ParticipantStatus.PLACE).count()
        if measure.places < taken:
            raise ValidationError({"places": ValidationError(
                _("%(taken)s participants already have a place; the number of places cannot be lower."),
                code="places_below_taken", params={"taken": taken})})
    else:
        measure.created_by = user
    measure.full_clean(exclude=["topics", "indicators"])
    measure.save()
    measure.topics.set(topics)
    measure.indicators.set(indicators)
    fill_places(measure)
    return measure


@transaction.atomic
def session_save(*, measure: CompetenceMeasure, day: date, starts_at: time, ends_at: time, place: str = "",
                 group: str = "", session: MeasureSession | None = None) -> MeasureSession:
    """Add a session to the measure, or change one of its sessions.

    Refused: a day outside the measure's dates (``session_outside_measure``), an end not after the
    start (``session_ends_before_start``), another measure's session (``other_measure``).
    """
    measure = concurrency.lock(CompetenceMeasure, measure.pk)
    if session is not None and session.measure_id != measure.pk:
        raise ValidationError(_("The session belongs to another measure."), code="other_measure")
    if not measure.starts_on <= day <= measure.ends_on:
        raise ValidationError({"date": ValidationError(
            _("%(date)s is outside the measure's dates (%(start)s–%(end)s)."), code="session_outside_measure",
            params={"date": f"{day:%d.%m.%Y}", "start": f"{measure.starts_on:%d.%m.%Y}",
                    "end": f"{measure.ends_on:%d.%m.%Y}"})})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": ValidationError(
            _("The session must end after it starts (%(start)s)."), code="session_ends_before_start",
            params={"start": f"{starts_at:%H:%M}"})})
    session = session or MeasureSession(measure=measure)
    session.date, session.starts_at, session.ends_at = day, starts_at, ends_at
    session.place, session.group = place, group
    session.full_clean()
    session.save()
    measure.save(update_fields=concurrency.bump(measure, []))
    return session


@transaction.atomic
def session_delete(*, session: MeasureSession) -> None:
    measure = concurrency.lock(CompetenceMeasure, session.measure_id)
    session.delete()
    measure.save(update_fields=concurrency.bump(measure, []))
