"""Prompt templates: versioned Jinja2 files in `prompts/`, rendered with StrictUndefined so that
a missing variable fails by name. A template has a `system` and a `user` block."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2

from summarizer.errors import ConfigError
from summarizer.resources import resource_dir


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    sha256: str
    template: jinja2.Template

    def render(self, **variables: Any) -> tuple[str, str]:
        """(system, user) messages."""
        context = self.template.new_context(variables)
        try:
            system = "".join(self.template.blocks["system"](context)).strip()
            user = "".join(self.template.blocks["user"](context)).strip()
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"prompt {self.name}: {exc.message}") from None
        return system, user


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("prompts")),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )


def load_prompt(name: str) -> Prompt:
    filename = f"{name}.j2"
    try:
        template = _environment().get_template(filename)
    except jinja2.TemplateNotFound:
        raise ConfigError(f"no prompt named {name!r} in {resource_dir('prompts')}") from None
    if not {"system", "user"} <= set(template.blocks):
        raise ConfigError(f"prompt {name}: needs a 'system' and a 'user' block")
    source = (resource_dir("prompts") / filename).read_bytes()
    return Prompt(name, hashlib.sha256(source).hexdigest(), template)
