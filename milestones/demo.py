"""Demo: the dated milestones of "Læringsløp Drammen" (seed drammen-2016-status). As of the
status of 15 January 2016 everything before it is done; the working meeting of 29 January is
still open, so the demo shows it as late."""
import datetime

from laeringslop.services import upsert
from projects.models import Mandate

from .models import Milestone, Status

D = datetime.date


#: The yearly cycle's own steps (results, self-assessment, dialogues, follow-up) are the dates of the
#: Læringsspeil year (dialogue/demo.py) and show on «Året» beside the plan's milestones; the plan
#: keeps the milestones that are the plan's own.
CURRENT_MILESTONES = [
    ("Nasjonale prøver gjennomført på 5., 8. og 9. trinn", D(2026, 9, 25), "radgiver", Status.DONE, D(2026, 9, 25),
     "Skolene gjennomførte prøvene innen Udirs frist."),
    ("Styringsgruppa drøfter årets resultater og tiltak", D(2027, 2, 26), "direktor", Status.PLANNED, None,
     "Oppsummering av samtalene med rektorene og forslag til tiltak i handlingsplanen."),
]
#: Milestones earlier seeds made for the cycle's steps, now the Læringsspeil year's dates.
RETIRED = ["Resultatene fra nasjonale prøver importert til Læringsspeilet",
           "Frist for skolenes egenvurdering i Læringsspeilet",
           "Utviklingssamtaler mellom utdanningsdirektøren og hver rektor",
           "Oppfølgingsoppgaver fordelt i skoleeierteamet"]


def seed(context: dict) -> None:
    _seed_drammen(context)
    plan = context.get("current_plan")
    if plan is None:
        return
    Milestone.objects.filter(plan=plan, title__in=RETIRED).delete()
    for title, due, person, status, completed, description in CURRENT_MILESTONES:
        upsert(Milestone, {"plan": plan, "title": title}, {
            "due_date": due, "phase": context["current_phase"], "responsible_group": context["current_steering"],
            "responsible_person": context["users"][person], "status": status, "completed_on": completed,
            "description": description, "delivers_mandate": None, "delivers_draft": None, "delivers_report": None})


def _seed_drammen(context: dict) -> None:
    plan = context.get("drammen_plan")
    if plan is None:
        return
    users, steering = context["users"], context["drammen_steering"]
    phases, draft = context["drammen_phases"], context["drammen_draft"]
    mandate = Mandate.objects.get(group=steering, phase=phases[1])
    rows = [
        ("Styringsgruppa vedtar mandat og fire prosjektgrupper", D(2015, 9, 11), 1, steering, "direktor",
         Status.DONE, D(2015, 9, 11), {"delivers_mandate": mandate},
         "Mandat og prosjektgruppesammensetning for fire prosjektgrupper fra barnehage til videregående."),
        ("Todagers samling for prosjektgruppene på Holmsbu", D(2015, 10, 19), 1, steering, "radgiver",
         Status.DONE, D(2015, 10, 20), {}, "Faglig påfyll, samarbeid og praktisk informasjon."),
        ("Prosjektgruppene har svart opp prosjektmandatet", D(2015, 12, 18), 1, None, "radgiver",
         Status.DONE, D(2015, 12, 18), {}, "Med innspill fra barnehagene og skolene."),
        ("Blogg for Læringsløp Drammen åpnet", D(2015, 12, 15), 1, None, "direktor",
         Status.DONE, D(2015, 12, 15), {}, "Utdanningsdirektøren publiserte første innlegg."),
        ("Styringsgruppas andre arbeidsmøte: første utkast til handlingsplan", D(2016, 1, 29), 1, steering,
         "direktor", Status.IN_PROGRESS, None, {"delivers_draft": draft},
         "Drøfte og vurdere første utkast til handlingsplan, og ta stilling til nytt prosjektmandat for andre fase."),
    ]
    for title, due, phase, group, person, status, completed, deliverable, description in rows:
        upsert(Milestone, {"plan": plan, "title": title}, {
            "due_date": due, "phase": phases[phase], "responsible_group": group,
            "responsible_person": users[person], "status": status, "completed_on": completed,
            "description": description, "delivers_mandate": None, "delivers_draft": None, "delivers_report": None,
            **deliverable})
