"""Demo data for the kindergartens' Læringsspeil: five years of Foreldreundersøkelsen for the demo's
kindergartens (and the municipality and the nation), a local kindergarten indicator, the year's
questions for the kindergartens and their self-assessments. Called by dialogue.demo.seed; idempotent."""
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from indicators.catalogue import PARENT_SURVEY_INDICES
from indicators.models import Indicator, IndicatorValue, Level
from laeringslop.services import upsert

from .models import Answer, Assessment, AssessmentEvent, AssessmentStatus, EventKind, Question

LOCAL_CODE = "ELVEDAL_BHG_SPRAK"
#: (area, text, has_rating); their order numbers follow the schools' questions.
QUESTIONS = [
    ("learning_environment", "Hva forteller Foreldreundersøkelsen om barnas trivsel, og hva vil barnehagen "
                             "gjøre med det foreldrene er minst fornøyde med?", True),
    ("learning_environment", "Hvordan arbeider barnehagen med et trygt og godt barnehagemiljø for alle barn?", True),
    ("completion", "Hvordan samarbeider barnehagen med skolene om overgangen fra barnehage til skole?", False),
]
ANSWERS = [
    "Foreldrene er godt fornøyde med barnas trivsel. Informasjon scorer lavest; vi innfører ukebrev fra hver "
    "avdeling og faste foreldresamtaler to ganger i året.",
    "Personalet har drøftet relasjonene til hvert barn på personalmøte, og vi har faste voksne i "
    "overgangssituasjoner.",
    "Skolestarterne besøker skolen i mai, og vi har overføringsmøter med skolen for barn som trenger det.",
]


def _dec(x) -> Decimal:
    return Decimal(str(round(x, 2)))


def kindergarten_indicators(municipality) -> list:
    """The parent survey's themes and the demo municipality's local kindergarten indicator."""
    local, _c, _ch = upsert(Indicator, {"code": LOCAL_CODE}, {
        "name": "Språkkartlegging gjennomført", "area": "learning_results", "source": "local", "unit_label": "%",
        "scale_min": 0, "scale_max": 100, "direction": "higher", "grades": [], "applies_to": "kindergarten",
        "is_local": True, "municipality": municipality, "sort_order": 10,
        "description": "Andel av de eldste barna med samtykke der språkkartleggingen er gjennomført."})
    return list(Indicator.objects.filter(code__in=[c for c, _n in PARENT_SURVEY_INDICES])) + [local]


def _wanted(kindergartens, municipality, indicators, years) -> dict:
    rows = {}
    for ind in indicators:
        rng = random.Random(f"nation-{ind.code}")
        if ind.is_local:
            continue  # a local indicator has no national figure
        for k, year in enumerate(years):
            rows[(ind.pk, year, Level.NATION, "I")] = dict(value=_dec(4.4 + 0.01 * k + rng.uniform(-0.04, 0.04)),
                                                          area_name="Hele landet", unit=None, pupil_count=None)
    sums: dict = {}
    for index, kindergarten in enumerate(kindergartens):
        rng = random.Random(f"kindergarten-{kindergarten.org_number}")
        climate = rng.gauss(0, 0.2)
        for ind in indicators:
            for k, year in enumerate(years):
                r = random.Random(f"{kindergarten.org_number}-{ind.code}-{year}")
                answers = r.randint(3, 8) if index % 9 == 8 else r.randint(15, 70)
                suppressed = answers < 5
                if ind.is_local:
                    value = min(100.0, 82 + 20 * climate + r.gauss(0, 5))
                else:
                    value = min(max(4.4 + climate + 0.02 * k + r.gauss(0, 0.12), 3.2), 5.0)
                rows[(ind.pk, year, Level.SCHOOL, kindergarten.org_number)] = dict(
                    value=None if suppressed else _dec(value), suppressed=suppressed, pupil_count=answers,
                    area_name=kindergarten.name, unit=kindergarten)
                if not suppressed:
                    total = sums.setdefault((ind.pk, year), [0.0, 0])
                    total[0] += value * answers
                    total[1] += answers
    for (ind, year), (weighted, answers) in sums.items():
        rows[(ind, year, Level.MUNICIPALITY, municipality.number)] = dict(
            value=_dec(weighted / answers), pupil_count=answers, area_name=municipality.name, unit=None)
    return rows


def _seed_values(kindergartens, municipality, indicators, years) -> None:
    wanted = _wanted(kindergartens, municipality, indicators, years)
    existing = set(IndicatorValue.objects.filter(indicator__in=indicators, school_year__in=years)
                   .values_list("indicator_id", "school_year", "level", "area_code"))
    IndicatorValue.objects.bulk_create([
        IndicatorValue(indicator_id=ind, school_year=year, grade=0, level=level, area_code=code, **row)
        for (ind, year, level, code), row in wanted.items() if (ind, year, level, code) not in existing])


def _questions(mirror_year) -> None:
    for order, (area, text, rating) in enumerate(QUESTIONS, start=11):
        upsert(Question, {"mirror_year": mirror_year, "order": order * 10},
               {"area": area, "text": text, "has_rating": rating, "applies_to": "kindergarten"})


def _assessment(mirror_year, kindergarten, head, *, submit: bool, answered: int, day: date, seed: int) -> None:
    if Assessment.objects.filter(mirror_year=mirror_year, school=kindergarten).exists():
        return
    when = timezone.make_aware(datetime.combine(day, time(13, 0)))
    assessment = Assessment.objects.create(
        mirror_year=mirror_year, school=kindergarten,
        status=AssessmentStatus.SUBMITTED if submit else AssessmentStatus.DRAFT,
        staff_meeting_date=day - timedelta(days=5) if submit else None,
        staff_involvement="Resultatene ble drøftet på personalmøte, og avdelingene ga innspill." if submit else "",
        submitted_at=when if submit else None, submitted_by=head if submit else None)
    for i, question in enumerate(mirror_year.questions_for(kindergarten)[:answered]):
        Answer.objects.create(assessment=assessment, question=question, text=ANSWERS[i % len(ANSWERS)],
                              rating=(2 + (seed + i) % 3) if question.has_rating else None)
    if submit:
        AssessmentEvent.objects.create(assessment=assessment, kind=EventKind.SUBMITTED, by=head, at=when)


def seed(context: dict, years: list, last, current) -> list:
    """Values, questions and assessments; returns the kindergarten indicators (the years choose them)."""
    municipality, kindergartens, users = context["municipality"], context["kindergartens"], context["users"]
    indicators = kindergarten_indicators(municipality)
    _seed_values(kindergartens, municipality, indicators, years)
    for mirror_year in (last, current):
        _questions(mirror_year)
        if mirror_year.is_published and not mirror_year.kindergartens.exists():  # as publishing fixes them
            mirror_year.kindergartens.set(kindergartens)
    for i, kindergarten in enumerate(kindergartens):
        head = users["styrer" if i == 0 else f"styrer{i + 1:02d}"]
        _assessment(last, kindergarten, head, submit=True, answered=len(QUESTIONS), seed=i,
                    day=last.deadline - timedelta(days=i % 6 + 1))
        if i % 2 == 1:
            _assessment(current, kindergarten, head, submit=True, answered=len(QUESTIONS), seed=i,
                        day=min(timezone.localdate(), current.deadline) - timedelta(days=i % 4))
        elif i == 0 or i % 4 == 2:
            _assessment(current, kindergarten, head, submit=False, answered=1, seed=i, day=timezone.localdate())
    return indicators
