"""The baseline: the same guide as one plain static HTML page, with inline CSS and no JavaScript."""

from __future__ import annotations

import datetime
from html import escape

from ketaguide_app.models import Guide

CSS = """
:root{color-scheme:light dark}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;line-height:1.25}h2{font-size:1.375rem}h3{font-size:1.125rem;margin-bottom:.25rem}
.subtitle{margin-top:0;font-style:italic}
aside{border-left:.375rem solid #8a5a00;padding:.5rem 1rem;margin:0 0 1.5rem}
footer{border-top:2px solid #c6c6c6;margin-top:2rem;padding-top:1rem}
"""


def paragraphs(text: str) -> str:
    """One `<p>` per blank-line separated paragraph of a plain-text field (the bodies come rendered)."""
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def review_date(day: datetime.date) -> str:
    """A date as people read it, with its machine-readable form."""
    return f'<time datetime="{day.isoformat()}">{day.day} {day:%B %Y}</time>'


def render_sections(guide: Guide) -> str:
    """Every section with its topics: heading, subtitle and overview."""
    parts = []
    for number, section in enumerate(guide.sections, start=1):
        topics = "".join(
            f'<article id="topic-{t.slug}"><h3>{escape(t.title)}</h3>'
            f'<p class="subtitle">{escape(t.subtitle)}</p>{t.overview.html}</article>'
            for t in section.topics
        )
        parts.append(
            f'<section id="section-{section.slug}"><h2>Section {number}: {escape(section.title)}</h2>{topics}</section>'
        )
    return "".join(parts)


def render_faqs(guide: Guide) -> str:
    """The questions and their answers."""
    items = "".join(f"<h3>{escape(f.question)}</h3>{f.answer.html}" for f in guide.faqs)
    return f"<section><h2>Frequently asked questions</h2>{items}</section>"


def render_baseline(guide: Guide) -> str:
    """The whole guide as a single static, semantic HTML document."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(guide.title)}</title>"
        f'<meta name="description" content="{escape(guide.description)}">'
        f'<link rel="icon" href="data:,"><style>{CSS}</style></head><body><main>'
        f"<header><h1>{escape(guide.title)}</h1>{guide.introduction.html}"
        f"<aside><h2>Important</h2>{paragraphs(guide.disclaimer)}</aside></header>"
        f"{render_sections(guide)}"
        f"<section><h2>Conclusion</h2>{guide.conclusion.html}</section>"
        f"{render_faqs(guide)}"
        f"<footer><p>Page last reviewed: {review_date(guide.last_reviewed)}</p>"
        f"<p>Next review due: {review_date(guide.next_review_due)}</p></footer>"
        "</main></body></html>"
    )
