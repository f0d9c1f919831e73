"""Open an uploaded file safely and stream its rows, whatever its size.

JSON: a list of row objects (Udir's export API, ``format=0``), or an object whose ``data`` is
that list; read whole (the file is bounded by MAX_UPLOAD_SIZE), the headings being the field names
in the order they first appear.
CSV: semicolon- or TAB-separated, UTF-8 (with or without BOM), Windows-1252 or UTF-16 (as Udir's
Statistikkbanken downloads it: little-endian without BOM, a first line ``sep=<TAB>``), read line by
line. A first line ``sep=X`` (Excel's hint) is skipped and X is the separator.
XLSX: the first sheet, read with python-calamine after the zip's sizes have been checked
(a zip bomb is refused before anything is expanded) and formulas have been looked for.
"""
import codecs
import csv
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from defusedxml import ElementTree as SafeET
from django.conf import settings

from .problems import ProblemLog, gettext_noop

CHUNK = 1024 * 1024
#: Limits for an XLSX (a zip): total uncompressed size, members, compression ratio per member.
XLSX_MAX_UNCOMPRESSED = 200 * 1024 * 1024
XLSX_MAX_MEMBERS = 2000
XLSX_MAX_RATIO = 200

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass
class Table:
    kind: str  # "csv", "xlsx" or "json"
    header: list
    header_row: int
    rows_total: int
    rows: Iterator  # of (row number in the file, list of cells)
    encoding: str = ""


NOT_EXCEL = gettext_noop("The file is named .xlsx but is not a valid Excel file. Open it in Excel and save it "
                         "again as an Excel workbook (.xlsx), or as semicolon-separated CSV.")
NOT_A_TABLE = gettext_noop("The file is not a CSV table with Udir's column headings: the first row must hold the "
                           "column names separated by semicolons (e.g. Skoleaarnavn;Organisasjonsnummer;Proevekode).")


def _known_heading(cell) -> bool:
    from .formats import FORMATS

    return any(fmt.canonical(cell) for fmt in FORMATS.values())


def _limit(name, default):
    return getattr(settings, name, default)


def open_table(path, problems: ProblemLog) -> Table | None:
    """The table in the file at ``path``, or None with the reasons added to ``problems``."""
    size = os.path.getsize(path)
    max_size = settings.MAX_UPLOAD_SIZE
    if size > max_size:
        problems.add(gettext_noop("The file is %(size)s MB; the limit is %(limit)s MB."),
                     size=round(size / 1048576, 1), limit=round(max_size / 1048576, 1))
        return None
    if size == 0:
        problems.add(gettext_noop("The file is empty."))
        return None
    with open(path, "rb") as handle:
        head = handle.read(8192)
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path, problems)
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        problems.add(NOT_EXCEL)
        return None
    utf16 = _utf16_encoding(head)
    if utf16 is not None:
        if size % 2:
            problems.add(gettext_noop("The file is UTF-16 text with an odd number of bytes: it is cut off (truncated). "
                                      "Download it again from Udir's Statistikkbanken."))
            return None
        return _open_csv(path, problems, utf16)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        from .reader_json import open_json

        return open_json(path, problems)
    if head.startswith(b"\xd0\xcf\x11\xe0") or b"\x00" in head:
        problems.add(gettext_noop("The file is neither CSV nor XLSX. Save it as CSV (semicolon-separated) or as an Excel workbook (.xlsx)."))
        return None
    return _open_csv(path, problems)


# --- CSV --------------------------------------------------------------------------------------
_SEP_HINT = re.compile(r"^\ufeff?sep=([^\r\n])\r?\n?$", re.IGNORECASE)
#: Separators of the heading row, tried when the file gives no ``sep=`` line.
SEPARATORS = ((";", ";"), ("\t", "TAB"), (",", ","), ("|", "|"))
_SEPARATOR_NAMES = dict(SEPARATORS)


