"""The fast lane for ordinary national-test rows: one regular expression and a few dictionary
lookups per row, giving the COPY line for the writer directly.

It accepts only what the careful checker (``NationalTests._careful_row``) accepts, with the same
result, and it never reports problems: a row it does not vouch for gives ``SLOW`` and goes to the
careful checker, which names every problem. The unit columns are read by the careful parsers
themselves (once per school year and once per school, then remembered). What it leaves to the
careful checker: comparison rows (levels 1–3), cells with spaces or thousands separators,
numbers with more decimals than are stored, anything out of range, duplicates, files without
every column, and XLSX cells that are numbers. ``indicators/tests/test_fast_lane.py`` runs the
same files through both and compares what is stored.
"""
import re
from operator import itemgetter

from ..problems import CellError
from ..values import school_year, text_cell
from ..writer import details_json, escape_copy_text
from .base import area_code, level_of, school_not_stored

SLOW = object()
SHARE_COLUMNS = [f"AndelMestringsnivaa{level}" for level in range(1, 6)]
TEXT_COLUMNS = ["Skoleaarnavn", "EnhetNivaa", "Organisasjonsnummer", "EnhetNavn", "Proevekode"]
NUMBER_COLUMNS = ["Skalapoeng", "Usikkerhet", "AntallElever", *SHARE_COLUMNS]
SCHOOL = 4  # Level.SCHOOL, as the careful path's keys hold it
NULL = "\\N"
_SEP = "\x1f"
_TEXT = r"([^\x1f]*)"  # the unit columns: read by the careful parsers, then remembered
_TEST = r"(NP[A-Z]{3}\d\d)"
_NONE = r"\*|\.\.|"  # suppressed, or no data
# The number cells are matched after "," → "." (a cell with both is refused: no match).
#: 0–100 with at most three decimals (the stored precision: nothing is rounded).
_SCALE = rf"({_NONE}|100(?:\.0{{1,3}})?|\d{{1,2}}(?:\.\d{{1,3}})?)"
_COUNT = rf"({_NONE}|\d{{1,7}})"
#: A share: 0–100 with at most two decimals (the careful path's precision for shares).
_SHARE = rf"({_NONE}|100(?:\.00?)?|\d{{1,2}}(?:\.\d{{1,2}})?)"
# ASCII: \d must not match other scripts' digits, which Python reads as numbers but PostgreSQL does not.
_ROW = re.compile(_SEP.join([_TEXT] * 4 + [_TEST, _SCALE, _SCALE, _COUNT] + [_SHARE] * 5), re.ASCII).fullmatch
_NO_DATA = ("", "..")
_UNKNOWN = ("", "..", "*")
#: The details of a row whose shares are all given, as json.dumps writes them.
_DETAILS = {levels: "{" + ", ".join(f'"{level}": %r' for level in range(1, levels + 1)) + "}" for levels in (3, 5)}


