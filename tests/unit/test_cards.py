"""Specification of the link-preview cards: what each says, how its text is fitted, how it is drawn and kept."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageColor

from ketaguide_app.build_checks import BuildError
from ketaguide_app.cards.card import CARDS_PREFIX, every_card, home_card, topic_card
from ketaguide_app.cards.drawing import draw, site_colours, svg
from ketaguide_app.cards.files import MAX_BYTES, checked, write_cards
from ketaguide_app.cards.fonts import BOLD, FONT_DIR, FONTS, LICENCES, REGULAR, metrics, runs
from ketaguide_app.cards.layout import (
    ELLIPSIS,
    FOOTER_HEIGHT,
    HEIGHT,
    MARGIN,
    TEXT_WIDTH,
    TITLE_SIZES,
    WIDTH,
    CardLayout,
    CardText,
    lay_out,
)
from ketaguide_app.content import load_guide
from ketaguide_app.content_error import ContentError
from ketaguide_app.models import Guide
from ketaguide_app.styles import STYLESHEET
from tests.fixture_guides import FIXTURE_GUIDES, GUIDE, copy_of_guide, edit
from tools.card_fonts import BUDGET, MUST_HAVE

BUILT_GUIDES = ["full", "rich", "minimal", "one-section", "many-languages"]
GUIDES = {name: load_guide(FIXTURE_GUIDES / name) for name in BUILT_GUIDES}
MANY_LANGUAGES = GUIDES["many-languages"]
# The band the title and subtitle are drawn in: below the accent bar and the kicker, above the footer.
BODY_ROWS = range(MARGIN + 10, HEIGHT - FOOTER_HEIGHT)


def texts_of(guide: Guide) -> list[CardText]:
    """What the card of each of the guide's pages says, as the cards are made from it."""
    return [
        CardText(guide.title, guide.description, None, guide.short_title),
        *(
            CardText(topic.title, topic.subtitle, "Section", guide.short_title)  # kicker length does not move the title
            for topic in guide.topics
        ),
    ]


def pixels(png: bytes) -> Image.Image:
    """A drawn card as RGB pixels."""
    return Image.open(io.BytesIO(png)).convert("RGB")


def ink_blobs(image: Image.Image, rows: range, background: tuple[int, int, int] = (255, 255, 255)) -> list[range]:
    """The runs of columns that hold any pixel other than the background, within `rows`, left to right."""
    band = image.crop((0, rows.start, image.width, rows.stop))
    ink = ImageChops.difference(band, Image.new("RGB", band.size, background)).convert("L")
    columns = ink.transpose(Image.Transpose.ROTATE_90).tobytes()
    height = band.height
    inked = [columns[x * height : (x + 1) * height].count(0) != height for x in range(band.width)][::-1]
    blobs, start = [], None
    for x, is_inked in enumerate([*inked, False]):
        if is_inked and start is None:
            start = x
        elif not is_inked and start is not None:
            blobs.append(range(start, x))
            start = None
    return blobs


def one_line_title(title: str) -> CardLayout:
    """A card with nothing but a title (and the guide's name in the footer)."""
    return lay_out(CardText(title, None, None, "Guide"))


def test_a_short_title_is_drawn_at_the_largest_size_on_one_line() -> None:
    layout = one_line_title("NMDA Receptors")
    assert [(line.text, line.size) for line in layout.title] == [("NMDA Receptors", TITLE_SIZES[0])]


def test_a_title_wraps_at_its_size_before_it_is_made_smaller() -> None:
    title = "Ketamine Therapy Applications in Practice"
    layout = one_line_title(title)
    assert len(layout.title) == 2
    assert {line.size for line in layout.title} == {TITLE_SIZES[0]}
    assert " ".join(line.text for line in layout.title) == title


def test_a_title_too_long_for_two_lines_is_made_smaller_and_kept_whole() -> None:
    title = " ".join(["Individualization"] * 8)
    layout = lay_out(CardText(title, "A subtitle", "Section 1: Words", "Guide"))
    assert TITLE_SIZES[-1] <= layout.title[0].size < TITLE_SIZES[0]
    assert " ".join(line.text for line in layout.title) == title
    assert all(line.width <= TEXT_WIDTH for line in layout.title)


@pytest.mark.parametrize("name", BUILT_GUIDES)
def test_every_title_of_every_fixture_guide_fits_whole_on_its_card(name: str) -> None:
    for text in texts_of(GUIDES[name]):
        layout = lay_out(text)
        assert " ".join(line.text for line in layout.title) == " ".join(text.title.split())
        assert ELLIPSIS not in "".join(line.text for line in layout.title)
        assert all(line.width <= TEXT_WIDTH for line in (*layout.title, *layout.subtitle, *layout.kicker))
        assert layout.subtitle, f"{text.title!r} left no room for its subtitle"


def test_a_title_that_fits_at_no_size_stops_the_build_naming_it() -> None:
    title = " ".join(["Unreasonably"] * 40)
    with pytest.raises(BuildError, match=f"the title '{title}' does not fit a link-preview card even at 56 px"):
        one_line_title(title)


