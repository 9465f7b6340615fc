"""The fonts the cards are drawn with (shipped in fonts/), which of them draws each letter, and how wide text is."""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from ketaguide_app.build_checks import BuildError

STEP = "link-preview cards"
FONT_DIR = Path(__file__).resolve().with_name("fonts")
LICENCES = ("NOTICE-noto.txt", "NOTICE-dejavu.txt")
BOLD, REGULAR = 700, 400

Ranges = tuple[tuple[int, int], ...]
# Latin (with Vietnamese), Greek and Cyrillic, their combining marks, punctuation and currency signs.
LATIN_GREEK_CYRILLIC: Ranges = (
    (0x20, 0x7E),
    (0xA0, 0x2FF),
    (0x300, 0x36F),
    (0x370, 0x52F),
    (0x1E00, 0x1FFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
)
HEBREW: Ranges = ((0x20, 0x7E), (0x591, 0x5FF), (0xFB1D, 0xFB4F))
ARABIC: Ranges = ((0x20, 0x7E), (0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# Arrows, technical signs, shapes, dingbats and the emoji DejaVu Sans draws (in one colour).
SYMBOLS: Ranges = ((0x2190, 0x23FF), (0x25A0, 0x27BF), (0x1F300, 0x1F6FF), (0x1F900, 0x1F9FF))


@dataclass(frozen=True)
class Font:
    """One shipped font file: the family name the drawing asks for, its weight, and the letters it is kept for."""

    file: str
    family: str
    weight: int
    ranges: Ranges

    @property
    def path(self) -> Path:
        """Where the file is."""
        return FONT_DIR / self.file


# In the order a letter is looked for: the first font that has it draws it.
FONTS = (
    Font("NotoSans-Bold.ttf", "Noto Sans", BOLD, LATIN_GREEK_CYRILLIC),
    Font("NotoSans-Regular.ttf", "Noto Sans", REGULAR, LATIN_GREEK_CYRILLIC),
    Font("NotoSansHebrew-Bold.ttf", "Noto Sans Hebrew", BOLD, HEBREW),
    Font("NotoSansHebrew-Regular.ttf", "Noto Sans Hebrew", REGULAR, HEBREW),
    Font("NotoSansArabic-Bold.ttf", "Noto Sans Arabic", BOLD, ARABIC),
    Font("NotoSansArabic-Regular.ttf", "Noto Sans Arabic", REGULAR, ARABIC),
    Font("DejaVuSans-Bold.ttf", "DejaVu Sans", BOLD, SYMBOLS),
)


@dataclass(frozen=True)
class Metrics:
    """What layout needs of one font: each letter's advance, in font units, and the size of those units."""

    font: Font
    advances: dict[int, int]
    units_per_em: int

    def has(self, letter: str) -> bool:
        """Whether the font draws this letter."""
        return ord(letter) in self.advances

    def width(self, text: str, size: float) -> float:
        """The width of `text` at `size` px, letter by letter (kerning and joining only ever make it narrower)."""
        return sum(self.advances.get(ord(letter), 0) for letter in text) * size / self.units_per_em


@functools.cache
def metrics(font: Font) -> Metrics:
    """The advances of every letter a shipped font maps."""
    if not font.path.is_file():
        raise BuildError(STEP, f"the card font {font.file} is missing; run python -m tools.card_fonts", font.path)
    with TTFont(font.path) as loaded:
        widths = loaded["hmtx"].metrics
        advances = {code: widths[glyph][0] for code, glyph in loaded.getBestCmap().items()}
        return Metrics(font, advances, loaded["head"].unitsPerEm)


def fonts_of(weight: int) -> list[Metrics]:
    """The fonts of one weight, in the order a letter is looked for; symbols come in one weight only."""
    chosen = [font for font in FONTS if font.weight == weight] + [font for font in FONTS if font.ranges is SYMBOLS]
    return [metrics(font) for font in dict.fromkeys(chosen)]


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn in one font."""

    text: str
    metrics: Metrics

    def width(self, size: float) -> float:
        """Its width at `size` px."""
        return self.metrics.width(self.text, size)


def runs(text: str, weight: int) -> list[Run]:
    """`text` cut into stretches, each drawn by the first font that has its letters.

    Spaces, punctuation, digits and marks stay in the font of the letters before them when it has them, so a
    word and its punctuation are shaped together; a letter no shipped font has stops the build.
    """
    found: list[tuple[str, Metrics]] = []
    candidates = fonts_of(weight)
    for letter in text:
        previous = found[-1][1] if found else None
        if previous and (joins_previous(letter) or not strong(letter)) and previous.has(letter):
            chosen = previous
        elif unicodedata.category(letter) == "Cf" or is_variation_selector(letter):
            chosen = previous or candidates[0]
        else:
            chosen = first_font_with(letter, candidates, text)
        found.append((letter, chosen))
    merged: list[Run] = []
    for letter, chosen in found:
        if merged and merged[-1].metrics is chosen:
            merged[-1] = Run(merged[-1].text + letter, chosen)
        else:
            merged.append(Run(letter, chosen))
    return merged


def first_font_with(letter: str, candidates: list[Metrics], text: str) -> Metrics:
    """The first of the fonts that draws the letter; none stops the build, naming the letter and its text."""
    chosen = next((font for font in candidates if font.has(letter)), None)
    if chosen is None:
        raise BuildError(STEP, f"no card font draws {letter!r} (U+{ord(letter):04X}) in {text!r}")
    return chosen


def joins_previous(letter: str) -> bool:
    """A combining mark, drawn on the letter before it."""
    return unicodedata.combining(letter) != 0 or unicodedata.category(letter) in {"Mn", "Me"}


def strong(letter: str) -> bool:
    """A letter with a direction of its own (not a space, digit or punctuation)."""
    return unicodedata.bidirectional(letter) in {"L", "R", "AL"}


def is_variation_selector(letter: str) -> bool:
    """A selector that asks for a letter's text or emoji form; it draws nothing itself."""
    return 0xFE00 <= ord(letter) <= 0xFE0F


def fonts_digest() -> str:
    """One digest of every shipped font file: a changed font redraws every card."""
    digest = hashlib.sha256()
    for font in FONTS:
        digest.update(font.path.read_bytes())
    return digest.hexdigest()
