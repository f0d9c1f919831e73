"""Demo: the dated milestones of "Læringsløp Drammen" (seed drammen-2016-status). As of the
status of 15 January 2016 everything before it is done; the working meeting of 29 January is
still open, so the demo shows it as late."""
import datetime

from django.utils import timezone

from laeringslop.services import upsert
from projects.models import Mandate

from .models import Milestone, Status

D = datetime.date


#: The yearly cycle's own steps (results, self-assessment, dialogues, follow-up) are the dates of the
#: Læringsspeil year (dialogue/demo.py) and show on «Året» beside the plan's milestones; the plan
#: keeps the milestones that are the plan's own, in today's school year: (title, month, day, year
#: offset from the school year's start, group index or None for the steering group, person, description).
#: A milestone whose date has passed is done on its date; one is due two weeks from today (the home panel).
CURRENT_MILESTONES = [
    ("Styringsgruppa vedtar mandat for arbeidsgruppene", 8, 21, 0, None, "direktor",
     "Mandat og sammensetning for fire arbeidsgrupper som dekker hele læringsløpet."),
    ("Nasjonale prøver gjennomført på 5., 8. og 9. trinn", 9, 25, 0, None, "radgiver",
     "Skolene gjennomførte prøvene innen Udirs frist."),
    ("Skoleledermøte: vurdering for læring og elevmedvirkning", 11, 12, 0, 0, "radgiver2",
     "Elevmedvirkning og vurdering – lærelyst og elevstemmen."),
    ("Arbeidsgruppene leverer forslag til kjennetegn på kvalitet", None, None, 0, 0, "rektor03",
     "Forslag til kjennetegn for hver forventning i «Forventningsblomsten», til drøfting i styringsgruppa."),
    ("Styringsgruppa drøfter årets resultater og tiltak", 2, 26, 1, None, "direktor",
     "Oppsummering av samtalene med rektorene og forslag til tiltak i handlingsplanen."),
    ("Kvalitetsmelding til kommunestyret (opplæringslova § 17-12)", 4, 30, 1, None, "direktor",
     "Læringsmiljø, læringsresultater og gjennomføring, med styringsgruppas vurdering."),
    ("Felles rutine for overføringssamtaler barnehage–skole vedtatt", 5, 29, 1, 3, "styrer",
     "Besøksdager og felles mal for overføringssamtaler."),
    ("Styringsgruppa vedtar mandat for neste fase", 6, 19, 1, None, "direktor",
     "Utprøving, spredning og evaluering av planen."),
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
    year, phase, today = context["current_year"], context["current_phase"], timezone.localdate()
    mandate = Mandate.objects.filter(group=context["current_steering"], phase=phase).first()
    for title, month, day, offset, group, person, description in CURRENT_MILESTONES:
        if month is None:  # the one due soon: two weeks from today, inside the phase
            due = min(max(today + datetime.timedelta(days=14), phase.start_date), phase.end_date)
        else:
            due = D(year.start + offset, month, day)
        done = due <= today
        upsert(Milestone, {"plan": plan, "title": title}, {
            "due_date": due, "phase": phase,
            "responsible_group": context["current_groups"][group] if group is not None else context["current_steering"],
            "responsible_person": context["users"][person], "status": Status.DONE if done else Status.PLANNED,
            "completed_on": due if done else None, "description": description,
            "delivers_mandate": mandate if title.startswith("Styringsgruppa vedtar mandat for arbeids") else None,
            "delivers_draft": None, "delivers_report": None})


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
