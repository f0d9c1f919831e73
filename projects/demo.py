"""Demo: the "Læringsløp Drammen" quality plan as the status of 15 January 2016 describes it
(seed drammen-2016-status): a steering group with leader and secretary, four project groups
covering the learning pathway, the phases and their mandates, a first action-plan draft,
input from a school and a status report. People are the demo municipality's invented users."""
import datetime

from django.utils import timezone

from laeringslop.services import upsert

from . import demo_expectations
from .models import (
    ActionPlanDraft,
    Expectation,
    Goal,
    GroupKind,
    GroupMembership,
    Input,
    InputStatus,
    Mandate,
    MandateStatus,
    MemberCategory,
    MemberRole,
    Phase,
    ProjectGroup,
    QualityPlan,
    ReportItem,
    Stage,
    StatusReport,
)

PLAN_NAME = "Læringsløp Drammen – å lykkes i hele læringsløpet"
D = datetime.date
START = D(2015, 8, 15)

GOALS = [
    "Alle barn og unge opplever mestring og utvikling i hele læringsløpet",
    "Gode overganger mellom barnehage, skole og videregående opplæring",
    "Felles kultur for læring i barnehager og skoler",
]
EXPECTATIONS = [
    ("Vurdering for læring", "Barn og elever vet hva de skal lære\nTilbakemeldinger viser veien videre"),
    ("Et godt og inkluderende læringsmiljø", "Alle opplever trygghet og tilhørighet\nMobbing avdekkes og stoppes raskt"),
    ("Profesjonelle læringsfellesskap", "Ansatte deler og drøfter praksis\nLedere går foran i utviklingsarbeidet"),
]
PHASES = [
    (1, "Første prosjektfase: svare opp prosjektmandatet", D(2015, 8, 15), D(2016, 1, 29)),
    (2, "Andre prosjektfase: videre arbeid med første utkast", D(2016, 1, 29), D(2016, 6, 30)),
    (3, "Tredje prosjektfase: helhet og sammenheng", D(2016, 8, 15), D(2016, 12, 16)),
]
PROJECT_GROUPS = [
    ("Prosjektgruppe barnehage", Stage.KINDERGARTEN, "styrer"),
    ("Prosjektgruppe barnetrinn", Stage.PRIMARY, "rektor"),
    ("Prosjektgruppe ungdomstrinn", Stage.LOWER_SECONDARY, "rektor03"),
    ("Prosjektgruppe videregående", Stage.UPPER_SECONDARY, "radgiver2"),
]
DRAFT_TEXT = """Læringsløp Drammen – første utkast til handlingsplan

1. Tidlig innsats: språk i barnehagen, lesing og regning fra første trinn.
2. Overganger: felles rutiner barnehage–skole og barnetrinn–ungdomstrinn.
3. Læringsmiljø: alle barnehager og skoler arbeider med trygghet og tilhørighet.
4. Kompetanse: profesjonelle læringsfellesskap i hver enhet."""