def test_a_subtitle_too_long_for_its_lines_ends_at_a_word_with_an_ellipsis() -> None:
    subtitle = " ".join(f"word{number}" for number in range(80))
    layout = lay_out(CardText("Short", subtitle, None, "Guide"))
    last = layout.subtitle[-1].text
    assert last.endswith(ELLIPSIS)
    assert last.removesuffix(ELLIPSIS).split()[-1] in subtitle.split(), "cut after a whole word"
    assert " ".join(line.text for line in layout.subtitle).removesuffix(ELLIPSIS) in subtitle


def test_each_letter_is_drawn_by_a_font_that_has_it_with_its_spaces_and_marks() -> None:
    found = [(run.text, run.metrics.font.family) for run in runs("Cafe\u0301 שלום, مرحبا؟ 😀", BOLD)]
    assert found == [
        ("Cafe\u0301 ", "Noto Sans"),
        ("שלום", "Noto Sans Hebrew"),
        (", ", "Noto Sans"),  # Noto Sans Hebrew has no comma
        ("مرحبا؟ ", "Noto Sans Arabic"),
        ("😀", "DejaVu Sans"),
    ]
    assert {run.metrics.font.weight for run in runs("Plain text", REGULAR)} == {REGULAR}


def test_a_letter_no_shipped_font_draws_stops_the_build_naming_it() -> None:
    with pytest.raises(BuildError, match=r"no card font draws '氯' \(U\+6C2F\) in '氯胺酮是什么'"):
        runs("氯胺酮是什么", BOLD)


def test_a_right_to_left_line_is_isolated_and_anchored_at_the_right() -> None:
    layout = lay_out(CardText("מה זה?", "عنوان فرعي", "Section 1: Words", "Guide"))
    assert [line.rtl for line in (*layout.kicker, *layout.title, *layout.subtitle)] == [False, True, True]
    drawing = svg(layout, site_colours())
    assert f'<text x="{WIDTH - MARGIN}" y=' in drawing
    assert 'text-anchor="end"' in drawing
    assert "\u2067<tspan" in drawing
    assert drawing.count("\u2067") == drawing.count("\u2069") == 2


def test_a_right_to_left_title_is_drawn_from_the_right_starting_with_its_first_letter() -> None:
    rows = BODY_ROWS
    whole = ink_blobs(pixels(draw(svg(one_line_title("אב?"), site_colours()))), rows)
    first = ink_blobs(pixels(draw(svg(one_line_title("א"), site_colours()))), rows)
    question = ink_blobs(pixels(draw(svg(one_line_title("?"), site_colours()))), rows)
    assert whole[-1] == first[-1], "the first letter is the rightmost"
    assert whole[-1].stop <= WIDTH - MARGIN + 2
    assert len(whole[0]) == len(question[0]), "the question mark ends the line at its left"


def test_hebrew_and_arabic_are_drawn_as_their_own_letters_and_arabic_letters_join() -> None:
    def blobs(title: str) -> list[range]:
        return ink_blobs(pixels(draw(svg(one_line_title(title), site_colours()))), BODY_ROWS)

    assert blobs("א") != blobs("ב"), "two letters drawn alike would be the missing-glyph box"
    assert len(blobs("ببب")) == 1, "joined into one word"
    assert len(blobs("ب ب ب")) == 3


@pytest.mark.parametrize("name", BUILT_GUIDES)
def test_no_card_of_a_fixture_guide_draws_into_its_side_margins(name: str) -> None:
    background = ImageColor.getrgb(site_colours()["bg"])
    for card in every_card(GUIDES[name]):
        image = pixels(draw(card.drawing))
        blobs = ink_blobs(image, BODY_ROWS, background)  # type: ignore[arg-type]
        assert blobs, card.name
        assert blobs[0].start >= MARGIN - 8, f"{card.name}: ink at x={blobs[0].start}"
        assert blobs[-1].stop <= WIDTH - MARGIN + 8, f"{card.name}: ink to x={blobs[-1].stop}"


def test_the_many_languages_cards_set_their_hebrew_and_arabic_titles_right_to_left() -> None:
    for slug in ("right-to-left-hebrew", "right-to-left-arabic"):
        topic = MANY_LANGUAGES.topic(slug)
        assert topic is not None
        image = pixels(draw(topic_card(MANY_LANGUAGES, topic).drawing))
        blobs = ink_blobs(image, range(MARGIN + 80, HEIGHT - FOOTER_HEIGHT))
        assert blobs[-1].stop > WIDTH - MARGIN - 8, f"{slug}: its lines end at the right margin"


def test_the_alt_text_says_what_the_card_says_in_reading_order() -> None:
    topic = GUIDE.topics[0]
    card = topic_card(GUIDE, topic)
    assert card.alt == f"Section 1: Ketamine Basics. {topic.title} {topic.subtitle}. {GUIDE.short_title}."
    assert home_card(GUIDE).alt.startswith(f"{GUIDE.title}. {GUIDE.description}")


