"""Set up a municipality from Udir's files: its name and its schools (organisation number, name)
from the level-3 and level-4 rows of a Statistikkbanken download.

``units_import`` reads every file with the imports' reader (CSV as downloaded, Excel's re-save,
XLSX), keeps the rows of the municipality under its current or a former number, creates the
municipality if it is missing, and creates or renames its schools. It never deletes: schools of
the municipality that no longer appear in the file are listed. Nothing is stored when a row has a
problem, and a second run with the same files changes nothing.
"""
import os
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.importing.formats.base import area_code, level_of, normalise_header
from indicators.importing.problems import CellError, ProblemLog, gettext_noop
from indicators.importing.reader import open_table
from indicators.importing.values import as_text, text_cell

from .former_numbers import former_numbers_ensure, shipped_for
from .models import County, Municipality, Unit, UnitKind
from .permissions import administers_municipality

#: canonical column -> required?
COLUMNS = {"EnhetNivaa": True, "Kommunekode": True, "Organisasjonsnummer": True, "EnhetNavn": True,
           "Kommune": False, "Fylkekode": False, "Fylke": False}
_CANONICAL = {normalise_header(name): name for name in COLUMNS} | {"enhetsnivaa": "EnhetNivaa",
                                                                   "orgnr": "Organisasjonsnummer"}
#: «Drammen (2020 - 2023)»: the years a municipality's name in some files carries.
_YEARS_SUFFIX = re.compile(r"\s*\(\s*\d{4}\s*[-–]\s*\d{4}\s*\)\s*$")
#: The grade in a measure heading: «2024-25.Lesing.5. årstrinn.…».
_GRADE = re.compile(r"(?:^|\.)\s*(\d{1,2})\.\s*[åa]+rstrinn", re.IGNORECASE)


@dataclass
class UnitsImportResult:
    problems: ProblemLog
    municipality_number: str
    municipality_name: str = ""
    municipality_created: bool = False
    former_numbers_added: list = field(default_factory=list)  # numbers
    created: list = field(default_factory=list)  # (org number, name)
    renamed: list = field(default_factory=list)  # (org number, old name, new name)
    unchanged: list = field(default_factory=list)  # (org number, name)
    no_longer_in_file: list = field(default_factory=list)  # (org number, name): kept, never deleted
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """The outcome in sentences, for the command line."""
        lines = []
        if self.municipality_created:
            lines.append(_("Created the municipality %(name)s (%(number)s).")
                         % {"name": self.municipality_name, "number": self.municipality_number})
        if self.former_numbers_added:
            lines.append(_("Former numbers added: %(numbers)s") % {"numbers": ", ".join(self.former_numbers_added)})
        for label, rows in ((_("Created"), self.created), (_("Unchanged"), self.unchanged)):
            lines.append(f"{label}: {len(rows)}")
            lines += [f"  {name} ({org})" for org, name in rows]
        lines.append(f"{_('Renamed')}: {len(self.renamed)}")
        lines += [f"  {old} → {new} ({org})" for org, old, new in self.renamed]
        lines.append(f"{_('No longer in the file (kept)')}: {len(self.no_longer_in_file)}")
        lines += [f"  {name} ({org})" for org, name in self.no_longer_in_file]
        if self.dry_run:
            lines.append(_("Dry run: nothing was stored."))
        return lines


@dataclass
class _Found:
    name: str = ""
    name_is_current: bool = False
    county_number: str = ""
    county_name: str = ""
    schools: dict = field(default_factory=dict)  # org number -> name (the last file's)
    grades: set = field(default_factory=set)


def _padded(raw, width) -> str:
    """Excel drops leading zeros of codes it takes for numbers (0301 → 301): pad them back."""
    text = as_text(raw)
    return text.zfill(width) if text.isdigit() and len(text) < width else text


def _read(path, label, numbers: set, current: str, found: _Found, problems: ProblemLog) -> None:
    table = open_table(path, problems)
    if table is None:
        return
    mapping = {}
    for index, heading in enumerate(table.header):
        name = _CANONICAL.get(normalise_header(heading))
        if name and name not in mapping:
            mapping[name] = index
        found.grades.update(int(g) for g in _GRADE.findall(as_text(heading)))
    missing = [name for name, required in COLUMNS.items() if required and name not in mapping]
    if missing:
        problems.add(gettext_noop("%(file)s: missing column(s): %(columns)s. Use the file as Udir's Statistikkbanken "
                                  "downloads it (with EnhetNivaa, Kommunekode, Organisasjonsnummer and EnhetNavn)."),
                     file=label, columns=", ".join(missing))
        return

    def cell(cells, name):
        index = mapping.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def column(name):
        return f"{name} ({label})"

    for number, cells in table.rows:
        if all(as_text(c) == "" for c in cells):
            continue
        code = _padded(cell(cells, "Kommunekode"), 4)
        if code not in numbers:
            continue  # another municipality, a county or the nation
        try:
            level = level_of(cell(cells, "EnhetNivaa"))
        except CellError as error:
            problems.add(error.msgid, row=number, column=column("EnhetNivaa"), value=as_text(cell(cells, "EnhetNivaa")))
            continue
        if level == 3:
            name = _YEARS_SUFFIX.sub("", as_text(cell(cells, "Kommune")))
            if name and (code == current or not found.name_is_current):
                found.name, found.name_is_current = name, code == current
                found.county_number = _padded(cell(cells, "Fylkekode"), 2)
                found.county_name = as_text(cell(cells, "Fylke"))
        elif level == 4:
            raw = cell(cells, "Organisasjonsnummer")
            try:
                org = area_code(raw, 4)
                name = " ".join(text_cell(cell(cells, "EnhetNavn")).split())
            except CellError as error:
                problems.add(error.msgid, row=number, column=column("Organisasjonsnummer"), value=as_text(raw),
                             **error.params)
                continue
            if not name:
                problems.add(gettext_noop("the school has no name."), row=number, column=column("EnhetNavn"))
                continue
            found.schools[org] = name


