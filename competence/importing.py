"""Reading a competence survey's results file (our own format: docs/data-formats.md,
``docs/samples/kompetanseundersokelse.csv``).

The file is opened and streamed by the indicator imports' reader (``indicators.importing.reader``:
CSV in UTF-8/Windows-1252/UTF-16 with ``;`` or TAB, or the first sheet of an XLSX, with its size,
zip-bomb and formula checks), and its problems are the same ``ProblemLog`` (row, column, value, in
Norwegian). Here every row is checked against the survey's rules; nothing is written.
"""
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from indicators.importing.problems import ProblemLog, gettext_noop
from indicators.importing.reader import open_table
from laeringslop.spreadsheets import FORMULA_START

#: The columns, by their heading in the file (any case; spaces around are ignored).
ORG_NUMBER, UNIT, TOPIC, SATISFACTION, IMPORTANCE, ANSWERS = (
    "Organisasjonsnummer", "Enhet", "Tema", "Tilfredshet", "Viktighet", "Antall svar")
COLUMNS = (ORG_NUMBER, UNIT, TOPIC, SATISFACTION, IMPORTANCE, ANSWERS)
REQUIRED = (ORG_NUMBER, TOPIC, SATISFACTION, IMPORTANCE, ANSWERS)
SCALE = (Decimal(1), Decimal(5))
MAX_TOPIC = 150


@dataclass
class Checked:
    """The file's rows as (unit id or None, topic, satisfaction, importance, answers), or its problems."""

    problems: ProblemLog
    rows: list = field(default_factory=list)
    rows_read: int = 0


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _number(cell, row, column, problems) -> Decimal | None:
    text = _text(cell).replace(",", ".").replace("\u00a0", "").replace(" ", "")
    if not text:
        problems.add(gettext_noop("the value is missing."), row=row, column=column)
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        problems.add(gettext_noop("«%(value)s» is not a number."), row=row, column=column, value=_text(cell))
        return None
    if not value.is_finite() or not SCALE[0] <= value <= SCALE[1]:
        problems.add(gettext_noop("«%(value)s» is outside 1–5."), row=row, column=column, value=_text(cell))
        return None
    return value.quantize(Decimal("0.01"))


def check_file(path, *, municipality) -> Checked:
    """Every row of the file at ``path`` checked for ``municipality``'s survey."""
    from laeringslop.models import Unit

    problems = ProblemLog()
    table = open_table(path, problems)
    result = Checked(problems)
    if table is None:
        return result
    headings = {_text(h).casefold(): i for i, h in enumerate(table.header) if _text(h)}
    missing = [c for c in REQUIRED if c.casefold() not in headings]
    if missing:
        problems.add(gettext_noop("The heading row lacks the column(s) %(columns)s; the columns are %(all)s."),
                     row=table.header_row, columns=", ".join(missing), all="; ".join(COLUMNS))
        for _row in table.rows:  # close the file
            pass
        return result
    index = {c: headings.get(c.casefold()) for c in COLUMNS}
    units = {u.org_number: u.pk for u in Unit.objects.filter(municipality=municipality).only("pk", "org_number")}
    seen = {}
    for number, cells in table.rows:
        def cell(column, cells=cells):
            i = index[column]
            return cells[i] if i is not None and i < len(cells) else None

        if not any(_text(c) for c in cells):
            continue
        result.rows_read += 1
        for column in (UNIT, TOPIC):
            text = _text(cell(column))
            if text.startswith(FORMULA_START):
                problems.add(gettext_noop("«%(value)s» starts like a formula (=, +, -, @); write it without."),
                             row=number, column=column, value=text)
        org = _text(cell(ORG_NUMBER)).replace(" ", "")
        unit_id = None
        if org:
            unit_id = units.get(org)
            if unit_id is None:
                problems.add(gettext_noop("no unit of the municipality has organisation number «%(value)s» "
                                          "(leave it empty for the whole municipality)."),
                             row=number, column=ORG_NUMBER, value=org)
        topic = " ".join(_text(cell(TOPIC)).split())
        if not topic:
            problems.add(gettext_noop("the topic is missing."), row=number, column=TOPIC)
        elif len(topic) > MAX_TOPIC:
            problems.add(gettext_noop("the topic is longer than %(max)s characters."), row=number, column=TOPIC,
                         value=topic, max=MAX_TOPIC)
        satisfaction = _number(cell(SATISFACTION), number, SATISFACTION, problems)
        importance = _number(cell(IMPORTANCE), number, IMPORTANCE, problems)
        answers_text = _text(cell(ANSWERS)).replace(" ", "").replace("\u00a0", "")
        answers = None
        if not answers_text.isdigit() or int(answers_text) < 1:
            problems.add(gettext_noop("«%(value)s» is not a whole number of answers (1 or more)."), row=number,
                         column=ANSWERS, value=_text(cell(ANSWERS)))
        else:
            answers = int(answers_text)
        key = (unit_id, topic.casefold())
        if topic and (org == "" or unit_id is not None):
            if key in seen:
                problems.add(gettext_noop("the topic «%(value)s» for this unit is also in row %(first)s."),
                             row=number, column=TOPIC, value=topic, first=seen[key])
            else:
                seen[key] = number
        if not problems and None not in (satisfaction, importance, answers):
            result.rows.append([unit_id, topic, str(satisfaction), str(importance), answers])
    if result.rows_read == 0 and not problems:
        problems.add(gettext_noop("The file has a heading row but no results."))
    if problems:
        result.rows = []
    return result
