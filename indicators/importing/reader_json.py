"""A JSON file as Udir's export API gives it (``format=0``): a list of row objects with the same
field names as its CSV, or an object whose ``data`` is that list. Read whole: the upload is bounded
by MAX_UPLOAD_SIZE (checked in reader.open_table before this is called). The headings are the field
names in the order they first appear; rows are numbered as in the CSV of the same rows (heading = 1).
"""
import json

from .problems import gettext_noop
from .reader import Table

NOT_JSON_ROWS = gettext_noop("The file is JSON but not a list of rows: Udir's export API gives a list of objects "
                             "with the same field names as its CSV (e.g. Skoleaarnavn, Organisasjonsnummer).")


def open_json(path, problems) -> Table | None:
    """The rows of a JSON file (see the module), or None with the reasons added to ``problems``."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (UnicodeDecodeError, ValueError) as error:
        problems.add(gettext_noop("The file cannot be read as JSON (%(error)s): it may be cut off. "
                                  "Download it again from Udir."), error=str(error)[:120])
        return None
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        problems.add(NOT_JSON_ROWS)
        return None
    if not data:
        problems.add(gettext_noop("The file is empty."))
        return None
    header = list(dict.fromkeys(key for row in data for key in row))

    def cell(value):
        if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return value
        return json.dumps(value, ensure_ascii=False)

    def rows():
        # Row numbers as in the export's CSV of the same rows: the heading is row 1.
        for number, row in enumerate(data, start=2):
            yield number, [cell(row.get(key)) for key in header]

    return Table("json", header, 1, len(data), rows(), "utf-8")
