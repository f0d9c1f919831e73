"""Honest comparisons: is a difference between two values real, or within the margin?

The rule (also written on the Læringsspeil page and in docs/laeringsspeil.md):

1. When Udir publishes an uncertainty (``Usikkerhet``) for either value, the difference is real
   only if it is larger than the two uncertainties combined, ``sqrt(u1² + u2²)``.
2. Otherwise, when the number of pupils behind the school's value is known, the difference is
   real only if it is larger than a 95 % margin from the number of pupils,
   ``1.96 · SD · sqrt(1/n1 + 1/n2)``, where SD is the spread between pupils, kept on the indicator
   (``Indicator.pupil_sd``: 10 scale points for the national tests (Udir's scale), 1 for the pupil
   survey's 1–5 indices and for grades, 8.5 for lower secondary school points); without it
   sqrt(p·(100−p)) for a percentage p, and a sixth of the scale's range for anything else. A comparison value without a pupil count (the nation) counts
   as exact (1/n2 = 0).
3. Otherwise we cannot say: "unknown".

Pure functions, no database: see indicators/tests/test_comparison.py. ``indicators`` decides what
the numbers are and whether a difference is real; ``dialogue`` what the municipality does with them.
"""
import math
from dataclasses import dataclass
from decimal import Decimal

BETTER = "better"
WORSE = "worse"
WITHIN = "within"
UNKNOWN = "unknown"

Z_95 = 1.96


@dataclass(frozen=True)
class Measure:
    """A value with what we know about its precision."""

    value: Decimal | float | None
    uncertainty: Decimal | float | None = None
    pupil_count: int | None = None


@dataclass(frozen=True)
class Comparison:
    diff: float | None
    margin: float | None
    status: str  # BETTER, WORSE, WITHIN or UNKNOWN
    basis: str  # "uncertainty", "pupils" or ""

    @property
    def is_real(self) -> bool:
        return self.status in (BETTER, WORSE)


def pupil_sd(indicator, value=None) -> float:
    """The spread between pupils for ``indicator`` (used when Udir publishes no uncertainty): its
    ``pupil_sd`` (data: 10 for the national tests, 1 for the survey's indices and grades, 8.5 for
    grunnskolepoeng); for a percentage without one, sqrt(p·(100−p)) at the value p; otherwise a
    sixth of the scale's range."""
    if indicator.pupil_sd is not None:
        return float(indicator.pupil_sd)
    if (indicator.unit_label or "").strip() == "%":
        p = min(max(float(value if value is not None else 50), 0.0), 100.0)
        # Never zero: a 0 % or 100 % share still has some sampling uncertainty.
        return max(math.sqrt(p * (100 - p)), 5.0)
    return (float(indicator.scale_max) - float(indicator.scale_min)) / 6


def compare(current: Measure, reference: Measure, *, sd: float, higher_is_better: bool = True) -> Comparison:
    """Compare ``current`` (the school, this year) with ``reference`` (the nation, last year)."""
    if current.value is None or reference.value is None:
        return Comparison(None, None, UNKNOWN, "")
    diff = float(current.value) - float(reference.value)
    if current.uncertainty is not None or reference.uncertainty is not None:
        u1 = float(current.uncertainty or 0)
        u2 = float(reference.uncertainty or 0)
        margin = math.sqrt(u1 * u1 + u2 * u2)
        basis = "uncertainty"
    elif current.pupil_count:
        inverse = 1 / current.pupil_count + (1 / reference.pupil_count if reference.pupil_count else 0)
        margin = Z_95 * sd * math.sqrt(inverse)
        basis = "pupils"
    else:
        return Comparison(diff, None, UNKNOWN, "")
    if abs(diff) <= margin:
        return Comparison(diff, margin, WITHIN, basis)
    favourable = diff > 0 if higher_is_better else diff < 0
    return Comparison(diff, margin, BETTER if favourable else WORSE, basis)
