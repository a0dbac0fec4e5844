"""Progress on stderr: a live display on a terminal (rich), nothing when stderr is not one or
when quiet.

Each stage is a line: its name, a bar and `n/N` when it counts something, the time it has
taken, an estimate of what is left, and a detail (the story being written, its sub-stage, the
model's tokens per second). Lines printed meanwhile (log lines, `error:` and `note:` lines) go
above the display, never into it.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO


class Progress:
    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._display: Any = None  # rich.progress.Progress once started
        self._tasks: dict[str, Any] = {}
        self._current = ""
        self._base = ""  # the current step's own detail
        self._extra = ""  # what `detail` added to it
        self._rate = ""  # the model's last speed

    def stage(self, name: str, detail: str = "") -> None:
        """A stage that counts nothing (reading, grouping, loading the model)."""
        self._update(name, None, None, detail)

    def step(self, name: str, done: int, total: int, detail: str = "") -> None:
        """`done` of `total` items of stage `name`."""
        self._update(name, done, total, detail)

    def detail(self, extra: str) -> None:
        """More detail for the current step (a story's sub-stage), after the detail the step
        gave, and the last speed `rate` gave."""
        self._extra = extra
        self._show()

    def rate(self, text: str) -> None:
        """The model's last speed ("28.1 tokens/s"), shown with the details from now on."""
        self._rate = text
        self._show()

    def _show(self) -> None:
        if self._display is not None and self._current:
            text = " · ".join(t for t in (self._base, self._extra, self._rate) if t)
            self._display.update(self._tasks[self._current], detail=text[:90])

    def note(self, message: str) -> None:
        """A line above the display."""
        if not self.enabled:
            return
        self._start()
        self._display.console.print(message, markup=False, highlight=False)

    def done(self) -> None:
        if self._display is not None:
            self._finish_current()
            self._display.stop()
            self._display = None
            self._tasks.clear()
            self._current = ""

    def _update(self, name: str, done: int | None, total: int | None, detail: str) -> None:
        if not self.enabled:
            return
        self._start()
        if name != self._current:
            self._finish_current()
            self._tasks[name] = self._display.add_task(name, total=total, detail="")
            self._current = name
        self._base, self._extra = detail, ""
        self._display.update(self._tasks[name], total=total, completed=done or 0)
        self._show()

    def _finish_current(self) -> None:
        if self._current:
            task = self._tasks[self._current]
            total = next((t.total for t in self._display.tasks if t.id == task), None)
            self._display.update(task, total=total or 1, completed=total or 1, detail="")

    def _start(self) -> None:
        if self._display is not None:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as Display,
        )

        console = Console(file=self.stream, force_terminal=self.enabled, highlight=False)
        self._display = Display(
            TextColumn("{task.description:<20}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[detail]}"),
            console=console,
            redirect_stdout=False,
            redirect_stderr=self.stream is sys.stderr,
        )
        self._display.start()


SILENT = Progress(enabled=False)
