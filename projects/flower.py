"""«Forventningsblomsten» as a server-side SVG figure: one petal per shared expectation around the
plan's heart, each petal's title written in it (so the figure prints, and works in a PDF). The page lists
the expectations and their signs of quality beside it; the figure adds nothing the list does not say."""
import math
import textwrap
from dataclasses import dataclass

SIZE = 640
CENTRE = SIZE / 2
#: the petals' centres lie on this circle; the label sits a little further out
PETAL_DISTANCE = 165
MAX_LINES = 4


@dataclass(frozen=True)
class Petal:
    number: int
    title: str
    #: the ellipse's centre and its rotation (degrees) about it
    cx: float
    cy: float
    angle: float
    rx: float
    ry: float
    #: the label's lines and where the first is drawn
    lines: tuple
    text_x: float
    text_y: float
    line_height: float
    font_size: float
    colour: int
    #: the label's rotation about (text_x, text_y), and the y of its first line
    text_angle: float = 0.0
    first_y: float = 0.0


def _wrap(title: str, width: int) -> tuple:
    lines = textwrap.wrap(title, width=width, break_long_words=False) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES - 1], textwrap.shorten(" ".join(lines[MAX_LINES - 1:]), width=width,
                                                          placeholder="…")]
    return tuple(lines)


def flower(expectations) -> dict | None:
    """The figure's geometry for ``expectations`` (objects with ``title``), or None without any.

    Each title is written along its petal (turned so that it never reads upside down), so a long title
    has the petal's length, not its width."""
    titles = [e.title for e in expectations]
    count = len(titles)
    if not count:
        return None
    step = 360 / count
    # The petal's width follows the room each one has on its circle; never wider than it is long.
    room = 2 * math.pi * PETAL_DISTANCE / count
    rx = min(120.0, max(34.0, room * 0.62))
    ry = 150.0
    font_size = 15.0 if count <= 6 else 13.0
    line_height = font_size * 1.2
    # Along the petal, leaving room for the heart; as many lines as its width holds.
    width = max(8, int((ry * 2 - 90) * 0.9 / (font_size * 0.55)))
    petals = []
    for index, title in enumerate(titles):
        angle = -90 + index * step  # the first petal at the top, then clockwise
        rad = math.radians(angle)
        distance = PETAL_DISTANCE + 25  # the text's centre: beyond the heart, in the petal's wide part
        cx, cy = CENTRE + PETAL_DISTANCE * math.cos(rad), CENTRE + PETAL_DISTANCE * math.sin(rad)
        tx, ty = CENTRE + distance * math.cos(rad), CENTRE + distance * math.sin(rad)
        lines = _wrap(title, width)[:max(1, int(rx * 1.6 // line_height))]
        text_angle = angle if -90 < angle <= 90 else angle - 180
        petals.append(Petal(index + 1, title, round(cx, 1), round(cy, 1), round(angle + 90, 1), round(rx, 1), ry,
                            lines, round(tx, 1), round(ty, 1), round(line_height, 1), font_size, index % 6,
                            round(text_angle, 1),
                            round(ty - (len(lines) - 1) * line_height / 2 + font_size * 0.35, 1)))
    return {"size": SIZE, "centre": CENTRE, "petals": petals, "heart": 78}