def _grades(grades: set) -> tuple[int, int]:
    """A new school's grades from the tests in the file: grade 5 only → 1–7, grades 8/9 only → 8–10,
    both or none → 1–10 (an adviser corrects them in the admin)."""
    if grades and max(grades) <= 7:
        return 1, 7
    if grades and min(grades) >= 8:
        return 8, 10
    return 1, 10


def units_import(*, municipality_number: str, paths: list, user=None, dry_run: bool = False) -> UnitsImportResult:
    """Create the municipality (if missing) and create or rename its schools from the files' rows
    under its current or a former number. Nothing is stored when the files have a problem."""
    number = "".join(str(municipality_number).split())
    if len(number) != 4 or not number.isdigit():
        raise ValidationError(_("A municipality number has exactly 4 digits."), code="municipality_number")
    municipality = Municipality.objects.filter(number=number).first()
    if user is not None and not (user.is_superuser or (municipality is not None
                                                         and administers_municipality(user, municipality))):
        raise PermissionDenied
    # The municipality's former numbers as the portal has them (its administrator may have corrected
    # them); the shipped ones for a municipality not yet in the portal or without any.
    known = set(municipality.former_numbers.values_list("number", flat=True)) if municipality else set()
    numbers = {number} | (known or {row.number for row in shipped_for(number)})
    problems = ProblemLog()
    result = UnitsImportResult(problems, number, municipality.name if municipality else "", dry_run=dry_run)
    found = _Found()
    for path in paths:
        _read(path, os.path.basename(str(path)), numbers, number, found, problems)
    if problems:
        return result
    if municipality is None and not found.name:
        problems.add(gettext_noop("The file has no row for the municipality %(number)s (level 3, «Alle skoler»): "
                                  "its name cannot be read. Download the file with the municipality's row."),
                     number=number)
        return result
    with transaction.atomic():
        if municipality is None:
            municipality = _municipality_create(number, found)
            result.municipality_created, result.municipality_name = True, municipality.name
        if result.municipality_created or not municipality.former_numbers.exists():
            result.former_numbers_added = [f.number for f in former_numbers_ensure(municipality=municipality)]
        _schools_update(municipality, found, result)
        if problems or dry_run:
            transaction.set_rollback(True)
    return result


def _municipality_create(number: str, found: _Found) -> Municipality:
    county = None
    if len(found.county_number) == 2 and found.county_number.isdigit() and found.county_number != "00":
        county = County.objects.filter(number=found.county_number).first()
        if county is None and found.county_name:
            county = County(number=found.county_number, name=found.county_name)
            county.full_clean()
            county.save()
    municipality = Municipality(number=number, name=found.name, county=county)
    municipality.full_clean()
    municipality.save()
    return municipality


def _schools_update(municipality, found: _Found, result: UnitsImportResult) -> None:
    elsewhere = dict(Unit.objects.filter(org_number__in=list(found.schools)).exclude(municipality=municipality)
                     .values_list("org_number", "municipality__name"))
    for org, other in sorted(elsewhere.items()):
        result.problems.add(gettext_noop("%(org)s (%(name)s) is a school of %(other)s in the portal; a school does "
                                         "not move between municipalities here (ask the portal's administrator)."),
                            org=org, name=found.schools[org], other=other)
    if elsewhere:
        return
    existing = {unit.org_number: unit for unit in Unit.objects.filter(municipality=municipality)}
    first, last = _grades(found.grades)
    for org, name in sorted(found.schools.items(), key=lambda item: item[1]):
        unit = existing.get(org)
        if unit is None:
            unit = Unit(municipality=municipality, org_number=org, name=name, kind=UnitKind.SCHOOL,
                        first_grade=first, last_grade=last)
            unit.full_clean()
            unit.save()
            result.created.append((org, name))
        elif unit.name != name:
            result.renamed.append((org, unit.name, name))
            unit.name = name
            unit.full_clean()
            unit.save(update_fields=["name"])
        else:
            result.unchanged.append((org, name))
    result.no_longer_in_file = [(unit.org_number, unit.name) for unit in sorted(existing.values(), key=lambda u: u.name)
                                if unit.kind == UnitKind.SCHOOL and unit.org_number not in found.schools]

