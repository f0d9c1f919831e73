"""The dialogue report in English: the language is the requester's choice, the text, the dates (day
first) and the indicator names follow it, in the web page and in the PDF."""
import shutil
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from ..reports import reports_request
from .test_reports import YEAR, _compile, _read, town  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
COMPILED = datetime(2026, 1, 5, 8, 16, tzinfo=OSLO)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: COMPILED)


def _english(client, user):
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_the_english_report_has_english_text_names_and_a_day_first_date(town, frozen,  # noqa: F811
                                                                        django_capture_on_commit_callbacks):
    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]],
                      language="en")[town["school"].pk]
    html = _read(report.html).decode()
    assert "Report for the dialogue 2025-26" in html and "Compiled: 5 January 2026 08:16" in html
    assert "National tests: Reading 5th grade" in html and "Bullying at school" in html and "scale points" in html
    assert "Nasjonale prøver lesing" not in html and "Mobbing" not in html
    assert "a.m." not in html and "Jan. 5" not in html  # not Django's US formats
    assert "Date of the staff meeting</dt><dd>20 November 2025" in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_english_pdf_reads_in_english(town, frozen, django_capture_on_commit_callbacks, tmp_path):  # noqa: F811
    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]],
                      language="en")[town["school"].pk]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_read(report.pdf))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Report for the dialogue 2025-26" in text and "5 January 2026 08:16" in text
    assert "Reading 5th grade" in text and "Notes from the dialogue" in text
    assert "Rapport" not in text and "Nasjonale prøver" not in text


def test_the_director_chooses_the_reports_language_on_the_list(client, town,  # noqa: F811
                                                               django_capture_on_commit_callbacks, frozen):
    client.force_login(town["director"])  # the portal in Norwegian, the reports in English
    page = client.get(reverse("dialogue:report_list", kwargs={"year": YEAR})).content.decode()
    assert "Språk i rapportene" in page and '<option value="nb" selected>' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dialogue:reports_request", kwargs={"year": YEAR}), {"language": "en"})
    page = client.get(reverse("dialogue:report_list", kwargs={"year": YEAR})).content.decode()
    assert page.count("Språk: Engelsk") == 2  # both schools' reports, and the list says so
    html = client.get(reverse("dialogue:report_html", kwargs={"school_id": town["school"].pk, "year": YEAR}))
    assert '<html lang="en">' in html.content.decode()


def test_the_list_in_english_shows_day_first_dates(client, town, django_capture_on_commit_callbacks,  # noqa: F811
                                                   frozen):
    _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]], language="nb")
    _english(client, town["director"])
    page = client.get(reverse("dialogue:report_list", kwargs={"year": YEAR})).content.decode()
    assert "Language of the reports" in page and "05/01/2026 08:16" in page and "Language: Norwegian Bokmål" in page


def test_a_language_the_portal_does_not_speak_is_refused(town):  # noqa: F811
    with pytest.raises(ValidationError) as error:
        reports_request(town["mirror_year"], town["director"], language="de")
    assert error.value.code == "unknown_language"


def test_indicator_names_follow_the_active_language(town):  # noqa: F811
    from indicators.models import Indicator

    indicator = Indicator.objects.get(code="GSP")
    with translation.override("en"):
        assert (indicator.display_name, indicator.display_unit, str(indicator)) == (
            "Lower secondary school points", "points", "Lower secondary school points")
    with translation.override("nb"):
        assert (indicator.display_name, indicator.display_unit) == ("Grunnskolepoeng", "poeng")
