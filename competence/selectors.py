"""Reads for the competence pages: bounded queries whatever the number of measures, units or people."""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from laeringslop.models import Unit
from laeringslop.permissions import roles_of

from .models import (
    CompetenceMeasure,
    CompetenceSurvey,
    MeasureSession,
    Participant,
    ParticipantStatus,
    SurveyResult,
)


def measures_for(municipality, user):
    """The municipality's measures with their sessions and counts of places taken and waiting; for a
    unit leader also how many of their units' people take part (``mine``)."""
    led = roles_of(user).led_unit_ids
    return (CompetenceMeasure.objects.filter(municipality=municipality)
            .annotate(taken=Count("participants", filter=Q(participants__status=ParticipantStatus.PLACE)),
                      waiting=Count("participants", filter=Q(participants__status=ParticipantStatus.WAITING)),
                      mine=Count("participants", filter=Q(participants__unit_id__in=led,
                                                          participants__status__in=["place", "waiting"])))
            .prefetch_related(Prefetch("sessions", queryset=MeasureSession.objects.order_by("date", "starts_at")))
            .order_by("-starts_on", "title"))


def measure_detail(municipality):
    """The queryset a measure's page reads it from (with its topics and indicators)."""
    return (CompetenceMeasure.objects.filter(municipality=municipality).select_related("municipality")
            .prefetch_related("topics", "indicators",
                              Prefetch("sessions", queryset=MeasureSession.objects.order_by("date", "starts_at")))
            .annotate(taken=Count("participants", filter=Q(participants__status=ParticipantStatus.PLACE)),
                      waiting=Count("participants", filter=Q(participants__status=ParticipantStatus.WAITING))))


@dataclass
class Row:
    participant: Participant
    #: the turn on the waiting list (1 = next), None with a place
    waiting_number: int | None = None


def participant_rows(measure, unit=None) -> list[Row]:
    """The measure's active participants (of ``unit`` only, if given): places first in sign-up order,
    then the waiting list with each one's number on the whole list."""
    active = list(measure.participants.filter(status__in=["place", "waiting"]).select_related("unit")
                  .order_by("signed_up_at", "pk"))
    rows, turn = [], 0
    for p in active:
        if p.status == ParticipantStatus.WAITING:
            turn += 1
            rows.append(Row(p, turn))
        else:
            rows.append(Row(p))
    if unit is not None:
        rows = [r for r in rows if r.participant.unit_id == unit.pk]
    return sorted(rows, key=lambda r: (r.waiting_number or 0, r.participant.signed_up_at, r.participant.pk))


def participants_by_unit(measure) -> list[tuple]:
    """(unit, rows) per unit by name, for the adviser's list and its export."""
    grouped = defaultdict(list)
    for row in participant_rows(measure):
        grouped[row.participant.unit].append(row)
    return sorted(grouped.items(), key=lambda item: item[0].name)


def led_units(user, municipality):
    return Unit.objects.filter(municipality=municipality, pk__in=roles_of(user).led_unit_ids).order_by("name")


# --- The survey ------------------------------------------------------------------------------
def surveys_for(municipality):
    return CompetenceSurvey.objects.filter(municipality=municipality).annotate(
        result_count=Count("results")).order_by("-conducted_on")


def survey_units(survey, user):
    """The units with results in the survey that the user may read (staff: all; a leader: their own)."""
    units = Unit.objects.filter(competence_results__survey=survey).distinct().order_by("name")
    roles = roles_of(user)
    if survey.municipality_id in roles.staff_municipality_ids or user.is_superuser:
        return units
    return units.filter(pk__in=roles.led_unit_ids)


def results(survey, unit=None) -> list[tuple]:
    """(topic, satisfaction, importance, answers) of the unit (None: the municipality)."""
    return [(r.topic.name, r.satisfaction, r.importance, r.answers)
            for r in SurveyResult.objects.filter(survey=survey, unit=unit).select_related("topic")]


def previous_survey(survey):
    return (CompetenceSurvey.objects.filter(municipality_id=survey.municipality_id,
                                            conducted_on__lt=survey.conducted_on)
            .order_by("-conducted_on").first())


def gaps_by_topic(survey, unit=None) -> dict:
    """topic id → gap (importance − satisfaction) in the survey, for the unit or the municipality."""
    if survey is None:
        return {}
    return {r.topic_id: r.importance - r.satisfaction
            for r in SurveyResult.objects.filter(survey=survey, unit=unit).only("topic_id", "importance",
                                                                                "satisfaction")}


@dataclass
class GapChange:
    topic: object
    before: object  # Decimal or None
    now: object
    measures: list

    @property
    def closed(self):
        """How much the gap shrank (positive: it closed some), None without both."""
        if self.before is None or self.now is None:
            return None
        return self.before - self.now


def survey_trend(survey, unit=None) -> list[GapChange]:
    """Per topic of the survey: the gap in the survey before it → in this one, and the measures aimed at it."""
    earlier = previous_survey(survey)
    before, now = gaps_by_topic(earlier, unit), gaps_by_topic(survey, unit)
    topics = {r.topic_id: r.topic for r in SurveyResult.objects.filter(survey=survey, unit=unit)
              .select_related("topic").prefetch_related("topic__measures")}
    changes = [GapChange(t, before.get(pk), now.get(pk), list(t.measures.all())) for pk, t in topics.items()]
    return sorted(changes, key=lambda c: (-(c.now or 0), c.topic.name))


def measure_topic_gaps(measure) -> tuple:
    """For the measure's topics (municipality level): the gap in the last survey before the measure
    started ("then") and in the latest survey after it started ("now"). Returns (then survey, now survey, rows)."""
    surveys = CompetenceSurvey.objects.filter(municipality_id=measure.municipality_id)
    then = surveys.filter(conducted_on__lte=measure.starts_on).order_by("-conducted_on").first()
    now = surveys.filter(conducted_on__gt=measure.starts_on).order_by("-conducted_on").first()
    before, after = gaps_by_topic(then), gaps_by_topic(now)
    rows = [GapChange(t, before.get(t.pk), after.get(t.pk), []) for t in measure.topics.all()]
    return then, now, rows
