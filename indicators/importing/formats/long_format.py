"""A simple long format for grunnskolepoeng and other indicators: one value per row."""
from ..problems import CellError, gettext_noop
from ..values import SUPPRESSED, as_text, count, number_between, quantize
from .base import Format, RowChecker, normalise_header, place, unit_columns


class LongFormat(Format):
    key = "long"
    columns = {"Skoleaarnavn": True, "Organisasjonsnummer": True, "Indikator": True, "Verdi": True,
               "Antall": False, "EnhetNavn": False, "EnhetNivaa": False}
    aliases = {"skoleaar": "Skoleaarnavn", "verdien": "Verdi", "antallelever": "Antall", "indikatorkode": "Indikator"}
    signature = {"verdi"}

    def indicator_of(self, raw, ctx):
        text = as_text(raw)
        by_name = ctx.extra.setdefault("names", {normalise_header(i.name): i for i in ctx.indicators.values()})
        indicator = ctx.indicators.get(text.upper()) or by_name.get(normalise_header(text))
        if indicator is None:
            raise CellError(gettext_noop("«%(value)s» is not an indicator in the catalogue (use its code, e.g. GSP)."))
        return indicator

    def check_row(self, number, cells, ctx, mapping):
        check = RowChecker(cells, mapping, number, ctx.problems)
        year, level, code, name = unit_columns(check, ctx, level_column="EnhetNivaa" in mapping)
        indicator = check.get("Indikator", self.indicator_of, ctx)
        value = None
        if indicator is not None:
            value = check.get("Verdi", number_between, indicator.scale_min, indicator.scale_max)
        pupils = check.get("Antall", count)
        if not check.ok or indicator is None:
            return False
        ctx.rows_read += 1
        grade = indicator.grades[0] if len(indicator.grades) == 1 else 0
        unit_id, stored = place(ctx, check, (year, level, code, indicator.code), level, code, name)
        if not check.ok:
            return False
        if not stored:
            return None
        if not name and unit_id is not None:
            name = ctx.units_by_id().get(unit_id, "")
        details = {"suppressed": ["pupil_count"]} if pupils is SUPPRESSED else {}
        is_suppressed = value is SUPPRESSED
        ctx.suppressed += is_suppressed
        return (indicator.pk, year, grade, level, code, name, unit_id, None if is_suppressed else quantize(value),
                is_suppressed, None, None if pupils is SUPPRESSED else pupils, details)