def _utf16_encoding(head: bytes) -> str | None:
    """"utf-16" (a BOM says the byte order), "utf-16-le"/"utf-16-be" when the NUL bytes show it
    (text in Latin letters has a NUL in every other byte), else None."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    odd_nul, even_nul = sample[1::2].count(0), sample[0::2].count(0)
    if odd_nul >= 0.6 * pairs and even_nul <= 0.05 * pairs:
        return "utf-16-le"
    if even_nul >= 0.6 * pairs and odd_nul <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _count_utf16_lines(path, encoding) -> int | None:
    """Lines of a UTF-16 file, None when it does not decode (one streaming pass)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines, last = 0, ""
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                text = decoder.decode(chunk)
                lines += text.count("\n")
                last = text or last
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    if last and not last.endswith("\n"):
        lines += 1
    return lines


def _detect_encoding(path) -> tuple[str | None, int]:
    """UTF-8 (BOM or not) or Windows-1252, and the number of lines; one streaming pass."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    utf8 = True
    last = b""
    with open(path, "rb") as handle:
        first = handle.read(3)
        bom = first == codecs.BOM_UTF8
        handle.seek(0)
        while chunk := handle.read(CHUNK):
            lines += chunk.count(b"\n")
            last = chunk
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if last and not last.endswith(b"\n"):
        lines += 1
    if utf8:
        return ("utf-8-sig" if bom else "utf-8"), lines
    # Windows-1252 leaves five bytes undefined: a file with them is neither encoding.
    with open(path, "rb") as handle:
        decoder = codecs.getincrementaldecoder("cp1252")()
        try:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
        except UnicodeDecodeError:
            return None, lines
    return "cp1252", lines


def _open_csv(path, problems, utf16: str | None = None) -> Table | None:
    if utf16:
        encoding, lines = utf16, _count_utf16_lines(path, utf16)
        if lines is None:
            problems.add(gettext_noop("The file cannot be read: it looks like UTF-16 text but does not decode as such "
                                      "(it may be damaged or cut off)."))
            return None
    else:
        encoding, lines = _detect_encoding(path)
    if encoding is None:
        problems.add(gettext_noop("The file cannot be read: it is neither UTF-8 nor Windows-1252 text."))
        return None
    handle = open(path, encoding=encoding, newline="")
    first = handle.readline()
    hint = _SEP_HINT.match(first)
    skipped = 1 if hint else 0
    if hint:
        delimiter = hint.group(1)
    else:
        delimiter = _heading_separator(first)
        handle.seek(0)
    reader = csv.reader(handle, delimiter=delimiter)
    header, header_row = None, 0
    for cells in reader:
        header_row = reader.line_num
        if any(cell.strip() for cell in cells):
            header = cells
            break
    if header is None:
        handle.close()
        problems.add(gettext_noop("The file is empty."))
        return None
    if len(header) == 1 and not _known_heading(header[0]):
        handle.close()
        for separator, name in ((",", ","), ("|", "|")):
            if separator in header[0] and any(_known_heading(cell) for cell in header[0].split(separator)):
                problems.add(gettext_noop("The columns are separated by «%(separator)s»; Udir's files use semicolons (;). "
                                "Save the file as semicolon-separated CSV."), separator=name)
                return None
        problems.add(NOT_A_TABLE)
        return None
    while header and not header[-1].strip():
        header.pop()

    width = len(header)
    others = [(sep, name) for sep, name in SEPARATORS[:2] if sep != delimiter]

    def rows():
        try:
            for cells in reader:
                if width > 1 and len(cells) == 1:
                    for separator, name in others:
                        if cells[0].count(separator) >= width - 1:
                            problems.add(gettext_noop("the row is separated by «%(separator)s» but the heading row by "
                                                      "«%(heading)s»: the file mixes separators. Save it again with one "
                                                      "separator."), row=reader.line_num, separator=name,
                                         heading=_SEPARATOR_NAMES.get(delimiter, delimiter))
                            break
                    else:
                        yield reader.line_num, cells
                    continue
                yield reader.line_num, cells
        finally:
            handle.close()

    return Table("csv", header, header_row, max(0, lines - header_row - skipped), rows(), encoding)


def _heading_separator(line: str) -> str:
    """";" unless the first line's Udir headings are separated by TAB (and it holds no semicolon)."""
    if ";" not in line and "\t" in line and any(_known_heading(cell) for cell in line.split("\t")):
        return "\t"
    return ";"


