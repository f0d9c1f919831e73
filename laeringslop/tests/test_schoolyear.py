from datetime import UTC, date, datetime

import pytest

from laeringslop.schoolyear import SchoolYear


@pytest.fixture
def now_utc(monkeypatch):
    """Freeze the clock at a UTC instant."""
    def freeze(*args):
        instant = datetime(*args, tzinfo=UTC)
        monkeypatch.setattr("django.utils.timezone.now", lambda: instant)
    return freeze


def test_a_school_year_starts_on_the_first_of_august():
    assert (SchoolYear.of(date(2025, 7, 31)), SchoolYear.of(date(2025, 8, 1))) == (SchoolYear(2024), SchoolYear(2025))


def test_today_is_read_on_the_oslo_date_not_the_servers_utc_date(now_utc):
    now_utc(2026, 7, 31, 22, 30)  # 00:30 on 1 August in Oslo
    assert SchoolYear.current() == SchoolYear(2026)


def test_the_label_has_two_digits_for_the_second_year():
    assert (SchoolYear(2024).label, SchoolYear(2099).label) == ("2024-25", "2099-00")


@pytest.mark.parametrize("day, inside", [(date(2024, 8, 1), True), (date(2025, 7, 31), True),
                                         (date(2024, 7, 31), False), (date(2025, 8, 1), False)])
def test_contains_runs_from_august_to_july(day, inside):
    assert SchoolYear(2024).contains(day) is inside


def test_neighbours():
    assert (SchoolYear(2024).previous(), SchoolYear(2024).next()) == (SchoolYear(2023), SchoolYear(2025))
