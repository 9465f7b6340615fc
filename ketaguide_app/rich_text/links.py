"""Where a link in a body goes: another website (https only), a DOI, a part of the guide, or an entry's .md file.

Links between entries are written as the site's own addresses (`/topics/<slug>`, `/#faq-<slug>`,
`/topics/<slug>#<heading-id>`) or as a relative path to the entry's file (`../faqs/03-side-effects.md#dosing`);
both become the site's address here, and what they point at is checked once the whole guide is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ketaguide_app import dom
from ketaguide_app.paths import HOME_PATH, TOPICS_PREFIX

DOI_RESOLVER = "https://doi.org/"
# Crossref's pattern for the DOIs it registers: 10.<registrant>/<suffix>.
DOI = re.compile(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9]+")
# "doi:" in running text, and what follows it up to the next space.
DOI_IN_TEXT = re.compile(r"\bdoi:[ \t]*(\S*)", re.IGNORECASE)
# Punctuation that ends the sentence a DOI sits in, not the DOI.
TRAILING_PUNCTUATION = ".,;:)]"
ENTRY_SUFFIX = ".md"
# Ids on a guide page that name a part of it, as the site's own links write them.
PAGE_ID_PREFIXES = (
    dom.topic_id(""),
    dom.section_id(""),
    dom.faq_id(""),
    dom.body_id(dom.INTRODUCTION, ""),
    dom.body_id(dom.CONCLUSION, ""),
)


class LinkError(ValueError):
    """A link the guide cannot publish; the message says what to write instead."""


@dataclass(frozen=True)
class Target:
    """An entry that links may name by its file: its page, its element on that page, and its headings' id prefix."""

    address: str
    element: str
    prefix: str


@dataclass(frozen=True)
class Here:
    """The body a link is written in: its file (for relative paths), its id prefix, and every entry's file."""

    file: Path
    prefix: str
    targets: dict[Path, Target]


@dataclass(frozen=True)
class Resolved:
    """A link as published: its address, whether it leaves the guide, and what of the guide it names (if it does)."""

    href: str
    external: bool = False
    page: str | None = None
    fragment: str | None = None

    @property
    def internal(self) -> bool:
        """Whether the link names a page or a part of the guide."""
        return not self.external


def resolve(written: str, here: Here) -> Resolved:
    """The published form of a link as the editor wrote it; LinkError when it cannot be published."""
    address = written.strip()
    if not address:
        raise LinkError("the link has no address")
    if address.lower().startswith("doi:"):
        return Resolved(doi_url(address[4:].strip()), external=True)
    parts = urlsplit(address)
    if parts.scheme:
        return _external(address, parts.scheme, parts.netloc)
    if address.startswith("//"):
        raise LinkError(f"write the address in full, starting with https: ({written!r})")
    if address.startswith("/"):
        return _site_address(address, written)
    if address.startswith("#"):
        fragment = unquote(address[1:])
        element = fragment if fragment.startswith(PAGE_ID_PREFIXES) else dom.body_id(here.prefix, fragment)
        return Resolved(f"#{element}", fragment=element)
    path, _, fragment = address.partition("#")
    if unquote(path).endswith(ENTRY_SUFFIX):
        return _entry_file(unquote(path), unquote(fragment), here, written)
    problem = "a link inside the guide is a site address such as /topics/<slug>, or the path of an entry's .md file"
    raise LinkError(f"{problem} ({written!r})")


def doi_url(doi: str) -> str:
    """The https address of a DOI; LinkError when it is not one."""
    if not DOI.fullmatch(doi):
        raise LinkError(f"{doi!r} is not a DOI: write it as doi:10.<registrant>/<suffix>, e.g. doi:10.1000/182")
    return DOI_RESOLVER + doi


def dois_in_text(text: str) -> list[tuple[int, int, str]]:
    """Where running text names a DOI (`doi:10.…`): start, end and the DOI's address, sentence punctuation left out."""
    found = []
    for match in DOI_IN_TEXT.finditer(text):
        doi = match.group(1).rstrip(TRAILING_PUNCTUATION)
        found.append((match.start(), match.start(1) + len(doi), doi_url(doi)))
    return found


def _external(address: str, scheme: str, host: str) -> Resolved:
    if scheme == "https" and host:
        return Resolved(address, external=True)
    if scheme == "http":
        raise LinkError(f"a link to another website must use https: ({address!r})")
    raise LinkError(f"{scheme}: links are not published; only https: addresses lead out of the guide")


def _site_address(address: str, written: str) -> Resolved:
    parts = urlsplit(address)
    if parts.query:
        raise LinkError(f"a link to the guide has no ?query ({written!r})")
    path = unquote(parts.path)
    slug = path.removeprefix(TOPICS_PREFIX)
    if path != HOME_PATH and (not path.startswith(TOPICS_PREFIX) or not slug or "/" in slug):
        raise LinkError(f"the guide has no page {path!r}: its pages are / and /topics/<slug>")
    return Resolved(address, page=path, fragment=unquote(parts.fragment) or None)


def _entry_file(path: str, fragment: str, here: Here, written: str) -> Resolved:
    target = here.targets.get((here.file.parent / path).resolve())
    if target is None:
        raise LinkError(f"links to {path}, which is not an entry of the guide ({written!r})")
    element = dom.body_id(target.prefix, fragment) if fragment else target.element
    href = target.address + (f"#{element}" if element else "")
    return Resolved(href, page=target.address, fragment=element or None)
