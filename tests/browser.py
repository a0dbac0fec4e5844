"""Headless Chromium for the tests that look at pages as a reader's browser shows them.

Debian's `chromium` driven by Playwright for Python (`.ci/run` installs the browser). Where no
browser is installed the tests are skipped, except under CI, where that is a failure."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str | None:
    return os.environ.get("SUMMARIZER_CHROMIUM") or next(
        (p for p in (shutil.which(n) for n in CHROMIUM_NAMES) if p), None
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium or Playwright here: .ci/run installs them")
        pytest.skip("no Chromium or Playwright installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


def screenshot(page: Any, name: str) -> None:
    """Save a screenshot under $SUMMARIZER_SCREENSHOTS (an absolute path: the tests run in
    folders of their own; the README's pictures), when it is set."""
    folder = os.environ.get("SUMMARIZER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)
