"""Nasjonale prøver as Udir publishes them: one row per unit × school year × test."""
from decimal import Decimal

from ...catalogue import NATIONAL_TESTS
from ..problems import CellError, gettext_noop
from ..values import SUPPRESSED, as_text, count, number_between, quantize
from .base import Format, RowChecker, place, unit_columns
from .national_tests_fast import SHARE_COLUMNS, SLOW, FastLane

GRADE_OF_TEST = {code: grade for code, _name, grade in NATIONAL_TESTS}
#: Mastery levels per grade: 1–3 in grade 5, 1–5 in grades 8 and 9.
LEVELS_OF_GRADE = {5: 3, 8: 5, 9: 5}
#: Shares may differ from 100 by rounding; more than this is a problem.
SUM_TOLERANCE = Decimal("1.5")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
FLOAT_TOLERANCE = float(SUM_TOLERANCE)


def test_code(raw) -> str:
    code = as_text(raw).upper()
    if code not in GRADE_OF_TEST:
        raise CellError(gettext_noop("«%(value)s» is not a known test code (%(codes)s)."), codes=", ".join(GRADE_OF_TEST))
    return code


class NationalTests(Format):
    key = "national_tests"
    columns = {
        "Skoleaarnavn": True, "EnhetNivaa": True, "Organisasjonsnummer": True, "EnhetNavn": True,
        "Proevekode": True, "Skalapoeng": True, "Usikkerhet": False, "AntallElever": False,
        **{name: False for name in SHARE_COLUMNS},
    }
    aliases = {"skoleaar": "Skoleaarnavn", "proeve": "Proevekode", "enhetsnivaa": "EnhetNivaa",
               "orgnr": "Organisasjonsnummer", "organisasjonsnr": "Organisasjonsnummer"}
    signature = {"proevekode", "proeve"}

    def check_row(self, number, cells, ctx, mapping):
        return self._careful_row(number, cells, ctx, mapping)

    def check_line(self, number, cells, ctx, mapping):
        """Ordinary rows take the fast lane; any row it does not vouch for is checked carefully."""
        lane = ctx.extra.get("np_fast_lane")
        if lane is None:
            lane = ctx.extra["np_fast_lane"] = FastLane(ctx, mapping, GRADE_OF_TEST, LEVELS_OF_GRADE, FLOAT_TOLERANCE) \
                if FastLane.possible(ctx, mapping) else False
        if lane:
            line = lane.line(number, cells)
            if line is not SLOW:
                return line
        return super().check_line(number, cells, ctx, mapping)

    def _record(self, ctx, test, grade, unit, unit_id, score, uncertainty, pupils, details, suppressed_parts):
        year, level, code, name = unit
        if pupils is SUPPRESSED:
            suppressed_parts.append("pupil_count")
        if uncertainty is SUPPRESSED:
            suppressed_parts.append("uncertainty")
        if suppressed_parts:
            details["suppressed"] = suppressed_parts
        is_suppressed = score is SUPPRESSED
        if is_suppressed:
            ctx.suppressed += 1
        return (
            ctx.indicators[test].pk, year, grade, level, code, name, unit_id,
            None if is_suppressed else quantize(score), is_suppressed,
            None if uncertainty is SUPPRESSED else quantize(uncertainty),
            None if pupils is SUPPRESSED else pupils, details,
        )

    def _careful_row(self, number, cells, ctx, mapping):
        check = RowChecker(cells, mapping, number, ctx.problems)
        year, level, code, name = unit_columns(check, ctx)
        raw_test = check.raw("Proevekode")
        test = raw_test if raw_test in GRADE_OF_TEST else check.get("Proevekode", test_code)
        if test is not None and test not in ctx.indicators:
            check.fail(gettext_noop("«%(value)s» is missing from the portal's indicator catalogue."), "Proevekode", test)
            test = None
        score = check.get("Skalapoeng", number_between, 0, 100)
        uncertainty = check.get("Usikkerhet", number_between, 0, 100)
        pupils = check.get("AntallElever", count)
        grade = GRADE_OF_TEST.get(test)
        details, suppressed_parts = {}, []
        shares_known, total = True, ZERO
        allowed = LEVELS_OF_GRADE.get(grade, 5)
        for level_no, column in enumerate(SHARE_COLUMNS, start=1):
            if column not in mapping:
                shares_known = shares_known and level_no > allowed
                continue
            raw = check.raw(column)
            share = check.get(column, number_between, 0, 100)
            if level_no > allowed:
                if as_text(raw) not in ("", ".."):
                    check.fail(gettext_noop("grade %(grade)s has mastery levels 1–%(levels)s only; there is no level %(level)s."),
                               column, raw, grade=grade, levels=allowed, level=level_no)
                continue
            if share is SUPPRESSED:
                suppressed_parts.append(str(level_no))
                shares_known = False
            elif share is None:
                shares_known = False
            else:
                details[str(level_no)] = float(quantize(share, "0.01"))
                total += share
        if details and shares_known and abs(total - HUNDRED) > SUM_TOLERANCE:
            check.fail(gettext_noop("the mastery shares sum to %(sum)s, not about 100."),
                       SHARE_COLUMNS[0], f"{total}".replace(".", ","), sum=f"{total}".replace(".", ","))
        if not check.ok or test is None:
            return False
        ctx.rows_read += 1
        unit_id, stored = place(ctx, check, (year, level, code, test), level, code, name)
        if not check.ok:
            return False
        if not stored:
            return None
        return self._record(ctx, test, grade, (year, level, code, name), unit_id, score, uncertainty, pupils,
                            details, suppressed_parts)
