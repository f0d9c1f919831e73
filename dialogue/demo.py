"""Demo data for the yearly dialogue: five years of plausible indicator values for the demo
schools, the municipality and the nation; last year's Læringsspeil with every self-assessment
submitted, and this year's with some drafts and some not started.

All numbers are invented (deterministic pseudo-random). Idempotent: values are created only for
keys that are missing, set-ups through ``upsert``, assessments only when the school has none.
"""
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from indicators.models import Indicator, IndicatorValue, Level
from laeringslop.services import upsert

from .demo_kindergartens import kindergarten_indicators
from .demo_kindergartens import seed as seed_kindergartens
from .models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    Dialogue,
    EventKind,
    FollowUpTask,
    MirrorYear,
    Question,
    SchoolVisit,
    TaskKind,
    TaskStatus,
)
from .selectors import current_school_year
from .selectors.cycle import schools_taking_part_now

YEARS = 5
NATIONAL_TESTS = ["NPLES05", "NPREG05", "NPENG05", "NPLES08", "NPREG08", "NPENG08", "NPLES09", "NPREG09"]
SURVEY = ["EU_TRIVSEL", "EU_STOTTE_LAERER", "EU_VURDERING", "EU_MOTIVASJON", "EU_MOBBING"]
CHOSEN = NATIONAL_TESTS + ["GSP"] + SURVEY
#: (area, text, has_rating)
QUESTIONS = [
    ("learning_results", "Hva forteller resultatene på nasjonale prøver om elevenes læring, og hva forklarer "
                         "utviklingen siden i fjor?", True),
    ("learning_results", "Hvilke tiltak vil skolen prioritere for å styrke elevenes grunnleggende ferdigheter i "
                         "lesing og regning?", False),
    ("learning_environment", "Hvordan vurderer skoleledelsen og personalet læringsmiljøet, og hva gjør skolen "
                             "med mobbing og krenkelser?", True),
    ("learning_environment", "Hvordan har skolen brukt resultatene fra Elevundersøkelsen sammen med elevene?",
     False),
    ("completion", "Hvordan samarbeider skolen med barnehagene og de videregående skolene om overgangene i "
                   "læringsløpet?", True),
    ("completion", "Hvilken hjelp, støtte eller veiledning ønsker skolen fra skoleeier det neste året?", False),
]
ANSWERS = [
    "Personalet har gått gjennom resultatene på fellesmøte. Vi ser framgang i regning, mens lesing på "
    "mellomtrinnet ligger omtrent som i fjor.",
    "Vi viderefører lesekurs i små grupper og innfører felles opplegg for regnestrategier på alle trinn.",
    "Elevene trives, men noen opplever krenkelser i friminuttene. Vi har styrket inspeksjonen og aktivitetsplikten.",
    "Klassene har drøftet resultatene i klassens time, og elevrådet har kommet med forslag til tiltak.",
    "Vi har faste overføringsmøter med barnehagene og hospitering for 10. trinn i videregående.",
    "Vi ønsker veiledning i analyse av resultater og støtte til kompetanseheving i klasseledelse.",
]

#: Each question's answer, by the question's text (the answers follow the questions above).
ANSWER_FOR = {text: answer for (_area, text, _rating), answer in zip(QUESTIONS, ANSWERS, strict=False)}


def _school_grades(school, indicator) -> list:
    if indicator.source == "pupil_survey":
        return [g for g in (7, 10) if school.serves_grade(g)]
    return [g for g in indicator.grades if school.serves_grade(g)]


def _dec(x, places=2):
    return Decimal(str(round(x, places)))


def demo_mastery(indicator, grade, value) -> dict:
    """A plausible share per mastery level for a national test's mean (details {"1": share, ...})."""
    if indicator.source != "national_tests" or value is None:
        return {}
    shift = (float(value) - 50) * 2.2
    if grade == 5:
        low, high = min(max(24 - shift, 3), 60), min(max(26 + shift, 3), 60)
        shares = [low, 100 - low - high, high]
    else:
        weights = [max(w, 1.0) for w in (8 - shift / 3, 22 - shift / 2, 38, 22 + shift / 2, 10 + shift / 3)]
        shares = [100 * w / sum(weights) for w in weights]
    return {str(level): round(share, 1) for level, share in enumerate(shares, start=1)}


