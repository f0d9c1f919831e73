"""Write checked records in one transaction: create new values (each naming the import that
created it), update changed ones, record old → new for every update, leave the rest untouched. A
record with an empty name keeps the stored name. Whether the writes are kept, or held back as
planned changes waiting for confirmation, is decided around the write (see plan.py).

Records are spooled, as lines of COPY text, to a temporary file while the rows are checked
(memory stays bounded). On PostgreSQL (see merge_batch) new values are COPYed straight into the
table, or, where some are stored already, COPYed into a temporary table and merged in SQL;
elsewhere (SQLite) the spool is merged in batches with bulk_create / bulk_update.
"""
import json
import tempfile
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ..models import IndicatorValue, ValueChange

BATCH = 2000
#: The fields an import compares and writes besides the key.
FIELDS = ["area_name", "unit_id", "value", "suppressed", "uncertainty", "pupil_count", "details"]
KEY = ["indicator_id", "school_year", "grade", "level", "area_code"]
COLUMNS = KEY + FIELDS  # the order of a record tuple (details last)
#: A created value also names the import that created it (undoing the import removes it).
CREATED_BY = "created_by_import_id"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_UNESCAPES = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class Spool:
    """A temporary file of records in PostgreSQL's COPY text format."""

    def __init__(self):
        self.file = tempfile.TemporaryFile(mode="w+", encoding="utf-8", newline="\n")
        self.count = 0

    def add_line(self, line: str) -> None:
        """One record as a line of COPY text (see copy_line)."""
        self.file.write(line)
        self.count += 1

    def records(self):
        self.file.seek(0)
        for line in self.file:
            parts = [_unesc(part) for part in line.rstrip("\n").split("\t")]
            yield (int(parts[0]), int(parts[1]), int(parts[2]), int(parts[3]), parts[4], parts[5],
                   _int(parts[6]), _dec(parts[7]), parts[8] == "t", _dec(parts[9]), _int(parts[10]),
                   json.loads(parts[11]))

    def close(self):
        self.file.close()


def copy_line(record) -> str:
    """One record as a line of PostgreSQL's COPY text format."""
    (indicator_id, year, grade, level, code, name, unit_id, value, suppressed, uncertainty, pupils,
     details) = record
    return (
        f"{indicator_id}\t{year}\t{grade}\t{level}\t{escape_copy_text(code)}\t{escape_copy_text(name)}\t{_null(unit_id)}\t"
        f"{_null(value)}\t{'t' if suppressed else 'f'}\t{_null(uncertainty)}\t{_null(pupils)}\t"
        f"{details_json(details)}\n"
    )


def escape_copy_text(text) -> str:
    """Text for a field of PostgreSQL's COPY text format."""
    text = str(text)
    if "\\" in text or not text.isprintable():
        return text.translate(_ESCAPES)
    return text


def details_json(details: dict) -> str:
    """json.dumps for the usual {"1": 20.1, ...} quickly (floats print the same), else json.dumps."""
    parts = []
    for key, value in details.items():
        if value.__class__ is not float or not key.isdigit():
            return escape_copy_text(json.dumps(details))
        parts.append(f'"{key}": {value!r}')
    return "{" + ", ".join(parts) + "}"


def _unesc(text):
    if text == "\\N":
        return None
    if "\\" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _UNESCAPES:
            out.append(_UNESCAPES[pair])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _null(value) -> str:
    return "\\N" if value is None else str(value)


def _int(text):
    return None if text is None else int(text)


def _dec(text):
    return None if text is None else Decimal(text)


def write(spool: Spool, job, lock: bool = True) -> WriteResult:
    """Merge the spool into IndicatorValue; must run inside a transaction. ``lock``: wait for any
    other import to finish writing first (a dry run, rolled back anyway, need not)."""
    assert transaction.get_connection().in_atomic_block
    if connection.vendor == "postgresql":
        return _write_postgresql(spool, job, lock)
    return _write_batches(spool, job)


