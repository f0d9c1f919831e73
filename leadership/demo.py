"""Demo leader meetings: the school leaders' meetings and LED-skole of 2020–21 as the seed
(drammen-2020-skoleeier, «Skoleledermøter med LK20 på programmet») lists them, with agendas, as a past school
year; and this school year's plan (some meetings held, with minutes; the rest ahead), including the
kindergarten heads' meetings and a network meeting.

Idempotent: a meeting is found by its municipality, arena and start; its agenda and participants are set only
when it is created; minutes are attached once.
"""
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from laeringslop.schoolyear import SchoolYear
from laeringslop.services import upsert

from .models import AgendaItem, AttachmentKind, LeaderMeeting, MeetingAttachment, MeetingKind, TargetGroup

SCHOOL, LED, KINDERGARTEN, NETWORK = (MeetingKind.SCHOOL_LEADERS, MeetingKind.LEADERSHIP_DEVELOPMENT,
                                      MeetingKind.KINDERGARTEN_HEADS, MeetingKind.NETWORK)
#: The seed's table for 2020–21: (day, arena, topic).
SEED_2020 = [
    (date(2020, 9, 24), LED, "Ledelse av profesjonelle fellesskap – kulturbygging – lederteamet"),
    (date(2020, 10, 29), SCHOOL, "Introduksjon – oversikt – plan, støtte – SNELD – nettverk + læreplananalyse"),
    (date(2020, 11, 12), SCHOOL, "Elevmedvirkning + Vurdering i LK20 (lærelyst og elevstemmen)"),
    (date(2020, 11, 26), LED, "Entusiasme for endring – overordnet del, kvalitetsutvikling og analyse"),
    (date(2021, 1, 28), SCHOOL, "3.1 Et inkluderende læringsmiljø + 3.2 Undervisning og tilpasset opplæring"),
    (date(2021, 2, 4), LED, "Team – psykologiske prosesser – konflikter og motstand"),
    (date(2021, 2, 25), SCHOOL, "Felles forståelse av begreper + tolkningsfellesskap – felles retning"),
    (date(2021, 3, 25), SCHOOL, "Tverrfaglige temaer og tverrfaglighet – hva er hva? + Og hvordan gjør vi det?"),
    (date(2021, 4, 8), LED, "Pedagogisk ledelse – jeg som leder"),
    (date(2021, 4, 29), SCHOOL, "Samarbeid hjem–skole + helhetlig læreplananalyse igjen"),
    (date(2021, 5, 27), SCHOOL, "Kjennetegn – underveisvurdering LK20 + justering og veien videre"),
]
#: This school year's plan: (month, week of the month, arena, topic). The day is that week's Thursday.
THIS_YEAR = [
    (9, 3, LED, "Ledelse av profesjonelle læringsfellesskap – lederteamet"),
    (9, 4, KINDERGARTEN, "Rammeplanen i praksis + overgang barnehage–skole"),
    (10, 4, SCHOOL, "Læringsspeilet: resultatene fra høsten + forberedelse til utviklingssamtalen"),
    (11, 2, SCHOOL, "Vurdering for læring + kjennetegn på kvalitet i Forventningsblomsten"),
    (11, 4, NETWORK, "Nettverk for ledere: praktisk-estetiske fag i ny læreplan"),
    (1, 4, SCHOOL, "Et trygt og godt skolemiljø + aktivitetsplikten"),
    (2, 1, LED, "Endringsledelse – motstand og medvirkning"),
    (2, 4, KINDERGARTEN, "Språkmiljø i barnehagen + kompetanseplan"),
    (3, 4, SCHOOL, "Tverrfaglige temaer – deling på langs og på tvers"),
    (4, 3, LED, "Pedagogisk ledelse – jeg som leder"),
    (5, 4, SCHOOL, "Hvor står vi med læreplanarbeidet? + Hva er neste steg?"),
]
HOURS = {SCHOOL: (12, 30, 15, 30), LED: (9, 0, 15, 0), KINDERGARTEN: (13, 0, 15, 30), NETWORK: (13, 0, 16, 0)}
PLACES = {SCHOOL: "Rådhuset, bystyresalen", LED: "Kompetansesenteret", KINDERGARTEN: "Rådhuset, møterom 3",
          NETWORK: "Quality River Station"}
