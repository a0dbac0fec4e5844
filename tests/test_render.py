from __future__ import annotations

import re

from summarizer.models import (
    ArticleInfo,
    Briefing,
    Citation,
    CommonGround,
    ModelInfo,
    Position,
    Quote,
    Side,
    SideStatement,
    StorySummary,
)
from summarizer.render import render
from tests.conftest import make_article


def _briefing() -> dict:
    article = make_article(
        "Text.",
        "a1",
        title="<script>alert('x')</script> Council *votes*",
        source="Gazette <b>",
        path="day/a1.txt",
    )
    article2 = make_article("Text.", "a2", title="Second", source="Post")
    summary = StorySummary(
        id="s-1",
        title="Council <i>votes</i> on budget",
        summary="The council voted & agreed <img src=x onerror=alert(1)>.",
        summary_method="extractive-fallback",
        articles=(ArticleInfo.of(article), ArticleInfo.of(article2)),
        quotes=(Quote("q1", "We will <b>win</b>", "Ann Lee", Citation(("a1",)), addressee="reporters"),),
        sides=(
            Side("Ruritania", ("Ada Vik",), (Position("Vik said <no>.", "Ada Vik", Citation(("a1",))),)),
            Side("Estovia", ("Ivo Tamm",), (Position("Tamm said yes.", "Ivo Tamm", Citation(("a2",))),)),
        ),
        common_ground=(
            CommonGround(
                "Vik called it frank. Tamm called it frank.",
                Citation(("a1", "a2")),
                ("Ruritania", "Estovia"),
                (
                    SideStatement("Ruritania", "Vik called it frank.", Citation(("a1",))),
                    SideStatement("Estovia", "Tamm called it frank.", Citation(("a2",))),
                ),
            ),
            CommonGround("Both sides agreed to meet.", Citation(("a2",)), ()),
        ),
    )
    return Briefing("r1", "2024-05-01T10:00:00+00:00", ModelInfo("fake", "m"), (summary,)).to_dict()


def test_html_escapes_article_text_and_is_self_contained() -> None:
    html = render(_briefing(), "html")
    assert "<script>" not in html and "<img" not in html and "<b>win" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html
    assert not re.search(r"<(link|script|img|iframe)\b", html)
    assert not re.search(r"(src|href)=\"https?://", html)
    assert "did not pass the faithfulness check" in html
    assert "to reporters" in html


def test_markdown_has_story_summary_sources_and_escapes_markup() -> None:
    md = render(_briefing(), "md")
    assert "## 1. Council \\<i\\>votes\\</i\\> on budget" in md
    assert "The council voted & agreed" in md
    assert "\\*votes\\*" in md
    assert "`day/a1.txt`" in md
    assert "**Sources (2)**" in md


def test_sides_render_as_blocks_in_html_and_sub_lists_in_markdown() -> None:
    data = _briefing()
    html = render(data, "html")
    assert len(re.findall(r'<div class="side"', html)) == 2
    assert "Vik said &lt;no&gt;." in html
    assert "<strong>Estovia:</strong> Tamm called it frank." in html
    md = render(data, "md")
    assert "- Ruritania (Ada Vik)" in md and "  - Tamm said yes." in md
    assert "    - Ruritania: Vik called it frank." in md
    assert "  - Both sides agreed to meet." in md
