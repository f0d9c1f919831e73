"""Grunnskolepoeng and grades (standpunkt, skriftlig eksamen) as Udir's Statistikkbanken downloads
them: one row per unit (and, for grades, per subject), one column per school year × measure.

Headings, as the download writes them:

* grunnskolepoeng: ``2024-25.Alle eierformer.Alle kjønn.Grunnskolepoeng`` and ``….Antall elever``;
* grades: ``2024-25.Standpunkt.Alle eierformer.Alle kjønn.Snittkarakter``, ``….Antall elever``,
  ``….Karakteren 1`` … ``….Karakteren 6`` (shares in %), with the subject in ``Vurderingsfagkode``;
* in a year where a unit's series breaks (e.g. a county split up), each measure has a twin column
  ``….<measure>.Brudd`` before it, holding Udir's note on the rows concerned and empty elsewhere.

Only the columns for all owners and all genders are used; the others are listed in the summary.
Rows of «Utlandet» (Nasjonaltkode ``U``) are counted, not stored. A value whose row has a note in its year's ``Brudd`` columns is stored with
``details["series_break"] = True`` (and the note in ``details["series_break_note"]``).
"""
import re

from ...catalogue import GRADE_SUBJECT_CODES
from ..problems import CellError, gettext_noop
from ..values import SUPPRESSED, as_text, count, number_between, quantize, school_year
from ..writer import copy_line
from .base import Format, RowChecker, normalise_header, place, school_owner
from .national_tests_wide import ALL_GENDERS, ALL_OWNERS, IDENTITY_ALIASES, IDENTITY_COLUMNS, wide_unit

GSP = "GSP"
#: The second part of a grade heading (normalised) → the catalogue's assessment key. The portal
#: has no indicators for «Muntlig eksamen»: its columns are listed as unused.
ASSESSMENTS = {"standpunkt": "standpunkt", "skriftligeksamen": "skriftligeksamen"}
#: The assessment as the download writes it, for messages.
ASSESSMENT_NAMES = {"standpunkt": "Standpunkt", "skriftligeksamen": "Skriftlig eksamen"}
#: The value's measure per kind, for messages.
VALUE_MEASURE = {"gsp": "Grunnskolepoeng", "grades": "Snittkarakter"}
#: Measures (normalised) → the record's part; a grade's shares go to details "1"…"6".
GSP_MEASURES = {"grunnskolepoeng": "value", "antallelever": "pupils"}
GRADE_MEASURES = {"snittkarakter": "value", "antallelever": "pupils",
                  **{f"karakteren{n}": str(n) for n in range(1, 7)}}
BREAK = "brudd"
GRADE = 10
#: Nasjonaltkode of «Utlandet» (Norwegian schools abroad: its own nation, county 25 and schools).
ABROAD = "U"
#: The shape of Udir's subject codes (NOR0214, MAT0015, KRL0001): another subject, not a typing error.
SUBJECT_CODE = re.compile(r"^[A-ZÆØÅ]{2,4}\d{3,4}$")
#: The value's range per kind: grunnskolepoeng 0–60, a mean grade 1–6.
RANGE = {"gsp": (0, 60), "grades": (1, 6)}


def _split(heading: str):
    """(kind, year text, assessment or None, owner, gender, measure, is break) or None."""
    parts = [part.strip() for part in heading.split(".")]
    is_break = len(parts) > 4 and normalise_header(parts[-1]) == BREAK
    if is_break:
        parts = parts[:-1]
    if len(parts) == 4 and normalise_header(parts[3]) in GSP_MEASURES:
        return "gsp", parts[0], None, parts[1], parts[2], parts[3], is_break
    if len(parts) == 5 and normalise_header(parts[1]) in ASSESSMENTS:
        return "grades", parts[0], parts[1], parts[2], parts[3], parts[4], is_break
    return None


