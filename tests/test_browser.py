"""The HTML briefing in a real browser: phone and desktop widths, the example day and a 50-story day."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from summarizer.pipeline import brief
from summarizer.render import render
from tests.browser import browser, screenshot
from tests.conftest import EXAMPLES, FakeBackend

__all__ = ["browser"]  # the fixture, used by name

REPLY = (
    "HEADLINE: Blinken and Chinese officials hold talks in Beijing\n"
    "SUMMARY: U.S. Secretary of State Antony Blinken held talks in Beijing with Chinese Foreign Minister Qin Gang."
)


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example day as briefed, and a 50-story day made of its story under 50 names."""
    from summarizer.config import load_config

    folder = tmp_path_factory.mktemp("pages")
    settings = load_config(overrides={"output": {"dir": str(folder / "runs")}})
    result = brief([EXAMPLES], settings, backend=FakeBackend([REPLY] * 3), write=False)
    data = result.briefing.to_dict()
    (folder / "example.html").write_text(render(data, "html"), encoding="utf-8")
    many: dict[str, Any] = copy.deepcopy(data)
    story = data["stories"][0]
    many["stories"] = [
        {**copy.deepcopy(story), "id": f"story-{n}", "title": f"Story {n}: {story['title']}"}
        for n in range(1, 51)
    ]
    (folder / "fifty.html").write_text(render(many, "html"), encoding="utf-8")
    return {"example": folder / "example.html", "fifty": folder / "fifty.html"}


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("day", ["example", "fifty"])
def test_the_briefing_reads_on_a_phone_and_a_desktop(
    browser: Any, days: dict[str, Path], day: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(days[day].as_uri())
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"horizontal scroll at {width} px: {scroll} > {inner}"
    stories = page.eval_on_selector_all("article.story", "els => els.map(e => e.id)")
    links = page.eval_on_selector_all("nav.toc ol a", "els => els.map(e => e.getAttribute('href'))")
    assert len(stories) == (1 if day == "example" else 50)
    assert links == [f"#{s}" for s in stories], "every story is linked from the top list, in order"
    details = page.eval_on_selector_all("article details", "els => els.map(e => e.open)")
    assert details and not any(details), "quotes, positions and sources start collapsed"
    assert page.eval_on_selector_all("article details summary", "els => els.length") == len(details)
    # A story far down is reached from the top list.
    page.click(f"nav.toc a[href='#{stories[-1]}']")
    top = page.eval_on_selector(f"#{stories[-1]}", "e => e.getBoundingClientRect().top")
    assert abs(top) < 5 or day == "example"
    # Collapsed sections open on a click, and their sources are linked from the summary marks.
    page.click("article details.sources summary")
    assert page.eval_on_selector("article details.sources", "e => e.open")
    # Positions: on a phone the sides stack, each about the card's width (not 100 px columns).
    page.click("article details.positions summary")
    widths = page.eval_on_selector_all(
        "article .side", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    card = page.eval_on_selector("article.story", "e => e.getBoundingClientRect().width")
    assert widths and min(widths) >= (0.8 * card - 40 if width == 360 else 200), (widths, card)
    legend = page.text_content("details.legend") or ""  # collapsed: its text, not what shows
    assert "source quality" in legend.lower() and "single source" in legend
    marks = page.eval_on_selector_all(
        "article p.summary sup a", "els => els.map(e => e.getAttribute('href'))"
    )
    for href in marks:
        assert page.query_selector(href) is not None, href
    page.goto(days[day].as_uri())
    screenshot(page, f"briefing-{day}-{width}.png")
    page.close()


def test_the_html_is_what_a_mail_client_can_show(days: dict[str, Path]) -> None:
    from summarizer.deliver import _inline_css

    html = _inline_css(days["example"].read_text(encoding="utf-8"))
    assert "<script" not in html and "<details" in html and 'style="' in html
