"""A frozen clock for tests where dates matter: ``timezone.now`` (and so the local date and the school
year) returns ``clock.now`` until the test moves it (``clock.now = …``)."""
from datetime import date, datetime, time

from django.utils import timezone


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def freeze(monkeypatch, now: datetime) -> Clock:
    frozen = Clock(now)
    monkeypatch.setattr(timezone, "now", frozen)
    return frozen


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """That day at that time, in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