def _groups(indicator, value, pupils, rng) -> dict:
    """Girls and boys (details["groups"]) beside a school's value: girls a little ahead in reading and the
    survey, boys in numeracy, as Udir's national figures show."""
    if value is None or pupils < 20:
        return {}
    if indicator.source == "national_tests":
        gap = 2.5 if "LES" in indicator.code else -1.5
        uncertainty = round(1.96 * 10 / (pupils / 2) ** 0.5, 2)
        extra = {"uncertainty": uncertainty}
    elif indicator.code == "EU_MOBBING":
        gap, extra = -0.8, {}
    elif indicator.source == "pupil_survey":
        gap, extra = 0.06, {}
    else:
        gap, extra = 2.0, {}
    noise = rng.gauss(0, abs(gap) / 2)
    girls, boys = pupils // 2, pupils - pupils // 2
    return {"groups": {"girls": {"value": round(float(value) + gap / 2 + noise, 2), "pupils": girls, **extra},
                       "boys": {"value": round(float(value) - gap / 2 - noise, 2), "pupils": boys, **extra}}}


def _values(schools, municipality, indicators, years) -> dict:
    """Every wanted value, keyed like the database's unique constraint."""
    rows = {}
    for ind in indicators:
        rng = random.Random(f"nation-{ind.code}")
        for grade in ([7, 10] if ind.source == "pupil_survey" else ind.grades):
            for k, year in enumerate(years):
                if ind.source == "national_tests":
                    nation = 50 + rng.uniform(-0.6, 0.6)
                elif ind.code == "EU_MOBBING":
                    nation = 7.5 - 0.2 * k + rng.uniform(-0.3, 0.3)
                elif ind.source == "pupil_survey":
                    nation = 4.0 + 0.01 * k + rng.uniform(-0.03, 0.03)
                else:
                    nation = 41.3 + 0.15 * k + rng.uniform(-0.2, 0.2)
                rows[(ind.pk, year, grade, Level.NATION, "I")] = dict(
                    value=_dec(nation), pupil_count=None, uncertainty=None, area_name="Hele landet", unit=None,
                    details=demo_mastery(ind, grade, nation))
    for s_index, school in enumerate(schools):
        small = s_index % 11 == 10  # a few small schools, whose groups are often suppressed
        rng = random.Random(f"school-{school.org_number}")
        effect = rng.gauss(0, 3)
        climate = rng.gauss(0, 0.18)
        for ind in indicators:
            for grade in _school_grades(school, ind):
                for k, year in enumerate(years):
                    r = random.Random(f"{school.org_number}-{ind.code}-{grade}-{year}")
                    pupils = r.randint(6, 14) if small else r.randint(28, 95)
                    suppressed = pupils < 10
                    uncertainty = None
                    if ind.source == "national_tests":
                        value = 50 + effect + 0.3 * k + r.gauss(0, 2.2)
                        uncertainty = _dec(1.96 * 10 / pupils ** 0.5) if k % 2 == 0 else None
                    elif ind.code == "EU_MOBBING":
                        value = min(max(7.5 - 8 * climate + r.gauss(0, 2.0), 1.0), 20.0)
                    elif ind.source == "pupil_survey":
                        value = min(max(4.0 + climate + r.gauss(0, 0.12), 3.3), 4.6)
                    else:
                        value = 41.3 + effect / 2 + r.gauss(0, 1.2)
                    shown = None if suppressed else _dec(value)
                    rows[(ind.pk, year, grade, Level.SCHOOL, school.org_number)] = dict(
                        value=shown, suppressed=suppressed,
                        uncertainty=None if suppressed else uncertainty, pupil_count=pupils,
                        area_name=school.name, unit=school,
                        details={**demo_mastery(ind, grade, shown), **_groups(ind, shown, pupils, r)})
    # The municipality: the pupil-weighted mean of its schools' unsuppressed values.
    sums: dict = {}
    for (ind, year, grade, level, _code), row in rows.items():
        if level == Level.SCHOOL and row["value"] is not None:
            total = sums.setdefault((ind, year, grade), [0.0, 0])
            total[0] += float(row["value"]) * row["pupil_count"]
            total[1] += row["pupil_count"]
    by_pk = {ind.pk: ind for ind in indicators}
    for (ind, year, grade), (weighted, pupils) in sums.items():
        rows[(ind, year, grade, Level.MUNICIPALITY, municipality.number)] = dict(
            value=_dec(weighted / pupils), pupil_count=pupils, uncertainty=None, area_name=municipality.name,
            unit=None, details=demo_mastery(by_pk[ind], grade, weighted / pupils))
    return rows


