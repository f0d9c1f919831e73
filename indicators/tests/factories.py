"""Test data for the indicators app: files in Udir's formats, and import jobs."""
import io

from laeringslop.tests import factories as core
from laeringslop.validators import org_number_check_digit

LONG_HEADER_FORMAT = ["Skoleaarnavn", "Organisasjonsnummer", "Indikator", "Verdi", "Antall"]
NATIONAL_HEADER = ["Skoleaarnavn", "EnhetNivaa", "Organisasjonsnummer", "EnhetNavn", "Proevekode", "Skalapoeng",
                   "Usikkerhet", "AntallElever", "AndelMestringsnivaa1", "AndelMestringsnivaa2",
                   "AndelMestringsnivaa3", "AndelMestringsnivaa4", "AndelMestringsnivaa5"]


def org_number(base: int) -> str:
    """A valid organisation number near ``base`` (8 digits)."""
    while True:
        check = org_number_check_digit(f"{base:08d}")
        if check is not None:
            return f"{base:08d}{check}"
        base += 1


def national_row(org, name="Testskole", test="NPLES05", year="2024-25", level="4", score="48,3",
                 uncertainty="1,9", pupils="52", shares=None):
    if shares is None:
        shares = ["20,1", "50,2", "29,7", "", ""] if test.endswith("05") else ["10,0", "20,0", "30,0", "25,0", "15,0"]
    return [year, level, org, name, test, score, uncertainty, pupils, *shares]


def csv_bytes(rows, header=NATIONAL_HEADER, encoding="utf-8", delimiter=";", bom=False) -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(str(c) for c in row) for row in rows]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, header=NATIONAL_HEADER, formula_cell=None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if formula_cell:
        sheet[formula_cell] = "=1+1"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def schools(municipality=None, n=2, **kw):
    municipality = municipality or core.MunicipalityFactory()
    return [core.SchoolFactory(municipality=municipality, **kw) for _ in range(n)]


def home_municipality():
    """The municipality the tests' imports belong to: that of the first school in the database (a
    test's schools share one, see ``schools``), or a new one when there is none."""
    from laeringslop.models import Unit

    unit = Unit.objects.schools().select_related("municipality").order_by("pk").first()
    return unit.municipality if unit else core.MunicipalityFactory()


def command_args(path, municipality=None, reference=False, dry_run=False) -> list[str]:
    """The import command's arguments: the file, ``--municipality`` (see home_municipality), the flags."""
    number = (municipality or home_municipality()).number
    return [str(path), "--municipality", number] + (["--reference"] if reference else []) + \
        (["--dry-run"] if dry_run else [])
