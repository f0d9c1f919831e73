"""What Udir's two pupil-survey files share: finding the catalogue's index from Udir's names and
codes (Indicator.udir_names), telling the rows for all genders and all owners from the other
breakdowns, and reading the grade."""
import re

from ...models import Source
from ..problems import CellError, gettext_noop
from ..values import as_text
from .base import normalise_header

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
