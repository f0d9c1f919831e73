"""The shared date and time widgets (laeringslop/forms.py, used by the competence and county forms):
the browser's pickers read only ISO values, whatever the page's language writes dates as."""
from datetime import date, time

import pytest
from django.utils import translation

from laeringslop.forms import DateInput, TimeInput


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_date_is_a_date_picker_holding_the_iso_date(language):
    with translation.override(language):
        html = DateInput().render("starts_on", date(2026, 3, 5))
    assert 'type="date"' in html and 'value="2026-03-05"' in html


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_time_is_a_time_picker_holding_hours_and_minutes(language):
    with translation.override(language):
        html = TimeInput().render("starts_at", time(8, 30, 15))
    assert 'type="time"' in html and 'value="08:30"' in html


def test_the_widgets_keep_the_attributes_they_are_given():
    assert 'min="2026-01-01"' in DateInput(attrs={"min": "2026-01-01"}).render("date", None)
