"""Foreldreundersøkelsen i barnehagen (Udir's parent survey for kindergartens): long rows, one per
unit × year × theme (spørsmålsgruppe) *and* question, per owner (kommunalitet), gender and age group,
as Udir's statistics portal gives them (the table «Foreldreundersøkelsen», its dimensions År,
Barnehageenhet, Kommunalitet, Kjønn, Aldergruppe, Barnehagestørrelse, Spørsmål, and its measures
Score and Antall besvart; see docs/data-formats.md for what is and is not confirmed of the headings).

Stored, as kindergarten indicators (Indicator.applies_to): each theme's own row («Alle spørsmål», or a
row without a question column) for all owners, genders, age groups and sizes, on the catalogue's 1–5
scale, for the municipality's kindergartens and its own municipality row (a reference import: every
comparison row). The year is the autumn the survey ran: «2024» (or «2024-25») is the kindergarten
year 2024-25. Question rows and the other breakdowns are counted in the summary; rows of other
municipalities' kindergartens are counted, not listed.
"""
import re

from ...models import Source
from ..problems import CellError, gettext_noop
from ..values import as_text, count, number_between, school_year
from .base import Format, RowChecker, normalise_header, place, school_owner
from .survey_udir import ALL_CODES, ALL_QUESTIONS, is_all, survey_unit, survey_value

#: Breakdown columns whose «Alle …» row is the one stored (the others are counted).
BREAKDOWNS = ("Kommunalitet", "Kjoenn", "Aldergruppe", "Barnehagestoerrelsegruppe")
_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")


def survey_year(raw) -> int:
    """ "2024", 2024 (a number in Excel) or "2024-25" → 2024 (the autumn the survey ran)."""
    text = as_text(raw)
    match = _YEAR.match(text)
    if match:
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise CellError(gettext_noop("«%(value)s»: the portal keeps school years from 2000-01 to 2100-01."))
        return year
    try:
        return school_year(text)
    except CellError:
        raise CellError(gettext_noop("«%(value)s» is not a year like «2024» (or a kindergarten year like "
                                     "«2024-25»).")) from None


def parent_survey_indicators(ctx) -> dict:
    """normalised Udir name or code → the parent-survey indicator (read once per run)."""
    found = ctx.extra.get("parent_survey_names")
    if found is None:
        found = {}
        for indicator in ctx.indicators.values():
            if indicator.source == Source.PARENT_SURVEY:
                for name in [indicator.name, indicator.code, *(indicator.udir_names or [])]:
                    found.setdefault(normalise_header(name), indicator)
        ctx.extra["parent_survey_names"] = found
    return found


class ParentSurvey(Format):
    key = "parent_survey"
    #: Kindergartens, not schools, are the units this format stores (base.load_context).
    unit_kind = "kindergarten"
    columns = {
        "Aar": True, "EnhetNivaa": False, "Organisasjonsnummer": True, "EnhetNavn": False,
        "Nasjonaltkode": False, "Fylkekode": False, "Fylke": False, "Kommunekode": False, "Kommune": False,
        "Spoersmaalgruppe": True, "Spoersmaalnavn": False,
        "Kommunalitet": False, "Kjoenn": False, "Aldergruppe": False, "Barnehagestoerrelsegruppe": False,
        "Score": True, "Standardavvik": False, "AntallBesvart": False,
    }
    aliases = {"aarstall": "Aar", "barnehageaar": "Aar", "barnehageaarnavn": "Aar",
               "barnehagenavn": "EnhetNavn", "barnehage": "EnhetNavn", "barnehageenhet": "EnhetNavn",
               "tema": "Spoersmaalgruppe", "spoersmaal": "Spoersmaalnavn", "eierform": "Kommunalitet",
               "eierformnavn": "Kommunalitet", "barnehagestoerrelse": "Barnehagestoerrelsegruppe",
               "snitt": "Score", "gjennomsnitt": "Score", "antallsvar": "AntallBesvart"}
    #: Headings only the kindergarten tables have (the pupil survey's export shares the others).
    signature = {"aldergruppe", "kommunalitet", "barnehagestoerrelsegruppe", "barnehagestoerrelse", "barnehagenavn",
                 "barnehageenhet"}

    def map_header(self, header, problems):
        mapping = super().map_header(header, problems)
        if mapping is None:
            return None
        used = {index for index, _heading in mapping.values()}
        mapping["_unused"] = [as_text(cell) for index, cell in enumerate(header)
                              if index not in used and as_text(cell)]
        return mapping

    def _unit(self, check, ctx):
        # The portal's table may write a missing area code as «0», and Excel's copy a code as «301.0».
        return survey_unit(check, ctx, blank_codes=("0", "00"), excel_decimals=True)

    def _breakdown(self, check) -> str | None:
        for column in BREAKDOWNS:
            text = as_text(check.raw(column))
            if column in check.mapping and text and not (text in ALL_CODES or is_all(text, set())):
                return text
        return None

    def _index(self, check, ctx):
        indicator = parent_survey_indicators(ctx).get(normalise_header(check.raw("Spoersmaalgruppe")))
        if indicator is None:
            known = sorted({ind.name for ind in parent_survey_indicators(ctx).values()})
            check.fail(gettext_noop("«%(value)s» is not a theme of the parent survey in the catalogue (%(known)s)."),
                       "Spoersmaalgruppe", check.raw("Spoersmaalgruppe"), known=", ".join(known))
        return indicator

    def check_row(self, number, cells, ctx, mapping):
        check = RowChecker(cells, mapping, number, ctx.problems)
        year = check.get("Aar", survey_year)
        question = as_text(check.raw("Spoersmaalnavn"))
        if question and normalise_header(question) not in ALL_QUESTIONS:
            ctx.extra["question_rows"] = ctx.extra.get("question_rows", 0) + 1
            return None if check.ok else False
        breakdown = self._breakdown(check)
        if breakdown is not None:
            other = ctx.extra.setdefault("other_breakdowns", {})
            other[breakdown] = other.get(breakdown, 0) + 1
            return None if check.ok else False
        level, code, name = self._unit(check, ctx)
        indicator = self._index(check, ctx)
        value = check.get("Score", number_between, 1, 5)
        deviation = check.get("Standardavvik", number_between, 0, 5)
        answered = check.get("AntallBesvart", count)
        if not check.ok or indicator is None:
            return False
        ctx.rows_read += 1
        unit_id, stored = place(ctx, check, (year, level, code, indicator.code, 0), level, code, name,
                                what=indicator.name, owner=school_owner(check))
        if not check.ok:
            return False
        if not stored:
            return None
        return survey_value(ctx, indicator=indicator, year=year, grade=0, level=level, code=code, name=name,
                            unit_id=unit_id, value=value, deviation=deviation, answered=answered)

    def summary(self, ctx, mapping) -> dict:
        return {"unused_columns": mapping["_unused"],
                "question_rows": ctx.extra.get("question_rows", 0),
                "other_breakdowns": sorted([label, n] for label, n in ctx.extra.get("other_breakdowns", {}).items())}
