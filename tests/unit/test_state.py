"""Specification of the state: the guide is shared by every session; a reader's own state stays empty."""

from __future__ import annotations

from ketaguide_app.state import FaqFilterState, GuideState


def test_no_guide_content_is_copied_into_a_readers_state() -> None:
    for state in (GuideState, FaqFilterState):
        assert state.base_vars == {}
        assert state.computed_vars == {}


def test_the_filter_query_lives_in_the_browser() -> None:
    assert "faq_query" in str(FaqFilterState.query.value)
    assert "faq_query" not in FaqFilterState.vars