def seed_drammen_plan(context: dict) -> None:
    municipality, users = context["municipality"], context["users"]
    plan, _c, _ch = upsert(QualityPlan, {"municipality": municipality, "name": PLAN_NAME}, {
        "start_year": 2016, "end_year": 2020,
        "vision": "Å lykkes i hele læringsløpet – fra barnehage til og med videregående opplæring.",
        "focus_areas": "Tidlig innsats\nGode overganger\nLæringsmiljø\nProfesjonelle læringsfellesskap"})
    for order, title in enumerate(GOALS, start=1):
        upsert(Goal, {"plan": plan, "title": title}, {"order": order})
    for order, (title, signs) in enumerate(EXPECTATIONS, start=1):
        expectation, _c, _ch = upsert(Expectation, {"plan": plan, "title": title}, {"order": order})
        demo_expectations.set_signs(expectation, signs.splitlines())
    phases = {number: upsert(Phase, {"plan": plan, "number": number},
                             {"name": name, "start_date": start, "end_date": end})[0]
              for number, name, start, end in PHASES}

    steering, _c, _ch = upsert(ProjectGroup, {"plan": plan, "name": "Styringsgruppe for Læringsløp Drammen"}, {
        "kind": GroupKind.STEERING, "stage": Stage.ALL, "parent": None, "start_date": START,
        "description": "Leder: utdanningsdirektøren. Sekretær: leder for kompetansesenteret."})

    def member(group, *, user=None, name="", role=MemberRole.MEMBER, category=MemberCategory.OTHER, org=""):
        lookup = {"group": group, "user": user} if user else {"group": group, "person_name": name}
        upsert(GroupMembership, lookup, {"role": role, "category": category, "organisation": org,
                                         "start_date": START, "end_date": None})

    member(steering, user=users["direktor"], role=MemberRole.LEADER, category=MemberCategory.ADMINISTRATION,
           org="Utdanningsdirektør")
    member(steering, user=users["radgiver"], role=MemberRole.SECRETARY, category=MemberCategory.ADMINISTRATION,
           org="Leder for kompetansesenteret")
    member(steering, name="Gunn Aasen", category=MemberCategory.POLITICIAN, org="Hovedutvalg for oppvekst")
    member(steering, name="Petter Lund", category=MemberCategory.UNION, org="Utdanningsforbundet")

    groups = []
    for name, stage, lead in PROJECT_GROUPS:
        group, _c, _ch = upsert(ProjectGroup, {"plan": plan, "name": name}, {
            "kind": GroupKind.PROJECT, "stage": stage, "parent": steering, "start_date": START})
        groups.append(group)
        member(group, user=users[lead], role=MemberRole.LEADER,
               category=MemberCategory.ADMINISTRATION if lead.startswith("radgiver") else MemberCategory.UNIT_LEADER)
        member(group, name=f"Tillitsvalgt, {name.split()[-1]}", category=MemberCategory.UNION, org="Fagforbundet")
        upsert(Mandate, {"group": group, "phase": phases[1]}, {
            "title": f"Prosjektmandat for {name.lower()}", "status": MandateStatus.ADOPTED,
            "adopted_on": D(2015, 9, 11),
            "text": "Prosjektgruppa skal svare opp prosjektmandatet for sin del av læringsløpet, "
                    "i samarbeid med barnehagene og skolene, innen desember 2015."})
    upsert(Mandate, {"group": steering, "phase": phases[1]}, {
        "title": "Prosjektmandat for Læringsløp Drammen", "status": MandateStatus.ADOPTED,
        "adopted_on": D(2015, 9, 11),
        "text": "Styringsgruppa vedtar mandat og sammensetning av fire prosjektgrupper som dekker hele "
                "læringsløpet fra barnehage til og med videregående nivå."})
    upsert(Mandate, {"group": steering, "phase": phases[2]}, {
        "title": "Andre prosjektmandat", "status": MandateStatus.DRAFT, "adopted_on": None,
        "text": "Prosjektgruppene, barnehagene og skolene jobber videre med første handlingsplanutkast."})

    draft, _c, _ch = upsert(ActionPlanDraft, {"plan": plan, "number": 1}, {
        "title": "Handlingsplan for Læringsløp Drammen", "text": DRAFT_TEXT, "status": "draft",
        "created_by": users["radgiver"]})
    school = context["schools"][0]
    upsert(Input, {"group": groups[1], "unit": school, "title": "Innspill om overgangen fra barnehage"}, {
        "text": "Vi foreslår felles besøksdager og en felles mal for overføringssamtaler.",
        "submitted_by": users["rektor"], "status": InputStatus.PROCESSED, "processed_by": users["radgiver"],
        "processed_at": timezone.make_aware(datetime.datetime(2015, 12, 14, 12, 0)), "draft": draft})
    upsert(Input, {"group": groups[0], "unit": context["kindergartens"][0], "title": "Språkarbeid i barnehagen"}, {
        "text": "Språkløyper og felles kartlegging bør være med i handlingsplanen.",
        "submitted_by": users["styrer"], "status": InputStatus.SUBMITTED})

    report, _c, _ch = upsert(StatusReport, {"plan": plan, "group": None, "as_of": D(2016, 1, 12)}, {
        "description": "Læringsløp Drammen styres som et prosjekt med tydelige milepæler. Fire prosjektgrupper "
                       "dekker hele læringsløpet fra barnehage til og med videregående nivå.",
        "challenges": "Bearbeide de mange innspillene til et helhetlig første utkast til handlingsplan.",
        "comments": "Engasjementet har vært på topp, deltakelsen bred og innspillene mange.",
        "filled_in_by": users["radgiver"]})
    for order, (goal, measures, status) in enumerate([
        (GOALS[0], "Prosjektgruppene svarer opp prosjektmandatet", "Gjennomført fra september til desember"),
        (GOALS[1], "Innspill fra alle barnehager og skoler", "Innspillene er mottatt og bearbeides"),
        (GOALS[2], "Samling for prosjektgruppene på Holmsbu", "Gjennomført 19. oktober"),
    ], start=1):
        upsert(ReportItem, {"report": report, "order": order}, {"goal": goal, "measures": measures, "status": status})

    context.update(drammen_plan=plan, drammen_steering=steering, drammen_groups=groups,
                   drammen_phases=phases, drammen_draft=draft)


CURRENT_PLAN_NAME = "Kvalitetsplan for oppvekst i Elvedal 2025–2029"


def seed_current_plan(context: dict) -> None:
    """A plan for today's yearly cycle, so that milestones due soon (and one late) show in the demo."""
    municipality, users = context["municipality"], context["users"]
    plan, _c, _ch = upsert(QualityPlan, {"municipality": municipality, "name": CURRENT_PLAN_NAME}, {
        "start_year": 2025, "end_year": 2029,
        "vision": "Alle barn og unge i Elvedal lærer, mestrer og trives – hver dag.",
        "focus_areas": "Lesing og regning\nLæringsmiljø\nDialog om resultater med hver skole"})
    phase, _c, _ch = upsert(Phase, {"plan": plan, "number": 1}, {
        "name": "Årshjulet 2026–27: Læringsspeil og utviklingssamtaler",
        "start_date": D(2026, 8, 1), "end_date": D(2027, 6, 30)})
    steering, _c, _ch = upsert(ProjectGroup, {"plan": plan, "name": "Styringsgruppe for kvalitetsplanen"}, {
        "kind": GroupKind.STEERING, "stage": Stage.ALL, "parent": None, "start_date": D(2025, 8, 1),
        "description": "Leder: utdanningsdirektøren. Sekretær: rådgiver i skoleeierteamet."})
    for user, role in ((users["direktor"], MemberRole.LEADER), (users["radgiver"], MemberRole.SECRETARY)):
        upsert(GroupMembership, {"group": steering, "user": user}, {
            "role": role, "category": MemberCategory.ADMINISTRATION, "organisation": "",
            "start_date": D(2025, 8, 1), "end_date": None})
    context.update(current_plan=plan, current_phase=phase, current_steering=steering)


def seed(context: dict) -> None:
    seed_drammen_plan(context)
    seed_current_plan(context)
    demo_expectations.seed(context)  # the current plan's expectations, signs of quality and measures
