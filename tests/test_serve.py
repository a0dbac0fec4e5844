"""`summarizer serve`: the runs, a briefing and a compare page in a real browser; read-only."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer.config import load_config
from summarizer.pipeline import brief
from summarizer.serve import make_server
from tests.browser import browser, screenshot
from tests.conftest import EXAMPLES, FakeBackend
from tests.test_browser import REPLY

__all__ = ["browser"]
RUNS: list[str] = []  # the fixture's runs folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    runs = tmp_path_factory.mktemp("runs")
    RUNS[:] = [str(runs)]
    settings = load_config(overrides={"output": {"dir": str(runs)}})
    ids = [brief([EXAMPLES], settings, backend=FakeBackend([REPLY] * 3)).briefing.run_id for _ in range(2)]
    server = make_server(runs, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    assert host == "127.0.0.1", "bound to this machine only unless told otherwise"
    yield f"http://{host}:{port}", ids
    server.shutdown()
    server.server_close()


def test_the_runs_list_a_briefing_and_a_compare_page(browser: Any, site: tuple[str, list[str]]) -> None:
    url, ids = site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url + "/")
    links = page.eval_on_selector_all("table a", "els => els.map(e => e.textContent)")
    assert sorted(links) == sorted(ids)
    screenshot(page, "serve-runs-1280.png")
    page.click(f"text={ids[0]}")
    assert page.url == f"{url}/runs/{ids[0]}/"
    assert page.inner_text("h1") == "Briefing 2023-06-18/19"
    assert page.eval_on_selector_all("article.story", "els => els.length") == 1
    page.goto(url + "/")
    page.click("form button")
    assert "/compare?" in page.url
    assert "Comparison" in page.title()
    page.goto(url + "/timeline")
    assert page.inner_text("h1") == "Stories across runs"
    page.close()


def test_a_phone_sees_the_runs_without_scrolling_sideways(browser: Any, site: tuple[str, list[str]]) -> None:
    url, _ = site
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(url + "/")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
    page.close()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_nothing_can_be_written(site: tuple[str, list[str]], method: str) -> None:
    url, ids = site
    answer = httpx.request(method, f"{url}/runs/{ids[0]}/", content=b"x")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, HEAD"


def test_unknown_pages_and_runs_are_404(site: tuple[str, list[str]], tmp_path: Path) -> None:
    url, ids = site
    # A readable briefing outside the runs folder, in the working folder ("."): never served.
    (tmp_path / "briefing.json").write_bytes(next(Path(RUNS[0]).glob("*/briefing.json")).read_bytes())
    host, port = url.removeprefix("http://").split(":")
    for ref in ("..", ".", "latest"):  # paths sent as written: only the folder's run ids name a run
        with socket.create_connection((host, int(port))) as raw:
            raw.sendall(f"GET /runs/{ref}/ HTTP/1.0\r\n\r\n".encode())
            assert raw.recv(64).split()[1] == b"404", ref
    assert httpx.get(f"{url}/compare?a=.&b={ids[0]}").status_code == 404
    assert httpx.get(f"{url}/runs/nope/").status_code == 404
    assert httpx.get(f"{url}/compare?a=x").status_code == 404
    assert httpx.get(f"{url}/elsewhere").status_code == 404


def test_the_serve_command_prints_its_address(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "serve", "--runs-dir", str(tmp_path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        assert address.startswith("http://127.0.0.1:")
        for _ in range(50):
            try:
                answer = httpx.get(address)
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        assert answer.status_code == 200 and "No runs yet" in answer.text
    finally:
        process.terminate()
        process.wait(10)