class FastLane:
    """Built once per import run, for one heading row."""

    def __init__(self, ctx, mapping, grade_of_test: dict, levels_of_grade: dict, tolerance: float):
        self.ctx = ctx
        self.pick_text = itemgetter(*(mapping[name][0] for name in TEXT_COLUMNS))
        self.pick_numbers = itemgetter(*(mapping[name][0] for name in NUMBER_COLUMNS))
        self.tests = {code: (ctx.indicators[code].pk, grade, levels_of_grade[grade])
                      for code, grade in grade_of_test.items() if code in ctx.indicators}
        self.tolerance = tolerance
        self.years: dict = {}  # raw school year -> start year, or SLOW
        self.schools: dict = {}  # raw level, number, name -> (code, name, unit id, line part), or SLOW
        self.units: dict = {}  # the four raw unit cells -> (year, code, name, unit id, line part), or SLOW

    @classmethod
    def possible(cls, ctx, mapping) -> bool:
        """Only for text cells (CSV) and a file with every column."""
        return ctx.all_text and all(name in mapping for name in TEXT_COLUMNS + NUMBER_COLUMNS)

    def _unit(self, raws):
        """The unit columns as the careful parsers read them, remembered; SLOW on any problem."""
        if len(self.units) >= 100_000:
            return SLOW
        year = self.years.get(raws[0])
        if year is None:
            year = self.years[raws[0]] = _careful(school_year, raws[0])
        school = self.schools.get(raws[1:])
        if school is None:
            school = self.schools[raws[1:]] = self._school(*raws[1:])
        found = SLOW if year is SLOW or school is SLOW else (year, *school)
        self.units[raws] = found
        return found

    def _school(self, raw_level, raw_number, raw_name):
        if _careful(level_of, raw_level) != SCHOOL:
            return SLOW  # comparison rows (and problems) take the careful path
        code = _careful(area_code, raw_number, SCHOOL)
        name = _careful(text_cell, raw_name)
        if code is SLOW or name is SLOW:
            return SLOW
        unit = self.ctx.units.get(code)
        unit_id = None if unit is None else unit[0]
        stored_id = NULL if unit_id is None else unit_id
        return code, name, unit_id, f"{SCHOOL}\t{escape_copy_text(code)}\t{escape_copy_text(name)}\t{stored_id}\t"

    def line(self, row_no: int, cells: list):
        """The COPY line of a good row, None for a good row not stored (a school outside the
        import's municipality: another municipality's, or not in the portal), or SLOW."""
        try:
            match = _ROW(_SEP.join(self.pick_text(cells)) + _SEP + _SEP.join(self.pick_numbers(cells)).replace(",", "."))
        except (TypeError, IndexError):
            return SLOW
        if match is None:
            return SLOW
        groups = match.groups()
        unit = self.units.get(groups[:4]) or self._unit(groups[:4])
        if unit is SLOW:
            return SLOW
        test = self.tests.get(groups[4])
        if test is None:
            return SLOW
        indicator_id, grade, allowed = test
        year, code, name, unit_id, part = unit
        ctx = self.ctx
        key = (year, SCHOOL, code, groups[4])
        if key in ctx.seen:
            return SLOW
        for raw in groups[8 + allowed:]:
            if raw not in _NO_DATA:
                return SLOW  # a share for a level the grade does not have
        given = groups[8:8 + allowed]
        suppressed = []
        if "*" in given or "" in given or ".." in given:
            details, known, total = {}, True, 0.0
            for level_no, raw in enumerate(given, start=1):
                if raw in _UNKNOWN:
                    known = False
                    if raw == "*":
                        suppressed.append(str(level_no))
                else:
                    details[str(level_no)] = share = float(raw)
                    total += share
            shares = details
        else:
            shares = tuple(map(float, given))
            known, total = True, sum(shares)
        if shares and known and abs(total - 100.0) > self.tolerance:
            return SLOW
        # Every check has passed: from here on the row counts, as in the careful path.
        ctx.seen[key] = row_no
        ctx.rows_read += 1
        if unit_id is None:
            school_not_stored(ctx, code, name)
            return None
        ctx.units_covered.add(unit_id)
        score, uncertainty, pupils = groups[5], groups[6], groups[7]
        if pupils == "*":
            suppressed.append("pupil_count")
            pupils = NULL
        elif pupils in _NO_DATA:
            pupils = NULL
        if uncertainty == "*":
            suppressed.append("uncertainty")
            uncertainty = NULL
        elif uncertainty in _NO_DATA:
            uncertainty = NULL
        if shares.__class__ is tuple:
            details = _DETAILS[allowed] % shares if not suppressed else details_json(
                {**{str(level): share for level, share in enumerate(shares, start=1)}, "suppressed": suppressed})
        else:
            details = details_json({**shares, "suppressed": suppressed} if suppressed else shares)
        if score == "*":
            ctx.suppressed += 1
            value = "\\N\tt"
        else:
            value = "\\N\tf" if score in _NO_DATA else score + "\tf"
        return f"{indicator_id}\t{year}\t{grade}\t{part}{value}\t{uncertainty}\t{pupils}\t{details}\n"


def _careful(parser, raw, *args):
    """What a careful parser makes of a cell; SLOW where it finds a problem."""
    try:
        return parser(raw, *args)
    except CellError:
        return SLOW
