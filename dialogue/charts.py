"""Charts drawn on the server as inline SVG (for the page, the report and its PDF: no JavaScript).

- :func:`trend_chart`: lines over the school years (the school, the municipality, the county, the
  nation), each with its own marker shape and dash as well as its colour, the series break marked
  and never bridged. ``size="large"`` is the Læringsspeil's readable chart (a y axis with round
  values, each point's value written for the school).
- :func:`mastery_chart`: the share of pupils on each mastery level as stacked horizontal bars, the
  percentages written in the bars, the levels from the lowest (left) to the highest.

Pure functions, no database: the templates (``dialogue/_trend_svg.html``, ``dialogue/_mastery_svg.html``)
draw what they return; each chart has a table alternative beside it on the page.
"""
import math
from dataclasses import dataclass, field

from indicators.value_table import fmt, padded_range
from laeringslop.schoolyear import school_year_label

WIDTH, HEIGHT = 300, 110
LEFT, RIGHT, TOP, BOTTOM = 36, 30, 10, 22  # room for the last year label, centred on its point
#: Drawn as SVG attributes (WeasyPrint's SVG renderer does not take them from the page's stylesheet).
#: All pass 4.5:1 on white (the lines and markers are also told apart by dash and marker shape).
COLOURS = {"school": "#0b3d63", "municipality": "#a04f00", "county": "#6f3f9f", "nation": "#5c636a"}
DASHES = {"municipality": "5 2", "county": "8 3 2 3", "nation": "2 2"}
#: The marker of each line: circle, square, triangle, diamond (not colour alone).
MARKERS = {"school": "circle", "municipality": "square", "county": "triangle", "nation": "diamond"}
#: The large (Læringsspeil) chart's size and margins.
LARGE = {"width": 640, "height": 240, "left": 48, "right": 24, "top": 16, "bottom": 28}


