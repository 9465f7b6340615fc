"""Where each line of a card goes: the title wrapped, then shrunk until it fits; the other lines cut at a word.

A line is set right to left when its text's first letter with a direction is Hebrew or Arabic (as a paragraph's
direction is found, Unicode's bidirectional algorithm, rule P2); the renderer orders the letters within it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ketaguide_app.build_checks import BuildError
from ketaguide_app.cards.fonts import BOLD, REGULAR, STEP, Run, runs

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
# The band at the foot of the card that carries the guide's name.
FOOTER_HEIGHT = 110
KICKER_SIZE = 34
# The title's sizes, largest first: at a chat app's 400 px the smallest still reads as 19 px.
TITLE_SIZES = tuple(range(88, 55, -4))
SUBTITLE_SIZE = 38
SUBTITLE_LINES = 3
FOOTER_SIZE = 40
LINE_HEIGHT = 1.2
GAP = 28
# The title and subtitle share what is left between the kicker and the footer.
BODY_TOP = MARGIN + KICKER_SIZE + GAP
BODY_BOTTOM = HEIGHT - FOOTER_HEIGHT - GAP
ELLIPSIS = "…"
RIGHT_TO_LEFT = {"R", "AL"}


@dataclass(frozen=True)
class CardText:
    """What one card says: a kicker above the title (the section), the title, a subtitle and the guide's name."""

    title: str
    subtitle: str | None
    kicker: str | None
    guide: str


@dataclass(frozen=True)
class Line:
    """One line of text at its place: its runs of one font each, its baseline, and which way it reads."""

    text: str
    runs: tuple[Run, ...]
    size: float
    weight: int
    baseline: float
    rtl: bool

    @property
    def width(self) -> float:
        """How wide it is drawn, at most."""
        return sum(run.width(self.size) for run in self.runs)


@dataclass(frozen=True)
class CardLayout:
    """Every line of a card, in reading order, by its role."""

    kicker: tuple[Line, ...]
    title: tuple[Line, ...]
    subtitle: tuple[Line, ...]
    footer: tuple[Line, ...]

    def alt(self) -> str:
        """What the card says, in reading order, as one text: the image's alternative text."""
        parts = [" ".join(line.text for line in part) for part in (self.kicker, self.title, self.subtitle, self.footer)]
        return " ".join(sentence(part) for part in parts if part)


def sentence(text: str) -> str:
    """The text ending as a sentence does (a period added unless it ends in punctuation)."""
    return text if unicodedata.category(text[-1]).startswith("P") and text[-1] not in ")]’”" else text + "."


def is_rtl(text: str) -> bool:
    """Whether the text's first letter with a direction reads right to left."""
    for letter in text:
        direction = unicodedata.bidirectional(letter)
        if direction in {"L", *RIGHT_TO_LEFT}:
            return direction in RIGHT_TO_LEFT
    return False


def text_width(text: str, size: float, weight: int) -> float:
    """How wide `text` is drawn at `size` px, at most."""
    return sum(run.width(size) for run in runs(text, weight))


def wrap(text: str, size: float, weight: int, width: float = TEXT_WIDTH) -> list[str] | None:
    """The words of `text` in as few lines as fit `width`, each line as full as it goes; None if a word is wider."""
    lines: list[str] = []
    for word in text.split():
        if text_width(word, size, weight) > width:
            return None
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined, size, weight) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def fit_title(title: str, room: float) -> tuple[int, list[str]]:
    """The largest size at which the wrapped title fits `room` px of height, and its lines: never cut."""
    for size in TITLE_SIZES:
        lines = wrap(title, size, BOLD)
        if lines is not None and len(lines) * size * LINE_HEIGHT <= room:
            return size, lines
    raise BuildError(
        STEP, f"the title {title!r} does not fit a link-preview card even at {TITLE_SIZES[-1]} px: shorten it"
    )


def clamp(text: str, size: float, weight: int, most: int) -> list[str]:
    """At most `most` lines of `text`; if it is longer, the last one ends at a word with an ellipsis."""
    lines = wrap(text, size, weight) or []
    if len(lines) <= most and lines:
        return lines
    words = " ".join(lines[most - 1 :]).split() if lines else text.split()
    kept = lines[: most - 1]
    while words and text_width(" ".join(words) + ELLIPSIS, size, weight) > TEXT_WIDTH:
        words.pop()
    return [*kept, " ".join(words) + ELLIPSIS] if words else kept


def fit_body(title: str, subtitle: str | None) -> tuple[int, list[str], list[str]]:
    """The title's size and lines, and the subtitle's lines: as much subtitle as leaves the title whole."""
    room = BODY_BOTTOM - BODY_TOP
    for most in range(SUBTITLE_LINES, 0, -1):
        lines = clamp(subtitle, SUBTITLE_SIZE, REGULAR, most) if subtitle else []
        if not lines:
            break
        try:
            size, title_lines = fit_title(title, room - GAP - len(lines) * SUBTITLE_SIZE * LINE_HEIGHT)
        except BuildError:
            continue
        return size, title_lines, lines
    size, title_lines = fit_title(title, room)
    return size, title_lines, []


def placed(texts: list[str], size: float, weight: int, first_baseline: float) -> tuple[Line, ...]:
    """Lines one below the other, each baseline a line height below the last."""
    return tuple(
        Line(text, tuple(runs(text, weight)), size, weight, first_baseline + index * size * LINE_HEIGHT, is_rtl(text))
        for index, text in enumerate(texts)
    )


def lay_out(card: CardText) -> CardLayout:
    """Every line of the card at its place; the title as large as the room left by the subtitle allows."""
    kicker = placed(clamp(card.kicker, KICKER_SIZE, BOLD, 1), KICKER_SIZE, BOLD, MARGIN) if card.kicker else ()
    size, title, subtitle = fit_body(card.title, card.subtitle)
    title_lines = placed(title, size, BOLD, BODY_TOP + size)
    subtitle_top = BODY_TOP + len(title) * size * LINE_HEIGHT + GAP
    footer_baseline = HEIGHT - FOOTER_HEIGHT / 2 + FOOTER_SIZE * 0.35
    return CardLayout(
        kicker=kicker,
        title=title_lines,
        subtitle=placed(subtitle, SUBTITLE_SIZE, REGULAR, subtitle_top + SUBTITLE_SIZE),
        footer=placed(clamp(card.guide, FOOTER_SIZE, BOLD, 1), FOOTER_SIZE, BOLD, footer_baseline),
    )
