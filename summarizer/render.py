"""Render a briefing with the Jinja2 templates in `templates/`.

One environment factory: autoescape on for HTML, off for Markdown. Templates receive only
`Briefing.to_dict()` data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2

from summarizer.language import language_name
from summarizer.resources import resource_dir

FORMATS = ("md", "html")


def _md_escape(text: str) -> str:
    """Keep article text from being read as Markdown markup (links, emphasis, headings, HTML)."""
    text = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", str(text))
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=2)
def environment(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("templates")),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md_escape
    env.filters["language"] = language_name
    env.filters["http_url"] = lambda url: url if re.match(r"https?://", str(url), re.IGNORECASE) else ""
    return env


def render(data: dict[str, Any], fmt: str, kind: str = "briefing") -> str:
    """`data` as Markdown ("md") or HTML ("html") through `templates/<kind>.<fmt>.j2`: a briefing
    (from Briefing.to_dict()) or a comparison (from compare.compare()). The template sees the data
    under the name `kind`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    template = environment(fmt == "html").get_template(f"{kind}.{fmt}.j2")
    return template.render(**{kind: data})
