"""Elevundersøkelsen as Udir's Statistikkbanken web download gives it: wide, one row per index and
question (``IndikatorNivaa, Indikatorkode, Indikatornavn …``), the areas and groups folded into the
headings, e.g. ``2021-22.Hele landet.Vestfold og Telemark.Alle skoler.Alle utdanningsprogram.Alle
utdanningsprogram.Alle eierformer.Begge kjønn.Prosentandel``.

A heading is year . Hele landet . county . [municipality .] school . groups … . owner . gender .
measure; areas are named, not numbered, so a county, municipality or school is found by its name
in the portal (a name it does not know is listed in the summary, not stored). Stored: the index
rows (IndikatorNivaa 1), in the columns for all owners, all genders and all groups (a grade is
kept). Question rows and the other columns are counted and listed in the summary.
"""
from ...models import Level
from ..problems import CellError, gettext_noop
from ..values import SUPPRESSED, as_text, count, number_between, quantize, school_year
from ..writer import copy_line
from .base import NATION_NAME, Format, RowChecker, normalise_header, place
from .survey_udir import ALL_GENDERS, ALL_OWNERS, is_all, survey_grade, survey_indicator, unknown_index

VALUE_MEASURES = {"prosentandel", "score", "snitt", "gjennomsnitt", "andel", "indeks"}
COUNT_MEASURES = {"antallbesvart", "antallelever", "antall"}


def heading_parts(heading: str) -> list[str]:
    """Split on the dots, keeping "7. trinn" whole (a dot followed by a space is part of a name)."""
    parts = []
    for piece in heading.split("."):
        if parts and piece[:1].isspace():
            parts[-1] += "." + piece
        else:
            parts.append(piece)
    return [part.strip() for part in parts]


