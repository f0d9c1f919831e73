"""The honest-comparison rule, as pure functions."""
import math
from decimal import Decimal

import pytest

from indicators.comparison import BETTER, UNKNOWN, WITHIN, WORSE, Measure, compare, pupil_sd


def test_published_uncertainties_are_combined():
    # diff 3.0; margin sqrt(2² + 2²) = 2.83 → real
    result = compare(Measure(53, 2, 40), Measure(50, 2), sd=10)
    assert result.status == BETTER and result.basis == "uncertainty"
    assert result.margin == pytest.approx(math.sqrt(8))
    # diff 2.5 < 2.83 → within
    assert compare(Measure(52.5, 2, 40), Measure(50, 2), sd=10).status == WITHIN


def test_one_published_uncertainty_is_enough():
    assert compare(Measure(Decimal("51.5"), Decimal("1.2")), Measure(50), sd=10).status == BETTER
    assert compare(Measure(51, Decimal("1.2")), Measure(50), sd=10).status == WITHIN


def test_pupil_count_rule_when_nothing_is_published():
    # 25 pupils vs the nation: margin 1.96 * 10 * sqrt(1/25) = 3.92
    assert compare(Measure(46.5, None, 25), Measure(50), sd=10).status == WITHIN
    result = compare(Measure(45.9, None, 25), Measure(50), sd=10)
    assert result.status == WORSE and result.basis == "pupils"
    assert result.margin == pytest.approx(3.92)


def test_small_schools_swing_within_the_margin():
    # The same 6-point swing is real for 200 pupils but not for 8.
    assert compare(Measure(56, None, 200), Measure(50, None, 200), sd=10).status == BETTER
    assert compare(Measure(56, None, 8), Measure(50, None, 8), sd=10).status == WITHIN


def test_lower_is_better_turns_the_direction():
    assert compare(Measure(4, None, 300), Measure(9), sd=pupil_sd(_share(), 4),
                   higher_is_better=False).status == BETTER
    assert compare(Measure(14, None, 300), Measure(9), sd=pupil_sd(_share(), 14),
                   higher_is_better=False).status == WORSE


def test_unknown_without_values_or_precision():
    assert compare(Measure(None), Measure(50), sd=10).status == UNKNOWN
    assert compare(Measure(55), Measure(None), sd=10).status == UNKNOWN
    result = compare(Measure(55), Measure(50), sd=10)
    assert result.status == UNKNOWN and result.diff == 5


def _share(**kw):
    """An unsaved indicator (no database): a share in %, without a spread of its own."""
    from indicators.models import Indicator

    return Indicator(unit_label="%", scale_min=0, scale_max=100, **kw)


def test_the_spread_is_the_indicators_own_when_it_has_one():
    from indicators.models import Indicator

    assert pupil_sd(Indicator(unit_label="skalapoeng", scale_min=0, scale_max=100, pupil_sd=Decimal("10"))) == 10


def test_a_shares_spread_follows_from_the_share():
    assert pupil_sd(_share(), 10) == pytest.approx(30)


def test_a_shares_spread_is_never_zero():
    assert pupil_sd(_share(), 0) == 5


def test_without_a_spread_a_sixth_of_the_scale():
    from indicators.models import Indicator

    assert pupil_sd(Indicator(unit_label="poeng", scale_min=0, scale_max=60)) == 10


@pytest.mark.django_db
def test_the_catalogue_carries_the_spreads_the_rule_used():
    from indicators.models import Indicator

    spreads = dict(Indicator.objects.filter(code__in=["NPLES05", "EU_TRIVSEL", "GSP", "EKS_MAT", "EU_MOBBING"])
                   .values_list("code", "pupil_sd"))
    assert spreads == {"NPLES05": Decimal("10"), "EU_TRIVSEL": Decimal("1"), "GSP": Decimal("8.5"),
                       "EKS_MAT": Decimal("1"), "EU_MOBBING": None}


def test_the_arrow_says_which_way_the_number_went_and_the_words_whether_that_is_better():
    from indicators.value_table import NATION_LABELS, Verdict

    less_bullying = Verdict(compare(Measure(4, None, 300), Measure(9), sd=pupil_sd(_share(), 4),
                                    higher_is_better=False), NATION_LABELS)
    assert (less_bullying.symbol, str(less_bullying.text)) == ("▼", "Bedre enn landet")