def marker_path(shape: str, x: float, y: float, r: float = 3.5) -> str:
    """An SVG path for a marker of ``shape`` centred on (x, y)."""
    if shape == "square":
        r *= 0.85
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r * 1.1:.1f}L{x + r:.1f},{y + r * 0.8:.1f}L{x - r:.1f},{y + r * 0.8:.1f}z"
    if shape == "diamond":
        return f"M{x:.1f},{y - r * 1.15:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r * 1.15:.1f}L{x - r:.1f},{y:.1f}z"
    return f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0z"


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round values for a y axis between ``low`` and ``high`` (about ``count`` of them)."""
    span = max(high - low, 1e-9)
    raw = span / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    ticks, value = [], first
    while value <= high + 1e-9:
        ticks.append(round(value, 6))
        value += step
    return ticks


@dataclass
class Line:
    css: str  # "school", "municipality", "county" or "nation"
    label: str
    points: str  # SVG polyline points ("" when the series has no numbers)
    dots: list = field(default_factory=list)  # (x, y, value as text)
    #: the polylines to draw: one per part of the series (never across a break in the series)
    segments: list = field(default_factory=list)
    #: the values written beside the points (the school's, on the large chart): (x, y, text)
    labels: list = field(default_factory=list)
    #: the marker path of each dot (its shape is the line's, see MARKERS)
    marks: list = field(default_factory=list)

    @property
    def marker(self) -> str:
        return MARKERS.get(self.css, "circle")

    @property
    def key_path(self) -> str:
        """The marker for the legend (a 24×12 key with the line through it)."""
        return marker_path(self.marker, 12, 6)

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

    font_size: int = 9
    #: the years and each line's value as text, for the table beside the chart: [(year label, [text, ...])]
    rows: list = field(default_factory=list)

    @property
    def label_y(self) -> int:
        return self.height - 6

    @property
    def axis_x(self) -> int:
        return self.left - 4

    @property
    def break_label_y(self) -> int:
        return self.top + self.font_size

    @property
    def has_data(self) -> bool:
        return any(line.points for line in self.lines)


def trend_chart(title: str, years: list, series: list, starts=(), *, size: str = "small") -> TrendChart:
    """A chart of ``series`` — (css, label, [number or None per year]) — over ``years``.

    A missing or suppressed value (None) leaves a gap in the dots; the line joins the known points,
    but never across a year in ``starts`` (where a new series begins, see indicators.series): there
    the lines stop, a mark is drawn and the chart carries the note why.
    ``size="large"``: bigger, with round y ticks and the school's values written beside its points.
    """
    from indicators.series import break_note, segments

    large = size == "large"
    box = LARGE if large else {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": RIGHT, "top": TOP,
                               "bottom": BOTTOM}
    width, height, left, top = box["width"], box["height"], box["left"], box["top"]
    parts = segments(years, starts)
    numbers = [v for _css, _label, values in series for v in values if v is not None]
    low, high = padded_range(numbers or [0.0, 1.0], 0.15)
    ticks = []
    if numbers and large:
        ticks = nice_ticks(low, high)
        low, high = min(low, ticks[0]), max(high, ticks[-1])
    plot_w, plot_h = width - left - box["right"], height - top - box["bottom"]
    step = plot_w / max(len(years) - 1, 1)

    # Coordinates are strings with a decimal point: the template must not localise them (50,4 in Norwegian).
    def xf(i):
        return left + i * step

    def yf(v):
        return top + plot_h - (v - low) / (high - low) * plot_h

    def x(i):
        return f"{xf(i):.1f}"

    def y(v, shift=0.0):
        return f"{yf(v) + shift:.1f}"

    lines = []
    for css, label, values in series:
        shape = MARKERS.get(css, "circle")
        dots = [(x(i), y(v), fmt(v)) for i, v in enumerate(values) if v is not None]
        marks = [marker_path(shape, xf(i), yf(v), 3.5 if large else 2.6) for i, v in enumerate(values) if v is not None]
        pieces = [" ".join(f"{x(i)},{y(values[i])}" for i in part if values[i] is not None) for part in parts]
        labels = [(x(i), y(v, -7), fmt(v)) for i, v in enumerate(values) if v is not None] \
            if large and css == "school" else []
        lines.append(Line(css, str(label), " ".join(f"{dx},{dy}" for dx, dy, _t in dots), dots,
                          [piece for piece in pieces if piece], labels, marks))
    x_ticks = [(x(i), school_year_label(year)) for i, year in enumerate(years)]
    if large:
        tick_step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
        # as many decimals as the step needs (0.25 apart: two), at most two
        digits = next((d for d in range(3) if abs(tick_step * 10 ** d - round(tick_step * 10 ** d)) < 1e-6), 2)
        y_ticks = [(y(v), y(v, 3), fmt(v, digits)) for v in ticks]
    else:  # ticks at the lowest and highest value drawn (one tick when they are the same)
        y_ticks = [(y(v), y(v, 3), fmt(v)) for v in sorted({min(numbers), max(numbers)})] if numbers else []
    description = "; ".join(
        f"{label}: " + ", ".join(f"{school_year_label(year)} {fmt(v)}" for year, v in zip(years, values, strict=False))
        for _css, label, values in series)
    break_xs = [f"{left + (part[0] - 0.5) * step:.1f}" for part in parts[1:]]
    shown = [start for start in starts if years and years[0] < start <= years[-1]]
    rows = [(school_year_label(year), [fmt(values[i]) for _css, _label, values in series])
            for i, year in enumerate(years)]
    return TrendChart(title, width, height, lines, x_ticks, y_ticks, description, break_xs, break_note(shown),
                      left=left, top=top, right=width - box["right"], bottom=height - box["bottom"],
                      font_size=11 if large else 9, rows=rows)


#: Mastery levels, lowest to highest: a light-to-dark scale; the text colour on each passes 4.5:1.
MASTERY_FILLS = {3: ["#deebf7", "#6baed6", "#08306b"], 5: ["#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b"]}
DARK_TEXT, LIGHT_TEXT = "#1a1a1a", "#ffffff"


@dataclass
class MasterySegment:
    level: int
    x: str
    width: str
    share: float
    text: str  # the percentage written in the bar ("" where it does not fit)
    fill: str
    text_colour: str
    text_x: str


@dataclass
class MasteryBar:
    label: str  # «Almeåsen skole», «Landet», «2025-26» (in full: the table's)
    y: str
    label_y: str
    segments: list
    note: str = ""  # «*» (suppressed) or «–» (no data) where there is no bar
    shares: list = field(default_factory=list)  # the share per level as text, for the table

    @property
    def short_label(self) -> str:
        """The label beside the bar: a long school name is cut (the table has it in full)."""
        return self.label if len(self.label) <= 22 else self.label[:21].rstrip() + "…"


@dataclass
class MasteryChart:
    title: str
    levels: int
    width: int
    height: int
    bars: list
    left: int
    bar_height: int
    description: str
    #: y of a dashed line between two bars where a new series begins, and the text beside it
    break_ys: list = field(default_factory=list)
    keys: list = field(default_factory=list)  # (level, x, fill) for the legend

    @property
    def has_data(self) -> bool:
        return any(bar.segments for bar in self.bars)


def mastery_chart(title: str, levels: int, rows: list, *, breaks_before=(), width: int = 640) -> MasteryChart:
    """Stacked horizontal bars of the share of pupils on each mastery level.

    ``rows``: (label, {"1": share, ...} or None, note) per bar; a bar without shares shows the note
    (* suppressed, – no data). ``breaks_before``: indexes of bars before which a new series begins
    (a dashed line is drawn there). Percentages are written where they fit (the table has them all).
    """
    fills = MASTERY_FILLS.get(levels) or MASTERY_FILLS[5][:levels]
    left, right, top, bar_h, gap = 150, 8, 26, 22, 8
    plot_w = width - left - right
    bars, described = [], []
    for index, (label, shares, note) in enumerate(rows):
        y0 = top + index * (bar_h + gap)
        segments, x0 = [], float(left)
        values = [float(shares[str(level)]) if shares and shares.get(str(level)) is not None else None
                  for level in range(1, levels + 1)]
        known = [v for v in values if v is not None]
        total = sum(known) or 0.0
        texts = []
        if known and total > 0:
            for level, share in enumerate(values, start=1):
                texts.append(fmt(share, 0) + " %" if share is not None else "–")
                if not share:
                    continue
                w = plot_w * share / max(total, 100.0)  # a sum a little over 100 (rounding) still fits
                text = fmt(share, 0) + " %" if w >= 34 else (fmt(share, 0) if w >= 16 else "")
                fill = fills[level - 1]
                colour = LIGHT_TEXT if fill in ("#08306b", "#2171b5") else DARK_TEXT
                segments.append(MasterySegment(level, f"{x0:.1f}", f"{w:.1f}", share, text, fill, colour,
                                               f"{x0 + w / 2:.1f}"))
                x0 += w
            described.append(f"{label}: " + ", ".join(
                f"{level}: {text}" for level, text in enumerate(texts, start=1)))
        else:
            texts = ["–"] * levels
            described.append(f"{label}: {note or '–'}")
        bars.append(MasteryBar(label, f"{y0}", f"{y0 + bar_h / 2 + 4:.1f}", segments, "" if segments else (note or "–"),
                               texts))
    height = top + len(rows) * (bar_h + gap) + 4
    break_ys = [f"{top + i * (bar_h + gap) - gap / 2:.1f}" for i in breaks_before if 0 < i < len(rows)]
    keys = [(level, left + (level - 1) * 64, fills[level - 1]) for level in range(1, levels + 1)]
    return MasteryChart(title, levels, width, height, bars, left, bar_h, "; ".join(described), break_ys, keys)