# --- XLSX -------------------------------------------------------------------------------------
def _open_xlsx(path, problems) -> Table | None:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        problems.add(gettext_noop("The file is neither CSV nor XLSX. Save it as CSV (semicolon-separated) or as an Excel workbook (.xlsx)."))
        return None
    with archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        ratio = max((info.file_size / max(info.compress_size, 1) for info in infos), default=0)
        limit = _limit("INDICATOR_IMPORT_XLSX_MAX_UNCOMPRESSED", XLSX_MAX_UNCOMPRESSED)
        if len(infos) > XLSX_MAX_MEMBERS or total > limit or ratio > XLSX_MAX_RATIO:
            problems.add(gettext_noop("The workbook would expand to %(size)s MB (or compresses suspiciously well); "
                            "the limit is %(limit)s MB. It is refused to protect the server."),
                         size=round(total / 1048576, 1), limit=round(limit / 1048576, 1))
            return None
        names = {info.filename for info in infos}
        if "xl/workbook.xml" not in names:
            problems.add(gettext_noop("The file is neither CSV nor XLSX. Save it as CSV (semicolon-separated) or as an Excel workbook (.xlsx)."))
            return None
        try:
            sheet_path = _first_sheet_path(archive)
            formula_cells = _formula_cells(archive, sheet_path) if sheet_path in names else []
        except Exception:  # noqa: BLE001 - any XML trouble means an unreadable workbook
            problems.add(gettext_noop("The workbook cannot be read."))
            return None
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
    except Exception:  # noqa: BLE001
        problems.add(gettext_noop("The workbook cannot be read."))
        return None
    iterator = iter(sheet.iter_rows())
    start_row = sheet.start[0] + 1 if sheet.start else 1
    header, header_row = None, start_row - 1
    for cells in iterator:
        header_row += 1
        if any(str(cell).strip() for cell in cells if cell is not None):
            header = [("" if cell is None else str(cell)) for cell in cells]
            break
    if header is None:
        problems.add(gettext_noop("The file is empty."))
        return None
    while header and not header[-1].strip():
        header.pop()
    if formula_cells:
        for ref_row, col_index in formula_cells:
            column = header[col_index] if col_index < len(header) else _column_letters(col_index)
            problems.add(gettext_noop("the cell holds a formula; save the workbook with values only."), row=ref_row,
                         column=column, value="=…")
        return None

    def rows():
        number = header_row
        for cells in iterator:
            number += 1
            yield number, cells

    height = sheet.height or 0
    return Table("xlsx", header, header_row, max(0, height - (header_row - start_row + 1)), rows())


def _first_sheet_path(archive) -> str:
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    first = workbook.find(f"{_NS_MAIN}sheets/{_NS_MAIN}sheet")
    rel_id = first.get(f"{_NS_REL}id")
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target").lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    raise ValueError("no first sheet")


def _formula_cells(archive, sheet_path, limit=100) -> list:
    """(row, column index) of cells with a formula; a quick byte scan first, then a parse."""
    found_any = False
    with archive.open(sheet_path) as member:
        tail = b""
        while chunk := member.read(CHUNK):
            window = tail + chunk
            if b"<f>" in window or b"<f " in window or b"<f/>" in window:
                found_any = True
                break
            tail = chunk[-8:]
    if not found_any:
        return []
    cells = []
    with archive.open(sheet_path) as member:
        for _event, element in SafeET.iterparse(member, events=("end",)):
            if element.tag == f"{_NS_MAIN}c":
                if element.find(f"{_NS_MAIN}f") is not None:
                    match = _CELL_REF.match(element.get("r", ""))
                    if match:
                        cells.append((int(match.group(2)), _column_index(match.group(1))))
                    if len(cells) >= limit:
                        break
                element.clear()
    return cells


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
