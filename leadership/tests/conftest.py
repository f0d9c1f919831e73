"""Fixtures of the leader meetings' tests: the shared town (``laeringslop/tests/town.py``: a frozen clock and a
small municipality with its people) and a meeting planned through the service."""
from datetime import date

from laeringslop.tests import town as shared
from laeringslop.tests.clock import at

clock, town = shared.clock, shared.town  # the fixtures

DAY = date(2026, 9, 24)  # a Thursday ahead


def plan(town, **overrides):
    """Plan a meeting through the service (defaults: a school leaders' meeting on DAY, the rector invited)."""
    from ..services import meeting_plan

    values = {"municipality": town["municipality"], "user": town["adviser"], "kind": "school_leaders",
              "title": "Elevmedvirkning + Vurdering i LK20", "starts_at": at(DAY, 12, 30), "ends_at": at(DAY, 15, 30),
              "target_group": "rectors", "place": "Rådhuset", "participants": [town["rector"], town["director"]],
              "agenda": [{"title": "Velkommen", "presenter": "Kommunalsjef", "minutes": 15},
                         {"title": "Elevmedvirkning", "presenter": "", "minutes": None}]}
    values.update(overrides)
    return meeting_plan(**values)
