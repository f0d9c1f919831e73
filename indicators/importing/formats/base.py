"""What every format shares: header mapping, the unit columns, the duplicate check, the result."""
import re
from dataclasses import dataclass, field

from laeringslop.validators import is_valid_org_number, normalise_org_number

from ...models import Indicator, Level
from ..problems import CellError, ProblemLog, gettext_noop
from ..values import as_text, text_cell
from ..writer import copy_line

_HEADER_JUNK = re.compile(r"[\s_\-.]")
#: The stored name of the nation's rows, whatever the file calls them (Udir writes "Nasjonalt").
NATION_NAME = "Hele landet"


def normalise_header(name) -> str:
    """ "Skoleår" → "skoleaar", "Prøve" → "proeve", " EnhetNivaa" → "enhetnivaa"."""
    text = as_text(name).lstrip("\ufeff").lower()
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return _HEADER_JUNK.sub("", text)


@dataclass
class Context:
    """State of one run: lookups loaded once, problems, counters, seen keys."""

    problems: ProblemLog
    indicators: dict  # code (upper) -> Indicator
    units: dict  # org number -> (unit id, name) for the schools of the import's municipality
    municipalities: dict = field(default_factory=dict)  # kommunenummer -> name
    #: the import's municipality's kommunenummer: its level-3 row is stored by every import
    municipality_number: str = ""
    #: a reference import stores every comparison row (nation, counties, all municipalities)
    reference: bool = False
    #: org numbers of the portal's schools in other municipalities (never stored by this import)
    other_units: frozenset = frozenset()
    #: former kommunenummer -> the current number of its municipality: rows under a former number
    #: are stored under the current one (one series; laeringslop.former_numbers)
    former_numbers: dict = field(default_factory=dict)
    #: org numbers of the municipality's schools that do not take part (private schools): not stored
    not_taking_part: frozenset = frozenset()
    seen: dict = field(default_factory=dict)  # key -> first row
    unknown_units: dict = field(default_factory=dict)  # org number -> name, for schools not in the portal
    other_schools: set = field(default_factory=set)  # org numbers of other municipalities' schools in the file
    units_covered: set = field(default_factory=set)
    rows_read: int = 0
    suppressed: int = 0
    comparison_rows: int = 0
    #: comparison rows not stored: the nation, counties and other municipalities, in a non-reference import
    comparison_skipped: int = 0
    #: every cell is text (CSV); XLSX cells may be numbers
    all_text: bool = False
    extra: dict = field(default_factory=dict)

    def units_by_id(self) -> dict:
        if "units_by_id" not in self.extra:
            self.extra["units_by_id"] = {pk: name for pk, name in self.units.values()}
        return self.extra["units_by_id"]


def load_context(problems, municipality, reference: bool = False, unit_kind: str = "school") -> Context:
    """The lookups of one run for ``municipality``: only its schools (``unit_kind``: or its kindergartens,
    for the parent survey) are stored, the national catalogue and its own local indicators are known;
    ``reference`` stores every comparison row."""
    from django.db.models import Q

    from laeringslop.former_numbers import current_numbers
    from laeringslop.models import Municipality, Unit

    indicators = {ind.code.upper(): ind for ind in
                  Indicator.objects.filter(Q(is_local=False) | Q(municipality=municipality))}
    schools = Unit.objects.filter(kind=unit_kind)
    own = schools.filter(municipality=municipality)
    units = {org: (pk, name) for org, pk, name in own.filter(takes_part=True).values_list("org_number", "pk", "name")}
    others = frozenset(schools.exclude(municipality=municipality).values_list("org_number", flat=True))
    return Context(problems, indicators, units, dict(Municipality.objects.values_list("number", "name")),
                   municipality_number=municipality.number, reference=reference, other_units=others,
                   former_numbers=current_numbers(),
                   not_taking_part=frozenset(own.filter(takes_part=False).values_list("org_number", flat=True)))


def current_area(ctx: Context, level: int, code, name: str):
    """(code, name) of a comparison row: a municipality's former number becomes its current number
    and its name the portal's (the file may say «Drammen (2020 - 2023)»)."""
    if level == Level.MUNICIPALITY and code in ctx.former_numbers:
        current = ctx.former_numbers[code]
        return current, ctx.municipalities.get(current, name)
    return code, name


def own_numbers(ctx: Context) -> frozenset:
    """The import's municipality's kommunenummer, current and former."""
    if "own_numbers" not in ctx.extra:
        ctx.extra["own_numbers"] = frozenset({ctx.municipality_number} | {
            former for former, current in ctx.former_numbers.items() if current == ctx.municipality_number})
    return ctx.extra["own_numbers"]


