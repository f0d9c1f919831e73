"""The fast lane for rows of the wide national-test file (Statistikkbanken's download): the careful
checker's answer (``NationalTestsWide.check_records``), remembered cell by cell.

A national file repeats the same few hundred cell texts («50», «2,1», «*», «68») across its
hundred thousand measure cells. The lane parses each distinct text once, with the careful
parsers themselves (``number_between``, ``count``), and keeps what they make of it as the text of
the COPY line; the unit columns are read by the careful ``_unit`` of each row. It never reports a
problem: a row with a cell the careful parsers refuse, a unit or test already seen, or unit
columns the careful path would name a problem in gives ``SLOW`` and goes to the careful checker,
which names every problem. ``indicators/tests/test_wide_fast_lane.py`` imports the same files
through both and compares what is stored, the summary and the problems.
"""
from ...models import Level
from ..problems import CellError, ProblemLog
from ..values import SUPPRESSED, as_text, count, number_between, quantize
from ..writer import details_json, escape_copy_text
from .base import RowChecker, comparison_stored, school_not_stored, school_owner

SLOW = object()
NULL = "\\N"
_MEMO_LIMIT = 100_000
#: details of a record by (uncertainty suppressed?, pupil count suppressed?), as the careful path writes them.
_DETAILS = {
    (False, False): details_json({}),
    (True, False): details_json({"suppressed": ["uncertainty"]}),
    (False, True): details_json({"suppressed": ["pupil_count"]}),
    (True, True): details_json({"suppressed": ["pupil_count", "uncertainty"]}),
}


class _Cell:
    """What the careful parsers make of one cell text: the COPY text and the flags the row needs."""

    __slots__ = ("text", "nothing", "suppressed", "data")

    def __init__(self, value, raw):
        self.nothing = value is None  # no data
        self.suppressed = value is SUPPRESSED
        self.text = NULL if value is None or value is SUPPRESSED else str(value)
        self.data = as_text(raw) not in ("", "..")  # the careful path's «the file has data»


class WideFastLane:
    """Built once per import run, for one heading row."""

    def __init__(self, ctx, mapping, grade_of_test, unit_reader):
        self.ctx = ctx
        self.mapping = mapping
        self.unit_reader = unit_reader  # NationalTestsWide._unit
        self.groups = []
        for (year, test), group in mapping["_groups"]:
            index = {part: (group[part][0] if part in group else None) for part in ("value", "uncertainty", "pupils")}
            prefix = f"{ctx.indicators[test].pk}\t{year}\t{grade_of_test[test]}\t"
            self.groups.append((year, test, index["value"], index["uncertainty"], index["pupils"], prefix))
        self.scales: dict = {}  # cell text -> _Cell (0–100, quantized) or SLOW
        self.counts: dict = {}  # cell text -> (_Cell, zero?) or SLOW
        self.no_cell = _Cell(None, None)

    @classmethod
    def possible(cls, ctx, mapping) -> bool:
        """Only for text cells (CSV) and a file whose every test is in the catalogue."""
        return ctx.all_text and all(test in ctx.indicators for (_year, test), _group in mapping["_groups"])

    def _scale(self, raw):
        cell = self.scales.get(raw)
        if cell is None:
            try:
                cell = _Cell(quantize(number_between(raw, 0, 100)), raw)
            except CellError:
                cell = SLOW
            if len(self.scales) < _MEMO_LIMIT:
                self.scales[raw] = cell
        return cell

    def _count(self, raw):
        found = self.counts.get(raw)
        if found is None:
            try:
                value = count(raw)
                found = (_Cell(value, raw), value == 0)
            except CellError:
                found = SLOW
            if len(self.counts) < _MEMO_LIMIT:
                self.counts[raw] = found
        return found

    def lines(self, number, cells):
        """The row's COPY lines (a list), None (a good row with nothing stored) or SLOW."""
        ctx = self.ctx
        check = RowChecker(cells, self.mapping, number, ProblemLog())
        level, code, name = self.unit_reader(check, ctx)
        if not check.ok or level is None:
            return SLOW
        found, data_seen, no_participation = [], False, 0
        no_cell, scale, count_ = self.no_cell, self._scale, self._count
        for year, test, value_at, uncertainty_at, pupils_at, prefix in self.groups:
            value = no_cell if value_at is None else scale(cells[value_at])
            uncertainty = no_cell if uncertainty_at is None else scale(cells[uncertainty_at])
            if pupils_at is None:
                pupils, zero = no_cell, False
            else:
                pupils = count_(cells[pupils_at])
                if pupils is SLOW:
                    return SLOW
                pupils, zero = pupils
            if value is SLOW or uncertainty is SLOW:
                return SLOW
            data_seen = data_seen or value.data or uncertainty.data or pupils.data
            if value.nothing and uncertainty.nothing and (pupils.nothing or zero):
                no_participation += 1
                continue
            found.append((year, test, prefix, value, uncertainty, pupils))
        seen = ctx.seen
        keys = [(one[0], level, code, one[1]) for one in found]
        for key in keys:
            if key in seen:
                return SLOW  # a duplicate: the careful path names it
        # Every check has passed: from here on the row counts, as in the careful path.
        if data_seen:
            ctx.extra["wide_data_seen"] = True
        if no_participation:
            ctx.extra["wide_no_participation"] = ctx.extra.get("wide_no_participation", 0) + no_participation
        for key in keys:
            seen[key] = number
        ctx.rows_read += len(found)
        if not found:
            return None
        unit_id = None
        if level != Level.SCHOOL:
            if not comparison_stored(ctx, level, code):
                ctx.comparison_skipped += len(found)
                return None
            ctx.comparison_rows += len(found)
        else:
            unit = ctx.units.get(code)
            if unit is None:
                school_not_stored(ctx, code, name, school_owner(check))
                return None
            unit_id = unit[0]
            ctx.units_covered.add(unit_id)
        part = f"{level}\t{escape_copy_text(code)}\t{escape_copy_text(name)}\t{NULL if unit_id is None else unit_id}\t"
        lines = []
        for _year, _test, prefix, value, uncertainty, pupils in found:
            if value.suppressed:
                ctx.suppressed += 1
                stored = "\\N\tt"
            else:
                stored = value.text + "\tf"
            details = _DETAILS[uncertainty.suppressed, pupils.suppressed]
            lines.append(f"{prefix}{part}{stored}\t{uncertainty.text}\t{pupils.text}\t{details}\n")
        return lines
