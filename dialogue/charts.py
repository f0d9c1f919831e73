"""Small trend charts drawn on the server as inline SVG (for the report and its PDF: no JavaScript).

Pure functions, no database: the template draws what :func:`trend_chart` returns.
"""
from dataclasses import dataclass, field

from indicators.value_table import fmt, padded_range
from laeringslop.schoolyear import school_year_label

WIDTH, HEIGHT = 300, 110
LEFT, RIGHT, TOP, BOTTOM = 36, 30, 10, 22  # room for the last year label, centred on its point
#: Drawn as SVG attributes (WeasyPrint's SVG renderer does not take them from the page's stylesheet).
COLOURS = {"school": "#0b3d63", "municipality": "#b35c00", "nation": "#6c757d"}
DASHES = {"municipality": "5 2", "nation": "2 2"}


@dataclass
class Line:
    css: str  # "school", "municipality" or "nation"
    label: str
    points: str  # SVG polyline points ("" when the series has no numbers)
    dots: list = field(default_factory=list)  # (x, y, value as text)
    #: the polylines to draw: one per part of the series (never across a break in the series)
    segments: list = field(default_factory=list)

    @property
    def colour(self) -> str:
        return COLOURS.get(self.css, "#333")

    @property
    def dash(self) -> str:
        return DASHES.get(self.css, "")


@dataclass
class TrendChart:
    title: str
    width: int
    height: int
    lines: list
    x_ticks: list  # (x, label)
    y_ticks: list  # (y of the grid line, y of its label, label)
    description: str  # the numbers in words, for screen readers
    break_xs: list = field(default_factory=list)  # x of a mark where a new series begins
    note: str = ""  # why the lines stop there (see indicators.series.break_note)
    left: int = LEFT
    top: int = TOP
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM

    @property
    def label_y(self) -> int:
        return self.height - 6

    @property
    def has_data(self) -> bool:
        return any(line.points for line in self.lines)


def trend_chart(title: str, years: list, series: list, starts=()) -> TrendChart:
    """A chart of ``series`` — (css, label, [number or None per year]) — over ``years``.

    A missing or suppressed value (None) leaves a gap in the dots; the line joins the known points,
    but never across a year in ``starts`` (where a new series begins, see indicators.series): there
    the lines stop, a mark is drawn and the chart carries the note why.
    """
    from indicators.series import break_note, segments

    parts = segments(years, starts)
    numbers = [v for _css, _label, values in series for v in values if v is not None]
    low, high = padded_range(numbers or [0.0, 1.0], 0.15)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(years) - 1, 1)

    # Coordinates are strings with a decimal point: the template must not localise them (50,4 in Norwegian).
    def x(i):
        return f"{LEFT + i * step:.1f}"

    def y(v, shift=0.0):
        return f"{TOP + plot_h - (v - low) / (high - low) * plot_h + shift:.1f}"

    lines = []
    for css, label, values in series:
        dots = [(x(i), y(v), fmt(v)) for i, v in enumerate(values) if v is not None]
        pieces = [" ".join(f"{x(i)},{y(values[i])}" for i in part if values[i] is not None) for part in parts]
        lines.append(Line(css, str(label), " ".join(f"{dx},{dy}" for dx, dy, _t in dots), dots,
                          [piece for piece in pieces if piece]))
    x_ticks = [(x(i), school_year_label(year)) for i, year in enumerate(years)]
    # Ticks at the lowest and highest value drawn (one tick when they are the same).
    y_ticks = [(y(v), y(v, 3), fmt(v)) for v in sorted({min(numbers), max(numbers)})] if numbers else []
    description = "; ".join(
        f"{label}: " + ", ".join(f"{school_year_label(year)} {fmt(v)}" for year, v in zip(years, values, strict=False))
        for _css, label, values in series)
    break_xs = [f"{LEFT + (part[0] - 0.5) * step:.1f}" for part in parts[1:]]
    shown = [start for start in starts if years and years[0] < start <= years[-1]]
    return TrendChart(title, WIDTH, HEIGHT, lines, x_ticks, y_ticks, description, break_xs, break_note(shown))