class ResultsWide(Format):
    key = "results_wide"
    columns = {**IDENTITY_COLUMNS, "Vurderingsfagkode": False, "Vurderingsfagnavn": False, "FagNivaa": False}
    aliases = IDENTITY_ALIASES
    signature: set = set()

    @staticmethod
    def recognises(header) -> bool:
        """Detected by a grunnskolepoeng or grade heading (and the unit's level column)."""
        normalised = {normalise_header(cell) for cell in header}
        return "enhetnivaa" in normalised and any(_split(as_text(cell)) for cell in header)

    def map_header(self, header, problems):
        mapping = super().map_header(header, problems)
        if mapping is None:
            return None
        used = {index for index, _heading in mapping.values()}
        groups, unused, kinds = {}, [], set()  # (year, kind, assessment) -> {part: (index, heading)}
        for index, cell in enumerate(header):
            heading = as_text(cell)
            if index in used or not heading:
                continue
            split = _split(heading)
            if split is None:
                unused.append(heading)
                continue
            kind, raw_year, assessment, owner, gender, measure, is_break = split
            try:
                year = school_year(raw_year)
            except CellError:
                problems.add(gettext_noop("The column «%(column)s»: «%(value)s» is not a school year like «2024-25»."),
                             column=heading, value=raw_year)
                continue
            part = (GSP_MEASURES if kind == "gsp" else GRADE_MEASURES).get(normalise_header(measure))
            if part is None or normalise_header(owner) not in ALL_OWNERS \
                    or normalise_header(gender) not in ALL_GENDERS:
                unused.append(heading)
                continue
            kinds.add(kind)
            group = groups.setdefault((year, kind, ASSESSMENTS.get(normalise_header(assessment or ""))), {})
            slot = ("break", part) if is_break else part
            if slot in group:
                problems.add(gettext_noop("The column %(column)s appears twice (as «%(first)s» and «%(second)s»)."),
                             column=f"{raw_year} {measure}", first=group[slot][1], second=heading)
                continue
            group[slot] = (index, heading)
        if "grades" in kinds and "Vurderingsfagkode" not in mapping:
            problems.add(gettext_noop("Missing column(s): %(columns)s. The first row must hold the column names."),
                         columns="Vurderingsfagkode")
        if kinds == {"gsp", "grades"}:
            problems.add(gettext_noop("The file mixes grunnskolepoeng and grade columns; download them separately."))
        for (year, kind, _assessment), group in groups.items():
            if "value" not in group:
                problems.add(gettext_noop("The columns of %(year)s have no «%(measure)s» column (%(column)s)."),
                             measure=VALUE_MEASURE[kind], year=f"{year}-{(year + 1) % 100:02d}",
                             column=next(iter(group.values()))[1])
        if not groups and not problems:
            problems.add(gettext_noop("The file has no measure columns for all owners and all genders "
                                      "(«….Alle eierformer.Alle kjønn.Grunnskolepoeng» or «….Snittkarakter»)."))
        if problems:
            return None
        mapping["_groups"] = sorted(groups.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or ""))
        mapping["_unused"] = unused
        return mapping

    def check_row(self, number, cells, ctx, mapping):
        raise NotImplementedError("a wide row gives several records: see check_line")

    def check_line(self, number, cells, ctx, mapping):
        """The row's records as lines for the writer (a list), None (nothing stored) or False."""
        records = self.check_records(number, cells, ctx, mapping)
        if not records:
            return records
        return [copy_line(record) for record in records]

    @staticmethod
    def _unit(check, ctx):
        return wide_unit(check, ctx)

    @staticmethod
    def _indicator(check, ctx, assessment):
        """The indicator code of a grade row's subject (LK06 and LK20 codes give the same one)."""
        raw = check.raw("Vurderingsfagkode")
        subject = as_text(raw).upper()
        code = GRADE_SUBJECT_CODES.get((assessment, subject))
        if code is None and SUBJECT_CODE.match(subject):
            # One of Udir's other subjects (a download of all subjects): counted and listed, not stored.
            other = ctx.extra.setdefault("other_subjects", {})
            other[subject] = other.get(subject, 0) + 1
            return None, subject
        if code is None:
            known = sorted({s for (a, s) in GRADE_SUBJECT_CODES if a == assessment})
            check.fail(gettext_noop("«%(value)s» is not a subject code the portal imports for «%(assessment)s» "
                                    "(%(codes)s)."), "Vurderingsfagkode", raw, assessment=ASSESSMENT_NAMES[assessment],
                       codes=", ".join(known) or "–")
        return code, subject

    def _parts(self, check, cells, ctx, group, kind):
        """The group's value, pupils, shares and series-break note from the row's cells."""
        parts, details, suppressed = {}, {}, []
        low, high = RANGE[kind]
        for slot, (index, heading) in group.items():
            raw = cells[index] if index < len(cells) else None
            text = as_text(raw)
            if text not in ("", ".."):
                ctx.extra["wide_data_seen"] = True
            if isinstance(slot, tuple):  # a Brudd column: Udir's note, or empty
                if text:
                    details["series_break"] = True
                    details["series_break_note"] = text[:300]
                continue
            try:
                if slot == "value":
                    parts["value"] = number_between(raw, low, high)
                elif slot == "pupils":
                    parts["pupils"] = count(raw)
                else:
                    share = number_between(raw, 0, 100)
                    if share is SUPPRESSED:
                        suppressed.append(slot)
                    elif share is not None:
                        details[slot] = float(quantize(share, "0.01"))
            except CellError as error:
                check.ok = False
                ctx.problems.add(error.msgid, row=check.number, column=heading, value=text, **error.params)
        return parts.get("value"), parts.get("pupils"), details, suppressed

    def check_records(self, number, cells, ctx, mapping):
        check = RowChecker(cells, mapping, number, ctx.problems)
        if as_text(check.raw("Nasjonaltkode")).upper() == ABROAD:
            ctx.extra["abroad_rows"] = ctx.extra.get("abroad_rows", 0) + 1
            return None  # «Utlandet»: Norwegian schools abroad, in no municipality and no comparison
        level, code, name = self._unit(check, ctx)
        found = []
        for (year, kind, assessment), group in mapping["_groups"]:
            value, pupils, details, suppressed = self._parts(check, cells, ctx, group, kind)
            if value is None and pupils in (None, 0) and not any(k.isdigit() for k in details) and not suppressed:
                ctx.extra["results_empty"] = ctx.extra.get("results_empty", 0) + 1
                continue  # no result this year: nothing to store
            found.append((year, kind, assessment, value, pupils, details, suppressed))
        assessments = sorted({assessment for _y, kind, assessment, *_rest in found if kind == "grades"})
        by_assessment = {assessment: self._indicator(check, ctx, assessment) for assessment in assessments}
        if not check.ok:
            return False
        records = []
        for year, kind, assessment, value, pupils, details, suppressed in found:
            if kind == "gsp":
                indicator = GSP
            else:
                indicator, subject = by_assessment[assessment]
                if indicator is None:
                    continue  # a subject the portal does not import
                details["subject_code"] = subject
            if indicator not in ctx.indicators:
                check.fail(gettext_noop("«%(value)s» is missing from the portal's indicator catalogue."), None,
                           indicator)
                return False
            ctx.rows_read += 1
            unit_id, stored = place(ctx, check, (year, level, code, indicator), level, code, name,
                                    owner=school_owner(check))
            if not check.ok:
                return False
            if stored:
                records.append(self._record(ctx, indicator, year, level, code, name, unit_id, value, pupils,
                                            details, suppressed))
        return records or None

    @staticmethod
    def _record(ctx, indicator, year, level, code, name, unit_id, value, pupils, details, suppressed):
        if pupils is SUPPRESSED:
            suppressed.append("pupil_count")
        if suppressed:
            details["suppressed"] = suppressed
        is_suppressed = value is SUPPRESSED
        if is_suppressed:
            ctx.suppressed += 1
        return (ctx.indicators[indicator].pk, year, GRADE, level, code, name, unit_id,
                None if is_suppressed else quantize(value), is_suppressed, None,
                None if pupils is SUPPRESSED else pupils, details)

    def finish(self, ctx, problems):
        if not problems and ctx.rows_read == 0 and ctx.extra.get("other_subjects"):
            known = sorted({subject for (_a, subject) in GRADE_SUBJECT_CODES})
            problems.add(gettext_noop("The file has no subject the portal imports (it has %(found)s); the portal "
                                      "imports %(codes)s."), found=", ".join(sorted(ctx.extra["other_subjects"])),
                         codes=", ".join(known))
        elif not problems and ctx.rows_read == 0 and not ctx.extra.get("wide_data_seen"):
            problems.add(gettext_noop("Every measure column of the file is empty: there are no results to import."))

    def summary(self, ctx, mapping) -> dict:
        return {"unused_columns": mapping["_unused"],
                "no_results": ctx.extra.get("results_empty", 0),
                "abroad_rows": ctx.extra.get("abroad_rows", 0),
                "other_subjects": sorted(ctx.extra.get("other_subjects", {}))}