def _seed_values(schools, municipality, indicators, years) -> int:
    wanted = _values(schools, municipality, indicators, years)
    existing = set(IndicatorValue.objects.filter(indicator__in=indicators, school_year__in=years)
                   .values_list("indicator_id", "school_year", "grade", "level", "area_code"))
    new = [IndicatorValue(indicator_id=ind, school_year=year, grade=grade, level=level, area_code=code, **row)
           for (ind, year, grade, level, code), row in wanted.items() if (ind, year, grade, level, code) not in existing]
    IndicatorValue.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _mirror_year(municipality, year, indicators) -> MirrorYear:
    # The yearly cycle of the seed drammen-2019-laeringslop: results in November, school visits in the
    # autumn, self-assessment by mid-December, the dialogues in January, follow-up shared out by mid-February.
    mirror_year, _c, _ch = upsert(MirrorYear, {"municipality": municipality, "school_year": year}, {
        "results_expected_on": date(year, 11, 13), "visits_from": date(year, 9, 1), "visits_until": date(year, 12, 18),
        "deadline": date(year, 12, 15), "dialogues_from": date(year + 1, 1, 11),
        "dialogues_until": date(year + 1, 1, 29), "followup_due_on": date(year + 1, 2, 15), "status": "published",
        "published_at": timezone.make_aware(datetime(year, 10, 1, 9, 0)),
        "introduction": "Gå gjennom Læringsspeilet med hele personalet før ledelsen svarer på spørsmålene."})
    if set(mirror_year.indicators.values_list("pk", flat=True)) != {i.pk for i in indicators}:
        mirror_year.indicators.set(indicators)
    if not mirror_year.schools.exists():
        mirror_year.schools.set(schools_taking_part_now(municipality.pk))
    for order, (area, text, rating) in enumerate(QUESTIONS, start=1):  # the schools' (applies_to's default)
        upsert(Question, {"mirror_year": mirror_year, "order": order * 10},
               {"area": area, "text": text, "has_rating": rating})
    _link_expectations(mirror_year)
    return mirror_year


#: The questions (by their order) that ask about a shared expectation of the current plan, by its title
#: (projects/demo_expectations.py); the others are shown under «Andre spørsmål».
QUESTION_EXPECTATIONS = {10: "Identifisere praksisendring", 20: "Skolebasert kompetanseutvikling",
                         40: "Elevmedvirkning"}


def _link_expectations(mirror_year) -> None:
    from projects.expectations import expectations_for_year

    by_title = {e.title: e for e in expectations_for_year(mirror_year.municipality_id, mirror_year.school_year)}
    for question in mirror_year.questions.all():
        wanted = by_title.get(QUESTION_EXPECTATIONS.get(question.order, ""))
        if question.expectation_id != (wanted.pk if wanted else None):
            question.expectation = wanted
            question.save(update_fields=["expectation"])


def _assessment(mirror_year, school, rector, *, submit: bool, answered: int, day: date, seed: int):
    if Assessment.objects.filter(mirror_year=mirror_year, school=school).exists():
        return
    when = timezone.make_aware(datetime.combine(day, time(14, 30)))
    assessment = Assessment.objects.create(
        mirror_year=mirror_year, school=school,
        status=AssessmentStatus.SUBMITTED if submit else AssessmentStatus.DRAFT,
        staff_meeting_date=day - timedelta(days=7) if submit or answered > 3 else None,
        staff_involvement=("Resultatene ble gjennomgått på planleggingsdag med hele personalet, og "
                           "teamene ga skriftlige innspill til skoleledelsen.") if submit else "",
        submitted_at=when if submit else None, submitted_by=rector if submit else None,
    )
    for i, question in enumerate(mirror_year.questions_for(school)[:answered]):
        Answer.objects.create(assessment=assessment, question=question,
                              text=ANSWER_FOR.get(question.text, ANSWERS[i % len(ANSWERS)]),
                              rating=(2 + (seed + i) % 3) if question.has_rating else None)
    if submit:
        AssessmentEvent.objects.create(assessment=assessment, kind=EventKind.SUBMITTED, by=rector, at=when,
                                       reason="Levert etter fristen" if assessment.is_late else "")


