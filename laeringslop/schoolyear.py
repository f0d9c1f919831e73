"""The school year: one value for the rules every part of the portal uses.

A Norwegian school year runs from 1 August to 31 July and is written «2024-25»; it is stored as
its start year (2024). Today's school year is read on the local date (Europe/Oslo), not the
server's UTC date: on 31 July at 23:30 in Oslo it is still the old year.
"""
from dataclasses import dataclass
from datetime import date

#: the first month of a school year
FIRST_MONTH = 8


@dataclass(frozen=True, order=True)
class SchoolYear:
    """The school year that starts in August of ``start``."""

    start: int

    @classmethod
    def of(cls, day: date) -> "SchoolYear":
        """The school year ``day`` falls in."""
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def current(cls, today: date | None = None) -> "SchoolYear":
        """The school year running today (the local date)."""
        from django.utils import timezone

        return cls.of(today or timezone.localdate())

    @property
    def first_day(self) -> date:
        return date(self.start, FIRST_MONTH, 1)

    @property
    def last_day(self) -> date:
        return date(self.start + 1, FIRST_MONTH - 1, 31)

    @property
    def label(self) -> str:
        """2024 → «2024-25»."""
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def previous(self) -> "SchoolYear":
        return SchoolYear(self.start - 1)

    def next(self) -> "SchoolYear":
        return SchoolYear(self.start + 1)

    def __str__(self) -> str:
        return self.label


def school_year_label(start: int) -> str:
    """The label of the school year stored as ``start``: 2024 → «2024-25»."""
    return SchoolYear(start).label


def current_school_year(today: date | None = None) -> int:
    """The start year of the school year running today (the local date)."""
    return SchoolYear.current(today).start
