"""Former kommunenummer: the 2020 and 2024 renumberings shipped as data, and the look-ups the
imports use.

``laeringslop/data/former_numbers.csv`` lists, per former number, the municipality's current
number, its name, the county it belonged to under that number and the last school year under it.
It holds the renumberings of SSB's classification of municipalities (KLASS 131) on 2020-01-01 and
2024-01-01 where one municipality went on under a new number: a merger's parts and a split
(Ålesund 1507 → 1508 and Haram 1580 in 2024) are other municipalities, whose results are not
this municipality's series, and are left out (see docs/data-formats.md).
"""
import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction

DATA_FILE = Path(__file__).resolve().parent / "data" / "former_numbers.csv"


@dataclass(frozen=True)
class ShippedNumber:
    number: str
    current_number: str
    name: str
    county_number: str
    last_school_year: int  # the first year of the last school year under the number
    reform: str


@cache
def shipped_former_numbers() -> tuple[ShippedNumber, ...]:
    with open(DATA_FILE, encoding="utf-8", newline="") as handle:
        return tuple(
            ShippedNumber(row["former_number"], row["current_number"], row["municipality"], row["county_number"],
                          int(row["last_school_year"][:4]), row["reform"])
            for row in csv.DictReader(handle, delimiter=";"))


def shipped_for(current_number: str) -> list[ShippedNumber]:
    """The shipped former numbers of the municipality that has ``current_number`` now."""
    return [row for row in shipped_former_numbers() if row.current_number == current_number]


@transaction.atomic
def former_numbers_ensure(*, municipality) -> list:
    """Give the municipality the shipped former numbers it lacks (none already another
    municipality's); returns the ones created."""
    from .models import FormerNumber, Municipality

    wanted = shipped_for(municipality.number)
    taken = set(FormerNumber.objects.filter(number__in=[row.number for row in wanted]).values_list("number", flat=True))
    taken |= set(Municipality.objects.filter(number__in=[row.number for row in wanted]).values_list("number", flat=True))
    created = []
    for row in wanted:
        if row.number in taken:
            continue
        former = FormerNumber(municipality=municipality, number=row.number, county_number=row.county_number,
                              last_school_year=row.last_school_year)
        former.full_clean()
        former.save()
        created.append(former)
    return created


def current_numbers() -> dict:
    """Former number → the current number of its municipality, for every municipality in the portal."""
    from .models import FormerNumber

    return dict(FormerNumber.objects.values_list("number", "municipality__number"))
