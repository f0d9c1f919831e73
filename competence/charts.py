"""The competence survey's chart, drawn on the server as SVG (it prints, and works in a PDF):
importance of developing a competence (up) against satisfaction with one's own (across), one
numbered point per topic, and the diagonal where both are equal. Points far above the diagonal are
the topics with the largest gap; the ``HIGHLIGHT`` largest are drawn dark and named in the chart.
Pure functions: the template draws what :func:`gap_chart` returns, and lists the same topics in a
table beside it.
"""
from dataclasses import dataclass, field
from decimal import Decimal

SIZE = 340
LEFT, RIGHT, TOP, BOTTOM = 44, 14, 14, 40
LOW, HIGH = 1, 5
HIGHLIGHT = 5


@dataclass
class Point:
    number: int
    topic: str
    satisfaction: Decimal
    importance: Decimal
    answers: int
    x: str = ""
    y: str = ""
    highlighted: bool = False

    @property
    def gap(self) -> Decimal:
        return self.importance - self.satisfaction


@dataclass
class GapChart:
    title: str
    description: str
    points: list = field(default_factory=list)  # by gap, largest first
    ticks: list = field(default_factory=list)  # (position, label)
    size: int = SIZE
    left: int = LEFT
    top: int = TOP
    right: int = SIZE - RIGHT
    bottom: int = SIZE - BOTTOM

    @property
    def has_data(self) -> bool:
        return bool(self.points)

    @property
    def x_label_y(self) -> int:
        return self.size - 6

    @property
    def tick_label_y(self) -> int:
        return self.bottom + 16


def _x(value) -> float:
    return LEFT + (float(value) - LOW) / (HIGH - LOW) * (SIZE - LEFT - RIGHT)


def _y(value) -> float:
    return SIZE - BOTTOM - (float(value) - LOW) / (HIGH - LOW) * (SIZE - TOP - BOTTOM)


def gap_chart(title: str, rows, description: str = "") -> GapChart:
    """``rows``: (topic, satisfaction, importance, answers). Points are numbered by gap (1 = largest)."""
    ordered = sorted(rows, key=lambda r: (-(r[2] - r[1]), r[0]))
    points = []
    for number, (topic, satisfaction, importance, answers) in enumerate(ordered, start=1):
        # Coordinates are strings with a decimal point: the template must not localise them.
        points.append(Point(number, topic, satisfaction, importance, answers,
                            x=f"{_x(satisfaction):.1f}", y=f"{_y(importance):.1f}",
                            highlighted=number <= HIGHLIGHT and importance > satisfaction))
    ticks = [(f"{_x(v):.1f}", f"{_y(v):.1f}", str(v)) for v in range(LOW, HIGH + 1)]
    return GapChart(title=title, description=description, points=points, ticks=ticks)
