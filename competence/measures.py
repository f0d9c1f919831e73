"""The competence measures beside an indicator on the Læringsspeil (``laeringslop.hooks.indicator_measures``).

A measure counts for a unit when someone of the unit has a place in it, or when it is for the whole
municipality. Two queries per call, whatever the number of measures or indicators.
"""
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from laeringslop.hooks import IndicatorMeasure

from .models import CompetenceMeasure, Participant, ParticipantStatus


def for_indicators(municipality, unit, indicator_ids) -> list[IndicatorMeasure]:
    ids = list(indicator_ids)
    if not ids or municipality is None:
        return []
    through = CompetenceMeasure.indicators.through
    links = through.objects.filter(indicator_id__in=ids, competencemeasure__municipality=municipality)
    wide = Q(competencemeasure__municipality_wide=True)
    if unit is None:
        links = links.filter(wide)
    else:
        takes_part = Participant.objects.filter(measure=OuterRef("competencemeasure_id"), unit=unit,
                                                status=ParticipantStatus.PLACE)
        links = links.filter(wide | Exists(takes_part))
    links = links.select_related("competencemeasure")
    result = []
    for link in links:
        measure = link.competencemeasure
        result.append(IndicatorMeasure(indicator_id=link.indicator_id, title=measure.title,
                                       kind=measure.get_kind_display(), started_on=measure.starts_on,
                                       url=reverse("competence:measure", args=[measure.pk])))
    return result
