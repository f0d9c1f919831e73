"""Demo data from the seed (drammen-2020-skoleeier): the practical-aesthetic subjects network
(«Praktisk-estetiske fag i ny læreplan», run with SNELD and USN) with its four subject groups and
their sessions — last school year's round (ended) and this year's (open for sign-up) — a workshop,
a few sign-ups (the workshop full, the demo rector's school on its waiting list), and the competence
survey with the seed's topics in two rounds (spring last year and spring this year), the second
showing the network's topics with smaller gaps."""
import hashlib
from datetime import date, time
from decimal import Decimal

from django.utils import timezone

from indicators.models import Indicator
from laeringslop.schoolyear import current_school_year

from .models import (
    CompetenceMeasure,
    CompetenceSurvey,
    CompetenceTopic,
    MeasureKind,
    MeasureSession,
    Participant,
    ParticipantStatus,
    SurveyResult,
)

NETWORK = "Praktisk-estetiske fag i ny læreplan"
PURPOSE = ("Støtte opp under implementeringen av LK20 og den skolebaserte kompetanseutviklingen knyttet til "
           "dette. Tema: nytt i faget, dybdelæring og tverrfaglighet, vurdering, samt programmering i musikk "
           "og kunst og håndverk.")
TARGET = ("Lærere som underviser i praktisk-estetiske fag fra 1. til 10. trinn; deltakerne deles i "
          "basisgrupper, og hver deltaker får en læringspartner")
EXPECTATIONS = ("Deltakelse på alle de tre samlingene med tilhørende forberedelser og mellomarbeid, samt et "
                "skolebesøk (1/2 dag).")
PARTNER = "SNELD og Universitetet i Sørøst-Norge (USN)"
#: (group, place, [(month, day), …]) — the seed's table; autumn days in the first year, spring in the next.
GROUPS = [
    ("Kroppsøving", "Quality River Station", [(11, 24), (2, 23), (4, 17)]),
    ("Musikk", "Haugestad, Lier", [(12, 1), (2, 24), (4, 18)]),
    ("Kunst og håndverk", "Haugestad, Lier", [(12, 3), (2, 18), (4, 11)]),
    ("Mat og helse", "Quality River Station", [(11, 25), (2, 17), (4, 22)]),
]
NETWORK_TOPICS = ["Dybdelæring", "Praktisk og variert opplæring", "Læringsfremmende vurderingskultur",
                  "Helhet og sammenheng i og mellom fag"]
TOPICS = [
    "Tilpasset opplæring og vurdering for læring", "Digital kompetanse", "Språk og inkludering", "Digital ledelse",
    "Metakognisjon og selvregulert læring", "Læringsfremmende vurderingskultur",
    "Digital produksjon, pedagogikk og didaktikk", "Tidlig innsats", "Digital kommunikasjon", "Progresjon og TPO",
    "Skole- og klasseledelse", "Spesialpedagogikk", "Læringsledelse", "Elevmedvirkning", "Analysekompetanse",
    "Organisasjonslæring", "Dybdelæring", "Kreativitet og innovasjon", "Relasjonskompetanse", "Sosial kompetanse",
    "Mobbing og andre krenkelser", "Helhet og sammenheng i og mellom fag", "Teori om læring",
    "Trygt og godt skole- og læringsmiljø", "Folkehelse og livsmestring", "Kritisk tenkning og problemløsning",
    "Robuste barn", "Praktisk og variert opplæring", "Medborgerskap, etisk handling og bærekraft",
    "Kommunikasjon og samarbeid",
]
TEACHERS = [("Anne Aasen", "anne.aasen"), ("Bjørn Berntsen", "bjorn.berntsen"), ("Cecilie Dahl", "cecilie.dahl"),
            ("Erik Fossum", "erik.fossum"), ("Frida Gran", "frida.gran")]
SURVEY_SCHOOLS = 6


def _number(*parts, low, high) -> Decimal:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    share = int.from_bytes(digest[:4], "big") / 2 ** 32
    return Decimal(str(round(low + share * (high - low), 2)))


def seed_network(municipality, start_year: int, *, suffix: str = "", topics=(), indicators=()) -> CompetenceMeasure:
    """The network's round in the school year starting in ``start_year`` (idempotent)."""
    title = f"{NETWORK} {start_year}–{str(start_year + 1)[2:]}{suffix}"
    measure, created = CompetenceMeasure.objects.get_or_create(
        municipality=municipality, title=title,
        defaults=dict(kind=MeasureKind.NETWORK, purpose=PURPOSE, target_group=TARGET, places=50,
                      starts_on=date(start_year, 11, 1), ends_on=date(start_year + 1, 4, 30), partner=PARTNER,
                      expectations=EXPECTATIONS))
    if created:
        for group, place, days in GROUPS:
            for month, day in days:
                year = start_year if month >= 8 else start_year + 1
                MeasureSession.objects.create(measure=measure, date=date(year, month, day), starts_at=time(13, 0),
                                              ends_at=time(16, 0), place=place, group=group)
        measure.topics.set(topics)
        measure.indicators.set(indicators)
    return measure


