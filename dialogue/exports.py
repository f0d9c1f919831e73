"""CSV and XLSX exports with formula injection neutralised (OWASP "CSV injection")."""
import csv
import io
from decimal import Decimal

from openpyxl import Workbook

from laeringslop.spreadsheets import neutralise


def _csv_value(value):
    """Norwegian spreadsheets read "54,51" as a number and "54.51" as text: decimals get a comma."""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, (float, Decimal)):
        return str(value).replace(".", ",")
    return value


def to_csv(header: list, rows: list) -> str:
    """Semicolon-separated, decimal comma, UTF-8 with a BOM (so Excel opens æøå right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return "\ufeff" + buffer.getvalue()


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
