"""CSV and XLSX exports with formula injection neutralised (OWASP "CSV injection")."""
import csv
import io
import re

from openpyxl import Workbook

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def neutralise(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def to_csv(header: list, rows: list) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens æøå right


def to_xlsx(header: list, rows: list, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([neutralise(str(h)) for h in header])
    for row in rows:
        sheet.append([neutralise(v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
