"""Demo: the "Læringsløp Drammen" quality plan as the status of 15 January 2016 describes it
(seed drammen-2016-status): a steering group with leader and secretary, four project groups
covering the learning pathway, the phases and their mandates, a first action-plan draft,
input from a school and a status report — archived, as its period ended in 2020. And the current
plan, 2025–2029, with its goals, expectations, phases, groups, mandates and a status report
(seeds drammen-2020-skoleeier, sorum-2008-statusrapport). People are the demo municipality's
invented users."""
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
CURRENT_FIRST, CURRENT_LAST = 2025, 2029


def current_school_year():
    """The school year the demo's current plan is in now: today's, kept inside the plan's period
    (its first year is the preparatory 2025-26, its last school year starts in 2028)."""
    from laeringslop.schoolyear import SchoolYear

    return SchoolYear(min(max(SchoolYear.current().start, CURRENT_FIRST + 1), CURRENT_LAST - 1))


#: Goals and shared expectations («Forventningsblomsten») with their signs of quality, after the
#: school owner's plan in seed drammen-2020-skoleeier, adapted to Elvedal's plan for 2025–2029.
CURRENT_GOALS = [
    ("Alle barn og elever opplever mestring, motivasjon og lærelyst",
     "Undervisningen stimulerer den enkeltes motivasjon, lærelyst og tro på egen mestring."),
    ("Et trygt og godt barnehage-, skole- og læringsmiljø for alle",
     "Ingen skal oppleve mobbing eller andre krenkelser; det som skjer, avdekkes og stoppes raskt."),
    ("Profesjonsfellesskap som utvikler praksis i hver barnehage og skole",
     "Lærere, ledere og andre ansatte reflekterer over felles verdier og vurderer og videreutvikler sin praksis."),
    ("Helhet og sammenheng i hele læringsløpet",
     "Gode overganger fra barnehage til skole, fra barnetrinn til ungdomstrinn og videre til videregående."),
]
#: The working groups under the steering group (seed drammen-2020-skoleeier: «Arbeidsgruppen»,
#: «Profesjonsfellesskap og lederutvikling», «Elevens læring og kvalitetsoppfølging», «Digital
#: transformasjon – teknologi og læring»), and one for the transitions from kindergarten.
CURRENT_GROUPS = [
    ("Arbeidsgruppe profesjonsfellesskap og lederutvikling", Stage.ALL, "rektor03", "radgiver2",
     "Skoleledere, skoleeierteam og ressurspersoner.",
     "Arbeidsgruppa skal bidra til at skolelederne er rustet til å lede profesjonelle læringsfellesskap, og "
     "foreslå felles kjennetegn på kvalitet for forventningen «Profesjonsfellesskap og delingskultur». "
     "Leveranse: forslag til kjennetegn og opplegg for skoleledermøtene."),
    ("Arbeidsgruppe elevens læring og kvalitetsoppfølging", Stage.PRIMARY, "rektor", "radgiver",
     "Skoleledere, skoleeierteam, fagrådgiver for analyse og oppfølging.",
     "Arbeidsgruppa skal utvikle bruken av Læringsspeilet i skolene, slik at resultatene ses i sammenheng og "
     "brukes i utviklingsplanen. Leveranse: forslag til spørsmål i egenvurderingen og til oppfølging etter "
     "utviklingssamtalene."),
    ("Arbeidsgruppe digital transformasjon – teknologi og læring", Stage.LOWER_SECONDARY, "rektor05", "radgiver3",
     "Digital agent, skoleledere og ressurspersoner.",
     "Arbeidsgruppa skal beskrive hva god pedagogisk bruk av teknologi er i Elvedal, og foreslå tiltak for "
     "digital kompetanse hos ansatte og elever."),
    ("Prosjektgruppe overganger barnehage–skole", Stage.KINDERGARTEN, "styrer", "rektor04",
     "Styrere, rektorer og PPT.",
     "Prosjektgruppa skal lage felles rutiner for overgangen fra barnehage til skole, med besøksdager og en "
     "felles mal for overføringssamtaler, i samarbeid med barnehagene og skolene."),
]
CURRENT_REPORT = {
    "description": "Kvalitetsplanen for oppvekst 2025–2029 styres som et prosjekt med styringsgruppe og fire "
                   "arbeidsgrupper som dekker hele læringsløpet. Andre fase er årshjulet med Læringsspeil, "
                   "skolebesøk og utviklingssamtaler med hver rektor.",
    "organisation_notes": "Tillitsvalgte er med i styringsgruppa og i hver arbeidsgruppe. Styringsgruppa vil "
                          "bli forelagt en endring i sammensetningen av prosjektgruppa for overganger.",
    "challenges": "Arbeidet er stort og krever ressurser til organisering. Avgjørende at lederne holder "
                  "arbeidet levende i egen virksomhet, og at noen metoder prøves raskt ut og spres til "
                  "øvrige medarbeidere.",
    "comments": "En rektor inviterte barnehagene i nærmiljøet til å bruke skolens spesialrom – det hadde "
                "kanskje ikke skjedd uten samarbeidet i prosjektgruppa.",
}
CURRENT_REPORT_ITEMS = [
    ("Skoleledermøter om vurdering for læring og elevmedvirkning", "Gjennomført som planlagt, god deltakelse"),
    ("Felles kartlegging av læringsmiljøet; Elevundersøkelsen i alle skoler", "Resultatene er i Læringsspeilet"),
    ("Nettverk for profesjonsfellesskap med skolebasert kompetanseutvikling", "I gang, tre samlinger avholdt"),
    ("Felles rutiner for overføringssamtaler barnehage–skole", "Første utkast drøftet i prosjektgruppa"),
]


