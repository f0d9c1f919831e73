"""The competence survey's upload: the sample (CSV and the same as XLSX) is stored whole, the same file
again changes nothing, a bad value stores nothing and is named in Norwegian, and stored values the file
would change are shown before they are overwritten."""
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from indicators.importing.problems import Problem
from laeringslop.tests import factories as f

from ..models import CompetenceSurvey, SurveyResult, UploadStatus
from ..services import survey_upload_check, survey_upload_store

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
SAMPLE_ROWS = 18


@pytest.fixture
def survey():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    f.SchoolFactory(municipality=municipality, name="Almeåsen skole", org_number="974500000")
    f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", org_number="974500019")
    return CompetenceSurvey.objects.create(municipality=municipality, title="Våren 2026",
                                           conducted_on="2026-05-15")


def _check(survey, path, tmp_path=None, text=None):
    if text is not None:
        path = tmp_path / "fil.csv"
        path.write_text(text, encoding="utf-8")
    adviser = f.adviser(survey.municipality)
    return survey_upload_check(survey=survey, path=str(path), file_name=Path(path).name, by=adviser), adviser


@pytest.mark.parametrize("name", ["kompetanseundersokelse.csv", "kompetanseundersokelse.xlsx"])
def test_the_sample_is_stored_whole(survey, name):
    upload, adviser = _check(survey, SAMPLES / name)
    assert upload.status == UploadStatus.CHECKED and upload.summary["new"] == SAMPLE_ROWS
    survey_upload_store(upload=upload, by=adviser)
    municipality_row = SurveyResult.objects.get(survey=survey, unit=None, topic__name="Dybdelæring")
    assert (str(municipality_row.satisfaction), str(municipality_row.importance), municipality_row.answers) == \
        ("3.48", "4.10", 870)
    assert SurveyResult.objects.filter(survey=survey).count() == SAMPLE_ROWS


def test_the_same_file_again_changes_nothing(survey):
    upload, adviser = _check(survey, SAMPLES / "kompetanseundersokelse.csv")
    survey_upload_store(upload=upload, by=adviser)
    again, _adviser = _check(survey, SAMPLES / "kompetanseundersokelse.xlsx")
    assert again.status == UploadStatus.UNCHANGED and again.summary == {"new": 0, "unchanged": SAMPLE_ROWS,
                                                                        "changed": []}
    with pytest.raises(ValidationError) as caught:
        survey_upload_store(upload=again, by=adviser)
    assert caught.value.code == "not_checked"


def test_a_value_outside_1_to_5_stores_nothing_and_is_named(survey, tmp_path):
    text = (SAMPLES / "kompetanseundersokelse.csv").read_text(encoding="utf-8").replace("4,10;870", "5,4;870")
    upload, _adviser = _check(survey, None, tmp_path, text)
    assert upload.status == UploadStatus.REFUSED and upload.rows == []
    assert [Problem.from_dict(p).text for p in upload.problems] == ["Rad 3, kolonne Viktighet: «5,4» er utenfor 1–5."]
    assert not SurveyResult.objects.exists()


def test_an_unknown_organisation_number_is_named(survey, tmp_path):
    upload, _adviser = _check(survey, None, tmp_path,
                              "Organisasjonsnummer;Tema;Tilfredshet;Viktighet;Antall svar\n"
                              "999999999;Dybdelæring;3;4;10\n")
    assert [Problem.from_dict(p).text for p in upload.problems] == [
        "Rad 2, kolonne Organisasjonsnummer: ingen enhet i kommunen har organisasjonsnummer «999999999» "
        "(la det stå tomt for hele kommunen)."]


def test_changed_stored_values_are_shown_before_they_are_overwritten(survey, tmp_path):
    upload, adviser = _check(survey, SAMPLES / "kompetanseundersokelse.csv")
    survey_upload_store(upload=upload, by=adviser)
    text = (SAMPLES / "kompetanseundersokelse.csv").read_text(encoding="utf-8").replace("3,48;4,10;870",
                                                                                        "3,60;4,10;870")
    changed, _adviser = _check(survey, None, tmp_path, text)
    assert changed.status == UploadStatus.CHECKED
    assert changed.summary["changed"] == [[None, "Dybdelæring", "satisfaction", "3.48", "3.60"]]
    assert str(SurveyResult.objects.get(unit=None, topic__name="Dybdelæring").satisfaction) == "3.48"
    survey_upload_store(upload=changed, by=adviser)
    assert str(SurveyResult.objects.get(unit=None, topic__name="Dybdelæring").satisfaction) == "3.60"


def test_storing_is_refused_when_the_stored_values_changed_since_the_check(survey, tmp_path):
    first, adviser = _check(survey, SAMPLES / "kompetanseundersokelse.csv")
    second, _adviser = _check(survey, SAMPLES / "kompetanseundersokelse.csv")
    survey_upload_store(upload=first, by=adviser)
    with pytest.raises(ValidationError) as caught:
        survey_upload_store(upload=second, by=adviser)
    assert caught.value.code == "changed_since_check"
    assert SurveyResult.objects.count() == SAMPLE_ROWS


def test_the_upload_page_lists_the_changes_in_norwegian(client, survey, tmp_path):
    upload, adviser = _check(survey, SAMPLES / "kompetanseundersokelse.csv")
    survey_upload_store(upload=upload, by=adviser)
    path = tmp_path / "endret.csv"
    shutil.copy(SAMPLES / "kompetanseundersokelse.csv", path)
    path.write_text(path.read_text(encoding="utf-8").replace("3,48;4,10;870", "3,60;4,10;870"), encoding="utf-8")
    client.force_login(adviser)
    with open(path, "rb") as handle:
        response = client.post(f"/kompetanse/undersokelser/{survey.pk}/last-opp/", {"file": handle}, follow=True)
    text = response.content.decode()
    assert "Lagrede verdier som filen endrer" in text and "Lagre og erstatt de lagrede verdiene" in text
    assert "<td>Tilfredshet</td><td class=\"text-end\">3,48</td><td class=\"text-end\">3,60</td>" in text
