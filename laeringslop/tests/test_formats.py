"""Dates in English are written day first with a 24-hour clock (not Django's US defaults)."""
from datetime import date, datetime

from django.utils import formats, translation


def test_an_english_short_date_and_time_is_day_first_on_a_24_hour_clock():
    with translation.override("en"):
        assert formats.date_format(datetime(2026, 12, 1, 8, 16), "SHORT_DATETIME_FORMAT") == "01/12/2026 08:16"


def test_an_english_date_is_written_day_month_year():
    with translation.override("en"):
        assert formats.date_format(date(2026, 12, 1)) == "1 December 2026"


def test_norwegian_dates_are_unchanged():
    with translation.override("nb"):
        assert formats.date_format(date(2026, 12, 1)) == "1. desember 2026"