def seed_sign_ups(measure, schools, users, *, per_school: int = 2) -> None:
    """``per_school`` teachers of each school signed up by its rector (places in order), idempotent."""
    rectors = {ra.unit_id: ra.user for user in users for ra in user.role_assignments.all() if ra.unit_id}
    rows = []
    existing = set(measure.participants.values_list("email", flat=True))
    # 15 September before the measure starts
    start = measure.starts_on
    moment = timezone.make_aware(timezone.datetime(start.year if start.month >= 9 else start.year - 1, 9, 15, 9, 0))
    taken = measure.participants.filter(status=ParticipantStatus.PLACE).count()
    for s, school in enumerate(schools):
        for name, handle in TEACHERS[:per_school]:
            email = f"{handle}.{school.pk}@skole.invalid"
            if email in existing:
                continue
            status = ParticipantStatus.PLACE if taken < measure.places else ParticipantStatus.WAITING
            taken += status == ParticipantStatus.PLACE
            rows.append(Participant(measure=measure, unit=school, name=name, email=email, status=status,
                                    signed_up_by=rectors.get(school.pk),
                                    signed_up_at=moment + timezone.timedelta(minutes=s * 10 + len(rows))))
    Participant.objects.bulk_create(rows)


def seed_survey(municipality, title: str, conducted_on: date, schools, *, better=(), drift=False) -> CompetenceSurvey:
    """A survey round with the seed's topics for the municipality and some schools; the topics in
    ``better`` have smaller gaps than the round before (deterministic values)."""
    survey, _created = CompetenceSurvey.objects.get_or_create(municipality=municipality, title=title,
                                                              defaults={"conducted_on": conducted_on})
    topics = {t.name: t for t in CompetenceTopic.objects.filter(municipality=municipality)}
    for name in TOPICS:
        if name not in topics:
            topics[name] = CompetenceTopic.objects.create(municipality=municipality, name=name)
    stored = set(survey.results.values_list("topic_id", "unit_id"))
    rows = []
    for unit in [None, *schools]:
        for name in TOPICS:
            if (topics[name].pk, unit.pk if unit else None) in stored:
                continue
            satisfaction = _number(name, unit and unit.pk, "s", low=2.4, high=3.9)
            importance = _number(name, unit and unit.pk, "i", low=3.4, high=4.7)
            if drift:  # a later round: a little up or down
                satisfaction += _number(name, unit and unit.pk, title, low=-0.12, high=0.1)
            if name in better:
                satisfaction = min(satisfaction + Decimal("0.5"), importance - Decimal("0.15"))
            rows.append(SurveyResult(survey=survey, topic=topics[name], unit=unit, satisfaction=satisfaction,
                                     importance=importance,
                                     answers=int(_number(name, unit and unit.pk, "n", low=12, high=40))
                                     * (30 if unit is None else 1)))
    SurveyResult.objects.bulk_create(rows)
    return survey


def seed(context: dict) -> None:
    municipality = context["municipality"]
    schools = context["schools"]
    users = context.get("users", {})
    year = current_school_year()
    seed_survey(municipality, f"Kompetanseundersøkelse våren {year - 1}", date(year - 1, 5, 15),
                schools[:SURVEY_SCHOOLS])
    seed_survey(municipality, f"Kompetanseundersøkelse våren {year}", date(year, 5, 15), schools[:SURVEY_SCHOOLS],
                better=NETWORK_TOPICS, drift=True)
    topics = list(CompetenceTopic.objects.filter(municipality=municipality, name__in=NETWORK_TOPICS))
    indicators = list(Indicator.objects.filter(code__in=["EU_MOTIVASJON", "EU_MESTRING"], is_local=False))
    rectors = [u for name, u in users.items() if name.startswith("rektor")]
    last = seed_network(municipality, year - 1, topics=topics, indicators=indicators)
    seed_sign_ups(last, schools[:8], rectors)
    this = seed_network(municipality, year, topics=topics, indicators=indicators)
    seed_sign_ups(this, schools[1:4], rectors, per_school=2)
    workshop, created = CompetenceMeasure.objects.get_or_create(
        municipality=municipality, title="Verksted: § 9 A for nyutdannede lærere",
        defaults=dict(kind=MeasureKind.WORKSHOP, places=20, starts_on=date(year + 1, 1, 20),
                      ends_on=date(year + 1, 1, 20), target_group="Nyutdannede lærere",
                      purpose="Elevenes rett til et trygt og godt skolemiljø: aktivitetsplikten i praksis.",
                      expectations="Ta med en aktuell sak fra egen skole (anonymisert)."))
    if created:
        MeasureSession.objects.create(measure=workshop, date=date(year + 1, 1, 20), starts_at=time(12, 0),
                                      ends_at=time(15, 30), place="Rådhuset, møterom 3")
        workshop.topics.set(CompetenceTopic.objects.filter(municipality=municipality,
                                                           name__in=["Mobbing og andre krenkelser",
                                                                     "Trygt og godt skole- og læringsmiljø"]))
    # The workshop is full: the first school's two (the demo rector's) signed up last and wait.
    seed_sign_ups(workshop, [*schools[1:11], *schools[:1]], rectors)
