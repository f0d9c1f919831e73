"""Extension points that let each app contribute to shared pages without editing them.

An app may define these modules; each is optional:

- ``<app>/nav.py``:  ``items(request) -> list[NavItem]`` for the main navigation; each item names
  its ``group`` (one of ``NAV_GROUPS``; empty for the two top-level items, Home and Notices).
- ``<app>/home.py``: ``panels(request) -> list[Panel]`` for the role-fitted home page.
- ``<app>/demo.py``: ``seed(context: dict) -> None``, called by ``manage.py seed_demo`` in
  the order of ``settings.LOCAL_APPS`` (must be idempotent).
- ``<app>/unit.py``: ``links(request, unit) -> list[NavItem]``, the app's pages about one unit,
  shown on the unit's page (only those the reader may open).
- ``<app>/calendar.py``: ``events(municipality, first: date, last: date) -> list[CalendarEvent]``,
  the municipality's dated events for its calendar feed (e.g. the yearly cycle's steps); and, optionally,
  ``entries_for(user, municipality, first, last) -> list[CalendarEvent]``: the events that reader may see,
  for the month calendar on «Året» (e.g. the leader meetings they are invited to).
- ``<app>/measures.py``: ``for_indicators(municipality, unit, indicator_ids) -> list[IndicatorMeasure]``,
  the app's measures (action-plan tiltak, competence measures) that name one of these indicators
  as what they aim to move, for the Læringsspeil of ``unit`` (a school or kindergarten; the
  municipality's measures and the unit's own). Bounded queries: a fixed number per call.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class NavGroup:
    """A group of the main menu: a disclosure menu when the reader has several of its entries."""

    key: str
    label: str
    #: where the group stands among the top-level items (Home is 0, Notices 90)
    order: int


#: The main menu's groups, in the menu's order: the one place that names them. They follow the way the
#: municipality's work is organised: governing the plans, reading the results, the yearly dialogue with the
#: schools, the school owner's own offers to its units; and running the portal.
NAV_GROUPS = (
    NavGroup("governance", pgettext_lazy("nav group", "Governance"), 20),
    NavGroup("results", pgettext_lazy("nav group", "Results"), 30),
    NavGroup("dialogue", pgettext_lazy("nav group", "Dialogue"), 40),
    NavGroup("owner", pgettext_lazy("nav group", "School owner"), 50),
    NavGroup("operations", pgettext_lazy("nav group", "Operations"), 95),
)
NAV_GROUP_KEYS = frozenset(group.key for group in NAV_GROUPS)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    #: the place among the top-level items (no group) or within the item's group
    order: int = 50
    #: URL prefix that marks the item as current (defaults to ``url``)
    active_prefix: str = ""
    #: A number shown beside the label (e.g. unread notices); 0 shows none
    badge: int = 0
    #: the key of the item's group in ``NAV_GROUPS``; "" for a top-level item (Home, Notices)
    group: str = ""

    def __post_init__(self):
        if self.group and self.group not in NAV_GROUP_KEYS:
            raise ValueError(f"NavItem {self.url!r}: unknown group {self.group!r} (see NAV_GROUPS)")


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    starts: date
    #: the last day (inclusive); None for a one-day event
    ends: date | None = None
    description: str = ""
    #: a path in the portal
    url: str = ""
    #: what kind of event, already translated (e.g. «ledermøte»), for calendars that list several kinds
    kind: str = ""
    #: a cancelled event (listed, marked cancelled, where a calendar shows it at all)
    cancelled: bool = False
    #: the start and end in time (aware), for an event with a time of day (a meeting); None: a whole day
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: str = ""


@dataclass(frozen=True)
class IndicatorMeasure:
    """A measure aimed at moving an indicator, shown beside it on the Læringsspeil."""

    indicator_id: int
    title: str
    #: what kind of measure, already translated (e.g. «Tiltak i handlingsplanen», «Nettverk»)
    kind: str
    #: when the measure started (the trend since then is shown); None if not dated
    started_on: date | None = None
    #: a path in the portal, or "" if the reader may not open it
    url: str = ""


def indicator_measures(municipality, unit, indicator_ids) -> list[IndicatorMeasure]:
    ids = list(indicator_ids)
    if not ids:
        return []
    found = [m for module in app_modules("measures") for m in module.for_indicators(municipality, unit, ids)]
    return sorted(found, key=lambda m: (m.indicator_id, m.started_on or date.min, m.title))


def unit_links(request, unit) -> list[NavItem]:
    items = [item for module in app_modules("unit") for item in module.links(request, unit)]
    return sorted(items, key=lambda item: item.order)


def calendar_events(municipality, first, last) -> list[CalendarEvent]:
    events = [event for module in app_modules("calendar") for event in module.events(municipality, first, last)]
    return sorted(events, key=lambda event: (event.starts, event.title))


def calendar_entries_for(user, municipality, first, last) -> list[CalendarEvent]:
    """The events of the apps' ``calendar.entries_for`` that ``user`` may see, by day."""
    events = [event for module in app_modules("calendar") if hasattr(module, "entries_for")
              for event in module.entries_for(user, municipality, first, last)]
    return sorted(events, key=lambda event: (event.starts, event.title))


@cache
def app_modules(module_name: str) -> tuple:
    """The ``<app>.<module_name>`` modules of the local apps that have one, in app order."""
    found = []
    for entry in settings.LOCAL_APPS:
        dotted = f"{local_app_package(entry)}.{module_name}"
        if find_spec(dotted) is not None:
            found.append(import_module(dotted))
    return tuple(found)


def local_app_package(entry: str) -> str:
    """The package of an INSTALLED_APPS entry: "laeringslop.apps.CoreConfig" → "laeringslop"."""
    return entry.split(".apps.")[0]


def nav_items(request) -> list[NavItem]:
    items = [item for module in app_modules("nav") for item in module.items(request)]
    return sorted(items, key=lambda item: item.order)


def home_panels(request) -> list[Panel]:
    panels = [panel for module in app_modules("home") for panel in module.panels(request)]
    return sorted(panels, key=lambda panel: panel.order)
