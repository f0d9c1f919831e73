"""Reads for the home page's competence panels: a fixed number of queries whatever the number of
measures, sessions or participants (pinned in ``tests/test_home.py`` at the demo's size and ten times it)."""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from laeringslop.models import Unit

from .models import ACTIVE_STATUSES, CompetenceMeasure, MeasureSession, Participant, ParticipantStatus

PLACE, WAITING = ParticipantStatus.PLACE, ParticipantStatus.WAITING


def _counted(queryset):
    return queryset.annotate(taken=Count("participants", filter=Q(participants__status=PLACE)),
                             waiting=Count("participants", filter=Q(participants__status=WAITING)))


def open_measures(municipality, today, limit: int) -> list:
    """The municipality's measures still open for sign-up (their last day not passed: the service's
    ``measure_over`` rule), soonest first, with places taken (``taken``), waiting and ``free``. One query."""
    measures = list(_counted(CompetenceMeasure.objects.filter(municipality=municipality, ends_on__gte=today))
                    .order_by("starts_on", "title", "pk")[:limit + 1])
    for measure in measures:
        measure.free = max(measure.places - measure.taken, 0)
    return measures


@dataclass
class UnitSignUps:
    unit: Unit
    #: (measure, [(participant, turn on the waiting list or None)]) by the measure's first day
    measures: list = field(default_factory=list)


def unit_sign_ups(municipality, unit_ids, today, limit: int) -> tuple[list[UnitSignUps], bool]:
    """The units' participants (with a place or waiting) in measures not yet over, with each waiting
    one's turn on the whole list; at most ``limit`` rows (the flag: more were left out). Two queries."""
    units = list(Unit.objects.filter(municipality=municipality, pk__in=unit_ids).order_by("name"))
    if not units:
        return [], False
    ahead = (Participant.objects.filter(measure_id=OuterRef("measure_id"), status=WAITING)
             .filter(Q(signed_up_at__lt=OuterRef("signed_up_at"))
                     | Q(signed_up_at=OuterRef("signed_up_at"), pk__lte=OuterRef("pk")))
             .order_by().values("measure_id").annotate(n=Count("pk")).values("n"))
    rows = list(Participant.objects.filter(unit__in=units, measure__municipality=municipality,
                                           measure__ends_on__gte=today, status__in=ACTIVE_STATUSES)
                .select_related("measure")
                .annotate(turn=Coalesce(Subquery(ahead, output_field=IntegerField()), 0))
                .order_by("measure__starts_on", "measure__title", "measure_id", "status", "signed_up_at", "pk")
                [:limit + 1])
    more, rows = len(rows) > limit, rows[:limit]
    grouped = defaultdict(dict)
    for participant in rows:
        by_measure = grouped[participant.unit_id]
        by_measure.setdefault(participant.measure_id, (participant.measure, []))[1].append(
            (participant, participant.turn if participant.status == WAITING else None))
    return [UnitSignUps(unit, list(grouped[unit.pk].values())) for unit in units], more


def measures_with_coming_sessions(municipality, today, limit: int) -> list:
    """The municipality's measures with a session today or later, by the next session: its date
    (``next_session``), the sessions left (``sessions_left``), places taken and waiting. One query."""
    coming = MeasureSession.objects.filter(measure_id=OuterRef("pk"), date__gte=today)
    left = coming.order_by().values("measure_id").annotate(n=Count("pk")).values("n")
    measures = list(_counted(CompetenceMeasure.objects.filter(municipality=municipality))
                    .annotate(next_session=Subquery(coming.order_by("date", "starts_at").values("date")[:1]),
                              sessions_left=Subquery(left, output_field=IntegerField()))
                    .filter(next_session__isnull=False).order_by("next_session", "title", "pk")[:limit + 1])
    for measure in measures:
        measure.percent = min(100, round(100 * measure.taken / measure.places)) if measure.places else 0
    return measures