def seed_current_plan(context: dict) -> None:
    """A plan for today's yearly cycle with real content: goals, three phases, a steering group and four working groups with members and mandates, and a
    status report (its shared expectations and their signs of quality: ``demo_expectations``). Its dates follow today's school year (``current_school_year``)."""
    municipality, users = context["municipality"], context["users"]
    year = current_school_year()
    today = timezone.localdate()
    plan, _c, _ch = upsert(QualityPlan, {"municipality": municipality, "name": CURRENT_PLAN_NAME}, {
        "start_year": CURRENT_FIRST, "end_year": CURRENT_LAST,
        "vision": "Alle barn og unge i Elvedal lærer, mestrer og trives – hver dag.",
        "focus_areas": "Lesing og regning\nLæringsmiljø\nProfesjonsfellesskap\nDialog om resultater med hver skole"})
    for order, (title, description) in enumerate(CURRENT_GOALS, start=1):
        upsert(Goal, {"plan": plan, "title": title}, {"order": order, "description": description})
    phase_rows = [
        (1, "Forankring: felles forventninger og kjennetegn på kvalitet", D(CURRENT_FIRST, 8, 1),
         D(year.start, 7, 31)),
        (2, f"Årshjulet {year.label}: Læringsspeil, skolebesøk og utviklingssamtaler", year.first_day,
         D(year.start + 1, 6, 30)),
        (3, "Utprøving, spredning og evaluering av planen", D(year.start + 1, 8, 1), D(CURRENT_LAST, 12, 31)),
    ]
    phases = {number: upsert(Phase, {"plan": plan, "number": number},
                             {"name": name, "start_date": start, "end_date": end})[0]
              for number, name, start, end in phase_rows}
    start = D(CURRENT_FIRST, 8, 1)
    steering, _c, _ch = upsert(ProjectGroup, {"plan": plan, "name": "Styringsgruppe for kvalitetsplanen"}, {
        "kind": GroupKind.STEERING, "stage": Stage.ALL, "parent": None, "start_date": start,
        "description": "Leder: utdanningsdirektøren. Sekretær: rådgiver i skoleeierteamet. Politikere, "
                       "tillitsvalgte og en rektor er med."})

    def member(group, *, user=None, name="", role=MemberRole.MEMBER, category=MemberCategory.OTHER, org=""):
        lookup = {"group": group, "user": user} if user else {"group": group, "person_name": name}
        upsert(GroupMembership, lookup, {"role": role, "category": category, "organisation": org,
                                         "start_date": start, "end_date": None})

    member(steering, user=users["direktor"], role=MemberRole.LEADER, category=MemberCategory.ADMINISTRATION)
    member(steering, user=users["radgiver"], role=MemberRole.SECRETARY, category=MemberCategory.ADMINISTRATION)
    member(steering, user=users["rektor"], category=MemberCategory.UNIT_LEADER, org="Rektorene")
    member(steering, name="Hilde Sand", category=MemberCategory.POLITICIAN, org="Hovedutvalg for oppvekst")
    member(steering, name="Arne Vik", category=MemberCategory.POLITICIAN, org="Hovedutvalg for oppvekst")
    member(steering, name="Mona Dahl", category=MemberCategory.UNION, org="Utdanningsforbundet")
    upsert(Mandate, {"group": steering, "phase": phases[2]}, {
        "title": f"Mandat for styringsgruppa {year.label}", "status": MandateStatus.ADOPTED,
        "adopted_on": min(today, year.first_day + datetime.timedelta(days=20)),
        "text": "Styringsgruppa leder arbeidet med kvalitetsplanen, vedtar mandat og sammensetning for "
                "arbeidsgruppene, følger milepælene og statusrapportene, og legger fram årets kvalitetsmelding "
                "for kommunestyret (opplæringslova § 17-12)."})
    groups = []
    for name, stage, lead, secretary, description, mandate_text in CURRENT_GROUPS:
        group, _c, _ch = upsert(ProjectGroup, {"plan": plan, "name": name}, {
            "kind": GroupKind.PROJECT, "stage": stage, "parent": steering, "start_date": start,
            "description": description})
        groups.append(group)
        member(group, user=users[lead], role=MemberRole.LEADER, category=MemberCategory.UNIT_LEADER)
        member(group, user=users[secretary], role=MemberRole.SECRETARY, category=MemberCategory.ADMINISTRATION)
        member(group, name=f"Tillitsvalgt, {name.split(' ', 1)[1]}", category=MemberCategory.UNION,
               org="Utdanningsforbundet")
        upsert(Mandate, {"group": group, "phase": phases[2]}, {
            "title": f"Mandat for {name[0].lower()}{name[1:]} {year.label}", "status": MandateStatus.ADOPTED,
            "adopted_on": min(today, year.first_day + datetime.timedelta(days=20)), "text": mandate_text})
    report, _c, _ch = upsert(StatusReport, {"plan": plan, "group": None, "filled_in_by": users["radgiver"]}, {
        "as_of": min(today, D(year.start, 11, 15)), **CURRENT_REPORT})
    for order, (measures, status) in enumerate(CURRENT_REPORT_ITEMS, start=1):
        upsert(ReportItem, {"report": report, "order": order}, {
            "goal": CURRENT_GOALS[order - 1][0], "measures": measures, "status": status})
    context.update(current_plan=plan, current_phase=phases[2], current_steering=steering, current_groups=groups,
                   current_year=year)


def archive_drammen_plan(context: dict) -> None:
    """The 2016–2020 plan ended long ago: it is archived (by the director), kept as history."""
    plan = context["drammen_plan"]
    if not plan.is_archived:
        from .services import quality_plan_archive

        quality_plan_archive(plan=plan, user=context["users"]["direktor"])


def seed(context: dict) -> None:
    seed_drammen_plan(context)
    seed_current_plan(context)
    archive_drammen_plan(context)
    demo_expectations.seed(context)  # the current plan's expectations, signs of quality and measures