TARGETS = {SCHOOL: TargetGroup.RECTORS, LED: TargetGroup.LEADERSHIP_TEAMS, KINDERGARTEN: TargetGroup.KINDERGARTEN_HEADS,
           NETWORK: TargetGroup.RESOURCE_PERSONS}


def _at(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _thursday(year: int, month: int, week: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7 * (week - 1))


def _agenda(kind, topic: str) -> list[tuple[str, str, int]]:
    """Welcome and news from the school owner, the topic's parts, and the way on (title, presenter, minutes)."""
    parts = [p.strip()[:1].upper() + p.strip()[1:] for p in topic.split(" + ") if p.strip()]
    opener = ("Velkommen og orienteringer fra skoleeier", "Kommunalsjef", 15)
    if kind == KINDERGARTEN:
        opener = ("Velkommen og orienteringer fra barnehageeier", "Kommunalsjef", 15)
    items = [opener] + [(part, "Skoleeierteamet" if i == 0 else "Fagrådgiver", 45) for i, part in enumerate(parts)]
    items.append(("Arbeid i lederteamene og veien videre", "", 30))
    return items


def _meeting(municipality, day: date, kind, topic: str, people, planner, *, place=None, minutes_text=""):
    h1, m1, h2, m2 = HOURS[kind]
    meeting, created, _changed = upsert(
        LeaderMeeting, {"municipality": municipality, "kind": kind, "starts_at": _at(day, h1, m1)},
        {"title": topic, "ends_at": _at(day, h2, m2), "place": place or PLACES[kind], "target_group": TARGETS[kind],
         "created_by": planner})
    if created:
        meeting.participants.set(people)
        AgendaItem.objects.bulk_create([AgendaItem(meeting=meeting, position=i, title=t, presenter=p, minutes=m)
                                        for i, (t, p, m) in enumerate(_agenda(kind, topic), start=1)])
    if minutes_text and meeting.ends_at <= timezone.now() and not meeting.attachments.filter(
            kind=AttachmentKind.MINUTES).exists():
        name = f"referat-{day:%Y-%m-%d}.txt"
        body = f"Referat – {meeting.get_kind_display()} {day:%d.%m.%Y}\n\n{topic}\n\n{minutes_text}\n".encode()
        MeetingAttachment.objects.create(meeting=meeting, kind=AttachmentKind.MINUTES,
                                         file=ContentFile(body, name=name), original_name=name, size=len(body),
                                         content_type="text/plain; charset=utf-8", uploaded_by=planner)
    return meeting


def seed(context: dict) -> None:
    municipality = context["municipality"]
    users = context["users"]
    staff = [users[name] for name in ("direktor", "radgiver", "radgiver2", "radgiver3")]
    rectors = [u for name, u in users.items() if name.startswith("rektor")]
    heads = [u for name, u in users.items() if name.startswith("styrer")]
    people = {SCHOOL: staff + rectors, LED: staff + rectors, KINDERGARTEN: staff + heads,
              NETWORK: staff + rectors[:6]}
    planner = users["radgiver"]
    minutes = "Lederne drøftet temaet i grupper. Oppfølging i lederteamene før neste møte."
    for day, kind, topic in SEED_2020:
        # The second wave (November–December 2020): the meetings were held on Teams.
        place = "Teams" if date(2020, 11, 1) <= day <= date(2020, 12, 31) else None
        _meeting(municipality, day, kind, topic, people[kind], planner, place=place, minutes_text=minutes)
    year = SchoolYear.current()
    for month, week, kind, topic in THIS_YEAR:
        day = _thursday(year.start if month >= 8 else year.start + 1, month, week)
        _meeting(municipality, day, kind, topic, people[kind], planner, minutes_text=minutes)
    context["leader_meetings"] = LeaderMeeting.objects.filter(municipality=municipality).count()
