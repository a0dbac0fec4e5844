"""A hostile day: the usable articles a folder holds, mixed with every kind of file a real
folder brings (empty, binary, broken JSON, odd encodings, scripts, one huge line, one huge file,
a duplicate, a non-English report, a name with spaces and accents). Generated, never stored:
the tests and `benchmarks/hostile_day.py` build it in a temporary folder.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

GERMAN = (
    "Der Stadtrat hat am Dienstag nach einer langen Sitzung beschlossen, das alte Hallenbad zu "
    "schließen. Die Reparatur würde nach Angaben der Verwaltung mehr als zwei Millionen Euro kosten. "
    "Viele Bürger zeigten sich enttäuscht und kündigten Proteste vor dem Rathaus an."
)

PAGE = """<!doctype html><html><head><title>Harbour page</title>
<script>alert('owned')</script><style>body{{display:none}}</style></head>
<body onload="alert(1)"><nav>Home | News | Sport</nav>
<article><h1>Bridge opens <img src=x onerror=alert(2)></h1>
<p>{text}</p>
<p>Read <a href="javascript:alert(3)">more</a> or <a href="JaVaScRiPt:alert(4)">here</a>
and <span onclick="steal()">click</span> <iframe src="https://evil.example/"></iframe>.</p>
</article></body></html>"""


def build(folder: Path, good: Sequence[Path], huge_mb: int = 45, seed: int = 0) -> dict[str, str]:
    """Copy the `good` articles into `folder` and add the hostile files; returns what each
    hostile file should do: "error" (unusable), "partial" (a bad record among good ones) or
    "use" (usable however odd) or "aside" (set aside with a note: not English). `huge_mb` sets the size of the one huge file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for path in good:
        shutil.copy(path, folder / path.name)
    text = good[0].read_text(encoding="utf-8") if good else "A bridge opened on Tuesday."
    body = "\n".join(line for line in text.splitlines() if line.strip() and ":" not in line[:12])
    expected: dict[str, str] = {}

    def put(name: str, data: bytes | str, what: str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(raw)
        expected[name] = what

    put("empty.txt", b"", "error")
    put("blank.txt", " \n\t\n  \r\n", "error")
    put("random.txt", bytes(rng.randrange(256) for _ in range(20_000)), "error")
    put("nul-bytes.txt", body[: len(body) // 2] + "\x00\x00" + body[len(body) // 2 :], "use")
    put("truncated.json", json.dumps({"title": "Cut off", "text": body})[:-40], "error")
    put("wrong-types.json", json.dumps({"title": ["not", "a", "title"], "text": 42}), "error")
    lines = [
        json.dumps({"id": "jl-good", "title": "Good record", "text": body}),
        '{"id": "jl-broken", "text": "no end',
        json.dumps(["a", "list"]),
        json.dumps({"id": "jl-number", "text": 7}),
    ]
    put("records.jsonl", "\n".join(lines) + "\n", "partial")
    put(
        "latin-1.txt",
        ("title: Café rénové\n\n" + body + " Le café était fermé.").encode("latin-1", "replace"),
        "use",
    )
    put("utf-16.txt", ("title: UTF-16 copy\n\n" + body).encode("utf-16"), "use")
    put("page.html", PAGE.format(text=body), "use")
    sentences = [line for line in body.splitlines() if line.count(" ") > 5] or [body]
    line = " ".join(rng.choice(sentences) for _ in range(1_000_000 // max(1, len(min(sentences, key=len)))))
    put("one-line.txt", line[:1_000_000], "use")
    put("german.txt", "title: Hallenbad schließt\n\n" + GERMAN, "aside")  # not English: a note
    put("name with spaces é.txt", "title: Spaces\n\n" + body, "use")
    if good:
        shutil.copy(good[0], folder / f"copy-of-{good[0].name}")
        expected[f"copy-of-{good[0].name}"] = "use"
    huge = folder / "huge.txt"
    chunk = (body + "\n").encode("utf-8") or b"word "
    with huge.open("wb") as handle:
        written = 0
        while written < huge_mb * 1_000_000:
            handle.write(chunk)
            written += len(chunk)
    expected["huge.txt"] = "error"
    return expected


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed"):
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.live.append(f"<{tag} {name}={value}>")


def live_markup(html: str) -> list[str]:
    """The elements and attributes of `html` that would run code or load content in a browser:
    script-like elements, event handlers, script and data URLs."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.live