# --- Any database: batches with bulk operations -------------------------------------------------
def _state(value: IndicatorValue) -> dict:
    return {
        "area_name": value.area_name, "unit_id": value.unit_id,
        "value": None if value.value is None else float(value.value), "suppressed": value.suppressed,
        "uncertainty": None if value.uncertainty is None else float(value.uncertainty),
        "pupil_count": value.pupil_count, "details": value.details,
    }


def _write_batches(spool, job) -> WriteResult:
    result = WriteResult()
    batch = []
    for record in spool.records():
        batch.append(record)
        if len(batch) >= BATCH:
            _write_batch(batch, job, result)
            batch = []
    if batch:
        _write_batch(batch, job, result)
    return result


def _write_batch(batch, job, result) -> None:
    existing = {
        (v.indicator_id, v.school_year, v.grade, v.level, v.area_code): v
        for v in IndicatorValue.objects.filter(
            indicator_id__in={r[0] for r in batch}, school_year__in={r[1] for r in batch},
            area_code__in={r[4] for r in batch},
        )
    }
    now = timezone.now()
    to_create, to_update, changes = [], [], []
    for record in batch:
        fields = dict(zip(COLUMNS, record, strict=False))
        current = existing.get(record[:5])
        if current is None:
            to_create.append(IndicatorValue(**fields, updated_at=now, created_by_import_id=job.pk))
            continue
        if not fields["area_name"]:
            fields["area_name"] = current.area_name  # the file names no name: keep the stored one
        old = _state(current)
        for name in FIELDS:
            setattr(current, name, fields[name])
        new = _state(current)
        if new == old:
            result.unchanged += 1
            continue
        current.updated_at = now
        to_update.append(current)
        changes.append(ValueChange(job=job, value=current, old=old, new=new))
    IndicatorValue.objects.bulk_create(to_create, batch_size=500)
    IndicatorValue.objects.bulk_update(to_update, FIELDS + ["updated_at"], batch_size=500)
    ValueChange.objects.bulk_create(changes, batch_size=500)
    result.created += len(to_create)
    result.updated += len(to_update)


# --- PostgreSQL: COPY into a temporary table, then merge in SQL ----------------------------------
_STATE_SQL = ("jsonb_build_object('area_name', {t}.area_name, 'unit_id', {t}.unit_id, 'value', {t}.value, "
              "'suppressed', {t}.suppressed, 'uncertainty', {t}.uncertainty, 'pupil_count', {t}.pupil_count, "
              "'details', {t}.details)")
_DIFFERS = "(" + ", ".join(f"v.{f}" for f in FIELDS) + ") IS DISTINCT FROM (" + ", ".join(f"t.{f}" for f in FIELDS) + ")"
_JOIN = " AND ".join(f"v.{k} = t.{k}" for k in KEY)


TEMP_TABLE_SQL = (
    "CREATE TEMPORARY TABLE import_rows (indicator_id bigint, school_year smallint, grade smallint, "
    "level smallint, area_code varchar(12), area_name varchar(150), unit_id bigint, value numeric(9,3), "
    "suppressed boolean, uncertainty numeric(7,3), pupil_count integer, details jsonb, existing_id bigint) "
    "ON COMMIT DROP"
)
#: pg_advisory_xact_lock key: imports write one at a time, so that what one finds stored is
#: still so when it writes (its old → new log is right, and new rows can be inserted plainly).
IMPORT_LOCK_KEY = 0x4C4C_0001


#: How long an import waits for another one to finish writing before it gives up (fails, stores nothing).
IMPORT_LOCK_WAIT = "10min"


def imports_lock(cursor) -> None:
    """Wait until no other import is writing; held until this transaction ends."""
    wait = getattr(settings, "IMPORT_LOCK_WAIT", IMPORT_LOCK_WAIT)
    cursor.execute("SET LOCAL lock_timeout = %s", [wait])
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
    cursor.execute("SET LOCAL lock_timeout = DEFAULT")