@transaction.atomic
def seed(context: dict) -> None:
    municipality = context["municipality"]
    schools = context["schools"]
    users = context["users"]
    this_year = current_school_year()
    years = list(range(this_year - YEARS + 1, this_year + 1))
    indicators = list(Indicator.objects.filter(code__in=CHOSEN))
    _seed_values(schools, municipality, indicators, years)

    # The kindergarten indicators are chosen in the same years (Indicator.applies_to keeps them apart).
    chosen = indicators + kindergarten_indicators(municipality)
    last = _mirror_year(municipality, this_year - 1, chosen)
    current = _mirror_year(municipality, this_year, chosen)
    seed_kindergartens(context, years, last, current)
    for i, school in enumerate(schools):
        rector = users["rektor" if i == 0 else f"rektor{i + 1:02d}"]
        # Last year: everyone submitted, a few of them after the deadline.
        late = i % 8 == 5
        _assessment(last, school, rector, submit=True, answered=len(QUESTIONS), seed=i,
                    day=last.deadline + timedelta(days=3 if late else -(i % 10) - 1))
        # This year: a third submitted, a third drafts (the demo rector's among them), a third not started.
        if i % 3 == 1 and i != 0:
            _assessment(current, school, rector, submit=True, answered=len(QUESTIONS), seed=i,
                        day=min(timezone.localdate(), current.deadline) - timedelta(days=i % 5))
        elif i % 3 == 2 or i == 0:
            _assessment(current, school, rector, submit=False, answered=2 + i % 3, seed=i,
                        day=timezone.localdate())
    _repair_answers([last, current])
    _seed_followup(last, schools, users)
    _seed_visits(municipality, schools, users)
    context.update(mirror_years={"last": last, "current": current})


def _repair_answers(mirror_years) -> int:
    """Earlier seeds put the demo answers under the wrong questions: move each demo text to its question.

    Only the seed's own texts are touched, and only where they differ, so a second run changes nothing.
    """
    changed = 0
    for answer in (Answer.objects.filter(assessment__mirror_year__in=mirror_years, text__in=ANSWERS)
                   .select_related("question")):
        wanted = ANSWER_FOR.get(answer.question.text)
        if wanted is not None and answer.text != wanted:
            answer.text = wanted
            answer.save(update_fields=["text"])
            changed += 1
    return changed


#: Last year's dialogues (January): (school index, day in January, support needs).
DIALOGUES = [
    (0, 12, "Veiledning i analyse av resultatene på nasjonale prøver; støtte til klasseledelse på mellomtrinnet."),
    (1, 13, "Hjelp til å følge opp Elevundersøkelsen med elevrådet."),
    (2, 14, "Støtte i arbeidet med aktivitetsplikten og friminuttene."),
    (3, 19, "Veiledning om overgangen fra barnehage til skole."),
    (4, 20, ""),
    (5, 21, "Kompetanseheving i regning på 5.–7. trinn."),
]
#: (school index, kind, title, adviser, due: fixed (month, day) in the spring or days from today, done on)
TASKS = [
    (0, TaskKind.GUIDANCE, "Gjennomgang av resultatene i lesing med ledergruppen", "radgiver", (3, 1), (2, 26)),
    (0, TaskKind.SUPPORT, "Støtte til plan for klasseledelse på mellomtrinnet", "radgiver", 21, None),
    (0, TaskKind.FOLLOW_UP, "Oppfølgingsmøte med rektor om tiltakene i lesing", "radgiver", 45, None),
    (1, TaskKind.FOLLOW_UP, "Oppfølging av Elevundersøkelsen med elevrådet", "radgiver", (4, 15), None),
    (1, TaskKind.GUIDANCE, "Veiledning av teamledere i resultatanalyse", "radgiver2", (3, 20), (3, 18)),
    (2, TaskKind.SUPPORT, "Støtte i arbeidet med aktivitetsplikten", "radgiver2", 30, None),
    (3, TaskKind.GUIDANCE, "Veiledning om overgangen barnehage–skole", "radgiver3", (5, 10), (5, 6)),
    (3, TaskKind.FOLLOW_UP, "Oppfølging av overgangsrutinene med barnehagene", "radgiver3", 60, None),
    (5, TaskKind.SUPPORT, "Kurs i regnestrategier for 5.–7. trinn", "radgiver", 14, None),
]


