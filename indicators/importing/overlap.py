"""Check and write at the same time, for large files on PostgreSQL.

The plain path checks every row, then writes: Python's checking and PostgreSQL's merging run
one after the other. Here a second thread, on a database connection of its own, opens the
transaction at the start and merges each batch of checked rows while the next batch is being
checked. The transaction commits only when every row of the file has passed; if any row fails
(or the import is a dry run) it is rolled back, so the guarantee is the same: all or nothing,
and nothing is visible to anyone before the commit. Foreign keys are checked as each batch is
written (not all at commit), so that work overlaps too.

Only used outside an open transaction: the second connection must see the committed job and
units (a test wrapped in a transaction takes the plain path).
"""
import io
import queue
import threading

from django.conf import settings
from django.db import connection, transaction

from .plan import IMPORT, write_settled
from .writer import TEMP_TABLE_SQL, WriteResult, imports_lock, merge_batch

_COMMIT = "commit"
_ROLLBACK = "rollback"


def overlap_possible(rows_total: int) -> bool:
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and rows_total >= getattr(settings, "IMPORT_OVERLAP_MIN_ROWS", 20_000)
    )


class OverlappedWriter:
    """Takes checked records (COPY lines) like a Spool; ``finish(commit)`` ends the transaction,
    settled as plan.py says for ``mode`` (``kept`` tells whether the writes were kept)."""

    def __init__(self, job, batch_rows: int = 10_000, lock: bool = True, mode: str = IMPORT):
        self.job = job
        self.job_id = job.pk
        self.mode = mode
        self.kept = False
        self.lock = lock  # wait for other imports to finish writing (not needed for a dry run)
        self.batch_rows = batch_rows
        self.count = 0
        self._buffer = io.StringIO()
        self._in_buffer = 0
        # Bounded: memory stays at a few batches however large the file.
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._result = WriteResult()
        self._error: BaseException | None = None
        self._finished = False
        self._thread = threading.Thread(target=self._run, name=f"import-writer-{self.job_id}", daemon=True)
        self._thread.start()

    def add_line(self, line: str) -> None:
        self._buffer.write(line)
        self._in_buffer += 1
        self.count += 1
        if self._in_buffer >= self.batch_rows:
            self._send()

    def _send(self) -> None:
        if self._in_buffer:
            self._buffer.seek(0)
            self._queue.put((self._buffer, self._in_buffer))
            self._buffer = io.StringIO()
            self._in_buffer = 0

    def finish(self, commit: bool) -> WriteResult:
        """Commit (every row passed) or roll back; returns what was (or would have been) written.
        Only the first call ends the transaction; later calls change nothing."""
        if self._finished:
            return self._result
        self._finished = True
        if commit:
            self._send()
        self._queue.put(_COMMIT if commit else _ROLLBACK)
        self._thread.join()
        if self._error is not None:
            raise self._error
        self._result.unchanged = self.count - self._result.created - self._result.updated
        return self._result

    def _run(self) -> None:
        self._last = None
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                if self.lock:
                    imports_lock(cursor)
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                # Each batch is small next to the table: look its keys up in the unique index
                # rather than scanning the whole table once per batch and statement.
                cursor.execute("SET LOCAL enable_hashjoin = off")
                cursor.execute("SET LOCAL enable_mergejoin = off")
                cursor.execute(TEMP_TABLE_SQL)
                _written, self.kept = write_settled(self.job, self.mode, lambda: self._consume(cursor))
        except BaseException as error:  # noqa: BLE001 - handed to the checking thread
            self._error = error
            while self._last not in (_COMMIT, _ROLLBACK):  # keep the producer from blocking forever
                self._last = self._queue.get()
        finally:
            connection.close()

    def _consume(self, cursor) -> WriteResult | None:
        """Merge the batches as they come; None when the import is to be rolled back."""
        try_copy = True
        while True:
            item = self._last = self._queue.get()
            if item == _COMMIT:
                return self._result
            if item == _ROLLBACK:
                return None
            lines, rows = item
            # Straight COPY while the batches are new; once one is not, merge the rest.
            created, updated, try_copy = merge_batch(cursor, lines, rows, self.job_id, try_copy)
            self._result.created += created
            self._result.updated += updated
