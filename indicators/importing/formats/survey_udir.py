"""What Udir's survey files share (the pupil survey's two files, and the parent survey's long rows):
finding the catalogue's index from Udir's names and codes (Indicator.udir_names), telling the rows for
all genders and all owners from the other breakdowns, reading the grade, reading the unit of a
long export row (``survey_unit``), and the row an index value is written as (``survey_value``)."""
import re

from ...models import Level, Source
from ..problems import CellError, gettext_noop
from ..values import SUPPRESSED, as_text, quantize, text_cell
from .base import NATION_NAME, area_code, level_from_code, normalise_header, padded_code

#: Udir's words for "all" in a breakdown (gender, owner, programme, group, grade).
ALL_GENDERS = {"allekjoenn", "beggekjoenn"}
ALL_OWNERS = {"alleeierformer"}
#: Udir's codes for "all" (KjoennKode «A»; the filters' id -10), compared as written.
ALL_CODES = {"A", "-10"}
#: The question name of an index's own row in the export API.
ALL_QUESTIONS = {"allespoersmaal"}
_VGO = re.compile(r"videreg[åa]ende\s+trinn\s*(\d)|^vg\s*(\d)$", re.IGNORECASE)
_GRADE = re.compile(r"^(\d{1,2})(?:\.\s*(?:[åa]rs)?trinn)?$", re.IGNORECASE)


def is_all(text: str, words: set) -> bool:
    key = normalise_header(text)
    return key in words or key.startswith("alle")


def survey_indicators(ctx) -> dict:
    """normalised Udir name or code → the pupil-survey indicator (read once per run)."""
    found = ctx.extra.get("survey_udir_names")
    if found is None:
        found = {}
        for indicator in ctx.indicators.values():
            if indicator.source != Source.PUPIL_SURVEY:
                continue
            for name in [indicator.name, indicator.code, *(indicator.udir_names or [])]:
                found.setdefault(normalise_header(name), indicator)
        ctx.extra["survey_udir_names"] = found
    return found


def survey_indicator(ctx, *raws):
    """The indicator the first of ``raws`` that names one names, or None."""
    names = survey_indicators(ctx)
    for raw in raws:
        text = as_text(raw)
        if text and (indicator := names.get(normalise_header(text))) is not None:
            return indicator
    return None


def unknown_index(ctx) -> CellError:
    known = sorted({ind.name for ind in survey_indicators(ctx).values()})
    return CellError(gettext_noop("«%(value)s» is not an index of the pupil survey in the catalogue (%(known)s)."),
                     known=", ".join(known))


def survey_grade(raw, upper_secondary: bool = False) -> int:
    """ "7", "7. trinn", "Videregående trinn 1" → 7 / 11; "Alle trinn" → 0 (all grades)."""
    text = as_text(raw)
    if is_all(text, set()):
        return 0
    match = _VGO.search(text)
    if match:
        return 10 + int(match.group(1) or match.group(2))
    match = _GRADE.match(text)
    if match and 1 <= int(match.group(1)) <= 13:
        grade = int(match.group(1))
        if upper_secondary and grade <= 3:
            return 10 + grade
        return grade
    raise CellError(gettext_noop("«%(value)s» is not a grade (5–10, «Videregående trinn 1–3» or «Alle trinn»)."))


#: A comparison row without an organisation number names its area in the first of these columns that
#: is filled in (with its width, for Excel's dropped leading zeros; the nation's «I» is not padded).
AREA_COLUMNS = (("Kommunekode", 4), ("Fylkekode", 2), ("Nasjonaltkode", 0))
#: The name column of each level (a school's, or a kindergarten's, is ``EnhetNavn``).
NAME_COLUMNS = {Level.COUNTY: "Fylke", Level.MUNICIPALITY: "Kommune"}


def survey_unit(check, ctx, *, blank_codes: tuple = ("00",), excel_decimals: bool = False):
    """(level, area code, name) of a long Udir export row: the unit is its ``Organisasjonsnummer``
    (a school's or kindergarten's 9 digits, a municipality's 4, a county's 2, the nation's «I»; a
    leading zero Excel dropped is put back: 301 → 0301, 3 → 03), or, where that is empty, the first
    of ``AREA_COLUMNS`` that holds a code other than ``blank_codes``. The nation is named
    NATION_NAME; a municipality without a name in the file gets its name in the portal.

    What differs between the formats is said by the caller: ``blank_codes``, the codes that stand
    for «none» in an area column; ``excel_decimals``, whether a code Excel wrote as «301.0» is read
    as 301 (``padded_code``)."""
    text = padded_code(check.raw("Organisasjonsnummer"), 0, excel_decimals)
    if not text:  # a comparison row may name its area only in its own column
        for column, width in AREA_COLUMNS:
            area = as_text(check.raw(column))
            if area and area not in blank_codes:
                text = padded_code(check.raw(column), width, excel_decimals) if width else area
                break
    elif text.isdigit() and len(text) in (1, 3):  # Excel dropped a leading zero (301 → 0301, 3 → 03)
        text = text.zfill(len(text) + 1)
    level = level_from_code(text)
    code = check.get("Organisasjonsnummer", lambda _raw: area_code(text, level))
    if level == Level.NATION:
        return level, code, NATION_NAME
    name = check.get(NAME_COLUMNS.get(level, "EnhetNavn"), text_cell) or ""
    if level == Level.MUNICIPALITY and not name:
        name = ctx.municipalities.get(code, "")
    return level, code, name


def survey_value(ctx, *, indicator, year: int, grade: int, level: int, code: str, name: str, unit_id, value,
                 deviation, answered, invited=None) -> tuple:
    """The writer's row of a survey's value (``value`` SUPPRESSED: stored as suppressed, and counted): the
    standard deviation (and the participation's number invited) in its details, and the parts Udir
    suppressed named there."""
    details = {}
    if deviation is not None and deviation is not SUPPRESSED:
        details["standard_deviation"] = float(quantize(deviation))
    if invited is not None and invited is not SUPPRESSED:
        details["invited"] = invited
    suppressed = [part for part, v in (("standard_deviation", deviation), ("pupil_count", answered),
                                       ("invited", invited)) if v is SUPPRESSED]
    if suppressed:
        details["suppressed"] = suppressed
    is_suppressed = value is SUPPRESSED
    ctx.suppressed += is_suppressed
    return (indicator.pk, year, grade, level, code, name, unit_id, None if is_suppressed else quantize(value),
            is_suppressed, None, None if answered is SUPPRESSED else answered, details)