def _seed_followup(mirror_year, schools, users) -> None:
    """Last year's dialogues with the rectors and their follow-up tasks; created once, never rewritten
    (the open tasks' due dates are counted from the day they are first seeded)."""
    spring = mirror_year.school_year + 1
    dialogues = {}
    for index, day, needs in DIALOGUES:
        if index >= len(schools):
            continue
        school = schools[index]
        dialogues[index], _created, _changed = upsert(Dialogue, {"mirror_year": mirror_year, "school": school}, {
            "held_on": date(spring, 1, day),
            "participants": "Utdanningsdirektør Dina Dahl, rektor og rådgiver Rune Rasmussen",
            "summary": "Skolen viderefører satsingen på lesing og klasseledelse. Resultatene i regning følges "
                       "opp på neste ledermøte, og skolen rapporterer på tiltakene før sommeren.",
            "support_needs": needs, "recorded_by": users["direktor"]})
    existing = set(FollowUpTask.objects.filter(dialogue__in=dialogues.values()).values_list("dialogue_id", "title"))
    today = timezone.localdate()
    for index, kind, title, adviser, due, done in TASKS:
        dialogue = dialogues.get(index)
        if dialogue is None or (dialogue.pk, title) in existing:
            continue
        due_on = date(spring, *due) if isinstance(due, tuple) else today + timedelta(days=due)
        FollowUpTask.objects.create(
            dialogue=dialogue, kind=kind, title=title, responsible=users[adviser], due_on=due_on,
            description="Avtalt i utviklingssamtalen i januar.", created_by=users["direktor"],
            status=TaskStatus.DONE if done else TaskStatus.OPEN,
            completed_on=date(spring, *done) if done else None, completed_by=users[adviser] if done else None,
            completion_note="Gjennomført som avtalt." if done else "")


#: This autumn's school visits: (school index, days from the day first seeded, hour); the first is held.
VISITS = [(0, -12, 9), (1, 6, 9), (2, 8, 12), (3, 15, 9)]
HELD_NOTES = {
    "notes": "Ledelsen er presset av sykefravær på mellomtrinnet; følg opp i januar.",
    "agreed_notes": "Skolen viderefører lesesatsingen og prøver ut felles regnestrategier på 5.–7. trinn. "
                    "Resultatene fra Elevundersøkelsen gjennomgås med elevrådet før jul.",
    "support_input": "Veiledning i analyse av resultatene i regning; støtte til klasseledelse på mellomtrinnet.",
}


def _seed_visits(municipality, schools, users) -> None:
    """This autumn's visits (the director, an adviser and the rector), the first held with agreed notes;
    created once, never rewritten (their days are counted from the day they are first seeded)."""
    from laeringslop.schoolyear import SchoolYear

    today = timezone.localdate()
    for index, days, hour in VISITS:
        if index >= len(schools):
            continue
        school = schools[index]
        day = today + timedelta(days=days)
        year = SchoolYear.of(day).start
        if SchoolVisit.objects.filter(school=school, school_year=year).exists():
            continue
        starts_at = timezone.make_aware(datetime.combine(day, time(hour)))
        held = days < 0
        visit = SchoolVisit.objects.create(
            municipality=municipality, school=school, school_year=year, starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2), place=f"Møterommet, {school.name}", created_by=users["direktor"],
            topics="\n".join(["Lesing og regning", "Læringsmiljø", "Oppfølging fra i fjor: tiltakene i lesing"]),
            **(dict(HELD_NOTES, notes_agreed_at=starts_at + timedelta(days=2), notes_agreed_by=users["direktor"])
               if held else {}))
        rector = users["rektor" if index == 0 else f"rektor{index + 1:02d}"]
        visit.participants.set([users["direktor"], users["radgiver" if index % 2 == 0 else "radgiver2"], rector])