def school_owner(check: "RowChecker") -> str:
    """The kommunenummer a school row names (Statistikkbanken's ``Kommunekode``; Excel may have
    dropped its leading zero), or "" when the file has no such column."""
    if "Kommunekode" not in check.mapping:
        return ""
    text = as_text(check.raw("Kommunekode"))
    return text.zfill(4) if text.isdigit() else text


def school_not_stored(ctx: Context, code: str, name: str, owner: str = "") -> None:
    """A good school row that is not stored: another municipality's school (counted: one in the
    portal, or one the file places under another kommunenummer), or a school of this municipality
    that is not in the portal (listed). The careful path and the fast lane both call this."""
    if code in ctx.other_units or (owner and owner not in own_numbers(ctx)):
        ctx.other_schools.add(code)
    elif code in ctx.not_taking_part:
        ctx.extra.setdefault("not_taking_part", set()).add(code)
    else:
        ctx.unknown_units.setdefault(code, name)


def comparison_stored(ctx: Context, level: int, code: str) -> bool:
    """Every import stores its own municipality's row; only a reference import the rest."""
    return ctx.reference or (level == Level.MUNICIPALITY and code == ctx.municipality_number)


class Format:
    key = ""
    #: the kind of unit (laeringslop.UnitKind) whose rows the format stores
    unit_kind = "school"
    #: canonical column name -> required?
    columns: dict = {}
    #: normalised alternative spellings -> canonical column name
    aliases: dict = {}
    #: normalised headings that identify the format when it is not chosen
    signature: set = set()

    def __init__(self):
        self._canonical = {normalise_header(name): name for name in self.columns}
        self._canonical.update(self.aliases)

    @staticmethod
    def recognises(header) -> bool:
        """Detection beyond the signature columns (a format whose headings follow a pattern)."""
        return False

    def finish(self, ctx: "Context", problems: ProblemLog) -> None:
        """After every row has been checked: problems of the file as a whole."""

    def summary(self, ctx: "Context", mapping: dict) -> dict:
        """The format's own entries of the import's summary."""
        return {}

    def canonical(self, heading) -> str | None:
        return self._canonical.get(normalise_header(heading))

    def map_header(self, header, problems: ProblemLog) -> dict | None:
        """canonical column -> (index, heading as written); None when columns are missing or doubled."""
        mapping = {}
        for index, heading in enumerate(header):
            name = self.canonical(heading)
            if name is None:
                continue
            if name in mapping:
                problems.add(gettext_noop("The column %(column)s appears twice (as «%(first)s» and «%(second)s»)."),
                             column=name, first=mapping[name][1], second=as_text(heading))
                continue
            mapping[name] = (index, as_text(heading))
        missing = [name for name, required in self.columns.items() if required and name not in mapping]
        if missing:
            problems.add(gettext_noop("Missing column(s): %(columns)s. The first row must hold the column names."),
                         columns=", ".join(missing))
        return None if problems else mapping

    def check_row(self, number: int, cells: list, ctx: Context, mapping: dict):
        """A record tuple for the writer, None (row not stored) or False (row has problems)."""
        raise NotImplementedError

    def check_line(self, number: int, cells: list, ctx: Context, mapping: dict):
        """The row as a line for the writer (see writer.copy_line), None or False as check_row."""
        record = self.check_row(number, cells, ctx, mapping)
        return copy_line(record) if record else record


class RowChecker:
    """Reads the cells of one row, turning CellErrors into problems for that row."""

    __slots__ = ("cells", "mapping", "number", "problems", "ok")

    def __init__(self, cells, mapping, number, problems):
        self.cells, self.mapping, self.number, self.problems = cells, mapping, number, problems
        self.ok = True

    def raw(self, name):
        spec = self.mapping.get(name)
        if spec is None or spec[0] >= len(self.cells):
            return None
        return self.cells[spec[0]]

    def heading(self, name) -> str:
        spec = self.mapping.get(name)
        return spec[1] if spec else name

    def get(self, name, parser, *args):
        spec = self.mapping.get(name)
        raw = None if spec is None or spec[0] >= len(self.cells) else self.cells[spec[0]]
        try:
            return parser(raw, *args)
        except CellError as error:
            self.fail(error.msgid, name, raw, **error.params)
            return None

    def fail(self, msgid, name=None, raw=None, **params):
        self.ok = False
        self.problems.add(msgid, row=self.number, column=self.heading(name) if name else "",
                          value=as_text(raw), **params)


