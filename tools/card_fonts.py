"""Write the link-preview cards' fonts: subsets of Debian's Noto Sans and DejaVu Sans, checked, with their licences.

Run `python -m tools.card_fonts` after `apt-get install fonts-noto-core fonts-dejavu-core`; it writes
ketaguide_app/cards/fonts/ and fails, naming the file, if a subset lacks a letter it must have or the fonts
together outgrow their budget. The build never runs it: it draws with the files this writes, which are checked in.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from ketaguide_app.cards.fonts import FONT_DIR, FONTS, LICENCES

NOTO = Path("/usr/share/fonts/truetype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
DEBIAN_FILES = {
    "NotoSans-Bold.ttf": NOTO / "NotoSans-Bold.ttf",
    "NotoSans-Regular.ttf": NOTO / "NotoSans-Regular.ttf",
    "NotoSansHebrew-Bold.ttf": NOTO / "NotoSansHebrew-Bold.ttf",
    "NotoSansHebrew-Regular.ttf": NOTO / "NotoSansHebrew-Regular.ttf",
    "NotoSansArabic-Bold.ttf": NOTO / "NotoSansArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf": NOTO / "NotoSansArabic-Regular.ttf",
    "DejaVuSans-Bold.ttf": DEJAVU / "DejaVuSans-Bold.ttf",
}
DEBIAN_LICENCES = {
    "NOTICE-noto.txt": Path("/usr/share/doc/fonts-noto-core/copyright"),
    "NOTICE-dejavu.txt": Path("/usr/share/doc/fonts-dejavu-core/copyright"),
}
# What the checked-in fonts may weigh together.
BUDGET = 1_200_000
# Letters each subset must keep (a sample of each script it is there for).
MUST_HAVE = {
    "NotoSans": "AZaz09ĜŁßÅçéñ’—…Ωαβγκλμ ЖЯжя",
    "NotoSansHebrew": "אבגדהוזחטיכלמנסעפצקרשת",
    "NotoSansArabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي؟",
    "DejaVuSans": "😀😃😉☺✓★",
}


def subset_font(source: Path, target: Path, ranges: tuple[tuple[int, int], ...]) -> None:
    """Keep the given code point ranges (and every glyph their shaping reaches), without hinting."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    with TTFont(source, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[code for start, end in ranges for code in range(start, end + 1)])
        subsetter.subset(font)
        font.save(target)


def check(target: Path, letters: str) -> None:
    """The subset has every letter it must have."""
    with TTFont(target) as font:
        cmap = font.getBestCmap()
    missing = [letter for letter in letters if letter != " " and ord(letter) not in cmap]
    if missing:
        sys.exit(f"{target}: lacks {' '.join(missing)}")


def main() -> None:
    """Write and check every font and licence."""
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    for font in FONTS:
        source = DEBIAN_FILES[font.file]
        if not source.is_file():
            sys.exit(f"{source} is missing: apt-get install fonts-noto-core fonts-dejavu-core")
        subset_font(source, FONT_DIR / font.file, font.ranges)
        check(FONT_DIR / font.file, MUST_HAVE[font.file.split("-")[0]])
    for name in LICENCES:
        shutil.copyfile(DEBIAN_LICENCES[name], FONT_DIR / name)
    total = sum((FONT_DIR / font.file).stat().st_size for font in FONTS)
    if total > BUDGET:
        sys.exit(f"the card fonts weigh {total} bytes, over their budget of {BUDGET}")
    print(f"wrote {len(FONTS)} fonts, {total} bytes, into {FONT_DIR}")


if __name__ == "__main__":
    main()
