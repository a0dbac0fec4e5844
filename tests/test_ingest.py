from __future__ import annotations

import json
import random
from pathlib import Path

from summarizer.errors import InputError
from summarizer.ingest import read_articles


def _read(paths: list[Path]) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return read_articles(paths, errors.append), errors


def test_text_with_header_lines(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "title: Bridge opens\nsource: Daily Post\ndate: 2024-05-01\nurl: https://x.example/a\n\nBody text here.\n"
    )
    (article,), errors = _read([path])
    assert not errors
    assert (article.title, article.source, article.date, article.url) == (
        "Bridge opens",
        "Daily Post",
        "2024-05-01",
        "https://x.example/a",
    )
    assert article.text == "Body text here."
    assert article.id == "story" and article.path == str(path)


def test_leading_bare_date_token_is_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2023-06-18 The council met on Monday.\n")
    (article,), _ = _read([path])
    assert article.date == "2023-06-18"
    assert article.text == "The council met on Monday."


def test_markdown_headings_lose_their_marks(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Council votes\n\nThe council voted on Monday.\n")
    (article,), _ = _read([path])
    assert "#" not in article.text


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(["The council approved the new budget after a long debate on Monday evening."] * 6)
    html = f"""<html><head><title>Council passes budget</title>
    <meta property="og:site_name" content="Town Gazette"></head>
    <body><nav>Home | News | Sport</nav><article><h1>Council passes budget</h1><p>{body}</p>
    <p>Members said the plan protects libraries and parks.</p></article>
    <footer>Copyright Town Gazette. All rights reserved.</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html)
    (article,), errors = _read([path])
    assert not errors
    assert "approved the new budget" in article.text
    assert "All rights reserved" not in article.text
    assert article.title == "Council passes budget"


def test_json_list_and_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"id": "x1", "text": "One."}, {"body": "Two."}]))
    lines = [
        json.dumps({"id": "j1", "title": "T", "text": "Text one."}),
        "{not json",
        json.dumps({"id": "j3", "text": "Three."}),
    ]
    (tmp_path / "day.jsonl").write_text("\n".join(lines))
    articles, errors = _read([tmp_path])
    assert sorted(a.id for a in articles) == ["j1", "j3", "list-2", "x1"]
    assert [e.reason.split(":")[0] for e in errors] == ["line 2"]
    assert all(a.path.endswith("day.jsonl") for a in articles if a.id.startswith("j"))


def test_bad_files_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good article.")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("")
    rng = random.Random(3)
    (tmp_path / "garbled.txt").write_bytes(bytes(rng.choice(range(0x80, 0x100)) for _ in range(400)))
    articles, errors = _read([tmp_path])
    assert [a.id for a in articles] == ["good"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["empty.txt"] == "empty file"
    assert "unknown text encoding" in reasons["garbled.txt"]


def test_legacy_encoding_is_detected(tmp_path: Path) -> None:
    text = "Le président a déclaré que la réunion était très importante pour l'économie française. " * 3
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    (article,), errors = _read([tmp_path / "latin.txt"])
    assert not errors
    assert "président" in article.text


def test_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    articles, errors = _read([tmp_path / "nope.txt", tmp_path / "notes.pdf"])
    assert not articles
    assert [e.reason for e in errors] == ["no such file or folder", "unsupported file type '.pdf'"]


def test_duplicate_ids_are_made_unique(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("One.")
    (tmp_path / "b" / "same.txt").write_text("Two.")
    articles, _ = _read([tmp_path])
    assert sorted(a.id for a in articles) == ["same", "same~2"]
