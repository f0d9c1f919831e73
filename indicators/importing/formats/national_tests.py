"""Nasjonale prøver as Udir publishes them: one row per unit × school year × test."""
import re
from decimal import Decimal

from ...catalogue import NATIONAL_TESTS
from ..problems import CellError, ProblemLog, gettext_noop
from ..values import SUPPRESSED, as_text, count, number, number_between, quantize
from .base import Format, RowChecker, place, unit_columns

GRADE_OF_TEST = {code: grade for code, _name, grade in NATIONAL_TESTS}
#: Mastery levels per grade: 1–3 in grade 5, 1–5 in grades 8 and 9.
LEVELS_OF_GRADE = {5: 3, 8: 5, 9: 5}
SHARE_COLUMNS = [f"AndelMestringsnivaa{level}" for level in range(1, 6)]
#: Shares may differ from 100 by rounding; more than this is a problem.
SUM_TOLERANCE = Decimal("1.5")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
CENT = Decimal("0.01")
FLOAT_TOLERANCE = float(SUM_TOLERANCE)
_SHARE = re.compile(r"\d{1,3}(?:[,.]\d{1,2})?\Z").match
_WHOLE = re.compile(r"\d{1,7}\Z").match
#: The fast path's answer for "check this row carefully".
SLOW = object()


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
        record = self._fast_row(number, cells, ctx, mapping)
        if record is not SLOW:
            return record
        return self._careful_row(number, cells, ctx, mapping)

    def _fast_row(self, row_no, cells, ctx, mapping):
        """The common case of a good text row, with few function calls; SLOW for anything else.

        It accepts only what the careful path would accept too, and never reports problems:
        rows it does not vouch for go to :meth:`_careful_row`.
        """
        plan = ctx.extra.get("np_plan")
        if plan is None:
            plan = ctx.extra["np_plan"] = (
                [mapping[name][0] for name in ("Skoleaarnavn", "EnhetNivaa", "Organisasjonsnummer", "EnhetNavn")],
                mapping["Proevekode"][0], mapping["Skalapoeng"][0],
                mapping.get("Usikkerhet", (None,))[0], mapping.get("AntallElever", (None,))[0],
                [(level_no, str(level_no), mapping.get(column, (None,))[0])
                 for level_no, column in enumerate(SHARE_COLUMNS, start=1)],
            )
        unit_idx, test_idx, score_idx, unc_idx, pupil_idx, share_idx = plan
        try:
            if not ctx.all_text and any(cell.__class__ is not str for cell in cells):
                return SLOW
            unit = ctx.extra.get("unit_columns", {}).get(tuple(cells[i] for i in unit_idx))
            if unit is None:
                # First row of this unit and year: check its unit columns quietly (a problem
                # sends the row to the careful path, which reports it).
                probe = RowChecker(cells, mapping, row_no, ProblemLog())
                unit = unit_columns(probe, ctx)
                if not probe.ok:
                    return SLOW
            test = cells[test_idx]
            grade = GRADE_OF_TEST.get(test)
            if grade is None or test not in ctx.indicators:
                return SLOW
            score = number(cells[score_idx])
            uncertainty = None if unc_idx is None else number(cells[unc_idx])
            pupils = None if pupil_idx is None else cells[pupil_idx]
            if pupils == "*":
                pupils = SUPPRESSED
            elif pupils in ("", ".."):
                pupils = None
            elif pupils is not None:
                if not _WHOLE(pupils):
                    return SLOW
                pupils = int(pupils)
            allowed = LEVELS_OF_GRADE[grade]
            details, suppressed_parts, total, known = {}, [], 0.0, True
            for level_no, key, index in share_idx:
                raw = "" if index is None else cells[index]
                if raw == "" or raw == "..":
                    known = known and level_no > allowed
                elif level_no > allowed:
                    return SLOW
                elif raw == "*":
                    known = False
                    suppressed_parts.append(key)
                elif _SHARE(raw):
                    # At most two decimals, so the float equals the careful path's quantized value.
                    share = float(raw.replace(",", ".", 1))
                    if share > 100.0:
                        return SLOW
                    details[key] = share
                    total += share
                else:
                    return SLOW
        except IndexError:
            return SLOW
        except CellError:
            return SLOW
        if score is not SUPPRESSED and score is not None and not ZERO <= score <= HUNDRED:
            return SLOW
        if uncertainty is not SUPPRESSED and uncertainty is not None and not ZERO <= uncertainty <= HUNDRED:
            return SLOW
        if details and known and abs(total - 100.0) > FLOAT_TOLERANCE:
            return SLOW
        year, level, code, name = unit
        key = (year, level, code, test)
        if key in ctx.seen:
            return SLOW
        ctx.rows_read += 1
        check = RowChecker(cells, mapping, row_no, ctx.problems)
        unit_id, stored = place(ctx, check, key, level, code, name)
        if not stored:
            return None
        return self._record(ctx, test, grade, unit, unit_id, score, uncertainty, pupils, details, suppressed_parts)

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
