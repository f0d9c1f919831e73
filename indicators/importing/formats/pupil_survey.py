"""Elevundersøkelsen as Udir exports it: one row per unit × school year × grade × index."""
import re

from ...models import Source
from ..problems import CellError, gettext_noop
from ..values import as_text, count, number_between
from .base import Format, RowChecker, normalise_header, place, unit_columns
from .survey_udir import survey_value

_GRADE = re.compile(r"(\d{1,2})")
MOBBING = "EU_MOBBING"
NAME_ALIASES = {"mobbing": MOBBING, "mobbingpaaskolen": MOBBING, "mobbetavandreelever": MOBBING}


def grade_of(raw) -> int:
    """ "7", "07", "7. trinn", "TRINN07", "VG1" → 7 / 11."""
    text = as_text(raw).upper()
    if text.startswith("VG") and text[2:].strip() in {"1", "2", "3"}:
        return 10 + int(text[2:].strip())
    match = _GRADE.search(text)
    if not match or not 1 <= int(match.group(1)) <= 13:
        raise CellError(gettext_noop("«%(value)s» is not a grade (5–10, or VG1–VG3)."))
    return int(match.group(1))


class PupilSurvey(Format):
    key = "pupil_survey"
    columns = {
        "Skoleaarnavn": True, "EnhetNivaa": True, "Organisasjonsnummer": True, "EnhetNavn": True,
        "TrinnKode": True, "Spoersmaalgruppe": False, "Indikator": False, "Score": False,
        "Standardavvik": False, "AntallBesvart": False, "AndelMobbet": False,
    }
    aliases = {"skoleaar": "Skoleaarnavn", "trinn": "TrinnKode", "sporsmalgruppe": "Spoersmaalgruppe",
               "spoersmaalsgruppe": "Spoersmaalgruppe", "indeks": "Indikator"}
    signature = {"spoersmaalgruppe", "trinnkode", "andelmobbet", "antallbesvart"}

    def map_header(self, header, problems):
        mapping = super().map_header(header, problems)
        if mapping is not None and "Spoersmaalgruppe" not in mapping and "Indikator" not in mapping:
            problems.add(gettext_noop("Missing column(s): %(columns)s. The first row must hold the column names."),
                         columns="Spoersmaalgruppe / Indikator")
            return None
        if mapping is not None and "Score" not in mapping and "AndelMobbet" not in mapping:
            problems.add(gettext_noop("Missing column(s): %(columns)s. The first row must hold the column names."),
                         columns="Score")
            return None
        return mapping

    def indicator_of(self, raw, ctx):
        text = as_text(raw)
        key = normalise_header(text)
        by_name = ctx.extra.setdefault("survey_names", {
            normalise_header(ind.name): ind for ind in ctx.indicators.values() if ind.source == Source.PUPIL_SURVEY})
        indicator = by_name.get(key) or ctx.indicators.get(text.upper())
        if indicator is None and key in NAME_ALIASES:
            indicator = ctx.indicators.get(NAME_ALIASES[key])
        if indicator is None or indicator.source != Source.PUPIL_SURVEY:
            raise CellError(gettext_noop("«%(value)s» is not an index of the pupil survey in the catalogue."))
        return indicator

    def check_row(self, number, cells, ctx, mapping):
        check = RowChecker(cells, mapping, number, ctx.problems)
        year, level, code, name = unit_columns(check, ctx)
        grade = check.get("TrinnKode", grade_of)
        column = "Spoersmaalgruppe" if "Spoersmaalgruppe" in mapping else "Indikator"
        indicator = check.get(column, self.indicator_of, ctx)
        if indicator is not None and indicator.code == MOBBING:
            source = "AndelMobbet" if as_text(check.raw("AndelMobbet")) else "Score"
            value = check.get(source, number_between, 0, 100)
        else:
            value = check.get("Score", number_between, 1, 5)
            if as_text(check.raw("AndelMobbet")) not in ("", ".."):
                check.fail(gettext_noop("AndelMobbet belongs only on the bullying rows (Mobbing på skolen)."),
                           "AndelMobbet", check.raw("AndelMobbet"))
        deviation = check.get("Standardavvik", number_between, 0, 5)
        answered = check.get("AntallBesvart", count)
        if not check.ok or indicator is None:
            return False
        ctx.rows_read += 1
        unit_id, stored = place(ctx, check, (year, level, code, indicator.code, grade), level, code, name,
                                what=f"{indicator.name}, {grade}")
        if not check.ok:
            return False
        if not stored:
            return None
        return survey_value(ctx, indicator=indicator, year=year, grade=grade, level=level, code=code, name=name,
                            unit_id=unit_id, value=value, deviation=deviation, answered=answered)