def test_every_page_of_a_guide_has_its_own_card_address_under_assets() -> None:
    cards = every_card(GUIDE)
    assert len(cards) == len(GUIDE.topics) + 2
    assert len({card.address for card in cards}) == len(cards)
    assert all(card.address.startswith(CARDS_PREFIX) and card.address.endswith(".png") for card in cards)
    assert every_card(GUIDE) == cards, "the same content names the same cards"


def test_drawing_the_cards_again_from_nothing_gives_the_same_bytes(tmp_path: Path) -> None:
    cards = every_card(GUIDES["minimal"])
    assert write_cards(tmp_path / "one", cards, tmp_path / "cache-one") == len(cards)
    assert write_cards(tmp_path / "two", cards, tmp_path / "cache-two") == len(cards)
    for card in cards:
        first = (tmp_path / "one" / card.address.lstrip("/")).read_bytes()
        assert first == (tmp_path / "two" / card.address.lstrip("/")).read_bytes(), card.name
        assert Image.open(io.BytesIO(first)).size == (WIDTH, HEIGHT)
        assert len(first) <= MAX_BYTES


def test_a_card_is_drawn_again_only_when_what_it_says_changes(tmp_path: Path) -> None:
    guide = GUIDES["minimal"]
    cache = tmp_path / "cache"
    assert write_cards(tmp_path / "site", every_card(guide), cache) == len(guide.topics) + 2
    assert write_cards(tmp_path / "again", every_card(guide), cache) == 0
    topic = guide.topics[0]
    retitled = guide.model_copy(
        update={
            "sections": [
                section.model_copy(
                    update={
                        "topics": [
                            t.model_copy(update={"title": "A New Title"}) if t == topic else t for t in section.topics
                        ]
                    }
                )
                for section in guide.sections
            ]
        }
    )
    changed = topic_card(retitled, retitled.topics[0])
    assert changed.address != topic_card(guide, topic).address
    assert write_cards(tmp_path / "changed", every_card(retitled), cache) == 1
    assert (tmp_path / "changed" / changed.address.lstrip("/")).is_file()


def test_a_card_over_100_kib_stops_the_build() -> None:
    card = home_card(GUIDE)
    assert checked(card, b"x" * MAX_BYTES) == b"x" * MAX_BYTES
    with pytest.raises(BuildError, match=f"the card of 'home' is {MAX_BYTES + 1} bytes, over {MAX_BYTES}"):
        checked(card, b"x" * (MAX_BYTES + 1))


def test_the_cards_take_the_light_colours_of_the_stylesheet() -> None:
    colours = site_colours()
    css = STYLESHEET.read_text(encoding="utf-8")
    assert all(f"--{name}:{value};" in css or f"--{name}:{value}}}" in css for name, value in colours.items())
    with pytest.raises(BuildError, match=re.escape("styles.css declares no --muted")):
        site_colours(":root{--bg:#fff;--fg:#000;--accent:#00f;--accent-bg:#eef}")


def test_the_shipped_fonts_are_there_with_their_licences_within_their_budget() -> None:
    assert all(font.path.is_file() for font in FONTS)
    for font in FONTS:
        sample = MUST_HAVE[font.file.split("-")[0]].replace(" ", "")
        assert [letter for letter in sample if not metrics(font).has(letter)] == [], font.file
    assert sum(font.path.stat().st_size for font in FONTS) <= BUDGET
    notices = {name: (FONT_DIR / name).read_text(encoding="utf-8") for name in LICENCES}
    assert "SIL Open Font License" in notices["NOTICE-noto.txt"]
    assert "Bitstream Vera" in notices["NOTICE-dejavu.txt"]


def test_a_topic_no_card_can_show_is_a_content_mistake_naming_its_file(tmp_path: Path) -> None:
    content = copy_of_guide(tmp_path, "minimal")
    topic_file = next((content / "sections").glob("*/01-*.md"))
    edit(content, topic_file.relative_to(content).as_posix(), r"^title: .*$", 'title: "氯胺酮"')
    slug = load_guide_slug(topic_file)
    message = f"{topic_file}: topic '{slug}': its link-preview card cannot show it: no card font draws '氯'"
    with pytest.raises(ContentError, match=re.escape(message)):
        load_guide(content)


def test_a_guide_title_too_long_for_its_card_is_a_content_mistake_in_guide_md(tmp_path: Path) -> None:
    content = copy_of_guide(tmp_path, "minimal")
    edit(content, "guide.md", r"^title: .*$", f'title: "{" ".join(["Unreasonably"] * 40)}"')
    with pytest.raises(ContentError, match=re.escape(f"{content / 'guide.md'}: guide: its link-preview card")):
        load_guide(content)


def load_guide_slug(topic_file: Path) -> str:
    """The slug a topic file declares."""
    return next(
        line.split(":", 1)[1].strip() for line in topic_file.read_text("utf-8").splitlines() if line.startswith("slug:")
    )
