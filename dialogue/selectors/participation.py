"""How many pupils answered Elevundersøkelsen: shown beside the survey's indices on the Læringsspeil."""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.catalogue import PARTICIPATION
from indicators.models import IndicatorValue, Level, Source
from indicators.value_table import fmt


@dataclass(frozen=True)
class Participation:
    grade: int
    share: object  # AndelDeltatt, % (None when suppressed or missing)
    suppressed: bool
    answered: int | None
    invited: int | None

    @property
    def text(self) -> str:
        """«7. trinn: 92,9 % (184 av 198 elever svarte)»."""
        share = "*" if self.suppressed else f"{fmt(self.share)} %"
        if self.answered is not None and self.invited is not None:
            counts = _("%(answered)s of %(invited)s pupils answered") % {"answered": self.answered,
                                                                          "invited": self.invited}
        elif self.answered is not None:
            counts = _("%(answered)s pupils answered") % {"answered": self.answered}
        else:
            counts = ""
        grade = f"{_('grade %(grade)s') % {'grade': self.grade}}: " if self.grade else ""
        return f"{grade}{share}" + (f" ({counts})" if counts else "")


def survey_participation(school, groups, year: int) -> list[Participation]:
    """The participation of ``school`` in ``year``'s survey, per grade, when the Læringsspeil's rows
    (``groups``, from mirror_rows) show an index of the survey; else []. One query (none without)."""
    if not any(row.indicator.source == Source.PUPIL_SURVEY for group in groups for row in group.rows):
        return []
    values = IndicatorValue.objects.filter(indicator__code=PARTICIPATION, school_year=year, level=Level.SCHOOL,
                                           unit=school).order_by("grade")
    return [Participation(v.grade, v.value, v.suppressed, v.pupil_count, v.details.get("invited"))
            for v in values]
