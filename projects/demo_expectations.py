"""Demo: the current plan's shared expectations («Forventningsblomsten», seed drammen-2020-skoleeier,
developed in the working group and at the school-leader gatherings January–March 2020) with their signs
of quality («kjennetegn på kvalitet»: how it looks when an expectation is met), and measures (tiltak) of
its action plan aimed at the reading and bullying indicators, started a year or two ago.

Called from ``projects.demo.seed``; idempotent."""
import datetime

from django.db.models import Q

from indicators.models import Indicator
from laeringslop.services import upsert

from .models import Expectation, Measure, SignOfQuality

D = datetime.date

#: (expectation, its signs of quality) — the petals of the seed's flower, in its order. The signs of
#: «Overordnet del» are the seed's own; the others are written in the same spirit.
FLOWER = [
    ("Profesjonsfellesskap", [
        "Lærere, ledere og andre ansatte reflekterer sammen over felles verdier og vurderer og videreutvikler "
        "sin praksis",
        "Teamene har faste tider for å drøfte elevenes læring",
    ]),
    ("Skolebasert kompetanseutvikling", [
        "Kompetanseutviklingen tar utgangspunkt i skolens egne behov og resultater",
        "Hele personalet deltar, og det settes av tid til å prøve ut ny praksis",
    ]),
    ("Tverrfaglige temaer", [
        "Folkehelse og livsmestring, demokrati og medborgerskap og bærekraftig utvikling er planlagt på tvers "
        "av fag",
    ]),
    ("Elevmedvirkning", [
        "Elevene er med på å planlegge og vurdere egen læring",
        "Elevrådet blir hørt i saker som gjelder skolemiljøet",
    ]),
    ("Delingskultur", [
        "Ansatte deler opplegg, erfaringer og elevarbeider på tvers av trinn og skoler",
    ]),
    ("Levende utviklingsplan", [
        "Utviklingsplanen brukes i møtene gjennom året og justeres etter hva resultatene viser",
    ]),
    ("Felles begrepsforståelse: dybdelæring og kompetansebegrepet", [
        "Personalet bruker begrepene likt og kan gi eksempler fra egen undervisning",
    ]),
    ("Foreldreinvolvering", [
        "Foreldrene vet hva barna skal lære og hvordan de kan støtte dem",
        "Samarbeidet hjem–skole tas opp på hvert foreldremøte",
    ]),
    ("Læreplananalyse", [
        "Lærerne leser læreplanene på langs og på tvers sammen",
    ]),
    ("Underveisplanlegging", [
        "Undervisningen planlegges baklengs fra kompetansemålene",
    ]),
    ("Vurdering for læring", [
        "Elevene vet hva de skal lære og hva som er forventet av dem",
        "Tilbakemeldingene forteller elevene hvordan de kan bli bedre",
        "Elevene er med på å vurdere eget arbeid og egen utvikling",
    ]),
    ("Identifisere praksisendring", [
        "Skolen kan vise hva som er endret i klasserommet, og hvordan den vet at det virker",
    ]),
    ("Overordnet del – verdier og prinsipper som gjennomsyrer", [
        "Overordnet del gjennomsyrer planlegging, gjennomføring og vurdering av undervisning og "
        "utviklingsarbeid i hele organisasjonen",
        "Vi kan se spor av de grunnleggende prinsippene og verdiene for opplæringen i hele skolens virke",
        "Arbeidet ses i sammenheng med andre prosjekter, utviklingsområder og harmoniseringsarbeid: helhet og "
        "sammenheng",
    ]),
]

#: (title, description, responsible, starts on, expectation, indicator codes, schools: None = all, else the
#: first n demo schools with a grade 5); a responsible that is a demo user's username is that person, else text
MEASURES = [
    ("Lesing i alle fag", "Felles leseopplegg på alle trinn: lesestrategier i hvert fag, lesekurs i små grupper "
     "for elever under kritisk grense, og lesing som tema i profesjonsfellesskapet.",
     "Fagrådgiver for lesing, skoleeierteamet", D(2024, 8, 15), "Profesjonsfellesskap",
     ["NPLES05", "NPLES08", "NPLES09"], None),
    ("Trygt og godt skolemiljø – nulltoleranse for mobbing", "Aktivitetsplikten i praksis: felles rutiner for å "
     "avdekke og stoppe mobbing, trygge voksne i friminuttene, og elevrådets forslag fulgt opp på hver skole.",
     "Læringsstøttende team", D(2025, 1, 6), "Elevmedvirkning", ["EU_MOBBING", "EU_TRIVSEL"], None),
    ("Regnestrategier på mellomtrinnet", "Felles opplegg for regnestrategier og utforskende matematikk, med "
     "veiledning fra kompetansesenteret.", "radgiver2", D(2025, 8, 18), "Vurdering for læring",
     ["NPREG05"], 4),
]


def seed_expectations(context: dict, plan) -> dict:
    """The plan's expectations in the flower's order, each with its signs of quality."""
    found = {}
    for order, (title, signs) in enumerate(FLOWER, start=1):
        expectation, _c, _ch = upsert(Expectation, {"plan": plan, "title": title}, {"order": order})
        set_signs(expectation, signs)
        found[title] = expectation
    return found


def set_signs(expectation, signs) -> None:
    for order, text in enumerate(signs, start=1):
        upsert(SignOfQuality, {"expectation": expectation, "text": text}, {"order": order})
    SignOfQuality.objects.filter(expectation=expectation).exclude(text__in=signs).delete()


def seed_measures(context: dict, plan, expectations: dict) -> None:
    schools = context["schools"]
    users = context.get("users", {})
    for title, description, responsible, starts_on, expectation, codes, first_schools in MEASURES:
        person = users.get(responsible)
        measure, _c, _ch = upsert(Measure, {"plan": plan, "title": title}, {
            "description": description, "responsible": "" if person else responsible, "responsible_person": person,
            "starts_on": starts_on,
            "expectation": expectations.get(expectation), "all_schools": first_schools is None})
        indicators = Indicator.objects.filter(Q(is_local=False) | Q(municipality=plan.municipality), code__in=codes)
        if set(measure.indicators.values_list("pk", flat=True)) != {i.pk for i in indicators}:
            measure.indicators.set(indicators)
        wanted = [] if first_schools is None else [s for s in schools if s.serves_grade(5)][:first_schools]
        if set(measure.schools.values_list("pk", flat=True)) != {s.pk for s in wanted}:
            measure.schools.set(wanted)


def seed(context: dict) -> None:
    plan = context["current_plan"]
    expectations = seed_expectations(context, plan)
    seed_measures(context, plan, expectations)
    context.update(current_expectations=expectations)
