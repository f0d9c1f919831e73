"""Check every row of a file, then write all or nothing.

Phase 1 streams the rows, collects problems (capped, all counted) and spools the records.
Phase 2 runs only when no row has a problem: one transaction, bulk writes (see writer), settled
as plan.py says (kept, held back as planned changes waiting for confirmation, or compared with
the plan when an adviser confirms).
"""
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from .formats import FORMATS, detect
from .formats.base import load_context
from .overlap import OverlappedWriter, overlap_possible
from .plan import CONFIRM, DRY_RUN, IMPORT, PlanChanged, write_settled
from .problems import ProblemLog, gettext_noop
from .reader import open_table
from .writer import Spool, write

PROGRESS_EVERY = 2000


@dataclass
class Result:
    problems: ProblemLog
    format: str = ""
    rows_total: int = 0
    summary: dict = field(default_factory=dict)
    #: the writes were held back: the changes wait for confirmation (or it was a dry run)
    held_back: bool = False
    #: a confirmation found the stored values changed since the check: nothing was written
    plan_changed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def run(path, *, municipality, reference: bool = False, fmt: str = "", job=None, dry_run: bool = False,
        confirm: bool = False, progress=None) -> Result:
    """Import the file at ``path`` for ``job`` of ``municipality``; ``progress(checked, total)`` is
    called as rows pass. ``confirm``: the adviser confirmed the changes the check planned (they
    are written only if they are still the same, see plan.py).

    Only the municipality's schools are stored, and of the comparison rows only its own
    municipality row, unless ``reference`` (then the nation, the counties and every municipality too).
    """
    problems = ProblemLog()
    if municipality is None:
        problems.add(gettext_noop("The import belongs to no municipality; nothing can be stored."))
        return Result(problems)
    table = open_table(path, problems)
    if table is None:
        return Result(problems)
    key = fmt or detect(table.header)
    if key == "national_tests" and FORMATS["national_tests_wide"].recognises(table.header):
        key = "national_tests_wide"  # the same tests, as Statistikkbanken downloads them
    if key not in FORMATS:
        problems.add(gettext_noop("The columns do not match any known format. The first row must hold Udir's column names "
                        "(e.g. Skoleaarnavn, Organisasjonsnummer, Proevekode)."))
        return Result(problems)
    format_ = FORMATS[key]
    mapping = format_.map_header(table.header, problems)
    result = Result(problems, key, table.rows_total)
    if mapping is None:
        return result
    ctx = load_context(problems, municipality, reference, unit_kind=format_.unit_kind)
    ctx.all_text = table.kind == "csv"
    # Large files on PostgreSQL: write each checked batch while the next is checked (see overlap).
    mode = CONFIRM if confirm else DRY_RUN if dry_run else IMPORT
    lock = mode != DRY_RUN  # wait for other imports to finish writing (a dry run is rolled back anyway)
    overlapped = job is not None and overlap_possible(table.rows_total)
    spool = OverlappedWriter(job, getattr(settings, "IMPORT_OVERLAP_BATCH_ROWS", 10_000), lock=lock,
                             mode=mode) if overlapped else Spool()
    written = None
    try:
        checked = 0
        check_line = format_.check_line
        width = len(table.header)
        for number, cells in table.rows:
            if not any(cells) and all(cell in (None, "") for cell in cells):
                continue
            if (len(cells) > width and any(str(c).strip() for c in cells[width:] if c is not None)) \
                    or (len(cells) < width and ctx.all_text):
                problems.add(gettext_noop("the row has %(cells)s cells but the heading row has %(columns)s columns."),
                             row=number, cells=len(cells), columns=len(table.header))
                continue
            line = check_line(number, cells, ctx, mapping)
            if line and not problems:
                if line.__class__ is list:  # a wide row: several records
                    for one in line:
                        spool.add_line(one)
                else:
                    spool.add_line(line)
            checked += 1
            if progress and checked % PROGRESS_EVERY == 0:
                progress(checked, max(checked, table.rows_total))
        result.rows_total = checked
        if progress:
            progress(checked, checked)
        if checked:
            format_.finish(ctx, problems)
        if ctx.rows_read == 0 and not problems:
            problems.add(gettext_noop("The file has a heading row but no rows of data."))
        if problems:
            return result
        try:
            if overlapped:
                written = spool.finish(commit=True)
                kept = spool.kept
            else:
                with transaction.atomic():
                    written, kept = write_settled(job, mode, lambda: write(spool, job, lock=lock))
        except PlanChanged:
            result.plan_changed = True
            return result
        result.held_back = not kept
    finally:
        if overlapped:
            if written is None:
                spool.finish(commit=False)
        else:
            spool.close()
    from laeringslop.models import Unit

    covered = list(Unit.objects.filter(pk__in=ctx.units_covered).order_by("name").values_list("name", flat=True))
    result.summary = {
        "format": key,
        "rows_read": ctx.rows_read,
        "created": written.created,
        "updated": written.updated,
        "unchanged": written.unchanged,
        "suppressed": ctx.suppressed,
        "comparison_rows": ctx.comparison_rows,
        "schools_covered": covered,
        "unknown_units": sorted(([name, code] for code, name in ctx.unknown_units.items())),
        "other_schools": len(ctx.other_schools),
        "not_taking_part": len(ctx.extra.get("not_taking_part", ())),
        "comparison_skipped": ctx.comparison_skipped,
        "reference": reference,
        "dry_run": dry_run,
        "awaiting_confirmation": result.held_back and not dry_run,
        #: the import records what it created and changed, so it can be undone (older ones did not)
        "undoable": True,
        **format_.summary(ctx, mapping),
    }
    return result
