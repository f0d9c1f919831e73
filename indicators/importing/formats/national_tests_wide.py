"""Nasjonale prøver as Udir's Statistikkbanken downloads them: one row per unit, one column per
school year × test × measure, e.g. ``2024-25.Lesing.5. årstrinn.Alle eierformer.Alle kjønn.Skalapoeng``.

Each row gives, per school year and test, the same record as the long national-test format
(value = Skalapoeng, uncertainty, pupil count), through the same checks (``place``) and writer.
The columns for all owners and all genders make the value; those for girls and boys (all owners)
are kept beside it in ``details["groups"]`` ({"girls": {"value", "uncertainty", "pupils"} or
{"suppressed": true}, "boys": …}) for the Læringsspeil's girls–boys gap. The others (one owner form)
are listed in the summary. A file with gender columns takes the careful path (the fast lane knows
only the all-gender columns).
"""
import re

from ...models import Level
from ..problems import CellError, gettext_noop
from ..values import SUPPRESSED, as_text, count, number_between, quantize, school_year, text_cell
from ..writer import copy_line
from .base import (
    NATION_NAME,
    Format,
    RowChecker,
    area_code,
    current_area,
    level_of,
    normalise_header,
    padded_code,
    place,
    school_owner,
)
from .national_tests import GRADE_OF_TEST, NationalTests
from .national_tests_wide_fast import SLOW, WideFastLane

#: Statistikkbanken's subject names → the middle of the test code (NPLES05).
SUBJECTS = {"engelsk": "ENG", "lesing": "LES", "regning": "REG"}
#: Statistikkbanken's measure names → the record's part.
MEASURES = {"skalapoeng": "value", "usikkerhet": "uncertainty", "antalleleverdeltatt": "pupils",
            "antallelever": "pupils"}
ALL_OWNERS = {"alleeierformer"}
ALL_GENDERS = {"allekjoenn", "beggekjoenn"}
#: Statistikkbanken's gender names → the group kept in details["groups"].
GENDER_GROUPS = {"jente": "girls", "jenter": "girls", "gutt": "boys", "gutter": "boys"}
#: A measure heading: year.subject.grade. årstrinn.owner.gender.measure (the grade has its own dot).
MEASURE_HEADING = re.compile(r"^([^.]*)\.([^.]*)\.\s*(\d{1,2})\.\s*[åa]+rstrinn\.([^.]*)\.([^.]*)\.([^.]*)$",
                             re.IGNORECASE)
#: The level's area code and name columns.
CODE_COLUMN = {Level.COUNTY: "Fylkekode", Level.MUNICIPALITY: "Kommunekode", Level.SCHOOL: "Organisasjonsnummer"}
NAME_COLUMN = {Level.COUNTY: "Fylke", Level.MUNICIPALITY: "Kommune", Level.SCHOOL: "EnhetNavn"}
_LONG = NationalTests()


#: The unit columns every wide Statistikkbanken download starts with (required?), and their other spellings.
IDENTITY_COLUMNS = {
    "EnhetNivaa": True, "Organisasjonsnummer": True, "EnhetNavn": True,
    "Nasjonaltkode": False, "Fylkekode": False, "Kommunekode": False,
    "Nasjonalt": False, "Fylke": False, "Kommune": False,
}
IDENTITY_ALIASES = {"enhetsnivaa": "EnhetNivaa", "orgnr": "Organisasjonsnummer"}


def wide_unit(check, ctx):
    """(level, area code, name) of a wide download's row: the nation by ``Nasjonaltkode``, a county,
    municipality or school by its own code column (Excel's lost leading zeros padded back) and name
    column; a municipality under a former number as its current one (``current_area``)."""
    level = check.get("EnhetNivaa", level_of)
    if level is None:
        return None, None, None
    if level == Level.NATION:
        column = "Nasjonaltkode" if "Nasjonaltkode" in check.mapping else "Organisasjonsnummer"
        code = check.get(column, area_code, level)
        return level, code, NATION_NAME
    column = CODE_COLUMN[level] if CODE_COLUMN[level] in check.mapping else "Organisasjonsnummer"
    width = {Level.COUNTY: 2, Level.MUNICIPALITY: 4}.get(level, 0)
    code = check.get(column, lambda raw: area_code(padded_code(raw, width) if width else raw, level))
    name_column = NAME_COLUMN[level] if NAME_COLUMN[level] in check.mapping else "EnhetNavn"
    name = check.get(name_column, text_cell) or ""
    if level == Level.MUNICIPALITY and not name:
        name = ctx.municipalities.get(code, "")
    code, name = current_area(ctx, level, code, name)
    return level, code, name


