"""Specification of the link-preview cards as a chat app meets them: every page's tags, and the image they name."""

from __future__ import annotations

import base64
import html
import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import resvg_py

from ketaguide_app import seo
from ketaguide_app.cards.card import CARDS_PREFIX, not_found_card
from ketaguide_app.offline.build import listed_in_service_worker
from tests.exported import PUBLIC_BASE_URL, Site
from tests.fixture_guides import GUIDE

ROOT = Path(__file__).resolve().parents[2]
# Where a reviewer finds two of the exported cards side by side after the tests have run.
PICTURE = ROOT / "test-results" / "cards" / "two-cards.png"
# Some unfurlers read no further than this into the HTML.
HEAD_BUDGET = 16 * 1024
MAX_CARD_BYTES = 100 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PREVIEW_TAG = re.compile(r"<meta\b[^>]*\b(?:property|name)=\"(?:og|twitter):[^\"]*\"[^>]*>")
PAGES = {
    "/": seo.PageMeta.for_home(GUIDE).card,
    **{f"/topics/{topic.slug}": seo.PageMeta.for_topic(GUIDE, topic).card for topic in GUIDE.topics},
    "/no-such-page": not_found_card(GUIDE),
}


def preview_tags(served: str) -> list[tuple[str, str, int]]:
    """Every OpenGraph and Twitter tag of a page: its key, its content and the byte offset where it ends."""
    found = []
    for match in PREVIEW_TAG.finditer(served):
        tag = match.group(0)
        key = re.search(r'\b(?:property|name)="([^"]*)"', tag)
        content = re.search(r'\bcontent="([^"]*)"', tag)
        assert key, tag
        assert content, tag
        found.append((key.group(1), html.unescape(content.group(1)), len(served[: match.end()].encode("utf-8"))))
    return found


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    assert png[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.fixture(scope="module")
def served_cards(site: Site) -> dict[str, tuple[list[tuple[str, str, int]], bytes, str]]:
    """Each page's preview tags, the image its og:image names as served, and the image's content type."""
    served = {}
    for path in PAGES:
        _, page, _ = site.get(path)
        tags = preview_tags(page)
        image = {key: content for key, content, _ in tags}["og:image"]
        status, headers, body = site.request("GET", urlsplit(image).path)
        assert status == 200, image
        served[path] = (tags, body, headers["content-type"])
    return served


def test_every_page_heads_its_preview_with_its_own_card_and_what_it_says(
    served_cards: dict[str, tuple[list[tuple[str, str, int]], bytes, str]],
) -> None:
    for path, (tags, _, _) in served_cards.items():
        keys = [key for key, _, _ in tags]
        values = {key: content for key, content, _ in tags}
        card = PAGES[path]
        assert keys.count("og:image") == 1, path
        assert keys.index("og:image") < keys.index("og:image:alt"), "an image's properties follow it"
        assert values["og:image"] == values["twitter:image"] == f"{PUBLIC_BASE_URL}{card.address}"
        assert values["og:image"].startswith(f"{PUBLIC_BASE_URL}{CARDS_PREFIX}")
        assert (values["og:image:width"], values["og:image:height"], values["og:image:type"]) == (
            "1200",
            "630",
            "image/png",
        )
        assert values["og:image:alt"] == values["twitter:image:alt"] == card.alt
        assert values["twitter:card"] == "summary_large_image"
        assert max(end for _, _, end in tags) <= HEAD_BUDGET, f"{path}: a preview tag ends past 16 KiB"
    for topic in GUIDE.topics:
        alt = {key: content for key, content, _ in served_cards[f"/topics/{topic.slug}"][0]}["og:image:alt"]
        assert topic.title in alt
        assert topic.subtitle in alt


def test_every_card_is_a_1200_by_630_png_under_100_kib_and_unlike_every_other(
    served_cards: dict[str, tuple[list[tuple[str, str, int]], bytes, str]],
) -> None:
    images = {path: image for path, (_, image, _) in served_cards.items()}
    for path, (_, image, content_type) in served_cards.items():
        assert content_type == "image/png", path
        assert png_size(image) == (1200, 630), path
        assert len(image) <= MAX_CARD_BYTES, f"{path}: {len(image)} bytes"
    assert len(set(images.values())) == len(images), "two pages share a card"
    keep_two_for_a_reviewer(images[f"/topics/{GUIDE.topics[0].slug}"], images["/"])


def keep_two_for_a_reviewer(first: bytes, second: bytes) -> None:
    """Write two cards one above the other, as a chat app would show them, into test-results/cards/."""
    images = "".join(
        f'<image x="0" y="{index * 650}" width="1200" height="630" '
        f'href="data:image/png;base64,{base64.b64encode(png).decode("ascii")}"/>'
        for index, png in enumerate((first, second))
    )
    picture = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1280">'
        f'<rect width="1200" height="1280" fill="#888"/>{images}</svg>'
    )
    PICTURE.parent.mkdir(parents=True, exist_ok=True)
    PICTURE.write_bytes(bytes(resvg_py.svg_to_bytes(svg_string=picture, skip_system_fonts=True)))


def test_the_offline_copy_keeps_no_card(exported_site: Path) -> None:
    cards = sorted(exported_site.glob(f"{CARDS_PREFIX.strip('/')}/*.png"))
    assert len(cards) == len(PAGES)
    kept = listed_in_service_worker(exported_site)["files"]
    assert [address for address in kept if address.startswith(CARDS_PREFIX)] == []
