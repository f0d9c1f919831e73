"""The honest-comparison rule, as pure functions."""
import math
from decimal import Decimal

import pytest

from dialogue.comparison import BETTER, UNKNOWN, WITHIN, WORSE, Measure, compare, pupil_sd


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
    assert compare(Measure(4, None, 300), Measure(9), sd=pupil_sd(unit_label="%", value=4),
                   higher_is_better=False).status == BETTER
    assert compare(Measure(14, None, 300), Measure(9), sd=pupil_sd(unit_label="%", value=14),
                   higher_is_better=False).status == WORSE


def test_unknown_without_values_or_precision():
    assert compare(Measure(None), Measure(50), sd=10).status == UNKNOWN
    assert compare(Measure(55), Measure(None), sd=10).status == UNKNOWN
    result = compare(Measure(55), Measure(50), sd=10)
    assert result.status == UNKNOWN and result.diff == 5


def test_pupil_sd_per_kind():
    assert pupil_sd(source="national_tests") == 10
    assert pupil_sd(source="pupil_survey", unit_label="indeks 1–5") == 1
    assert pupil_sd(unit_label="%", value=10) == pytest.approx(30)
    assert pupil_sd(unit_label="%", value=0) == 5  # never zero
    assert pupil_sd(source="gsp") == 8.5
    assert pupil_sd(source="local", scale_min=0, scale_max=60) == 10