def level_of(raw) -> int:
    text = as_text(raw)
    if text not in {"1", "2", "3", "4"}:
        raise CellError(gettext_noop("«%(value)s» is not a level: use 1 (nation), 2 (county), 3 (municipality) or 4 (school)."))
    return int(text)


def area_code(raw, level) -> str:
    text = normalise_org_number(as_text(raw))
    if level == Level.NATION:
        if text.upper() != "I":
            raise CellError(gettext_noop("«%(value)s»: for the nation (level 1) the number is «I»."))
        return "I"
    if level == Level.COUNTY:
        if len(text) != 2 or not text.isdigit():
            raise CellError(gettext_noop("«%(value)s» is not a county number (2 digits)."))
        return text
    if level == Level.MUNICIPALITY:
        if len(text) != 4 or not text.isdigit():
            raise CellError(gettext_noop("«%(value)s» is not a municipality number (4 digits)."))
        return text
    if len(text) != 9 or not text.isdigit():
        raise CellError(gettext_noop("«%(value)s» is not an organisation number (9 digits)."))
    if not is_valid_org_number(text):
        raise CellError(gettext_noop("«%(value)s» is not a valid organisation number: the check digit is wrong."))
    return text


def unit_columns(check: RowChecker, ctx: Context, level_column=True):
    """(school year, level, area code, area name) from the shared columns.

    The name: the nation is always NATION_NAME; without a name in the file a municipality gets
    its name in the portal, a school its unit's name (see the formats); otherwise "" — which the
    writer reads as "keep the stored name".

    The same unit and year recur on many rows (one per test), so a good answer is remembered.
    """
    raws = (check.raw("Skoleaarnavn"), check.raw("EnhetNivaa"), check.raw("Organisasjonsnummer"),
            check.raw("EnhetNavn"))
    memo = ctx.extra.setdefault("unit_columns", {})
    found = memo.get(raws)
    if found is not None:
        return found
    result = _unit_columns(check, level_column)
    year, level, code, name = result
    if code in ctx.former_numbers:
        code, name = current_area(ctx, level, code, name)
        result = (year, level, code, name)
    if level == Level.NATION:
        result = (year, level, code, NATION_NAME)
    elif level == Level.MUNICIPALITY and not name:
        result = (year, level, code, ctx.municipalities.get(code, ""))
    if check.ok and len(memo) < 100_000:
        memo[raws] = result
    return result


def _unit_columns(check, level_column):
    from ..values import school_year

    year = check.get("Skoleaarnavn", school_year)
    if level_column:
        level = check.get("EnhetNivaa", level_of)
    else:
        level = level_from_code(as_text(check.raw("Organisasjonsnummer")))
    code = check.get("Organisasjonsnummer", area_code, level) if level else None
    name = check.get("EnhetNavn", text_cell) if "EnhetNavn" in check.mapping else ""
    return year, level, code, name or ""


def padded_code(raw, width: int, excel_decimals: bool = False) -> str:
    """A code as text with the leading zeros Excel drops from codes it takes for numbers padded back
    to ``width`` (301 → 0301; width 0: none). ``excel_decimals``: a code Excel wrote as a decimal
    number loses its «.0» first (301.0 → 0301)."""
    text = as_text(raw)
    if excel_decimals and text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text.zfill(width) if text.isdigit() and len(text) < width else text


def level_from_code(text: str) -> int:
    compact = normalise_org_number(text)
    if compact.upper() == "I":
        return Level.NATION
    return {2: Level.COUNTY, 4: Level.MUNICIPALITY}.get(len(compact), Level.SCHOOL)


def place(ctx: Context, check: RowChecker, key: tuple, level: int, code: str, name: str, what: str = "",
          owner: str = ""):
    """The duplicate check and the unit lookup (``owner``: the school's kommunenummer in the file, if it
    says). Returns (unit id or None, stored?)."""
    first = ctx.seen.get(key)
    if first is not None:
        check.fail(gettext_noop("the same unit, school year and test or indicator (%(what)s) as row %(first)s."),
                   what=what or key[-1], first=first)
        return None, False
    ctx.seen[key] = check.number
    if level != Level.SCHOOL:
        if comparison_stored(ctx, level, code):
            ctx.comparison_rows += 1
            return None, True
        ctx.comparison_skipped += 1
        return None, False
    unit = ctx.units.get(code)
    if unit is None:
        school_not_stored(ctx, code, name, owner)
        return None, False
    ctx.units_covered.add(unit[0])
    return unit[0], True
