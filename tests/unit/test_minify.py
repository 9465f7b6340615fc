"""The minify step: rolldown's minifier on the site's own scripts, checked for size and licences."""

from __future__ import annotations

import pytest

from ketaguide_app.build_checks import BuildError
from ketaguide_app.reflex_plugin.minify import checked

CODE = "/*! a licence\n * that spans lines\n */\nconst answer = (value) => {\n  return value + 1;\n};\n"


def test_minified_code_that_kept_its_licence_and_shrank_passes() -> None:
    small = "/*! a licence\n* that spans lines\n*/\nconst answer=e=>e+1;"
    assert checked(CODE, small) == small


@pytest.mark.parametrize(
    ("small", "problem"),
    [
        ("const answer=e=>e+1;", "lost its licence comment"),
        ("", "is not smaller"),
        (CODE + " ", "is not smaller"),
    ],
)
def test_minified_code_that_lost_a_licence_or_did_not_shrink_stops_the_build(small: str, problem: str) -> None:
    with pytest.raises(BuildError, match=problem):
        checked(CODE, small)
