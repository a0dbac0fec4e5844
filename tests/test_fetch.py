"""Fetching feeds and pages from servers the tests start: what arrives, what fails, one line each."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from summarizer.config import Config, load_config
from summarizer.errors import InputError
from summarizer.fetch import canonical_url, fetch_day
from summarizer.fetch.http import USER_AGENT
from summarizer.pipeline import brief
from tests.conftest import FakeBackend
from tests.webserver import Route, Site, page, rss, serving

NOW = datetime(2024, 3, 5, 20, 0, tzinfo=timezone.utc)
DAY = "Tue, 05 Mar 2024 {:02d}:00:00 GMT"
TOPICS = [
    ("Harwick", "council", "voted to close the public pool", "repair cost", "2.3 million dollars"),
    ("Lenmore", "hospital", "opened a new cancer ward", "beds", "forty beds"),
    ("Brackley", "rail operator", "cancelled the night trains", "passengers", "12,000 passengers"),
    ("Osterby", "school board", "approved a four-day week", "pupils", "3,400 pupils"),
    ("Fennick", "fire service", "put out a warehouse blaze", "firefighters", "sixty firefighters"),
    ("Carrow", "water company", "lifted the hosepipe ban", "households", "80,000 households"),
    ("Dunmere", "police", "arrested two men over a bank raid", "stolen cash", "45,000 pounds"),
    ("Ashby Vale", "zoo", "welcomed twin panda cubs", "visitors", "9,000 visitors"),
    ("Kettlewick", "airport", "reopened its second runway", "flights", "210 flights"),
    ("Marlow Cross", "football club", "sacked its manager", "games without a win", "eleven games"),
]


def story_paragraphs(topic: tuple[str, str, str, str, str], outlet: int) -> list[str]:
    town, body, action, measure, value = topic
    openers = ["On Tuesday the", "The", "Officials said the"]
    return [
        f"{openers[outlet]} {body} in {town} {action}, ending weeks of debate among residents.",
        f"The decision in {town} concerns {value}, according to figures the {body} published.",
        f"A spokesperson for the {body} said the {measure} had been checked twice before the vote.",
        f"Residents of {town} gathered outside to hear the news and many said they had expected it.",
        f"The {body} will meet again next month to decide what happens next in {town}.",
    ]


def fetch_config(**extra: object) -> Config:
    values = {
        "host_interval_seconds": 0.0,
        "retries": 1,
        "backoff_seconds": 0.01,
        "timeout_seconds": 2.0,
        "since_hours": 0.0,
    }
    return load_config(overrides={"fetch": {**values, **extra}})


def publish(site: Site, outlet: int, name: str, broken: dict[int, Route]) -> str:
    """One outlet: ten pages, a feed listing them, robots.txt allowing all; returns the feed URL."""
    site.add("/robots.txt", Route(b"User-agent: *\nAllow: /\n", content_type="text/plain"))
    items = []
    for n, topic in enumerate(TOPICS):
        title = f"{topic[0]} {topic[1]} {topic[2]}"
        path = f"/news/{n}"
        route = broken.get(n) or Route(
            page(title, name, "2024-03-05T10:00:00Z", story_paragraphs(topic, outlet)), etag=f'"{outlet}-{n}"'
        )
        link = site.add(path, route)
        teaser = f"{topic[1].capitalize()} in {topic[0]} {topic[2]}."
        bare = (outlet, n) == (2, 9)  # an item of a link alone: nothing to fall back on
        items.append(("" if bare else title, link, DAY.format(8 + n), "" if bare else teaser))
    return site.add(
        "/feed.xml", Route(rss(f"{name} feed", items), content_type="application/rss+xml", etag='"f"')
    )


def test_an_opml_of_three_feeds_makes_a_briefing_with_outlets_dates_and_one_line_per_failure(
    tmp_path: Path, config: Config
) -> None:
    errors: list[InputError] = []
    with serving(3) as sites:
        broken = [
            {3: Route(b"gone", status=404)},
            {5: Route(b"down", status=500)},
            {
                7: Route(b"%PDF-1.4", content_type="application/pdf", etag='"pdf"'),
                9: Route(b"gone", status=404),
            },
        ]
        names = ["Harbour Post", "Valley Gazette", "Northern Echo"]
        feeds = [publish(s, i, names[i], broken[i]) for i, s in enumerate(sites)]
        outlines = "".join(f'<outline type="rss" text="f{i}" xmlUrl="{u}"/>' for i, u in enumerate(feeds))
        opml = tmp_path / "feeds.opml"
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
        settings = fetch_config()
        day = fetch_day([str(opml)], tmp_path / "day", settings.fetch, errors.append, now=NOW)

        assert (day.entries, day.downloaded, day.teaser_only, day.failed) == (30, 26, 3, 1)
        assert len(day.written) == 29  # every entry with any text
        assert len(errors) == 4, [str(e) for e in errors]
        assert all(e.path.startswith("http://127.0.0.1:") and "\n" not in str(e) for e in errors)
        assert sum("teaser only" in e.reason for e in errors) == 3
        assert any("HTTP 404" in e.reason for e in errors) and any(
            "application/pdf" in e.reason for e in errors
        )
        assert all(h.user_agent == USER_AGENT for s in sites for h in s.hits)

        # An immediate second fetch asks "changed?" and downloads no page again.
        for site in sites:
            site.hits.clear()
        again = fetch_day([str(opml)], tmp_path / "day2", settings.fetch, [].append, now=NOW)
        assert again.not_modified == 26 and again.downloaded == 0
        assert not [p for s in sites for p in s.downloads("/news/")]
        assert len(again.written) == 29

    result = brief([tmp_path / "day"], config, backend=FakeBackend(["HEADLINE: x\nSUMMARY: y"] * 40))
    data = result.briefing.to_dict()
    articles = [a for s in data["stories"] for a in s["articles"]]
    assert len(articles) == 29 and not data["errors"]
    assert data["news_date"] == "2024-03-05"
    labels = {a["label"] for a in articles}
    assert labels <= set(names) | {f"{n} feed" for n in names}, labels  # pages' names, feeds' for teasers
    teasers = [a for a in articles if a["teaser_only"]]
    assert len(teasers) == 3 and all(a["label"].endswith(" feed") for a in teasers)
    assert "teaser only" in (result.run_dir / "briefing.md").read_text()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"gone", status=404), "HTTP 404"),
        (Route(b"down", status=503), "HTTP 503"),
        (Route(b"<html><p>late</p></html>", delay=3.0), "timed out"),
        (Route(b"\x89PNG....", content_type="image/png"), "not a web page (image/png)"),
        (Route(b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>"), "over the 1 MB limit"),
    ],
)
def test_a_page_that_cannot_be_had_leaves_the_feed_text_and_one_error(
    route: Route, reason: str, tmp_path: Path
) -> None:
    errors: list[InputError] = []
    with serving() as (site,):
        link = site.add("/story", route)
        feed = site.add(
            "/feed", Route(rss("Town Crier", [("Pool closes", link, DAY.format(9), "The pool closed.")]))
        )
        day = fetch_day([feed], tmp_path / "day", fetch_config(max_page_mb=1.0).fetch, errors.append, now=NOW)
    assert [e.path for e in errors] == [link] and reason in errors[0].reason
    record = json.loads(day.written[0].read_text())
    assert record["teaser_only"] is True and record["text"] == "The pool closed."
    assert record["source"] == "Town Crier"


def test_a_redirect_loop_stops_at_the_limit(tmp_path: Path) -> None:
    errors: list[InputError] = []
    with serving() as (site,):
        site.add("/a", Route(redirect=site.url + "/b"))
        link = site.add("/b", Route(redirect=site.url + "/a"))
        feed = site.add("/feed", Route(rss("Crier", [("Loop", site.url + "/a", DAY.format(9), "Teaser.")])))
        fetch_day([feed], tmp_path / "day", fetch_config(max_redirects=3).fetch, errors.append, now=NOW)
    assert len(errors) == 1 and "more than 3 redirects" in errors[0].reason
    assert link  # both ends of the loop exist


def test_robots_txt_is_respected(tmp_path: Path) -> None:
    errors: list[InputError] = []
    with serving() as (site,):
        site.add("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        link = site.add("/private/story", Route(page("T", "S", "2024-03-05", ["Words here."] * 3)))
        feed = site.add("/feed", Route(rss("Crier", [("Secret", link, DAY.format(9), "Teaser text.")])))
        fetch_day([feed], tmp_path / "day", fetch_config().fetch, errors.append, now=NOW)
        assert "/private/story" not in [h.path for h in site.hits]
    assert len(errors) == 1 and "robots.txt" in errors[0].reason


def test_gzip_pages_and_a_wrong_charset_header_are_read(tmp_path: Path) -> None:
    words = ["Zoë Müller, the café’s owner, said the council’s plan for the square was a mistake."] * 4
    with serving() as (site,):
        zipped = site.add("/gz", Route(page("Square plan", "Crier", "2024-03-05", words), gzip=True))
        wrong = site.add(
            "/latin",
            Route(
                page("Square plan 2", "Crier", "2024-03-05", words),
                content_type="text/html; charset=iso-8859-1",
            ),
        )
        items = [("A", zipped, DAY.format(9), ""), ("B", wrong, DAY.format(10), "")]
        feed = site.add("/feed", Route(rss("Crier", items)))
        errors: list[InputError] = []
        day = fetch_day([feed], tmp_path / "day", fetch_config().fetch, errors.append, now=NOW)
    assert not errors
    texts = [json.loads(p.read_text())["text"] for p in day.written]
    assert len(texts) == 2
    assert all("Zoë Müller, the café’s owner" in t and "Ã" not in t for t in texts)


def test_old_entries_are_left_out_and_duplicate_links_are_one(tmp_path: Path) -> None:
    with serving() as (site,):
        fresh = site.add(
            "/fresh", Route(page("Fresh", "Crier", "2024-03-05", ["Today the pool closed for good."] * 3))
        )
        old = site.add(
            "/old", Route(page("Old", "Crier", "2024-02-01", ["Last month the pool reopened."] * 3))
        )
        items = [
            ("Fresh", fresh, DAY.format(9), "t"),
            ("Fresh again", fresh + "?utm_source=feed", DAY.format(9), "t"),
            ("Old", old, "Thu, 01 Feb 2024 09:00:00 GMT", "t"),
        ]
        feed = site.add("/feed", Route(rss("Crier", items)))
        day = fetch_day(
            [feed], tmp_path / "day", fetch_config().fetch, [].append, since=timedelta(hours=24), now=NOW
        )
    assert day.entries == 1 and day.duplicates == 1 and len(day.written) == 1


def test_a_feed_that_is_not_a_feed_is_one_error_and_the_others_go_on(tmp_path: Path) -> None:
    errors: list[InputError] = []
    with serving() as (site,):
        bad = site.add("/notafeed", Route(b"<html><body>hello</body></html>"))
        link = site.add(
            "/s", Route(page("S", "Crier", "2024-03-05", ["The pool closed today after a vote."] * 3))
        )
        good = site.add("/feed", Route(rss("Crier", [("S", link, DAY.format(9), "t")])))
        missing = str(tmp_path / "missing.opml")
        day = fetch_day([bad, missing, good], tmp_path / "day", fetch_config().fetch, errors.append, now=NOW)
    assert sorted(e.path for e in errors) == sorted([bad, missing])
    assert len(day.written) == 1


@pytest.mark.parametrize("per_host", [1, 2])
def test_one_host_gets_at_most_per_host_requests_at_once(tmp_path: Path, per_host: int) -> None:
    with serving(2) as sites:
        feeds = []
        for k, site in enumerate(sites):
            links = [
                site.add(
                    f"/s{n}",
                    Route(page(f"S{n}", "Crier", "2024-03-05", [f"Story {k}.{n} text here."] * 3), delay=0.2),
                )
                for n in range(6)
            ]
            feeds.append(
                site.add(
                    "/feed",
                    Route(rss("Crier", [(f"S{n}", u, DAY.format(9), "t") for n, u in enumerate(links)])),
                )
            )
        settings = fetch_config(per_host=per_host, concurrency=8).fetch
        day = fetch_day(feeds, tmp_path / "day", settings, [].append, now=NOW)
    assert len(day.written) == 12
    assert [s.most_in_flight for s in sites] == [per_host, per_host]  # the pool had room for more


def test_canonical_urls_drop_tracking_and_fragments() -> None:
    assert canonical_url("https://WWW.Example.com/a?utm_source=x&id=3#top") == canonical_url(
        "https://www.example.com/a?id=3"
    )


def test_the_fetch_and_brief_commands_read_feeds(tmp_path: Path, fake_backend_registered) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from summarizer.cli import app

    fake_backend_registered(["HEADLINE: x\nSUMMARY: y"] * 10)
    runner = CliRunner()
    settings = tmp_path / "fast.toml"
    settings.write_text("[fetch]\nhost_interval_seconds = 0.0\nretries = 0\nsince_hours = 0.0\n")
    with serving() as (site,):
        good = site.add("/s", Route(page("Pool vote", "Crier", "2024-03-05", story_paragraphs(TOPICS[0], 0))))
        bad = site.add("/gone", Route(b"", status=404))
        items = [("Pool vote", good, DAY.format(9), "t"), ("Gone", bad, DAY.format(10), "Teaser of it.")]
        feed = site.add("/feed", Route(rss("Crier", items)))
        fetched = runner.invoke(
            app, ["fetch", feed, "--out", str(tmp_path / "day"), "--config", str(settings)]
        )
        assert fetched.exit_code == 1, fetched.output
        assert fetched.stdout.strip() == str(tmp_path / "day")
        errors = [line for line in fetched.stderr.splitlines() if line.startswith("error:")]
        assert errors == [f"error: {bad}: HTTP 404 Not Found; kept the feed's text (teaser only)"]
        assert "1 pages downloaded" in fetched.stderr

        briefed = runner.invoke(
            app,
            ["brief", "--feed", feed, "--config", str(settings), "--backend", "fake", "-q", "--since", "0"],
        )
    assert briefed.exit_code == 1, briefed.output
    run = Path(briefed.stdout.strip().splitlines()[-1])
    data = json.loads((run / "briefing.json").read_text())
    assert sorted(a["label"] for s in data["stories"] for a in s["articles"]) == ["Crier", "Crier"]
    assert list((Path("outputs") / "fetched").iterdir()), "the fetched day is kept to brief again offline"

    wrong = runner.invoke(app, ["fetch", feed, "--out", str(tmp_path / "x"), "--since", "yesterday"])
    assert wrong.exit_code == 2 and "error: --since" in wrong.stderr


def test_a_broken_gzip_body_is_one_error_and_a_feed_is_asked_for_once(tmp_path: Path) -> None:
    errors: list[InputError] = []
    with serving() as (site,):
        bad = site.add("/bad", Route(b"this is not gzip", headers={"Content-Encoding": "gzip"}))
        good = site.add(
            "/ok", Route(page("Ok", "Crier", "2024-03-05", ["The pool closed after a long vote."] * 3))
        )
        items = [("Bad", bad, DAY.format(9), "Teaser."), ("Ok", good, DAY.format(10), "t")]
        feed = site.add("/feed", Route(rss("Crier", items)))
        day = fetch_day([feed, "http://[::1"], tmp_path / "day", fetch_config().fetch, errors.append, now=NOW)
        assert [h.path for h in site.hits].count("/feed") == 1
    assert len(day.written) == 2
    assert sorted(e.path for e in errors) == sorted([bad, "http://[::1"])