class _WithJob:
    """A file of COPY lines read with the creating import's id added to each line (a C-speed replace
    per chunk: a line's only real newline is its end, see escape_copy_text)."""

    def __init__(self, lines, job_id):
        self.lines = lines
        self.suffix = f"\t{_null(job_id)}\n"

    def read(self, size=-1):
        return self.lines.read(size).replace("\n", self.suffix)

    def readline(self, size=-1):
        return self.lines.readline(size).replace("\n", self.suffix)


def merge_batch(cursor, lines, rows: int, job_id, try_copy: bool, analyze: bool = False) -> tuple[int, int, bool]:
    """Write a batch of COPY lines (a file object at its start) inside the open transaction.

    With ``try_copy`` the batch is first COPYed straight into the table, in a savepoint: right
    when its values are all new (a new school year's results), the cheapest write there is. If
    any of them is stored already, the savepoint is rolled back and the batch is merged through
    a temporary table instead. Returns (created, updated, copied straight?).
    """
    if try_copy:
        start = lines.tell()
        try:
            with transaction.atomic():
                cursor.copy_expert(f"COPY {IndicatorValue._meta.db_table} ({', '.join(COLUMNS)}, {CREATED_BY}) "
                                   f"FROM STDIN", _WithJob(lines, job_id), 1024 * 1024)
            return rows, 0, True
        except (IntegrityError, connection.Database.IntegrityError):
            lines.seek(start)
    cursor.copy_expert(f"COPY import_rows ({', '.join(COLUMNS)}) FROM STDIN", lines, 1024 * 1024)
    if analyze:  # the planner's view of a whole file merged at once
        cursor.execute("ANALYZE import_rows")
    created, updated = merge_import_rows(cursor, job_id)
    cursor.execute("TRUNCATE import_rows")
    return created, updated, False


def merge_import_rows(cursor, job_id) -> tuple[int, int]:
    """Merge the temporary table ``import_rows`` into IndicatorValue: log old → new for rows that
    differ, update them, insert the new ones. Returns (created, updated)."""
    values_table = IndicatorValue._meta.db_table
    changes_table = ValueChange._meta.db_table
    # Find the stored rows once. A row without a name (the long format has no name column)
    # keeps the stored name.
    cursor.execute(
        f"UPDATE import_rows t SET existing_id = v.id, "
        f"area_name = CASE WHEN t.area_name = '' THEN v.area_name ELSE t.area_name END "
        f"FROM {values_table} v WHERE {_JOIN}"
    )
    updated = 0
    if cursor.rowcount:
        cursor.execute(
            f"INSERT INTO {changes_table} (job_id, value_id, old, new) "
            f"SELECT %s, v.id, {_STATE_SQL.format(t='v')}, {_STATE_SQL.format(t='t')} "
            f"FROM import_rows t JOIN {values_table} v ON v.id = t.existing_id WHERE {_DIFFERS}",
            [job_id],
        )
        updated = cursor.rowcount
        if updated:
            cursor.execute(
                f"UPDATE {values_table} v SET " + ", ".join(f"{f} = t.{f}" for f in FIELDS) +
                f", updated_at = now() FROM import_rows t WHERE v.id = t.existing_id AND {_DIFFERS}"
            )
    cursor.execute(
        f"INSERT INTO {values_table} ({', '.join(COLUMNS)}, updated_at, {CREATED_BY}) "
        f"SELECT {', '.join(COLUMNS)}, now(), %s FROM import_rows WHERE existing_id IS NULL", [job_id]
    )
    return cursor.rowcount, updated


def _write_postgresql(spool, job, lock: bool) -> WriteResult:
    spool.file.flush()
    spool.file.seek(0)
    with connection.cursor() as cursor:
        if lock:
            imports_lock(cursor)
        cursor.execute(TEMP_TABLE_SQL)
        created, updated, _copied = merge_batch(cursor, spool.file, spool.count, job.pk, try_copy=True, analyze=True)
        cursor.execute("DROP TABLE import_rows")
    return WriteResult(created=created, updated=updated, unchanged=spool.count - created - updated)
