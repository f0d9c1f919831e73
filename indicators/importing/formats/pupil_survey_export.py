"""Elevundersøkelsen as Udir's Statistikkbanken export API gives it (CSV or JSON, the same field
names): one row per unit × school year × grade × owner × gender × index *and* question.

Three tables share the format: the indices (``Score``), bullying (``AndelMobbet``) and the
participation (``AndelDeltatt``, ``AntallInvitert``). Stored, as Læringsspeil values: the index's own
row («Alle spørsmål») for all genders and all owners (bullying: the «Mobbing på skolen» row's
share), and the participation rows for all owners, as the indicator «Deltakelse i
Elevundersøkelsen» (pupil_count = answered, details["invited"]). Question rows and the other
breakdowns (a gender, an owner, a programme) are counted in the summary, and the columns the
portal does not read are listed there.
"""
from ...catalogue import PARTICIPATION
from ..problems import gettext_noop
from ..values import as_text, count, number_between, school_year
from .base import Format, RowChecker, normalise_header, place, school_owner
from .survey_udir import (
    ALL_CODES,
    ALL_GENDERS,
    ALL_OWNERS,
    ALL_QUESTIONS,
    is_all,
    survey_grade,
    survey_indicator,
    survey_unit,
    survey_value,
    unknown_index,
)

#: Columns naming a breakdown other than gender and owner (the upper-secondary tables).
BREAKDOWNS = ("GruppeNavn", "UtdanningstypeNavn", "UtdanningsprogramNavn")
#: The measure column of each table.
MEASURES = ("Score", "AndelMobbet", "AndelDeltatt")