class PupilSurveyWide(Format):
    key = "pupil_survey_wide"
    columns = {"IndikatorNivaa": True, "Indikatorkode": False, "Indikatornavn": True,
               "Indikatorkode_Over": False, "Indikatornavn_Over": False}
    signature: set = set()

    @staticmethod
    def recognises(header) -> bool:
        normalised = {normalise_header(cell) for cell in header}
        return "indikatornivaa" in normalised and "indikatornavn" in normalised

    def map_header(self, header, problems):
        mapping = super().map_header(header, problems)
        if mapping is None:
            return None
        used = {index for index, _heading in mapping.values()}
        measures, unused = [], []
        for index, cell in enumerate(header):
            heading = as_text(cell)
            if index in used or not heading:
                continue
            parts = heading_parts(heading)
            if len(parts) < 7 or normalise_header(parts[1]) != "helelandet":
                unused.append(heading)
                continue
            try:
                year = school_year(parts[0])
            except CellError:
                problems.add(gettext_noop("The column «%(column)s»: «%(value)s» is not a school year like «2024-25»."),
                             column=heading, value=parts[0])
                continue
            measure, gender, owner = (normalise_header(p) for p in parts[-1:-4:-1])
            part = "value" if measure in VALUE_MEASURES else "pupils" if measure in COUNT_MEASURES else None
            if part is None or not is_all(parts[-2], ALL_GENDERS) or not is_all(parts[-3], ALL_OWNERS):
                unused.append(heading)
                continue
            measures.append((index, heading, year, tuple(parts[2:-3]), part))
        if not measures and not problems:
            problems.add(gettext_noop("The file has no measure columns for all owners and all genders "
                                      "(«….Alle eierformer.Begge kjønn.Prosentandel»)."))
        if problems:
            return None
        mapping["_measures"] = measures
        mapping["_unused"] = unused
        return mapping

    @staticmethod
    def _columns(ctx, mapping):
        """The measure columns as (index, heading, year, area, grade, part), once per run: a path is
        county . [municipality .] school . groups, a municipality told by its name in the portal (or
        «Alle kommuner»). A column for one programme or group is listed as unused."""
        if "_columns" in mapping:
            return mapping["_columns"]
        municipalities = {normalise_header(name) for name in ctx.municipalities.values()} | {"allekommuner"}
        columns = []
        for index, heading, year, path, part in mapping["_measures"]:
            county = None if is_all(path[0], set()) else path[0]
            rest = list(path[1:])
            municipality = None
            if len(rest) >= 2 and normalise_header(rest[0]) in municipalities:
                municipality = None if is_all(rest[0], set()) else rest[0]
                rest = rest[1:]
            school = None if not rest or is_all(rest[0], set()) else rest[0]
            grade = 0
            for group in rest[1:]:
                try:
                    grade = grade or survey_grade(group)
                except CellError:
                    grade = None
                    break
            if grade is None:
                mapping["_unused"].append(heading)
                continue
            columns.append((index, heading, year, (county, municipality, school), grade, part))
        mapping["_columns"] = columns
        return columns

    def _resolve(self, ctx, area):
        """(level, code, name) of an area, or None when the portal does not know it (listed)."""
        cache = ctx.extra.setdefault("wide_areas", {})
        if area in cache:
            return cache[area]
        county, municipality, school = area
        found = None
        if school:
            by_name = {normalise_header(name): org for org, (_pk, name) in ctx.units.items()}
            org = by_name.get(normalise_header(school))
            found = (Level.SCHOOL, org, school) if org else None
            if found is None:
                ctx.unknown_units.setdefault(school, school)
        elif municipality:
            numbers = [n for n, name in ctx.municipalities.items() if normalise_header(name) == normalise_header(municipality)]
            found = (Level.MUNICIPALITY, numbers[0], municipality) if len(numbers) == 1 else None
            if found is None:
                ctx.unknown_units.setdefault(municipality, municipality)
        elif county:
            from laeringslop.models import County

            numbers = [n for n, name in County.objects.values_list("number", "name")
                       if normalise_header(name) == normalise_header(county)]
            found = (Level.COUNTY, numbers[0], county) if len(numbers) == 1 else None
            if found is None:
                ctx.unknown_units.setdefault(county, county)
        else:
            found = (Level.NATION, "I", NATION_NAME)
        cache[area] = found
        return found

    def check_row(self, number, cells, ctx, mapping):
        raise NotImplementedError("a wide row gives several records: see check_line")

    def check_line(self, number, cells, ctx, mapping):
        check = RowChecker(cells, mapping, number, ctx.problems)
        if as_text(check.raw("IndikatorNivaa")) != "1":
            ctx.extra["question_rows"] = ctx.extra.get("question_rows", 0) + 1
            return None
        indicator = survey_indicator(ctx, check.raw("Indikatorkode"), check.raw("Indikatornavn"))
        if indicator is None:
            error = unknown_index(ctx)
            check.fail(error.msgid, "Indikatornavn", check.raw("Indikatornavn"), **error.params)
            return False
        cells_by_key = {}
        for index, heading, year, area, grade, part in self._columns(ctx, mapping):
            raw = cells[index] if index < len(cells) else None
            try:
                value = number_between(raw, 0, 100 if indicator.unit_label == "%" else 5) \
                    if part == "value" else count(raw)
            except CellError as error:
                check.ok = False
                ctx.problems.add(error.msgid, row=number, column=heading, value=as_text(raw), **error.params)
                continue
            cells_by_key.setdefault((year, area, grade), {})[part] = value
        if not check.ok:
            return False
        lines = []
        for (year, area, grade), parts in cells_by_key.items():
            value, pupils = parts.get("value"), parts.get("pupils")
            if value is None and pupils is None:
                ctx.extra["survey_empty"] = ctx.extra.get("survey_empty", 0) + 1
                continue
            ctx.extra["survey_data_seen"] = True
            ctx.rows_read += 1
            unit = self._resolve(ctx, area)
            if unit is None:
                continue
            level, code, name = unit
            unit_id, stored = place(ctx, check, (year, level, code, indicator.code, grade), level, code, name,
                                    what=f"{indicator.name}, {grade or '–'}")
            if not check.ok:
                return False
            if not stored:
                continue
            suppressed = value is SUPPRESSED
            ctx.suppressed += suppressed
            lines.append(copy_line((indicator.pk, year, grade, level, code, name, unit_id,
                                    None if suppressed else quantize(value), suppressed, None,
                                    None if pupils is SUPPRESSED else pupils, {})))
        return lines or None

    def finish(self, ctx, problems):
        if not problems and not ctx.extra.get("survey_data_seen"):
            problems.add(gettext_noop("Every measure column of the file is empty: there are no results to import."))

    def summary(self, ctx, mapping) -> dict:
        return {"unused_columns": mapping["_unused"], "question_rows": ctx.extra.get("question_rows", 0),
                "survey_empty": ctx.extra.get("survey_empty", 0)}