class NationalTestsWide(Format):
    key = "national_tests_wide"
    columns = IDENTITY_COLUMNS
    aliases = IDENTITY_ALIASES
    signature: set = set()

    @staticmethod
    def recognises(header) -> bool:
        """Detected by a measure heading (and the unit's level column)."""
        normalised = {normalise_header(cell) for cell in header}
        return "enhetnivaa" in normalised and any(MEASURE_HEADING.match(as_text(cell)) for cell in header)

    def map_header(self, header, problems):
        mapping = super().map_header(header, problems)
        if mapping is None:
            return None
        used = {index for index, _heading in mapping.values()}
        groups, unused = {}, []  # (year, test) -> {part: (index, heading)}
        for index, cell in enumerate(header):
            heading = as_text(cell)
            if index in used or not heading:
                continue
            match = MEASURE_HEADING.match(heading)
            if match is None:
                unused.append(heading)
                continue
            raw_year, subject, grade, owner, gender, measure = (part.strip() for part in match.groups())
            try:
                year = school_year(raw_year)
            except CellError:
                problems.add(gettext_noop("The column «%(column)s»: «%(value)s» is not a school year like «2024-25»."),
                             column=heading, value=raw_year)
                continue
            code = SUBJECTS.get(normalise_header(subject))
            test = f"NP{code}{int(grade):02d}" if code else None
            if test not in GRADE_OF_TEST:
                problems.add(gettext_noop("The column «%(column)s»: «%(value)s» in grade %(grade)s is not a national "
                                          "test in the catalogue (%(codes)s)."), column=heading, value=subject,
                             grade=int(grade), codes=", ".join(GRADE_OF_TEST))
                continue
            part = MEASURES.get(normalise_header(measure))
            gender_key = normalise_header(gender)
            if part is None or normalise_header(owner) not in ALL_OWNERS \
                    or (gender_key not in ALL_GENDERS and gender_key not in GENDER_GROUPS):
                unused.append(heading)
                continue
            if gender_key in GENDER_GROUPS:  # girls' or boys' column: kept beside the value
                part = f"{GENDER_GROUPS[gender_key]}.{part}"
                mapping["_gendered"] = True
            group = groups.setdefault((year, test), {})
            if part in group:
                problems.add(gettext_noop("The column %(column)s appears twice (as «%(first)s» and «%(second)s»)."),
                             column=f"{raw_year} {test} {measure}", first=group[part][1], second=heading)
                continue
            group[part] = (index, heading)
        for (year, test), group in groups.items():
            if "value" not in group:
                problems.add(gettext_noop("The columns of %(test)s %(year)s have no «Skalapoeng» column (%(column)s)."),
                             test=test, year=f"{year}-{(year + 1) % 100:02d}", column=next(iter(group.values()))[1])
        if not groups and not problems:
            problems.add(gettext_noop("The file has no measure columns for all owners and all genders "
                                      "(«….Alle eierformer.Alle kjønn.Skalapoeng»)."))
        if problems:
            return None
        mapping["_groups"] = sorted(groups.items())
        mapping.setdefault("_gendered", False)
        mapping["_unused"] = unused
        return mapping

    def check_row(self, number, cells, ctx, mapping):
        raise NotImplementedError("a wide row gives several records: see check_line")

    def check_line(self, number, cells, ctx, mapping):
        """The row's records as lines for the writer (a list), None (nothing stored) or False.

        Rows take the fast lane (national_tests_wide_fast) where it vouches for them; any other row
        is checked carefully."""
        lane = ctx.extra.get("np_wide_fast_lane")
        if lane is None:
            lane = ctx.extra["np_wide_fast_lane"] = WideFastLane(ctx, mapping, GRADE_OF_TEST, self._unit) \
                if WideFastLane.possible(ctx, mapping) and not mapping.get("_gendered") else False
        if lane:
            lines = lane.lines(number, cells)
            if lines is not SLOW:
                return lines
        records = self.check_records(number, cells, ctx, mapping)
        if not records:
            return records
        return [copy_line(record) for record in records]

    def _unit(self, check, ctx):
        return wide_unit(check, ctx)

    def check_records(self, number, cells, ctx, mapping):
        check = RowChecker(cells, mapping, number, ctx.problems)
        level, code, name = self._unit(check, ctx)
        found = []
        for (year, test), group in mapping["_groups"]:
            parts = {}
            for part, parser, args in (("value", number_between, (0, 100)),
                                       ("uncertainty", number_between, (0, 100)), ("pupils", count, ())):
                spec = group.get(part)
                if spec is None:
                    parts[part] = None
                    continue
                raw = cells[spec[0]] if spec[0] < len(cells) else None
                try:
                    parts[part] = parser(raw, *args)
                except CellError as error:
                    check.ok = False
                    ctx.problems.add(error.msgid, row=number, column=spec[1], value=as_text(raw), **error.params)
                    parts[part] = None
                if as_text(raw) not in ("", ".."):
                    ctx.extra["wide_data_seen"] = True
            if all(value is None or (key == "pupils" and value == 0) for key, value in parts.items()):
                ctx.extra["wide_no_participation"] = ctx.extra.get("wide_no_participation", 0) + 1
                continue  # nobody took part: nothing to store
            found.append((year, test, parts, self._gender_groups(check, cells, group, ctx)))
        if not check.ok:
            return False
        missing = [test for _year, test, _parts, _groups in found if test not in ctx.indicators]
        if missing:
            check.fail(gettext_noop("«%(value)s» is missing from the portal's indicator catalogue."), None, missing[0])
            return False
        records = []
        for year, test, parts, gender_groups in found:
            ctx.rows_read += 1
            unit_id, stored = place(ctx, check, (year, level, code, test), level, code, name,
                                    owner=school_owner(check))
            if not check.ok:
                return False
            if stored:
                records.append(_LONG._record(ctx, test, GRADE_OF_TEST[test], (year, level, code, name), unit_id,
                                             parts["value"], parts["uncertainty"], parts["pupils"],
                                            {"groups": gender_groups} if gender_groups else {}, []))
        return records or None

    @staticmethod
    def _gender_groups(check, cells, group, ctx) -> dict:
        """The girls' and boys' figures of one test and year ({"girls": {"value": 51.0, ...}}), from the
        columns ``map_header`` named «girls.value», «boys.pupils», …; a problem for a cell that does not parse."""
        found: dict = {}
        parsers = {"value": (number_between, (0, 100)), "uncertainty": (number_between, (0, 100)),
                   "pupils": (count, ())}
        for slot, (index, heading) in group.items():
            if "." not in slot:
                continue
            name, part = slot.split(".", 1)
            parser, args = parsers[part]
            raw = cells[index] if index < len(cells) else None
            try:
                parsed = parser(raw, *args)
            except CellError as error:
                check.ok = False
                ctx.problems.add(error.msgid, row=check.number, column=heading, value=as_text(raw), **error.params)
                continue
            entry = found.setdefault(name, {})
            if parsed is SUPPRESSED:
                if part == "value":
                    entry["suppressed"] = True
            elif parsed is not None:
                entry[part] = parsed if part == "pupils" else float(quantize(parsed))
        return {name: entry for name, entry in sorted(found.items()) if entry}

    def finish(self, ctx, problems):
        if not problems and ctx.rows_read == 0 and not ctx.extra.get("wide_data_seen"):
            problems.add(gettext_noop("Every measure column of the file is empty: there are no results to import."))

    def summary(self, ctx, mapping) -> dict:
        return {"unused_columns": mapping["_unused"],
                "no_participation": ctx.extra.get("wide_no_participation", 0)}