class PupilSurveyExport(Format):
    key = "pupil_survey_export"
    columns = {
        "Skoleaarnavn": True, "EnhetNivaa": False, "Organisasjonsnummer": True, "EnhetNavn": False,
        "Nasjonaltkode": False, "Fylkekode": False, "Fylke": False, "Kommunekode": False, "Kommune": False,
        "SpoersmaalNivaa": False, "Spoersmaalgruppekode": False, "Spoersmaalgruppe": False,
        "Spoersmaalkode": False, "Spoersmaalnavn": False,
        "TrinnKode": False, "Trinnnavn": False, "EierformNavn": False, "Eierformkode": False,
        "Kjoenn": False, "KjoennKode": False, "GruppeNavn": False, "UtdanningstypeNavn": False,
        "UtdanningsprogramNavn": False, "Utdanningsprogramkode": False,
        "Score": False, "Standardavvik": False, "AntallBesvart": False, "AndelMobbet": False,
        "AndelDeltatt": False, "AntallInvitert": False,
    }
    #: Headings only the export API writes (the portal's own long format has none of them).
    signature = {"spoersmaalnavn", "spoersmaalkode", "spoersmaalgruppekode", "kjoenn", "kjoennkode",
                 "eierformnavn", "andeldeltatt", "antallinvitert", "trinnnavn"}

    def map_header(self, header, problems):
        mapping = super().map_header(header, problems)
        if mapping is None:
            return None
        if not any(name in mapping for name in MEASURES):
            problems.add(gettext_noop("Missing column(s): %(columns)s. The first row must hold the column names."),
                         columns="Score / AndelMobbet / AndelDeltatt")
            return None
        participation = "AndelDeltatt" in mapping
        if not participation and not {"Spoersmaalgruppe", "Spoersmaalgruppekode", "Spoersmaalkode"} & set(mapping):
            problems.add(gettext_noop("Missing column(s): %(columns)s. The first row must hold the column names."),
                         columns="Spoersmaalgruppe")
            return None
        if "TrinnKode" not in mapping and "Trinnnavn" not in mapping:
            problems.add(gettext_noop("Missing column(s): %(columns)s. The first row must hold the column names."),
                         columns="TrinnKode / Trinnnavn")
            return None
        used = {index for index, _heading in mapping.values()}
        mapping["_unused"] = [as_text(cell) for index, cell in enumerate(header)
                              if index not in used and as_text(cell)]
        mapping["_participation"] = participation
        mapping["_upper_secondary"] = "Kommunekode" not in mapping and (
            "UtdanningsprogramNavn" in mapping or "Utdanningsprogramkode" in mapping)
        return mapping

    def _unit(self, check, ctx):
        return survey_unit(check, ctx, blank_codes=("00",), excel_decimals=False)

    def _breakdown(self, check, mapping) -> str | None:
        """The label of a breakdown other than all genders and all owners, or None."""
        # The names say it; a code only counts where its name column is missing.
        for name, code in (("Kjoenn", "KjoennKode"), ("EierformNavn", "Eierformkode")):
            column = name if name in mapping else code
            text = as_text(check.raw(column))
            if column in mapping and text and not (text in ALL_CODES or is_all(text, ALL_GENDERS | ALL_OWNERS)):
                return text
        for column in BREAKDOWNS:
            text = as_text(check.raw(column))
            if column in mapping and text and not is_all(text, set()):
                return text
        return None

    def _index(self, check, ctx):
        """The catalogue's index of the row; None (with a problem) when it names none."""
        if check.mapping["_participation"]:
            indicator = ctx.indicators.get(PARTICIPATION)
            if indicator is None:
                check.fail(gettext_noop("«%(value)s» is missing from the portal's indicator catalogue."), None,
                           PARTICIPATION)
            return indicator
        raws = [check.raw(c) for c in ("Spoersmaalgruppekode", "Spoersmaalgruppe") if c in check.mapping]
        if not raws:
            raws = [check.raw("Spoersmaalkode")]
        indicator = survey_indicator(ctx, *raws)
        if indicator is None:
            column = "Spoersmaalgruppe" if "Spoersmaalgruppe" in check.mapping else (
                "Spoersmaalgruppekode" if "Spoersmaalgruppekode" in check.mapping else "Spoersmaalkode")
            error = unknown_index(ctx)
            check.fail(error.msgid, column, check.raw(column), **error.params)
        return indicator

    def _is_question(self, check) -> bool:
        if "Spoersmaalnavn" in check.mapping:
            return normalise_header(check.raw("Spoersmaalnavn")) not in ALL_QUESTIONS
        if "SpoersmaalNivaa" in check.mapping:
            return as_text(check.raw("SpoersmaalNivaa")) not in ("", "1")
        code = as_text(check.raw("Spoersmaalkode"))
        return bool(code) and not code.upper().startswith("EUINDEKS")

    def check_row(self, number, cells, ctx, mapping):
        check = RowChecker(cells, mapping, number, ctx.problems)
        year = check.get("Skoleaarnavn", school_year)
        if not mapping["_participation"] and self._is_question(check):
            ctx.extra["question_rows"] = ctx.extra.get("question_rows", 0) + 1
            return None if check.ok else False
        breakdown = self._breakdown(check, mapping)
        if breakdown is not None:
            other = ctx.extra.setdefault("other_breakdowns", {})
            other[breakdown] = other.get(breakdown, 0) + 1
            return None if check.ok else False
        level, code, name = self._unit(check, ctx)
        grade_column = "Trinnnavn" if as_text(check.raw("Trinnnavn")) else "TrinnKode"
        grade = check.get(grade_column, survey_grade, mapping["_upper_secondary"])
        indicator = self._index(check, ctx)
        if mapping["_participation"]:
            value = check.get("AndelDeltatt", number_between, 0, 100)
            invited = check.get("AntallInvitert", count)
            deviation = None
        else:
            column = "AndelMobbet" if "AndelMobbet" in mapping else "Score"
            low, high = (0, 100) if column == "AndelMobbet" else (1, 5)
            if indicator is not None and indicator.unit_label == "%" and column == "Score":
                low, high = 0, 100
            value = check.get(column, number_between, low, high)
            invited = None
            deviation = check.get("Standardavvik", number_between, 0, 5)
        answered = check.get("AntallBesvart", count)
        if not check.ok or indicator is None:
            return False
        ctx.rows_read += 1
        if value is None and answered is None:
            ctx.extra["survey_empty"] = ctx.extra.get("survey_empty", 0) + 1
            return None
        ctx.extra["survey_data_seen"] = True
        unit_id, stored = place(ctx, check, (year, level, code, indicator.code, grade), level, code, name,
                                what=f"{indicator.name}, {grade or '–'}", owner=school_owner(check))
        if not check.ok:
            return False
        if not stored:
            return None
        return survey_value(ctx, indicator=indicator, year=year, grade=grade, level=level, code=code, name=name,
                            unit_id=unit_id, value=value, deviation=deviation, answered=answered, invited=invited)

    def finish(self, ctx, problems):
        if not problems and ctx.rows_read and not ctx.extra.get("survey_data_seen"):
            problems.add(gettext_noop("Every measure column of the file is empty: there are no results to import."))

    def summary(self, ctx, mapping) -> dict:
        return {"unused_columns": mapping["_unused"],
                "question_rows": ctx.extra.get("question_rows", 0),
                "other_breakdowns": sorted([label, n] for label, n in ctx.extra.get("other_breakdowns", {}).items()),
                "survey_empty": ctx.extra.get("survey_empty", 0)}

