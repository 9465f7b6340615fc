"""Every piece of interface wording shown to readers, in one place (the guide's text lives in `content/`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    """Interface wording; the defaults are the English text of the site."""

    skip_link: str = "Skip to the guide"
    disclaimer_heading: str = "Important"
    full_disclaimer: str = "Read the full note"
    trail_label: str = "Where this topic is"
    jump_label: str = "Back up the guide"
    jump_to_section: str = "↑ Section"
    jump_to_top: str = "↑ Top"
    sections_heading: str = "The guide"
    show_all_sections: str = "Show all sections"
    hide_all_sections: str = "Hide all sections"
    section_label: str = "Section {number}:"
    overview_label: str = "Overview:"
    share_topic: str = "Share “{title}”"
    link_copied: str = "Link to “{title}” copied"
    link_not_copied: str = "Could not copy the link. The address bar shows it."
    conclusion_heading: str = "Conclusion"
    faq_heading: str = "Frequently asked questions"
    faq_search_label: str = "Search the questions"
    faq_search_hint: str = "Results update as you type. Every word you type must match."
    faq_search_starting: str = "Results appear once the page has loaded; what you type is kept."
    faq_count: str = "{shown} of {total} questions"
    faq_none: str = "No questions match your search."
    faq_clear: str = "Clear the search"
    faq_answer_label: str = "A:"
    faq_link: str = "Link to this question"
    last_reviewed: str = "Page last reviewed:"
    next_review_due: str = "Next review due:"
    not_found_title: str = "Page not found"
    preview_error: str = "This preview shows the last good version. Fix this mistake and save:"
    preview_waiting: str = "The preview is being built; this page shows it once it is ready."
    not_found_body: str = "There is no page at this address. These are the topics of the guide:"
    not_found_home: str = "Go to the whole guide"
    app_short_name: str = "KetaGuide"
    offline_saved: str = "Saved on this device: the whole guide works offline."
    offline_now: str = "You are offline."
    offline_now_saved: str = "You are offline. The whole guide is saved on this device and still works."
    offline_updated: str = "This guide was updated. Reload the page to read the new version."
    offline_save: str = "Save this guide for offline reading"
    # Rich text: callouts' titles, sources, tables and links out of the guide.
    callout_note: str = "Note"
    callout_tip: str = "Tip"
    callout_important: str = "Important"
    callout_warning: str = "Warning"
    callout_caution: str = "Caution"
    sources_heading: str = "Sources"
    source_reference: str = "Source {number}"
    source_back: str = "Back to where source {number} is cited"
    table_label: str = "Table: {columns}"
    external_link: str = "leaves the guide"
    external_link_offline: str = "not available offline"


WORDING = Wording()
# The language of the guide and of this wording.
LANGUAGE = "en"
