"""CSV and XLSX exports of the Læringsspeil, with formula injection neutralised."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dialogue.exports import neutralise, to_csv
from indicators.models import Indicator
from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db


def test_neutralise():
    assert neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise("+1+1") == "'+1+1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("-2.5") == "-2.5"  # a plain number stays a number
    assert neutralise("Lesing") == "Lesing"
    assert neutralise(-2.5) == -2.5
    assert to_csv(["=a"], [["=cmd|' /C calc'!A0", 1.5]]).splitlines()[1] == "'=cmd|' /C calc'!A0;1,5"


@pytest.fixture
def school_with_values():
    municipality = f.MunicipalityFactory(number="9901")
    school = f.SchoolFactory(municipality=municipality)
    evil = Indicator.objects.create(code="EVIL", name="=HYPERLINK(\"http://evil\")", area="learning_results",
                                    source="local", unit_label="%", scale_min=0, scale_max=100, is_local=True,
                                    municipality=municipality)
    df.MirrorYearFactory(municipality=municipality, school_year=2025, indicator_codes=["NPLES05", "EVIL"])
    df.value("NPLES05", 2025, school=school, v=52.5, pupils=40)
    df.value("NPLES05", 2024, school=school, suppressed=True, pupils=8)
    df.nation("NPLES05", 2025, 50)
    df.value("EVIL", 2025, school=school, grade=0, v=12)
    return school, evil


def _url(school, fmt):
    return reverse("dialogue:mirror_export", kwargs={"school_id": school.pk, "year": 2025, "fmt": fmt})


def test_csv_export(client, school_with_values):
    school, _evil = school_with_values
    client.force_login(f.rector(school))
    response = client.get(_url(school, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Område;Indikator;Trinn")
    reading = next(line for line in lines if "lesing 5. trinn" in line)
    assert text.startswith("\ufeff") is False and response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    assert ";52,5;*;" in reading  # this year's value (decimal comma), last year suppressed
    assert ";50,0;" in reading and "." not in reading.split(";", 4)[4]  # no decimal points in the numbers
    evil = next(line for line in lines if "HYPERLINK" in line)
    assert "'=HYPERLINK" in evil


def test_xlsx_export(client, school_with_values):
    school, _evil = school_with_values
    client.force_login(f.director(school.municipality))
    response = client.get(_url(school, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Indikator"
    reading = next(r for r in rows if r[1] == "Nasjonale prøver lesing 5. trinn")
    assert reading[4] == 52.5 and reading[5] == "*" and reading[9] == 50.0
    evil = next(r for r in rows if "HYPERLINK" in str(r[1]))
    assert evil[1].startswith("'=")
    assert sheet.cell(row=rows.index(evil) + 1, column=2).data_type == "s"


def test_unknown_format_is_404(client, school_with_values):
    school, _evil = school_with_values
    client.force_login(f.rector(school))
    assert client.get(_url(school, "pdf")).status_code == 404
