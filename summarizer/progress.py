"""Progress on stderr: a live line on a terminal, nothing when stderr is not one or when quiet."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._live = False

    def stage(self, name: str, detail: str = "") -> None:
        self._line(f"{name}{': ' + detail if detail else ''}", final=False)

    def step(self, name: str, done: int, total: int, detail: str = "") -> None:
        self._line(f"{name}: {done}/{total}{'  ' + detail if detail else ''}", final=done >= total)

    def note(self, message: str) -> None:
        self._line(message, final=True)

    def done(self) -> None:
        if self.enabled and self._live:
            self.stream.write("\n")
            self.stream.flush()
        self._live = False

    def _line(self, text: str, final: bool) -> None:
        if not self.enabled:
            return
        self.stream.write("\r\x1b[2K" + text[:200] + ("\n" if final else ""))
        self.stream.flush()
        self._live = not final


SILENT = Progress(enabled=False)
